// A security team's plain checkov run: `cdktf synth --hcl` (the real cdktf CLI) of the embedded
// default and of every example topology, then `checkov -d` over the stacks with no option beyond the
// output format. The library's skips reach the HCL as `#checkov:skip=ID:reason` comments, which
// checkov reads itself: 0 failed checks.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT, TOPOLOGY_DIR } from "../support/examples";
import { skipUnless } from "../support/tools";

const SKIP = skipUnless("security", "python3", "terraform");

function checkovBinary(): string {
  if (process.env.CHECKOV_BIN) return process.env.CHECKOV_BIN;
  const install = spawnSync("bash", [join(ROOT, "scripts", "install-checkov.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  assert.equal(install.status, 0, "scripts/install-checkov.sh failed");
  return install.stdout.trim();
}

function synthHcl(env: NodeJS.ProcessEnv): string {
  const outdir = join(mkdtempSync(join(tmpdir(), "checkov-hcl-")), "cdktf.out");
  const run = spawnSync("npx", ["cdktf", "synth", "--hcl", "--output", outdir], {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, `cdktf synth --hcl failed:\n${run.stdout}\n${run.stderr}`);
  return join(outdir, "stacks");
}

const cases = [
  { name: "the embedded default", env: {} },
  ...readdirSync(TOPOLOGY_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((file) => ({ name: `examples/topologies/${file}`, env: { KONG_HA_CONFIG: join(TOPOLOGY_DIR, file) } })),
];

describe("plain checkov over the HCL", { skip: SKIP }, () => {
  for (const example of cases) {
    it(`${example.name}: 0 failed checks`, () => {
      const stacks = synthHcl(example.env);
      const run = spawnSync(checkovBinary(), ["-d", stacks, "-o", "json", "--compact", "--skip-download"], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
      const reports = (
        [] as { summary?: { passed: number; failed: number }; results?: { failed_checks?: { check_id: string; resource: string; file_path: string }[] } }[]
      ).concat(JSON.parse(run.stdout || "[]"));
      assert.ok(
        reports.some((r) => (r.summary?.passed ?? 0) > 0),
        `checkov checked nothing:\n${run.stderr}`,
      );
      const failed = reports.flatMap((r) => r.results?.failed_checks ?? []).map((c) => `${c.check_id} ${c.resource} (${c.file_path})`);
      assert.deepEqual(failed, []);
    });
  }
});
