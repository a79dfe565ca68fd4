import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "../../support/examples";

// scripts/toolchain.sh takes the registry path when registry.terraform.io answers: no mirror, no
// provider build, terraform init installs the real providers. The probe's URL is pointed at a local
// file here (curl reads file:// URLs), so both answers can be tried offline.

function toolchain(registryAnswers: boolean, withGo: boolean): { code: number; stderr: string; cache: string } {
  const cache = mkdtempSync(join(tmpdir(), "toolchain-registry-"));
  const bin = mkdtempSync(join(tmpdir(), "toolchain-bin-"));
  writeFileSync(join(bin, "vault"), "#!/bin/sh\necho 'Vault v1.18.3 (abc), built 2024-12-16T14:00:53Z'\n");
  chmodSync(join(bin, "vault"), 0o755);
  const probe = join(cache, "terraform.json");
  if (registryAnswers) writeFileSync(probe, '{"providers.v1":"/v1/providers/"}');
  const go = spawnSync("bash", ["-c", "command -v go"], { encoding: "utf8" }).stdout.trim();
  const path = [bin, ...(withGo && go ? [dirname(go)] : []), "/usr/local/bin", "/usr/bin", "/bin"].filter((d) => withGo || !existsSync(join(d, "go")));
  const run = spawnSync("bash", [join(ROOT, "scripts", "toolchain.sh")], {
    env: { PATH: path.join(":"), HOME: cache, CDKTF_KONG_HA_CACHE: join(cache, "cache"), CDKTF_KONG_HA_REGISTRY_URL: `file://${probe}` },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: run.status ?? -1, stderr: run.stderr, cache: join(cache, "cache") };
}

describe("toolchain: the registry when it answers", () => {
  it("builds nothing and writes env.json for the registry, with the Vault server on PATH", () => {
    const run = toolchain(true, true);
    assert.equal(run.code, 0, run.stderr);
    const env = JSON.parse(readFileSync(join(run.cache, "env.json"), "utf8"));
    assert.deepEqual([env.CDKTF_KONG_HA_PROVIDERS, env.TF_CLI_CONFIG_FILE, /\/vault$/.test(env.VAULT_BIN)], ["registry", undefined, true]);
    assert.equal(existsSync(join(run.cache, "mirror", "registry.terraform.io")), false);
    assert.match(run.stderr, /registry\.terraform\.io answers: terraform init installs the real providers/);
  });

  it("needs no Go then", () => {
    const run = toolchain(true, false);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(readFileSync(join(run.cache, "env.json"), "utf8")).CDKTF_KONG_HA_PROVIDERS, "registry");
  });

  it("says in one line what to install when neither the registry nor Go is there", () => {
    const run = toolchain(false, false);
    assert.equal(run.code, 1);
    assert.deepEqual(run.stderr.trim().split("\n"), [
      `toolchain.sh: ERROR: neither registry.terraform.io (probed file://${run.cache.replace(/\/cache$/, "")}/terraform.json) nor Go is available: install Go (https://go.dev/dl) so the providers can be built from the Go module proxy, or run where the Terraform registry answers`,
    ]);
  });
});

describe("test support: the toolchain's environment for terraform", () => {
  it("drops a TF_CLI_CONFIG_FILE naming a missing file, which terraform would stop on", () => {
    const cache = mkdtempSync(join(tmpdir(), "toolchain-env-"));
    writeFileSync(join(cache, "env.json"), JSON.stringify({ CDKTF_KONG_HA_PROVIDERS: "registry" }));
    const script = `const { toolchainEnv } = require(${JSON.stringify(join(ROOT, "test", "support", "terraform.ts"))}); process.stdout.write(JSON.stringify(toolchainEnv()));`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "-e", script], {
      cwd: ROOT,
      env: { ...process.env, CDKTF_KONG_HA_CACHE: cache, TF_CLI_CONFIG_FILE: "/nonexistent/terraformrc" },
      encoding: "utf8",
    });
    assert.equal(run.status, 0, run.stderr);
    const env = JSON.parse(run.stdout);
    assert.deepEqual([env.TF_CLI_CONFIG_FILE, env.CDKTF_KONG_HA_PROVIDERS], [undefined, "registry"]);
  });
});
