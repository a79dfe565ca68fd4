import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveTopology } from "../../../src/topology/resolve-topology";
import { KongEstate } from "../../../src/ha/kong-estate";
import { DEFAULT_TOPOLOGY } from "../../../src/topology/default-topology";
import { resources, synthOf, testApp } from "../../support/synth";
import { BASE as ESTATE } from "../ha/estate";

// Every site of an estate serves the same catalog, credentials included: a client's key works at
// every site, and only the upstream targets may differ per site.

const BASE = {
  ...ESTATE,
  upstreams: [{ name: "orders.internal", targets: [{ target: "orders-a.example.net:8443" }] }],
  services: [{ name: "orders", host: "orders.internal", protocol: "https", port: 8443, routes: [{ paths: ["/orders"] }], plugins: [{ name: "key-auth" }] }],
};

function problems(input: unknown): string[] {
  return resolveTopology(input).issues.map((i) => `${i.path}: ${i.message}`);
}

describe("the same credentials at every site", () => {
  it("refuses a key-auth key left to Kong, at the consumer's path", () => {
    const found = problems({ ...BASE, consumers: [{ username: "bob", keyAuth: [{}] }] });
    assert.equal(found.length, 1);
    assert.match(found[0], /^consumers\[0\]\.keyAuth\[0\]\.key: the key-auth key of consumer "bob" is left to Kong, so each site would generate its own/);
    assert.match(found[0], /\{ variable: bob_key \}/);
  });

  it("refuses a JWT key and an OAuth2 client ID and secret left to Kong", () => {
    const found = problems({
      ...BASE,
      consumers: [
        {
          username: "app",
          jwt: [{ rsaPublicKey: "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----" }],
          oauth2: [{ name: "portal", redirectUris: ["https://portal.example.com/cb"] }],
        },
      ],
    });
    assert.deepEqual(
      found.map((p) => p.split(":")[0]),
      ["consumers[0].jwt[0].key", "consumers[0].oauth2[0].clientId", "consumers[0].oauth2[0].clientSecret"],
    );
  });

  it("accepts credentials given as variables and identifiers given as values", () => {
    const consumers = [
      {
        username: "app",
        keyAuth: [{ key: { variable: "app_key" } }],
        jwt: [{ key: "app-issuer", rsaPublicKey: "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----" }],
        oauth2: [{ name: "portal", clientId: "portal", clientSecret: { variable: "portal_secret" }, redirectUris: ["https://portal.example.com/cb"] }],
      },
    ];
    assert.deepEqual(problems({ ...BASE, consumers }), []);
  });

  it("gives both sites' gateway stacks the same key: one variable, set once", () => {
    const app = testApp();
    const estate = new KongEstate(app, { topology: resolveTopology(DEFAULT_TOPOLOGY).topology! });
    const keys = [...estate.gatewayStacks.values()].map((stack) => resources(synthOf(stack), "kong_consumer_key_auth").map((r) => r.key));
    assert.deepEqual(keys, [["${var.demo_app_api_key}"], ["${var.demo_app_api_key}"]]);
  });

  it("fails the estate built in code (rule KHA-HA-009) when a key is left to Kong", () => {
    const topology = resolveTopology(BASE).topology!;
    const catalog = { ...topology.catalog, consumers: [{ username: "bob", keyAuth: [{}] }] };
    const estate = new KongEstate(testApp(), { topology: { ...topology, catalog } });
    const found = estate.check().filter((f) => f.ruleId === "KHA-HA-009");
    assert.deepEqual(
      found.map((f) => [f.level, f.message.split(";")[0]]),
      [
        ["error", 'consumers[0].keyAuth[0].key: the key-auth key of consumer "bob" is left to Kong at site east'],
        ["error", 'consumers[0].keyAuth[0].key: the key-auth key of consumer "bob" is left to Kong at site west'],
      ],
    );
  });

  it("lets a site use its own upstream targets", () => {
    const topology = resolveTopology({
      ...BASE,
      sites: [BASE.sites[0], { ...BASE.sites[1], upstreamTargets: { "orders.internal": [{ target: "orders-b.example.net:8443" }] } }],
    }).topology!;
    const estate = new KongEstate(testApp(), { topology });
    const targets = (site: string) => resources(synthOf(estate.gatewayStacks.get(site)!), "kong_target").map((t) => t.target);
    assert.deepEqual([targets("east"), targets("west")], [["orders-a.example.net:8443"], ["orders-b.example.net:8443"]]);
  });

  it("changes nothing a client sees with per-site targets: services, routes, consumers and plugins stay identical", () => {
    const topology = resolveTopology({
      ...BASE,
      consumers: [{ username: "app", keyAuth: [{ key: { variable: "app_key" } }] }],
      sites: [BASE.sites[0], { ...BASE.sites[1], upstreamTargets: { "orders.internal": [{ target: "orders-b.example.net:8443" }] } }],
    }).topology!;
    const estate = new KongEstate(testApp(), { topology });
    const seen = (site: string) => {
      const json = synthOf(estate.gatewayStacks.get(site)!);
      const strip = (rs: Record<string, unknown>[]) => rs.map(({ tags: _tags, ...rest }) => rest);
      return ["kong_service", "kong_route", "kong_consumer", "kong_consumer_key_auth", "kong_plugin"].map((t) => strip(resources(json, t)));
    };
    assert.deepEqual(seen("west"), seen("east"));
  });

  it("refuses per-site targets for an upstream the catalog does not have", () => {
    const found = problems({ ...BASE, sites: [BASE.sites[0], { ...BASE.sites[1], upstreamTargets: { "billing.internal": [{ target: "b:80" }] } }] });
    assert.deepEqual(found, ['sites[1].upstreamTargets["billing.internal"]: no upstream named "billing.internal" in upstreams (known: orders.internal)']);
  });

  it("refuses a bad per-site target at its path", () => {
    const found = problems({ ...BASE, sites: [BASE.sites[0], { ...BASE.sites[1], upstreamTargets: { "orders.internal": [{ target: "not a host" }] } }] });
    assert.equal(found.length, 1);
    assert.match(found[0], /^sites\[1\]\.upstreamTargets.*\[0\]\.target: "not a host" is not host\[:port\]/);
  });
});
