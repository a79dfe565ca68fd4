// The public API of src/core: The kernel: the schema language (for custom plugins and rules), errors, formats, naming, destroy protection, checkov skips and the rule engine. Re-exports only;
// what is not listed here is internal. src/index.ts re-exports every layer.
export { ConfigError, formatIssues, throwIfIssues } from "./config-error";
export { allowDestroy, LOG_GROUP_KEPT_RULE_ID, PROTECTED_STATE_RULE_ID, protectFromDestroy } from "./destroy-protection";
export { formats } from "./formats";
export { formatLocatedIssues } from "./located-yaml";
export type { LocatedIssue } from "./located-yaml";
export { MANAGED_BY, siteDnsNames, siteExecutionRoleName, sitePrefix, workspaceName } from "./naming";
export { formatFinding, RuleChecker } from "./rules/rule-checker";
export type { Finding } from "./rules/rule-checker";
export { RulePack } from "./rules/rule-pack";
export { MIN_REASON_LENGTH, RuleSuppressions } from "./rules/rule-suppressions";
export type { RuleSuppression } from "./rules/rule-suppressions";
export { defineRule, instancesOf, resourcesOfType, RULE_ID_REGEX } from "./rules/rule";
export type { ConstructClass, Rule, RuleInfo, RuleLevel, RuleTargets } from "./rules/rule";
export { statefulResourceUnprotected } from "./rules/stateful-resource-unprotected";
export {
  ArraySchema,
  BooleanSchema,
  EnumSchema,
  isToken,
  joinPath,
  MapSchema,
  NumberSchema,
  ObjectSchema,
  Optional,
  s,
  Schema,
  StringSchema,
  UnionSchema,
  UnknownSchema,
} from "./schema";
export type { AnySchema, ArrayOptions, Field, Infer, Issue, JsonSchema, NumberOptions, ObjectOf, Refinement, Shape, StringOptions } from "./schema";
