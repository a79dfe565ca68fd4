import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { Aspects, TerraformOutput, TerraformResource, TerraformStack, Testing } from "cdktf";
import { IConstruct } from "constructs";
import { ConfigError } from "../../../../src/core/config-error";
import { allowDestroy } from "../../../../src/core/destroy-protection";
import { defineRule } from "../../../../src/core/rules/rule";
import { RuleChecker } from "../../../../src/core/rules/rule-checker";
import { RulePack } from "../../../../src/core/rules/rule-pack";
import { RuleSuppressions } from "../../../../src/core/rules/rule-suppressions";
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
    assert.deepEqual(
      new RuleChecker(pack).check(stack).map((f) => [f.ruleId, f.level]),
      [["KHA-TEST-999", "error"]],
    );
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
        [
          "topology rules: s/w0: [KHA-TEST-001] widget w0 is bad. Fix: Make it good.",
          "topology rules: s/w1: [KHA-TEST-001] widget w1 is bad. Fix: Make it good.",
        ].join("\n"),
    );
  });

  it("returns warnings from assertCompliant", () => {
    const warnOnly = new RulePack("w", [widgetRule("KHA-TEST-002", "warning")]);
    assert.deepEqual(
      new RuleChecker(warnOnly).assertCompliant(widgets(true)).map((f) => f.ruleId),
      ["KHA-TEST-002"],
    );
  });

  it("asks a rule with targets only about the constructs it targets, and keeps the pack's order of findings", () => {
    const asked: string[] = [];
    const counting = (id: string, targeted: boolean) => {
      const rule = widgetRule(id);
      return defineRule<Widget>({
        ...rule,
        appliesTo: (node: IConstruct): node is Widget => (asked.push(`${id} ${node.node.id}`), rule.appliesTo(node)),
        targets: targeted ? { classes: [Widget] } : undefined,
      });
    };
    const stack = widgets(true);
    new TerraformOutput(stack, "out", { value: "x" });
    const found = new RuleChecker(new RulePack("t", [counting("KHA-TEST-002", true), counting("KHA-TEST-001", false)])).check(stack);
    assert.deepEqual(
      found.map((f) => f.ruleId),
      ["KHA-TEST-001", "KHA-TEST-002"],
    );
    assert.deepEqual(asked.sort(), ["KHA-TEST-001 out", "KHA-TEST-001 s", "KHA-TEST-001 w0", "KHA-TEST-002 w0"]);
  });

  it("matches Terraform targets by type: a resource of another type is not asked about", () => {
    const asked: string[] = [];
    const rule = defineRule<TerraformResource>({
      ...widgetRule("KHA-TEST-003"),
      appliesTo: (node: IConstruct): node is TerraformResource => (asked.push(node.node.id), node instanceof TerraformResource),
      check: (r) => [`${r.terraformResourceType} found.`],
      targets: { terraformTypes: ["aws_s3_bucket"] },
    });
    const stack = new TerraformStack(Testing.app(), "s");
    new S3Bucket(stack, "bucket");
    new CloudwatchLogGroup(stack, "logs");
    assert.deepEqual(
      new RuleChecker(new RulePack("t", [rule])).check(stack).map((f) => f.message),
      ["aws_s3_bucket found."],
    );
    assert.deepEqual(asked, ["bucket"]);
  });

  it("as an Aspect, turns errors into annotations that stop synth", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "s");
    new Widget(stack, "w0", true);
    Aspects.of(stack).add(new RuleChecker(pack));
    assert.throws(() => app.synth(), /\[KHA-TEST-001\] widget w0 is bad\. Fix: Make it good\./);
  });
});
