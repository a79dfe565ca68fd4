import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { limitProblem, MAX_NESTING } from "../../../src/core/located-yaml";
import { ROOT } from "../../support/examples";

describe("limitProblem", () => {
  it("passes every example topology and decK file", () => {
    const files = [
      ...readdirSync(join(ROOT, "examples", "topologies")).map((f) => join(ROOT, "examples", "topologies", f)),
      join(ROOT, "examples", "deck", "kong.yaml"),
    ];
    assert.deepEqual(
      files.filter((f) => limitProblem(readFileSync(f, "utf8")) !== undefined),
      [],
    );
  });

  it("refuses flow nesting one level past the limit, at the bracket that goes too deep", () => {
    const text = `a: ${"[".repeat(MAX_NESTING + 1)}${"]".repeat(MAX_NESTING + 1)}`;
    assert.deepEqual(limitProblem(text), {
      path: "",
      message: `the file nests deeper than ${MAX_NESTING} levels: no topology or decK file needs that`,
      line: 1,
      column: 4 + MAX_NESTING,
    });
  });

  it("accepts nesting at the limit", () => {
    assert.equal(limitProblem(`a: ${"[".repeat(MAX_NESTING)}${"]".repeat(MAX_NESTING)}`), undefined);
  });

  it("does not count brackets in quoted strings or comments", () => {
    const brackets = "[".repeat(MAX_NESTING + 5);
    assert.equal(limitProblem(`a: "${brackets}"\nb: '${brackets}'\n# ${brackets}\n`), undefined);
  });

  it("does not take an apostrophe inside a plain scalar for a quote", () => {
    const text = `a: Kong's key\nb: ${"[".repeat(MAX_NESTING + 1)}${"]".repeat(MAX_NESTING + 1)}`;
    assert.equal(limitProblem(text)?.line, 2);
  });

  it("refuses block nesting indented past the limit", () => {
    const text = `a:\n${Array.from({ length: 300 }, (_, i) => `${" ".repeat(i + 1)}k:`).join("\n")} 1\n`;
    assert.match(limitProblem(text)?.message ?? "", /indented .* deeper than 256 columns/);
  });
});
