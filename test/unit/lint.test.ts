import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "../support/examples";

// `npm test` holds the code to the project's lint and format rules (eslint.config.mjs, .prettierrc.json):
// a finding fails here with the tool's own report; `npm run format` fixes what can be fixed.

function run(bin: string, args: readonly string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(ROOT, "node_modules", bin), ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("lint and format", () => {
  it("ESLint (typescript-eslint recommended) reports nothing", () => {
    const { status, output } = run("eslint/bin/eslint.js", ["--max-warnings", "0", "."]);
    assert.equal(status, 0, output);
  });

  it("every file is formatted as Prettier writes it", () => {
    const { status, output } = run("prettier/bin/prettier.cjs", ["--check", "."]);
    assert.equal(status, 0, `${output}\nrun \`npm run format\``);
  });
});
