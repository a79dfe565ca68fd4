import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { aws6Provider, pointAtAws6 } from "../../support/aws6";
import { ROOT } from "../../support/examples";

// Where the validate-aws6 suite gets AWS provider 6 (test/support/aws6.ts), tried on a scratch cache.

const VERSION = "6.47.1";

function scratchCache(): string {
  const cache = mkdtempSync(join(tmpdir(), "aws6-cache-"));
  mkdirSync(join(cache, "state"), { recursive: true });
  return cache;
}

function build(cache: string): void {
  const dir = join(cache, "mirror", "registry.terraform.io", "hashicorp", "aws", VERSION, "linux_amd64");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `terraform-provider-aws_v${VERSION}`), "");
}

const mirror = (cache: string) => ({ CDKTF_KONG_HA_CACHE: cache, CDKTF_KONG_HA_AWS6_VERSION: VERSION });

describe("test support: AWS provider 6 for the validate-aws6 suite", () => {
  let saved: { CI?: string; deadline?: string };
  beforeEach(() => {
    saved = { CI: process.env.CI, deadline: process.env.CDKTF_KONG_HA_AWS6_DEADLINE };
    delete process.env.CI;
    delete process.env.CDKTF_KONG_HA_AWS6_DEADLINE;
  });
  afterEach(() => {
    for (const [key, name] of [
      ["CI", "CI"],
      ["deadline", "CDKTF_KONG_HA_AWS6_DEADLINE"],
    ] as const) {
      if (saved[key] === undefined) delete process.env[name];
      else process.env[name] = saved[key];
    }
  });

  it("takes the registry's, as the bindings pin it, with no override", () => {
    assert.deepEqual(aws6Provider({ CDKTF_KONG_HA_PROVIDERS: "registry" }), { kind: "ready", source: "registry.terraform.io" });
  });

  it("points every stack at the mirror's build with an override file", () => {
    const cache = scratchCache();
    build(cache);
    const aws6 = aws6Provider(mirror(cache));
    assert.equal(aws6.kind, "ready");
    const stack = mkdtempSync(join(tmpdir(), "aws6-stack-"));
    pointAtAws6(stack, aws6);
    assert.deepEqual(JSON.parse(readFileSync(join(stack, "aws6_override.tf.json"), "utf8")), {
      terraform: { required_providers: { aws: { source: "aws", version: VERSION } } },
    });
  });

  it("skips with one line saying what to run when nothing is built or building", () => {
    const aws6 = aws6Provider(mirror(scratchCache()));
    assert.equal(aws6.kind, "skip");
    assert.match(aws6.kind === "skip" ? aws6.reason : "", /is not built here: run bash scripts\/toolchain\.sh --with-aws6 \(cold: about 26 min/);
  });

  it("fails under CI, where .ci/run started the build, naming its log", () => {
    process.env.CI = "true";
    const cache = scratchCache();
    const aws6 = aws6Provider(mirror(cache));
    assert.deepEqual(aws6, {
      kind: "fail",
      reason: `hashicorp/aws ${VERSION} was not built (no binary, no build running); see ${join(cache, "logs", "build-aws6.log")}`,
    });
  });

  it("skips while a build runs past the deadline, naming the build's process", () => {
    const cache = scratchCache();
    writeFileSync(join(cache, "state", "aws6.pid"), String(process.pid));
    process.env.CDKTF_KONG_HA_AWS6_DEADLINE = String(Math.floor(Date.now() / 1000));
    const aws6 = aws6Provider(mirror(cache), 50);
    assert.equal(aws6.kind, "skip");
    assert.match(aws6.kind === "skip" ? aws6.reason : "", new RegExp(`still being built \\(pid ${process.pid}, .*\\) and was not ready in time`));
  });

  it("waits for a running build until its binary is there", async () => {
    const cache = scratchCache();
    const builder = spawn("sh", [
      "-c",
      `sleep 1; mkdir -p '${join(cache, "mirror", "registry.terraform.io", "hashicorp", "aws", VERSION, "linux_amd64")}'; touch '${join(cache, "mirror", "registry.terraform.io", "hashicorp", "aws", VERSION, "linux_amd64", `terraform-provider-aws_v${VERSION}`)}'; sleep 5`,
    ]);
    writeFileSync(join(cache, "state", "aws6.pid"), String(builder.pid));
    process.env.CDKTF_KONG_HA_AWS6_DEADLINE = String(Math.floor(Date.now() / 1000) + 60);
    const aws6 = aws6Provider(mirror(cache), 100);
    builder.kill();
    assert.equal(aws6.kind, "ready");
  });

  it("toolchain.sh --aws6-only builds nothing where the registry answers", () => {
    const home = mkdtempSync(join(tmpdir(), "aws6-registry-"));
    const probe = join(home, "terraform.json");
    writeFileSync(probe, "{}");
    const run = spawnSync("bash", [join(ROOT, "scripts", "toolchain.sh"), "--aws6-only"], {
      env: { PATH: process.env.PATH, HOME: home, CDKTF_KONG_HA_CACHE: join(home, "cache"), CDKTF_KONG_HA_REGISTRY_URL: `file://${probe}` },
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /registry\.terraform\.io answers: terraform init installs AWS provider 6, nothing to build/);
  });
});
