import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseTopology } from "../../../src/topology/load-topology";
import { deckFragmentYaml, importDeck, importDeckFile } from "../../../src/deck/deck-import";
import { KongGateway } from "../../../src/gateway/kong-gateway";
import { ROOT } from "../../support/examples";
import { resources, synthStack } from "../../support/synth";

const EXAMPLE = join(ROOT, "examples", "deck", "kong.yaml");
const exampleText = readFileSync(EXAMPLE, "utf8");
const example = importDeckFile(EXAMPLE);

/** `path @line:col: message` lines, for compact assertions. */
const lines = (issues: readonly { path: string; message: string; line?: number; column?: number }[]) =>
  issues.map((i) => `${i.path} @${i.line}:${i.column}: ${i.message}`);

const service = (extra: string) => `_format_version: "3.0"\nservices:\n- name: a\n  url: http://a.internal\n${extra}`;

describe("importing a decK file", () => {
  it("converts the example dump without errors", () => {
    assert.deepEqual(lines(example.errors), []);
    assert.deepEqual(
      example.catalog?.services?.map((s) => s.name),
      ["orders", "catalog"],
    );
    assert.deepEqual(example.catalog?.upstreams?.[0].targets, [{ target: "10.10.1.20:8443" }, { target: "10.10.2.20:8443" }]);
  });

  it("drops the values decK writes out that equal Kong's defaults", () => {
    const orders = example.catalog!.services![0];
    assert.deepEqual(Object.keys(orders), ["name", "protocol", "host", "port", "retries", "tags", "tls", "routes", "plugins"]);
    assert.deepEqual(orders.plugins, [{ name: "rate-limiting", config: { minute: 1200, hour: 30000 } }]);
    assert.deepEqual(orders.routes![0].plugins![0], { name: "key-auth", config: { key_names: ["x-api-key"], hide_credentials: true } });
  });

  it("attaches top-level routes and plugins to their service, route or consumer", () => {
    const catalog = example.catalog!;
    assert.deepEqual(
      catalog.services![1].routes!.map((r) => r.name),
      ["catalog-read", "catalog-admin"],
    );
    assert.deepEqual(
      catalog.services![0].routes![0].plugins!.map((p) => p.name),
      ["key-auth", "acl"],
    );
    assert.deepEqual(
      catalog.plugins?.map((p) => p.name),
      ["cors"],
    );
  });

  it("maps consumers and their credentials: ACL groups, key-auth, basic-auth, RSA JWT", () => {
    const [portal, ops, mobile] = example.catalog!.consumers!;
    assert.deepEqual(portal, {
      username: "partner-portal",
      customId: "partner-0042",
      acls: ["partners"],
      keyAuth: [{ key: { variable: "consumer_partner_portal_key_auth_0" } }],
    });
    assert.deepEqual(ops.basicAuth, [{ username: "ops", password: { variable: "consumer_ops_dashboard_basic_auth_ops" } }]);
    assert.equal(mobile.jwt?.[0].key, "mobile-app-issuer");
  });

  it("never carries a secret over: keys, passwords and private keys become variables, each listed with its line", () => {
    assert.deepEqual(
      example.secrets.map((s) => `${s.variable} @${s.line}:${s.column}`),
      ["certificate_api_example_com_private_key @189:8", "consumer_partner_portal_key_auth_0 @154:10", "consumer_ops_dashboard_basic_auth_ops @158:15"],
    );
    const out = deckFragmentYaml(example, "kong.yaml");
    for (const secret of ["placeholder-not-a-real-key", "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c", "not-a-real-key\n", "placeholder-unused-for-rs256"]) {
      assert.ok(exampleText.includes(secret), `the example holds ${secret}`);
      assert.ok(!out.includes(secret), `${secret} leaked into the fragment`);
    }
    assert.match(out, /^# {3}TF_VAR_consumer_ops_dashboard_basic_auth_ops: basic-auth password of consumer ops-dashboard \(kong\.yaml:158:15\)$/m);
  });

  it("names certificates after their first SNI and resolves service client_certificate IDs to that name", () => {
    const { catalog, errors } = importDeck(`certificates:
- id: 11111111-2222-3333-4444-555555555555
  cert: "-----BEGIN CERTIFICATE-----\\nMII\\n-----END CERTIFICATE-----"
  key: k
  snis: [{ name: "*.example.com" }]
services:
- name: a
  url: https://a.internal
  client_certificate: { id: 11111111-2222-3333-4444-555555555555 }
`);
    assert.deepEqual(lines(errors), []);
    assert.equal(catalog!.certificates![0].name, "wildcard-example-com");
    assert.equal(catalog!.services![0].tls?.clientCertificate, "wildcard-example-com");
  });

  it("yields a fragment that a topology file accepts and KongGateway synthesizes with sensitive variables", () => {
    const header = "name: edge\nmode: active-active\ndomain: api.example.com\nsites: [{ name: a, region: us-east-1 }, { name: b, region: eu-west-1 }]\n";
    const fragment = deckFragmentYaml(example);
    const loaded = parseTopology(header + fragment);
    assert.deepEqual(lines(loaded.issues), []);
    const json = synthStack((stack) => new KongGateway(stack, "gateway", { catalog: loaded.topology!.catalog }));
    assert.equal(resources(json, "kong_service").length, 2);
    assert.deepEqual(json.variable.consumer_partner_portal_key_auth_0, {
      description: "key-auth key of consumer partner-portal",
      nullable: false,
      sensitive: true,
      type: "string",
    });
  });

  it("warns about what it drops on purpose: select_tags, an RS256 credential's unused secret", () => {
    assert.deepEqual(
      example.warnings.map((w) => `${w.path} @${w.line}`),
      ["_info.select_tags @8", "consumers[2].jwt_secrets[0].secret @171"],
    );
  });
});

describe("decK entities the library does not support", () => {
  it("refuses them at their line and column, naming the alternative", () => {
    const { catalog, errors } = importDeck(`_format_version: "3.0"\nca_certificates:\n- cert: x\n`, { file: "kong.yaml" });
    assert.equal(catalog, undefined);
    assert.deepEqual(lines(errors), [
      "ca_certificates @3:1: the kong provider (kevholditch/kong 6.5.1) cannot create CA certificates: upload them to Kong once and list their IDs (pki.caCertificateIds, or a service's tls.caCertificateIds) (or import with --skip-unsupported to drop it)",
    ]);
  });

  it("drops them with a warning each under skipUnsupported", () => {
    const result = importDeck(`${service("")}ca_certificates:\n- cert: x\nconsumer_groups:\n- name: gold\n`, { skipUnsupported: true });
    assert.deepEqual(lines(result.errors), []);
    assert.deepEqual(
      result.warnings.map((w) => w.path),
      ["ca_certificates", "consumer_groups"],
    );
    assert.equal(result.catalog?.services?.[0].name, "a");
  });

  it("refuses an HMAC JWT credential: its shared secret has nowhere to go", () => {
    const { errors } = importDeck(`consumers:\n- username: u\n  jwt_secrets:\n  - { key: k, algorithm: HS256, secret: s }\n`);
    assert.deepEqual(
      errors.map((e) => `${e.path} @${e.line}:${e.column}`),
      ["consumers[0].jwt_secrets[0].algorithm @4:26"],
    );
  });

  it("refuses a plugin limited to some protocols (the provider cannot express it)", () => {
    const { errors } = importDeck(service("  plugins:\n  - name: key-auth\n    protocols: [http]\n"));
    assert.deepEqual(
      errors.map((e) => `${e.path} @${e.line}:${e.column}`),
      ["services[0].plugins[0].protocols @7:16"],
    );
  });

  it("refuses a plugin the registry does not know, at its name", () => {
    const { errors } = importDeck(service("  plugins:\n  - name: acme-corp-auth\n"));
    assert.equal(errors.length, 1);
    assert.equal(`${errors[0].path} @${errors[0].line}:${errors[0].column}`, "services[0].plugins[0].name @6:11");
    assert.match(errors[0].message, /unknown plugin "acme-corp-auth".*PluginRegistry\.register/);
  });

  it("accepts what a default deck dump of ip-restriction holds: Kong's default protocols for that plugin", () => {
    const dump =
      "  plugins:\n  - name: ip-restriction\n    config:\n      allow: [10.0.0.0/8]\n      deny: null\n      message: null\n      status: null\n    protocols: [grpc, grpcs, http, https, tcp, tls]\n";
    assert.deepEqual(importDeck(service(dump)).errors, []);
  });

  it("refuses protocols other than the plugin's defaults, naming them", () => {
    const { errors } = importDeck(service("  plugins:\n  - name: ip-restriction\n    config:\n      allow: [10.0.0.0/8]\n    protocols: [http]\n"));
    assert.match(errors[0].message, /runs on Kong's default protocols for it \(grpc, grpcs, http, https, tcp, tls\)/);
  });

  it("prints a fragment that can be pasted when nothing was imported (never `{}`)", () => {
    const result = importDeck(`_format_version: "3.0"\n`);
    const fragment = deckFragmentYaml(result);
    assert.doesNotMatch(fragment, /^\{\}$/m);
    assert.match(fragment, /# Nothing to import/);
  });

  it("imports any plugin Kong ships, checked against Kong's published schema", () => {
    const { errors, catalog } = importDeck(service("  plugins:\n  - name: prometheus\n    config:\n      per_consumer: true\n"));
    assert.deepEqual(errors, []);
    assert.deepEqual(catalog?.services?.[0].plugins, [{ name: "prometheus", config: { per_consumer: true } }]);
  });

  it("reports a plugin config problem at the decK field, in Kong's field names", () => {
    const { errors } = importDeck(service("  plugins:\n  - name: rate-limiting\n    config:\n      minutes: 5\n"));
    assert.deepEqual(
      lines(errors).map((l) => l.split(": ")[0]),
      ["services[0].plugins[0].config.minutes @8:16"],
    );
  });

  it("reports a catalog problem on an entity field at its decK name and line", () => {
    const { errors } = importDeck(`services:\n- name: a\n  host: a.internal\n  connect_timeout: 0\n`);
    assert.deepEqual(
      errors.map((e) => `${e.path} @${e.line}:${e.column}`),
      ["services[0].connect_timeout @4:20"],
    );
  });

  it("refuses a top-level route without a service", () => {
    const { errors } = importDeck(`routes:\n- name: r\n  paths: [/r]\n`);
    assert.match(errors[0].message, /without a service/);
    assert.equal(errors[0].line, 2);
  });

  it("keeps a top-level plugin scoped to a route and a consumer: on the route, limited to the consumer", () => {
    const { errors, catalog } = importDeck(
      `${service("  routes: [{ name: r, paths: [/r] }]\n")}consumers: [{ username: u }]\nplugins:\n- { name: rate-limiting, route: r, consumer: u, config: { second: 1 } }\n`,
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(catalog?.services?.[0].routes?.[0].plugins, [{ name: "rate-limiting", config: { second: 1 }, consumer: "u" }]);
  });

  it("keeps the consumer of a plugin nested under a route (decK's nested foreign keys), instead of widening it to everyone", () => {
    const { errors, catalog } = importDeck(
      `${service("  routes:\n  - name: r\n    paths: [/r]\n    plugins:\n    - { name: rate-limiting, consumer: alice, config: { second: 1 } }\n")}consumers: [{ username: alice }]\n`,
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(catalog?.services?.[0].routes?.[0].plugins, [{ name: "rate-limiting", config: { second: 1 }, consumer: "alice" }]);
  });

  it("moves a consumer's plugin that names a route to that route, limited to the consumer", () => {
    const { errors, catalog } = importDeck(
      `${service("  routes: [{ name: r, paths: [/r] }]\n")}consumers:\n- username: alice\n  plugins:\n  - { name: rate-limiting, route: r, config: { second: 1 } }\n`,
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(catalog?.consumers?.[0].plugins, undefined);
    assert.deepEqual(catalog?.services?.[0].routes?.[0].plugins, [{ name: "rate-limiting", config: { second: 1 }, consumer: "alice" }]);
  });

  it("names the consumer a nested plugin points at when it is not in the file", () => {
    const { errors } = importDeck(service("  plugins:\n  - { name: rate-limiting, consumer: bob, config: { second: 1 } }\n"));
    assert.match(errors[0].message, /no consumer "bob" in this file/);
  });

  it("imports OAuth2 credentials, the client secret as a sensitive variable", () => {
    const { errors, catalog, secrets } = importDeck(
      `_format_version: "3.0"\nconsumers:\n- username: portal\n  oauth2_credentials:\n  - { name: web, client_id: web-id, client_secret: abc, redirect_uris: [https://portal.example.com/cb] }\n`,
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(catalog?.consumers?.[0].oauth2, [
      { name: "web", clientId: "web-id", clientSecret: { variable: "consumer_portal_oauth2_web" }, redirectUris: ["https://portal.example.com/cb"] },
    ]);
    assert.equal(secrets.length, 1);
  });

  it("imports Kong's deprecated shorthand fields the current way (redis_port: redis.port), with a warning", () => {
    const { errors, warnings, catalog } = importDeck(
      service(
        "  plugins:\n  - name: rate-limiting\n    config:\n      minute: 5\n      policy: redis\n      redis_host: redis.internal\n      redis_port: 6380\n",
      ),
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(catalog?.services?.[0].plugins?.[0].config, { minute: 5, policy: "redis", redis: { host: "redis.internal", port: 6380 } });
    assert.equal(warnings.filter((w) => /deprecated shorthand field/.test(w.message)).length, 2);
  });

  it("imports stream routes' sources and destinations", () => {
    const { errors, catalog } = importDeck(
      `_format_version: "3.0"\nservices:\n- name: pg\n  url: tcp://db.internal:5432\n  routes:\n  - name: pg\n    protocols: [tcp]\n    destinations: [{ port: 5432 }]\n`,
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(catalog?.services?.[0].routes?.[0].destinations, [{ port: 5432 }]);
  });

  it("names a dangling reference", () => {
    const { errors } = importDeck(`${service("")}plugins:\n- { name: key-auth, service: nope }\n`);
    assert.deepEqual(lines(errors), ['plugins[0].service @6:30: no service "nope" in this file']);
  });

  it("refuses an unknown field of an entity", () => {
    const { errors } = importDeck(service("  colour: blue\n"));
    assert.deepEqual(lines(errors), [
      'services[0].colour @5:11: service field "colour" is not supported by the library (or import with --skip-unsupported to drop it)',
    ]);
  });
});

describe("reading decK input", () => {
  it("reports a YAML syntax error at its position instead of throwing", () => {
    const { errors } = importDeck("services:\n- name: [\n");
    assert.ok(errors.length > 0 && errors[0].line !== undefined);
  });

  it("reports a file that is not a map", () => {
    assert.match(importDeck("- a\n").errors[0].message, /map of entity lists/);
    assert.match(importDeck("").errors[0].message, /empty/);
  });

  it("reports a file it cannot read", () => {
    assert.match(importDeckFile("/nonexistent/kong.yaml").errors[0].message, /cannot read the file: it does not exist/);
  });

  it("warns that a Kong 2.x format needs decK's converter first", () => {
    const { warnings } = importDeck(`_format_version: "1.1"\n${service("").split("\n").slice(1).join("\n")}`);
    assert.match(warnings[0].message, /deck file convert/);
  });

  it("strips the tags the library adds when re-importing its own entities", () => {
    const { catalog } = importDeck(service("  tags: [managed-by:cdktf-kong-ha, estate:edge, site:east, team-a]\n"));
    assert.deepEqual(catalog?.services?.[0].tags, ["team-a"]);
  });
});
