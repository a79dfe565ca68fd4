import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { exampleTopologies, synthTopology } from "../../support/examples";
import { DEFAULT_TOPOLOGY } from "../../../src/topology/default-topology";
import { topologyOf } from "./estate";

// `npx cdktf deploy '*'` (the README's command) applies the stacks in the order of the dependencies
// cdktf records in manifest.json. These tests read that file for every example and check the order
// the estate needs: the pki stack and a site's infra stack before its gateway stack, every infra
// stack before global.

interface Manifest {
  readonly stacks: { readonly [name: string]: { readonly dependencies?: readonly string[] } };
}

/** The stacks in an order cdktf can deploy them (each after its dependencies); throws on a cycle. */
function deployOrder(manifest: Manifest): string[] {
  const order: string[] = [];
  const pending = new Map(Object.entries(manifest.stacks).map(([name, stack]) => [name, [...(stack.dependencies ?? [])]]));
  while (pending.size) {
    const ready = [...pending].filter(([, deps]) => deps.every((d) => order.includes(d))).map(([name]) => name);
    if (!ready.length) throw new Error(`a dependency cycle among ${[...pending.keys()].join(", ")}`);
    for (const name of ready.sort()) {
      order.push(name);
      pending.delete(name);
    }
  }
  return order;
}

describe("cdktf deploy '*' order, from the manifest's dependencies", () => {
  // Sites with their own adminUrl: no value crosses from infra to gateway, the order must still hold.
  const ownAdminUrls = topologyOf({
    ...DEFAULT_TOPOLOGY,
    sites: DEFAULT_TOPOLOGY.sites.map((site) => ({ ...site, adminUrl: `https://kong-admin.${site.name}.internal.example.com:8444` })),
  });
  for (const { name, topology } of [...exampleTopologies(), { name: "sites with their own adminUrl", topology: ownAdminUrls }]) {
    it(`${name}: pki, then each site's infra before its gateway, every infra before global`, () => {
      const outdir = join(mkdtempSync(join(tmpdir(), "deploy-order-")), "cdktf.out");
      synthTopology(topology, outdir);
      const order = deployOrder(JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as Manifest);
      const at = (stack: string) => order.indexOf(stack);
      for (const site of topology.sites) {
        assert.ok(at(`${site.name}-infra`) < at(`${site.name}-gateway`), `${site.name}-infra before ${site.name}-gateway in ${order.join(", ")}`);
        assert.ok(at(`${site.name}-infra`) < at("global"), `${site.name}-infra before global in ${order.join(", ")}`);
        if (topology.pki) assert.ok(at("pki") < at(`${site.name}-gateway`), `pki before ${site.name}-gateway in ${order.join(", ")}`);
      }
      assert.equal(order.length, topology.sites.length * 2 + 1 + (topology.pki ? 1 : 0));
    });
  }
});
