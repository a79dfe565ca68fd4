import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { resolveTopology } from "../../../src/topology/resolve-topology";
import { TerraformCloudBackend } from "../../../src/ha/kong-ha-stack";
import { Topology } from "../../../src/ha/resolved-topology";
import { KongEstate } from "../../../src/ha/kong-estate";
import { StackJson } from "../../support/synth";

export const BASE = {
  name: "edge",
  mode: "active-passive",
  domain: "api.example.com",
  sites: [
    { name: "east", region: "us-east-1", role: "primary" },
    { name: "west", region: "us-west-2", role: "standby" },
  ],
};

/** A topology from a file-shaped object; fails the test on issues. */
export function topologyOf(input: object): Topology {
  const { topology, issues } = resolveTopology(input);
  if (!topology) throw new Error(issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
  return topology;
}

/** Synthesizes a whole estate (cross-stack references resolved) and returns each stack's JSON. */
export function synthEstate(input: object, terraformCloud?: TerraformCloudBackend): { estate: KongEstate; stacks: { [name: string]: StackJson } } {
  const outdir = mkdtempSync(join(tmpdir(), "estate-"));
  const app = new App({ outdir });
  const estate = new KongEstate(app, { topology: topologyOf(input), terraformCloud });
  app.synth();
  const stacks: { [name: string]: StackJson } = {};
  for (const name of readdirSync(join(outdir, "stacks"))) stacks[name] = JSON.parse(readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8"));
  return { estate, stacks };
}
