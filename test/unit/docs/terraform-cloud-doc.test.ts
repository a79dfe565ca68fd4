import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { describe, it } from "node:test";
import { selectBackend } from "../../../src/app/backend";
import { KongEstate } from "../../../src/ha/kong-estate";
import { DEFAULT_TOPOLOGY } from "../../../src/topology/default-topology";
import { resolveTopology } from "../../../src/topology/resolve-topology";
import { ROOT } from "../../support/examples";

// docs/HA.md's Terraform Cloud run setup per stack, checked against the embedded default synthesized
// with TF_CLOUD_ORGANIZATION=acme KONG_HA_BACKEND=cloud.

const topology = resolveTopology(DEFAULT_TOPOLOGY).topology!;
const terraformCloud = selectBackend(topology, { TF_CLOUD_ORGANIZATION: "acme", KONG_HA_BACKEND: "cloud" }).backend;
// A whole app's synth: cross-stack references become terraform_remote_state only then.
const outdir = mkdtempSync(join(tmpdir(), "tfc-doc-"));
const app = new App({ outdir });
const estate = new KongEstate(app, { topology, terraformCloud });
app.synth();

const doc = readFileSync(join(ROOT, "docs", "HA.md"), "utf8");
const section = doc.slice(doc.indexOf("### Terraform Cloud: the run setup per stack"), doc.indexOf("## Rules"));
const rows = new Map(
  section
    .split("\n")
    .filter((line) => /^\| `edge-/.test(line))
    .map((line) => line.split("|").map((cell) => cell.trim()))
    .map((cells) => [cells[1].replace(/`/g, ""), { directory: cells[2], variables: cells[3], reads: cells[4] }]),
);

describe("docs/HA.md: the Terraform Cloud run setup per stack", () => {
  for (const stack of estate.stacks) {
    const json = JSON.parse(readFileSync(join(outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8"));
    const workspace: string = json.terraform.cloud.workspaces.name;

    it(`${stack.node.id}: its workspace, working directory, variables and the states it reads are in the table`, () => {
      const row = rows.get(workspace);
      assert.ok(row, `no row for workspace ${workspace}`);
      assert.equal(row.directory, `\`cdktf.out/stacks/${stack.node.id}\``);
      for (const variable of Object.keys(json.variable ?? {}))
        assert.ok(row.variables.includes(`\`${variable}\``), `${workspace}: variable ${variable} is not listed`);
      const reads = Object.values((json.data?.terraform_remote_state ?? {}) as Record<string, { config: { workspaces: { name: string } } }>)
        .map((r) => `\`${r.config.workspaces.name}\``)
        .sort();
      assert.deepEqual(row.reads === "none" ? [] : row.reads.split(", ").sort(), reads);
    });
  }

  it("has a row for every stack and no other", () => {
    assert.equal(rows.size, estate.stacks.length);
  });
});
