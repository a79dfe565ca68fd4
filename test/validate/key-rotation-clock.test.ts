import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { planHoursExpression } from "../../src/pki/key-rotation";
import { toolchainEnv } from "../support/terraform";
import { skipUnless } from "../support/tools";

const SKIP = skipUnless("validate", "terraform");

// The leaf keys' rotation clock is Terraform arithmetic on plantimestamp() (Terraform has no
// date-to-number function): evaluated by the real terraform, at fixed times, it must equal the hours
// since 1970 that JavaScript computes, across month, leap-day and year boundaries.
describe("the certificate rotation clock, evaluated by terraform console", { skip: SKIP }, () => {
  const times = [
    "1970-01-01T00:00:00Z",
    "2026-12-05T02:30:00Z",
    "2027-02-28T23:59:59Z",
    "2028-02-29T12:00:00Z",
    "2028-03-01T00:00:00Z",
    "2099-12-31T23:00:00Z",
    "2100-03-01T05:00:00Z",
  ];

  it("equals the whole hours since 1970-01-01 UTC at each of them", () => {
    const dir = mkdtempSync(join(tmpdir(), "rotation-clock-"));
    // One expression (the console prints only the last result of piped input), as JSON.
    const input = `jsonencode([${times.map((time) => planHoursExpression(`"${time}"`)).join(", ")}])\n`;
    const run = spawnSync("terraform", ["console"], { cwd: dir, input, env: { ...toolchainEnv(), CHECKPOINT_DISABLE: "1" }, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(
      JSON.parse(JSON.parse(run.stdout.trim())),
      times.map((time) => Math.floor(Date.parse(time) / 3_600_000)),
    );
  });
});
