import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_TOPOLOGY } from "../../../src/config/default-topology";
import { resolveTopology, topologySchema } from "../../../src/config/topology";

const MINIMAL = {
  name: "edge",
  mode: "active-passive",
  edition: "oss",
  domain: "api.example.com",
  sites: [
    { name: "east", region: "us-east-1", role: "primary" },
    { name: "west", region: "us-west-2", role: "standby" },
  ],
  services: [{ name: "service11", url: "http://example11.com:8080", routes: [{ paths: ["/example11"] }], plugins: [{ name: "key-auth" }] }],
};

function problems(input: unknown): string[] {
  return resolveTopology(input).issues.map((i) => `${i.path}: ${i.message}`);
}

describe("topology", () => {
  it("accepts the minimum file shape of the foundation issue", () => {
    assert.deepEqual(problems(MINIMAL), []);
  });

  it("accepts the embedded default", () => {
    assert.deepEqual(problems(DEFAULT_TOPOLOGY), []);
  });

  it("defaults each site's Admin API to kong-admin.<site>.<domain>:8444", () => {
    const { topology } = resolveTopology(MINIMAL);
    assert.equal(topology?.sites[0].adminUrl, "https://kong-admin.east.api.example.com:8444");
  });

  it("names the site whose region is not an AWS region", () => {
    const input = { ...MINIMAL, sites: [MINIMAL.sites[0], { ...MINIMAL.sites[1], region: "us-west-9x" }] };
    assert.deepEqual(problems(input), ['sites[1].region: "us-west-9x" is not an AWS region such as us-east-1']);
  });

  it("needs at least two sites", () => {
    assert.deepEqual(problems({ ...MINIMAL, sites: [MINIMAL.sites[0]] }), ["sites: needs at least 2 items, got 1"]);
  });

  it("needs exactly one primary in active-passive", () => {
    const input = { ...MINIMAL, sites: MINIMAL.sites.map((site) => ({ ...site, role: "standby" })) };
    assert.deepEqual(problems(input), ['sites: active-passive needs exactly one site with role "primary" (got 0)']);
  });

  it("refuses standby sites in active-active", () => {
    const input = { ...MINIMAL, mode: "active-active" };
    assert.deepEqual(problems(input), [
      'sites[0].role: "primary" is for active-passive: in active-active mode every site is "active" (or leave role out)',
      'sites[1].role: "standby" is for active-passive: in active-active mode every site is "active" (or leave role out)',
    ]);
  });

  it("lets active-active sites leave their role out", () => {
    const input = { ...MINIMAL, mode: "active-active", sites: MINIMAL.sites.map(({ name, region }) => ({ name, region })) };
    assert.equal(resolveTopology(input).topology?.sites[1].role, "active");
  });

  it("refuses two sites with the same name", () => {
    const input = { ...MINIMAL, sites: [MINIMAL.sites[0], { ...MINIMAL.sites[1], name: "east" }] };
    assert.deepEqual(problems(input), ['sites[1]: duplicate site name "east" (also at sites[0])']);
  });

  it("checks plugins in the file against their Kong schema", () => {
    const input = { ...MINIMAL, services: [{ ...MINIMAL.services[0], plugins: [{ name: "key-auth", config: { key_name: ["x"] } }] }] };
    assert.deepEqual(problems(input), ['services[0].plugins[0].config.key_name: unknown field (did you mean "key_names"?)']);
  });

  it("refuses an unknown mode with the choices", () => {
    assert.deepEqual(problems({ ...MINIMAL, mode: "active-pasive" }), [
      'mode: "active-pasive" is not one of "active-passive", "active-active" (did you mean "active-passive"?)',
    ]);
  });

  it("publishes a JSON Schema that requires the top-level fields", () => {
    const schema = topologySchema.toJsonSchema() as { required: string[] };
    assert.deepEqual(schema.required, ["name", "mode", "domain", "sites"]);
  });
});
