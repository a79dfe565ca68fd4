import { TerraformStack, Testing } from "cdktf";
import { IConstruct } from "constructs";
import { DEFAULT_RULE_PACK } from "../../../../src/ha/default-rule-pack";
import { RuleChecker } from "../../../../src/core/rules/rule-checker";

/** A fresh stack to put resources in. */
export function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), "test");
}

/** The unsuppressed messages of rule `id` under `root`. */
export function findings(root: IConstruct, id: string): string[] {
  return new RuleChecker(DEFAULT_RULE_PACK)
    .check(root)
    .filter((f) => f.ruleId === id && f.suppressedBecause === undefined)
    .map((f) => f.message);
}

/** The reasons of the suppressed findings of rule `id` under `root`. */
export function suppressed(root: IConstruct, id: string): string[] {
  return new RuleChecker(DEFAULT_RULE_PACK)
    .check(root)
    .filter((f) => f.ruleId === id && f.suppressedBecause !== undefined)
    .map((f) => f.suppressedBecause!);
}
