import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT, TOPOLOGY_DIR } from "../support/examples";
import { validateStackDir } from "../support/terraform";
import { tsExampleFiles } from "../support/ts-examples";
import { skipUnless } from "../support/tools";

const SKIP = skipUnless("validate", "terraform");

// The exit path to plain Terraform: `cdktf synth --hcl` (the real cdktf CLI, offline) of every
// example, topology files and TypeScript examples alike, then terraform init + validate of every
// stack it writes. Errors and warnings both fail: the HCL must be as clean as the JSON.

/** Runs `cdktf synth --hcl` as a user would; returns the output directory. */
function synthHcl(args: string[], env: NodeJS.ProcessEnv = {}): string {
  const outdir = join(mkdtempSync(join(tmpdir(), "hcl-")), "cdktf.out");
  const run = spawnSync("npx", ["cdktf", "synth", "--hcl", "--output", outdir, ...args], {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, `cdktf synth --hcl failed:\n${run.stdout}\n${run.stderr}`);
  return outdir;
}

const examples: { readonly name: string; readonly synth: () => string }[] = [
  ...readdirSync(TOPOLOGY_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((file) => ({ name: `examples/topologies/${file}`, synth: () => synthHcl([], { KONG_HA_CONFIG: join(TOPOLOGY_DIR, file) }) })),
  ...tsExampleFiles().map((file) => ({ name: `examples/${file}`, synth: () => synthHcl(["--app", `node --import tsx examples/${file}`]) })),
];

for (const example of examples) {
  describe(`HCL export: ${example.name}`, { skip: SKIP }, () => {
    const outdir = example.synth();
    const stacks = readdirSync(join(outdir, "stacks")).sort();
    it("writes HCL (cdk.tf), not JSON, for every stack", () => {
      assert.ok(stacks.length > 0);
      for (const stack of stacks) assert.match(readFileSync(join(outdir, "stacks", stack, "cdk.tf"), "utf8"), /^terraform \{/);
    });
    for (const stack of stacks) {
      it(`${stack}: terraform validate, no errors, no warnings`, () => {
        const result = validateStackDir(join(outdir, "stacks", stack));
        assert.deepEqual(result.errors, [], `terraform validate errors in the HCL of ${stack}`);
        assert.deepEqual(result.warnings, [], `terraform validate warnings in the HCL of ${stack}`);
      });
    }
  });
}
