import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "../../support/examples";

/** Runs the app as `cdktf synth` does (same command as cdktf.json) with its output in a temp dir. */
function runApp(env: { [key: string]: string } = {}) {
  const outdir = mkdtempSync(join(tmpdir(), "app-"));
  const result = spawnSync(process.execPath, ["--import", "tsx", "stacks/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: join(outdir, "cdktf.out"), ...env },
    encoding: "utf8",
  });
  return { ...result, outdir: join(outdir, "cdktf.out") };
}

describe("stacks/main.ts", () => {
  it("synthesizes the embedded default into one gateway stack per site", () => {
    const { status, outdir, stderr } = runApp();
    assert.equal(status, 0, stderr);
    assert.deepEqual(readdirSync(join(outdir, "stacks")).sort(), ["east-gateway", "west-gateway"]);
  });

  it("reads the topology file named by KONG_HA_CONFIG", () => {
    const { status, outdir, stderr } = runApp({ KONG_HA_CONFIG: "examples/topologies/active-active.yaml" });
    assert.equal(status, 0, stderr);
    assert.deepEqual(readdirSync(join(outdir, "stacks")).sort(), ["apse2-gateway", "euw1-gateway", "use1-gateway"]);
  });

  it("exits 1 with one line per problem, no stack trace and no cdktf.out", () => {
    const dir = mkdtempSync(join(tmpdir(), "bad-"));
    const file = join(dir, "bad.yaml");
    writeFileSync(
      file,
      ["name: edge", "mode: active-passive", "domain: api.example.com", "sites:", "  - { name: east, region: us-east-1, role: primary }", "  - { name: west, region: moon-1, role: standby }", "services:", "  - { name: a, url: 'ftp://x' }", ""].join("\n"),
    );
    const { status, stderr, outdir } = runApp({ KONG_HA_CONFIG: file });
    assert.equal(status, 1);
    assert.deepEqual(stderr.trim().split("\n"), [
      `${file}:6:27 sites[1].region: "moon-1" is not an AWS region such as us-east-1`,
      `${file}:8:21 services[0].url: protocol "ftp" is not one of http, https, grpc, grpcs, tcp, tls, tls_passthrough, udp, ws, wss`,
    ]);
    assert.equal(existsSync(outdir), false);
  });
});
