import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Testing } from "cdktf";
import { ConfigError } from "../../../src/core/config-error";
import { KongEstate, KongHaTopology } from "../../../src/ha/kong-estate";
import { matchSnapshot } from "../../support/snapshot";
import { BASE, synthEstate, topologyOf } from "./estate";

describe("KongEstate", () => {
  const { estate, stacks } = synthEstate(BASE);

  it("still answers to its deprecated name KongHaTopology (kept for one release)", () => {
    const old = new KongHaTopology(Testing.app(), { topology: topologyOf(BASE) });
    assert.ok(old instanceof KongEstate);
    assert.deepEqual(
      old.stacks.map((stack) => stack.node.id),
      estate.stacks.map((stack) => stack.node.id),
    );
  });

  it("builds infra and gateway stacks per site and one global stack", () => {
    assert.deepEqual(Object.keys(stacks).sort(), ["east-gateway", "east-infra", "global", "west-gateway", "west-infra"]);
  });

  it("points each gateway stack at its infra stack's Admin API through a cross-stack reference", () => {
    const uri: string = stacks["east-gateway"].provider.kong[0].kong_admin_uri;
    assert.match(uri, /^https:\/\/\$\{data\.terraform_remote_state\.cross-stack-reference-input-east-infra\.outputs\.[^}]+\}:8444$/);
  });

  it("reads the infra stack's state where that stack keeps it", () => {
    assert.deepEqual(stacks["east-gateway"].data.terraform_remote_state["cross-stack-reference-input-east-infra"].config, {
      path: "../../../terraform.east-infra.tfstate",
    });
  });

  it("uses the site's adminUrl when the topology sets one", () => {
    const { stacks: s } = synthEstate({ ...BASE, sites: [{ ...BASE.sites[0], adminUrl: "https://kong-admin.east.example.net:8444" }, BASE.sites[1]] });
    assert.equal(s["east-gateway"].provider.kong[0].kong_admin_uri, "https://kong-admin.east.example.net:8444");
  });

  it("feeds the global stack the sites' load balancers", () => {
    const checks = Object.values(stacks.global.resource.aws_route53_health_check) as { fqdn: string }[];
    assert.deepEqual(
      checks.map((c) => c.fqdn.match(/cross-stack-reference-input-(\w+)-infra/)?.[1]),
      ["east", "west"],
    );
  });

  it("with Terraform Cloud, gives every stack its own workspace and reads remote state from it", () => {
    const { stacks: s } = synthEstate(BASE, { organization: "acme", workspacePrefix: "edge" });
    assert.deepEqual(
      [s["east-infra"].terraform.cloud.workspaces, s.global.data.terraform_remote_state["cross-stack-reference-input-west-infra"]],
      [{ name: "edge-east-infra" }, { backend: "remote", config: { organization: "acme", workspaces: { name: "edge-west-infra" } } }],
    );
  });

  it("runs the rule pack over its stacks", () => {
    const sameRegion = { ...BASE, sites: [BASE.sites[0], { ...BASE.sites[1], region: "us-east-1" }] };
    const findings = new KongEstate(Testing.app(), { topology: topologyOf(sameRegion) }).check();
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.path]),
      [["KHA-HA-001", "global/traffic"]],
    );
  });

  it("throws every rule error at once, before synth", () => {
    const bad = { ...BASE, sites: [BASE.sites[0], { ...BASE.sites[1], region: "us-east-1", kong: { desiredCount: 1 } }] };
    const estate2 = new KongEstate(Testing.app(), { topology: topologyOf(bad) });
    assert.throws(
      () => estate2.assertCompliant(),
      (error: ConfigError) => error.issues.map((i) => i.message.slice(0, 12)).join() === "[KHA-HA-001],[KHA-HA-003]",
    );
  });

  it("applies the topology's suppressions to every stack", () => {
    const suppressed = {
      ...BASE,
      sites: [BASE.sites[0], { ...BASE.sites[1], region: "us-east-1" }],
      rules: { suppress: [{ id: "KHA-HA-001", reason: "Two accounts in one region on purpose; DR lives in another estate." }] },
    };
    const e = new KongEstate(Testing.app(), { topology: topologyOf(suppressed) });
    assert.deepEqual([e.assertCompliant(), e.check()[0].suppressedBecause], [[], "Two accounts in one region on purpose; DR lives in another estate."]);
  });

  it("writes its runbook from the topology and the chosen timings", () => {
    assert.match(estate.runbook(), /Expected failover:\n\*\*about 120 s\*\* \(target 120 s\)/);
  });

  it("matches the snapshot of the global stack", () => {
    matchSnapshot("global", stacks.global);
  });
});
