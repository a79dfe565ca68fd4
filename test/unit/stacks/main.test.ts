import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runAppCommand } from "../../support/app";

/** Runs the app as `cdktf synth` does (cdktf.json's command) with its output in a temp dir. */
function runApp(env: { [key: string]: string } = {}) {
  const outdir = join(mkdtempSync(join(tmpdir(), "app-")), "cdktf.out");
  return { ...runAppCommand({ CDKTF_OUTDIR: outdir, ...env }), outdir };
}

describe("stacks/main.ts", () => {
  it("synthesizes the embedded default into a pki stack, infra and gateway stacks per site and a global stack", () => {
    const { status, outdir, stderr } = runApp();
    assert.equal(status, 0, stderr);
    assert.deepEqual(readdirSync(join(outdir, "stacks")).sort(), ["east-gateway", "east-infra", "global", "pki", "west-gateway", "west-infra"]);
  });

  it("writes the estate's failover runbook next to the stacks", () => {
    const { status, outdir, stderr } = runApp();
    assert.equal(status, 0, stderr);
    assert.match(readFileSync(join(outdir, "RUNBOOK.md"), "utf8"), /^# Failover runbook: edge \(active-passive\)$/m);
  });

  it("reads the topology file named by KONG_HA_CONFIG", () => {
    const { status, outdir, stderr } = runApp({ KONG_HA_CONFIG: "examples/topologies/active-active.yaml" });
    assert.equal(status, 0, stderr);
    assert.deepEqual(readdirSync(join(outdir, "stacks")).sort(), [
      "apse2-gateway",
      "apse2-infra",
      "euw1-gateway",
      "euw1-infra",
      "global",
      "pki",
      "use1-gateway",
      "use1-infra",
    ]);
  });

  it("keeps each stack in its own Terraform Cloud workspace with KONG_HA_BACKEND=cloud", () => {
    const { status, outdir, stderr } = runApp({ KONG_HA_BACKEND: "cloud", TF_CLOUD_ORGANIZATION: "acme" });
    assert.equal(status, 0, stderr);
    const json = JSON.parse(readFileSync(join(outdir, "stacks", "east-infra", "cdk.tf.json"), "utf8"));
    assert.deepEqual(json.terraform.cloud, { organization: "acme", workspaces: { name: "edge-east-infra" } });
  });

  it("exits 1 on a topology rule error, naming the rule and the fix, and writes nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "rules-"));
    const file = join(dir, "same-region.yaml");
    writeFileSync(
      file,
      [
        "name: edge",
        "mode: active-passive",
        "domain: api.example.com",
        "sites:",
        "  - { name: east, region: us-east-1, role: primary }",
        "  - { name: east2, region: us-east-1, role: standby }",
        "",
      ].join("\n"),
    );
    const { status, stderr, outdir } = runApp({ KONG_HA_CONFIG: file });
    assert.equal(status, 1);
    assert.deepEqual(stderr.trim().split("\n"), [
      "topology rules: global/traffic: [KHA-HA-001] sites east and east2 are all in us-east-1: one regional outage takes them down together. Fix: Put each site in its own region.",
    ]);
    assert.equal(existsSync(outdir), false);
  });

  it("prints rule warnings and still synthesizes", () => {
    const dir = mkdtempSync(join(tmpdir(), "rules-"));
    const file = join(dir, "pilot.yaml");
    writeFileSync(
      file,
      [
        "name: edge",
        "mode: active-passive",
        "domain: api.example.com",
        "sites:",
        "  - { name: east, region: us-east-1, role: primary }",
        "  - { name: west, region: us-west-2, role: standby, standby: pilot-light }",
        "",
      ].join("\n"),
    );
    const { status, stderr } = runApp({ KONG_HA_CONFIG: file });
    assert.equal(status, 0, stderr);
    assert.match(stderr, /^warning: global\/traffic: \[KHA-HA-008\] standby west is pilot-light/m);
  });

  it("exits 1 with one line per problem, no stack trace and no cdktf.out", () => {
    const dir = mkdtempSync(join(tmpdir(), "bad-"));
    const file = join(dir, "bad.yaml");
    writeFileSync(
      file,
      [
        "name: edge",
        "mode: active-passive",
        "domain: api.example.com",
        "sites:",
        "  - { name: east, region: us-east-1, role: primary }",
        "  - { name: west, region: moon-1, role: standby }",
        "services:",
        "  - { name: a, url: 'ftp://x' }",
        "",
      ].join("\n"),
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
