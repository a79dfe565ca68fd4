import { TerraformResource } from "cdktf";
import { IConstruct } from "constructs";
import { isInstanceOf, isResource } from "../construct-kinds";

/** `error` fails synth; `warning` is printed and recorded, synth goes on. */
export type RuleLevel = "error" | "warning";

/** A rule ID: `KHA-<area>-<nnn>`, e.g. KHA-HA-001 (HA rules) or KHA-SEC-001 (security rules). */
export const RULE_ID_REGEX = /^KHA-[A-Z]{2,5}-\d{3}$/;

/** What a rule is, independent of how it checks: the part `docs/RULES.md` is generated from. */
export interface RuleInfo {
  /** Stable ID; never reused or renumbered, since suppressions name it. */
  readonly id: string;
  /** Short kebab-case name, e.g. `sites-share-region`. */
  readonly name: string;
  readonly level: RuleLevel;
  /** One line: what is wrong when the rule fires. */
  readonly cause: string;
  /** Why it matters and when it may be suppressed (markdown, a paragraph or two). */
  readonly explanation: string;
  /** What to change to comply (one or two sentences). */
  readonly fix: string;
}

/** A construct class, abstract or not. */
export type ConstructClass<T extends IConstruct = IConstruct> = abstract new (...args: never[]) => T;

/**
 * The constructs a rule's `appliesTo` can be true for at all. The checker asks `appliesTo` only of
 * these, instead of asking every rule about every construct: an estate has thousands of constructs
 * and most rules look at a handful of them.
 */
export interface RuleTargets {
  /** Instances of these classes (or their subclasses). */
  readonly classes?: readonly ConstructClass[];
  /** Terraform resources, data sources and providers of these types (`terraformResourceType`). */
  readonly terraformTypes?: readonly string[];
}

/**
 * A check over the construct tree. `appliesTo` selects the constructs it looks at (by class, like
 * cdk-nag rules select resources by type); `check` returns one message per problem found on such a
 * construct, empty when it complies. Rules read what constructs expose (their props and facts), never
 * the synthesized JSON, so they work the same before and after synth and on tokens.
 */
export interface Rule<T extends IConstruct = IConstruct> extends RuleInfo {
  appliesTo(node: IConstruct): node is T;
  check(node: T): readonly string[];
  /**
   * What `appliesTo` can be true for (`instancesOf` and `resourcesOfType` set it with `appliesTo`).
   * A construct outside the targets is not asked about, so they must cover every construct
   * `appliesTo` accepts.
   * @default every construct is asked
   */
  readonly targets?: RuleTargets;
}

/** `appliesTo` and `targets` of a rule about the instances of a construct class: `...instancesOf(KongSite)`. */
export function instancesOf<T extends IConstruct>(cls: ConstructClass<T>): Pick<Rule<T>, "appliesTo" | "targets"> {
  return { appliesTo: (node: IConstruct): node is T => isInstanceOf(node, cls), targets: { classes: [cls] } };
}

/** `appliesTo` and `targets` of a rule about Terraform resources of the given types: `...resourcesOfType("aws_s3_bucket")`. */
export function resourcesOfType(...types: readonly string[]): Pick<Rule<TerraformResource>, "appliesTo" | "targets"> {
  const set = new Set(types);
  return {
    appliesTo: (node: IConstruct): node is TerraformResource => isResource(node) && set.has(node.terraformResourceType),
    targets: { terraformTypes: types },
  };
}

/**
 * Defines a rule, checking the parts every rule must have: an ID of the form KHA-<area>-<nnn>, a
 * one-line cause, an explanation and a fix. Throws on a malformed definition (a programming error).
 */
export function defineRule<T extends IConstruct>(rule: Rule<T>): Rule<T> {
  const problems: string[] = [];
  if (!RULE_ID_REGEX.test(rule.id)) problems.push(`id ${JSON.stringify(rule.id)} is not KHA-<area>-<nnn>`);
  if (!/^[a-z][a-z0-9-]*$/.test(rule.name)) problems.push(`name ${JSON.stringify(rule.name)} is not kebab-case`);
  if (!rule.cause.trim() || rule.cause.includes("\n")) problems.push("cause must be one non-empty line");
  if (!rule.explanation.trim()) problems.push("explanation is empty");
  if (!rule.fix.trim()) problems.push("fix is empty");
  if (problems.length) throw new Error(`rule ${rule.id}: ${problems.join("; ")}`);
  return Object.freeze(rule);
}
