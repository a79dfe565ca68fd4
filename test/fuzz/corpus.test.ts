// Hand-written bad topology files, kept as regression cases: each file's exact error lines (after
// the file name) are in its .expected file. A line ending in ':' only has to start the error line.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { formatLocatedIssues } from "../../src/core/located-yaml";
import { loadTopologyFile } from "../../src/topology/load-topology";
import { runAppCommand } from "../support/app";

const CORPUS = join(__dirname, "corpus");
const cases = readdirSync(CORPUS)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

function expectedLines(file: string): string[] {
  return readFileSync(join(CORPUS, file.replace(/\.yaml$/, ".expected")), "utf8")
    .trim()
    .split("\n");
}

function matches(actual: string[], file: string, expected: string[]): void {
  assert.equal(actual.length, expected.length, `expected ${expected.length} lines, got:\n${actual.join("\n")}`);
  expected.forEach((line, i) => {
    if (line.endsWith(":")) assert.ok(actual[i].startsWith(`${file}${line}`), actual[i]);
    else assert.equal(actual[i], `${file}${line}`);
  });
}

describe("bad topology corpus", () => {
  for (const name of cases) {
    it(name, () => {
      const file = join(CORPUS, name);
      const { topology, issues } = loadTopologyFile(file);
      assert.equal(topology, undefined);
      matches(formatLocatedIssues(file, issues).split("\n"), file, expectedLines(name));
    });
  }

  for (const name of ["duplicates.yaml", "yaml-syntax.yaml", "secrets-in-clear.yaml"]) {
    it(`synth of ${name} exits 1 with the same lines, no stack trace, no cdktf.out`, () => {
      const out = join(mkdtempSync(join(tmpdir(), "corpus-")), "cdktf.out");
      const file = join(CORPUS, name);
      const run = runAppCommand({ KONG_HA_CONFIG: file, CDKTF_OUTDIR: out });
      assert.equal(run.status, 1);
      assert.doesNotMatch(run.stderr, /^\s+at /m);
      matches(run.stderr.trim().split("\n"), file, expectedLines(name));
      assert.equal(existsSync(out), false);
    });
  }
});
