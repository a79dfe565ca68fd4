import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "../../support/examples";

// A terraform-backed suite on a machine without one of its tools skips with one line saying what to
// install; under CI it never skips (a missing tool there must fail). Run in a child process with a
// PATH that has no terraform.

function skipReason(env: NodeJS.ProcessEnv): { reason: unknown; stderr: string } {
  const script = `const { skipUnless } = require(${JSON.stringify(join(ROOT, "test", "support", "tools.ts"))});
process.stdout.write(JSON.stringify(skipUnless("validate", "terraform")));`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: ROOT, env, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  return { reason: JSON.parse(run.stdout), stderr: run.stderr };
}

const WITHOUT_TERRAFORM = { PATH: `${process.execPath.replace(/\/node$/, "")}:/usr/bin:/bin`, HOME: process.env.HOME };

describe("a suite whose tool is missing", () => {
  it("skips with one line that says what to install", () => {
    const { reason, stderr } = skipReason(WITHOUT_TERRAFORM);
    const line = "validate: skipped: not found here: terraform >= 1.11 (https://developer.hashicorp.com/terraform/install). Install it to run this suite.";
    assert.deepEqual([reason, stderr.trim()], [line, line]);
  });

  it("never skips under CI", () => {
    assert.equal(skipReason({ ...WITHOUT_TERRAFORM, CI: "true" }).reason, false);
  });

  it("runs where the tool is on PATH", () => {
    assert.equal(skipReason({ PATH: process.env.PATH, HOME: process.env.HOME }).reason, false);
  });
});
