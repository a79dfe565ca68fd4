import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defineRule } from "../../../../src/core/rules/rule";
import { widgetRule } from "./helpers";

describe("defineRule", () => {
  it("accepts a complete rule", () => {
    assert.equal(widgetRule().id, "KHA-TEST-001");
  });

  it("refuses an ID outside KHA-<area>-<nnn>", () => {
    assert.throws(() => widgetRule("HA-1"), /rule HA-1: id "HA-1" is not KHA-<area>-<nnn>/);
  });

  it("refuses a cause longer than one line and an empty fix", () => {
    const rule = { ...widgetRule(), cause: "two\nlines", fix: " " };
    assert.throws(() => defineRule(rule), /cause must be one non-empty line; fix is empty/);
  });
});
