import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Testing, TerraformStack } from "cdktf";
import { RuleChecker } from "../../../../src/core/rules/rule-checker";
import { DEFAULT_RULE_PACK } from "../../../../src/ha/default-rule-pack";
import { testSite } from "../../site/fixtures";
import { findings } from "./fixtures";

const stack = () => new TerraformStack(Testing.app(), "east-infra");

describe("KHA-HA-007 tasks-fewer-than-azs", () => {
  it("accepts a task per AZ", () => {
    assert.deepEqual(findings(testSite(stack()), "KHA-HA-007"), []);
  });

  it("warns about a serving site with fewer tasks than AZs", () => {
    const site = testSite(stack(), { cluster: { desiredCount: 1, minCount: 1 } });
    const found = new RuleChecker(DEFAULT_RULE_PACK).check(site).filter((f) => f.ruleId === "KHA-HA-007");
    assert.deepEqual(
      found.map((f) => [f.level, f.message]),
      [["warning", "site east runs 1 task(s) over 2 AZs."]],
    );
  });

  it("leaves a warm standby alone", () => {
    assert.deepEqual(findings(testSite(stack(), { role: "standby", standbyLevel: "warm", cluster: { desiredCount: 1, minCount: 1 } }), "KHA-HA-007"), []);
  });
});
