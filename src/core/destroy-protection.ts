import { TerraformResource } from "cdktf";
import { IConstruct } from "constructs";
import { RuleSuppressions } from "./rules/rule-suppressions";

/** The rule that requires destroy protection on stateful resources. */
export const PROTECTED_STATE_RULE_ID = "KHA-SEC-001";
/** The rule that requires log groups to outlive their stack. */
export const LOG_GROUP_KEPT_RULE_ID = "KHA-SEC-006";

/** The reason recorded where `protect: false` switched protection off. */
export const PROTECT_FALSE_REASON = "protect: false was passed explicitly: a throw-away environment that must be destroyable.";

/**
 * Records that `scope` and everything under it is destroyable on purpose (`protect: false`): rules
 * KHA-SEC-001 and KHA-SEC-006 then report its resources as suppressed, with that reason, instead of
 * failing. A pack without those rules ignores the record.
 */
export function allowDestroy(scope: IConstruct): void {
  RuleSuppressions.add(
    scope,
    { id: PROTECTED_STATE_RULE_ID, reason: PROTECT_FALSE_REASON, ignoredOutsidePack: true },
    { id: LOG_GROUP_KEPT_RULE_ID, reason: PROTECT_FALSE_REASON, ignoredOutsidePack: true },
  );
}

/**
 * `lifecycle.prevent_destroy` on a stateful resource unless `protect` is `false`, in which case the
 * opt-out is recorded (`allowDestroy`). Terraform then refuses any plan that destroys or replaces it.
 */
export function protectFromDestroy(resource: TerraformResource, protect: boolean | undefined): void {
  if (protect === false) allowDestroy(resource);
  else resource.lifecycle = { ...resource.lifecycle, preventDestroy: true };
}
