import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Aspects, Testing, TerraformStack } from "cdktf";
import { ConfigError } from "../../../src/config/config-error";
import { allowDestroy } from "../../../src/rules/destroy-protection";
import { RuleChecker } from "../../../src/rules/rule-checker";
import { RulePack } from "../../../src/rules/rule-pack";
import { RuleSuppressions } from "../../../src/rules/rule-suppressions";
import { Widget, widgetRule } from "./helpers";

const pack = new RulePack("test", [widgetRule(), widgetRule("KHA-TEST-002", "warning")]);

function widgets(...bad: boolean[]): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "s");
  bad.forEach((b, i) => new Widget(stack, `w${i}`, b));
  return stack;
}

describe("RuleChecker", () => {
  it("finds nothing on compliant constructs", () => {
    assert.deepEqual(new RuleChecker(pack).check(widgets(false)), []);
  });

  it("reports each rule that fires, with its level and the construct path", () => {
    const found = new RuleChecker(pack).check(widgets(false, true)).map((f) => [f.ruleId, f.level, f.path, f.message]);
    assert.deepEqual(found, [
      ["KHA-TEST-001", "error", "s/w1", "widget w1 is bad."],
      ["KHA-TEST-002", "warning", "s/w1", "widget w1 is bad."],
    ]);
  });

  it("keeps a suppressed finding, marked with the reason", () => {
    const stack = widgets(true);
    RuleSuppressions.add(stack, { id: "KHA-TEST-001", reason: "Fixture widgets are bad on purpose here." });
    const found = new RuleChecker(pack).check(stack).find((f) => f.ruleId === "KHA-TEST-001");
    assert.equal(found?.suppressedBecause, "Fixture widgets are bad on purpose here.");
  });

  it("reports a suppression of a rule the pack does not have", () => {
    const stack = widgets(false);
    RuleSuppressions.add(stack, { id: "KHA-TEST-999", reason: "A typo in the rule ID should not pass silently." });
    assert.deepEqual(new RuleChecker(pack).check(stack).map((f) => [f.ruleId, f.level]), [["KHA-TEST-999", "error"]]);
  });

  it("ignores an opt-out a construct recorded for a rule this pack leaves out (protect: false)", () => {
    const stack = widgets(false);
    allowDestroy(stack);
    assert.deepEqual(new RuleChecker(pack).check(stack), []);
  });

  it("throws one ConfigError with every error, without a stack trace in the message", () => {
    assert.throws(
      () => new RuleChecker(pack).assertCompliant(widgets(true, true)),
      (e: ConfigError) =>
        e.message ===
        ["topology rules: s/w0: [KHA-TEST-001] widget w0 is bad. Fix: Make it good.", "topology rules: s/w1: [KHA-TEST-001] widget w1 is bad. Fix: Make it good."].join("\n"),
    );
  });

  it("returns warnings from assertCompliant", () => {
    const warnOnly = new RulePack("w", [widgetRule("KHA-TEST-002", "warning")]);
    assert.deepEqual(new RuleChecker(warnOnly).assertCompliant(widgets(true)).map((f) => f.ruleId), ["KHA-TEST-002"]);
  });

  it("as an Aspect, turns errors into annotations that stop synth", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "s");
    new Widget(stack, "w0", true);
    Aspects.of(stack).add(new RuleChecker(pack));
    assert.throws(() => app.synth(), /\[KHA-TEST-001\] widget w0 is bad\. Fix: Make it good\./);
  });
});
