import { IConstruct } from "constructs";
import { ConfigError } from "../config-error";
import { RULE_ID_REGEX } from "./rule";

/** Switches a rule off for a construct and everything under it, with the reason on record. */
export interface RuleSuppression {
  /** The rule's ID, e.g. KHA-HA-001. */
  readonly id: string;
  /** Why the rule does not apply here: at least one sentence (20 characters or more). */
  readonly reason: string;
  /**
   * Not reported when the checker's pack has no rule with this ID. For opt-outs a construct records
   * by itself (`protect: false`), which must not break a pack that leaves the rule out.
   * @default false: a suppression of an unknown rule is reported (a typo must not switch nothing off)
   */
  readonly ignoredOutsidePack?: boolean;
}

/** Metadata type under which suppressions are stored on a construct's node. */
export const SUPPRESSION_METADATA = "cdktf-kong-ha:rule-suppression";

/** The shortest reason accepted: a reason must explain, not just acknowledge. */
export const MIN_REASON_LENGTH = 20;

/**
 * Rule suppressions, stored on the construct they apply to (and inherited by its children). Every
 * suppression needs an ID and a reason; the rule checker reports the ones that name no rule of its
 * pack, so a typo cannot silently switch nothing off.
 */
export class RuleSuppressions {
  /** Suppresses rules on `scope` and everything under it. Throws a ConfigError on a missing ID or a short reason. */
  static add(scope: IConstruct, ...suppressions: readonly RuleSuppression[]): void {
    const issues = suppressions.flatMap((suppression, i) => {
      const found: { path: string; message: string }[] = [];
      if (!RULE_ID_REGEX.test(suppression.id ?? "")) {
        found.push({ path: `suppressions[${i}].id`, message: `${JSON.stringify(suppression.id)} is not a rule ID such as KHA-HA-001` });
      }
      if ((suppression.reason ?? "").trim().length < MIN_REASON_LENGTH) {
        found.push({
          path: `suppressions[${i}].reason`,
          message: `a suppression needs a reason of at least ${MIN_REASON_LENGTH} characters saying why ${suppression.id} does not apply`,
        });
      }
      return found;
    });
    if (issues.length) throw new ConfigError(issues, scope.node.path || "app");
    for (const suppression of suppressions) {
      scope.node.addMetadata(SUPPRESSION_METADATA, {
        id: suppression.id,
        reason: suppression.reason.trim(),
        ...(suppression.ignoredOutsidePack ? { ignoredOutsidePack: true } : {}),
      });
    }
  }

  /** The suppressions set on `scope` itself. */
  static of(scope: IConstruct): RuleSuppression[] {
    return scope.node.metadata.filter((m) => m.type === SUPPRESSION_METADATA).map((m) => m.data as RuleSuppression);
  }

  /** The suppression of rule `id` that applies to `node` (set on it or on a scope above it), if any. */
  static find(node: IConstruct, id: string): RuleSuppression | undefined {
    for (const scope of [...node.node.scopes].reverse()) {
      const found = RuleSuppressions.of(scope).find((s) => s.id === id);
      if (found) return found;
    }
    return undefined;
  }
}
