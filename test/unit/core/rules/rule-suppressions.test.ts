import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Testing, TerraformStack } from "cdktf";
import { ConfigError } from "../../../../src/core/config-error";
import { RuleSuppressions } from "../../../../src/core/rules/rule-suppressions";
import { Widget } from "./helpers";

const REASON = "This widget is a fixture that is bad on purpose.";

describe("RuleSuppressions", () => {
  it("applies to the construct and everything under it", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    RuleSuppressions.add(stack, { id: "KHA-TEST-001", reason: REASON });
    assert.equal(RuleSuppressions.find(new Widget(stack, "w", true), "KHA-TEST-001")?.reason, REASON);
  });

  it("does not apply to siblings", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    RuleSuppressions.add(new Widget(stack, "a", true), { id: "KHA-TEST-001", reason: REASON });
    assert.equal(RuleSuppressions.find(new Widget(stack, "b", true), "KHA-TEST-001"), undefined);
  });

  it("needs a reason of at least one sentence", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    assert.throws(
      () => RuleSuppressions.add(stack, { id: "KHA-TEST-001", reason: "ok" }),
      (e: ConfigError) =>
        e.message === "s: suppressions[0].reason: a suppression needs a reason of at least 20 characters saying why KHA-TEST-001 does not apply",
    );
  });

  it("needs a rule ID", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    assert.throws(() => RuleSuppressions.add(stack, { id: "", reason: REASON }), /suppressions\[0\]\.id: "" is not a rule ID such as KHA-HA-001/);
  });
});
