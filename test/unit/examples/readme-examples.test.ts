import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { cli } from "../../support/cli";
import { ROOT, TOPOLOGY_DIR } from "../../support/examples";
import { tsExampleFiles } from "../../support/ts-examples";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const topologies = readdirSync(TOPOLOGY_DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

describe("examples as the README presents them", () => {
  const examples = [...topologies.map((f) => `examples/topologies/${f}`), ...tsExampleFiles().map((f) => `examples/${f}`), "examples/deck/kong.yaml"];
  for (const example of examples) {
    it(`${example} is listed on one line of the README's examples`, () => {
      const lines = readme.split("\n").filter((line) => line.startsWith(`- [${example}](${example}):`));
      assert.equal(lines.length, 1, `add "- [${example}](${example}): <what it shows>" to the README's Examples section`);
    });
  }

  for (const file of topologies) {
    it(`examples/topologies/${file}: npx cdktf-kong-ha check and diagram succeed`, () => {
      const path = `examples/topologies/${file}`;
      const check = cli(["check", path]);
      assert.equal(check.code, 0, check.stderr);
      assert.match(check.stdout, /: valid: /);
      const diagram = cli(["diagram", path]);
      assert.equal(diagram.code, 0, diagram.stderr);
      assert.match(diagram.stdout, /^flowchart TB\n/);
    });
  }
});
