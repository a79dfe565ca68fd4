import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_TOPOLOGY } from "../../../src/topology/default-topology";
import { resolveTopology } from "../../../src/topology/resolve-topology";
import { SiteGatewayStack } from "../../../src/ha/site-gateway-stack";
import { matchSnapshot } from "../../support/snapshot";
import { resources, synthOf, testApp } from "../../support/synth";

const topology = resolveTopology(DEFAULT_TOPOLOGY).topology!;

function gatewayStack(site = topology.sites[0]) {
  return new SiteGatewayStack(testApp(), `${site.name}-gateway`, { topology, site });
}

describe("SiteGatewayStack", () => {
  it("configures the kong provider with the site's Admin API and no credentials", () => {
    const json = synthOf(gatewayStack());
    assert.deepEqual(json.provider.kong, [{ kong_admin_uri: "https://kong-admin.east.api.example.com:8444" }]);
  });

  it("requires kevholditch/kong 6.5.1", () => {
    assert.deepEqual(synthOf(gatewayStack()).terraform.required_providers.kong, { source: "kevholditch/kong", version: "6.5.1" });
  });

  it("keeps local state next to the project with a relative path", () => {
    assert.deepEqual(synthOf(gatewayStack()).terraform.backend, { local: { path: "../../../terraform.east-gateway.tfstate" } });
  });

  it("tags entities with the estate and the site", () => {
    const service = resources(synthOf(gatewayStack(topology.sites[1])), "kong_service")[0];
    assert.deepEqual(service.tags, ["managed-by:cdktf-kong-ha", "estate:edge", "site:west"]);
  });

  it("gives every site the same catalog", () => {
    const names = (i: number) => resources(synthOf(gatewayStack(topology.sites[i])), "kong_route").map((r) => r.paths);
    assert.deepEqual(names(0), names(1));
  });

  for (const site of topology.sites) {
    it(`matches the snapshot of ${site.name}-gateway`, () => {
      matchSnapshot(`${site.name}-gateway`, synthOf(gatewayStack(site)));
    });
  }
});
