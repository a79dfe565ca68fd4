import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RulePack } from "../../../../src/core/rules/rule-pack";
import { widgetRule } from "./helpers";

describe("RulePack", () => {
  it("sorts rules by ID", () => {
    assert.deepEqual(new RulePack("p", [widgetRule("KHA-TEST-002"), widgetRule("KHA-TEST-001")]).ids, ["KHA-TEST-001", "KHA-TEST-002"]);
  });

  it("refuses an ID defined twice", () => {
    assert.throws(() => new RulePack("p", [widgetRule(), widgetRule()]), /rule pack p: rule ID KHA-TEST-001 is defined twice/);
  });

  it("grows with more rules into a new pack", () => {
    const pack = new RulePack("p", [widgetRule()]);
    assert.deepEqual([pack.with("q", [widgetRule("KHA-SEC-001")]).ids, pack.ids], [["KHA-SEC-001", "KHA-TEST-001"], ["KHA-TEST-001"]]);
  });

  it("renders docs/RULES.md: a summary row linking to a section per rule, grouped by area", () => {
    const md = new RulePack("p", [widgetRule()]).toMarkdown("npm run x");
    assert.match(md, /^Generated from the rule pack by `npm run x`; do not edit by hand\.$/m);
    assert.match(md, /^\| \[KHA-TEST-001\]\(#kha-test-001-bad-widget\) \| error \| bad-widget \| A widget is bad\. \|$/m);
    assert.match(
      md,
      /^## KHA-TEST\n\n### KHA-TEST-001 bad-widget\n\n\*\*error\*\*: A widget is bad\.\n\nBad widgets break things\.\n\n\*\*Fix:\*\* Make it good\.$/m,
    );
  });
});
