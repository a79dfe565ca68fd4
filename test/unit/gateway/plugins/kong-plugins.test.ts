import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Issue } from "../../../../src/core/schema";
import { kongPlugin, kongPluginDefinitions } from "../../../../src/gateway/plugins/kong-plugins";
import { BUILTIN_PLUGINS, PluginRegistry } from "../../../../src/gateway/plugins/plugin-registry";
import { generatedFile, renderVersion } from "../../../../scripts/generate-kong-plugins";
import { ROOT } from "../../../support/examples";

const TIERS = readFileSync(join(ROOT, "kong-schemas", "3.9", "plugin-tiers.tsv"), "utf8")
  .split("\n")
  .filter((line) => line && !line.startsWith("#"))
  .map((line) => line.split("\t"));

function problems(
  name: string,
  config: object,
  context: { scope?: "global" | "route" | "service" | "consumer"; edition?: "oss" | "enterprise" } = {},
): string[] {
  const issues: Issue[] = [];
  PluginRegistry.withBuiltins().check(
    { name, config: config as { [field: string]: unknown } },
    { scope: context.scope ?? "global", edition: context.edition ?? "enterprise" },
    "plugins[0]",
    issues,
  );
  return issues.map((i) => `${i.path}: ${i.message}`);
}

describe("Kong's plugins, generated from Kong's published schemas", () => {
  it("the generated module is what the generator writes from kong-schemas/3.9 (not stale)", () => {
    assert.ok(readFileSync(generatedFile("3.9"), "utf8") === renderVersion("3.9"), "run `npm run generate:kong-plugins` and commit the result");
  });

  it("defines every plugin of Kong's tier list", () => {
    assert.deepEqual(
      kongPluginDefinitions().map((d) => d.name),
      TIERS.map(([name]) => name).sort(),
    );
  });

  it("takes each plugin's editions from its tier: free plugins on both editions, the others on Enterprise only", () => {
    const byName = new Map(kongPluginDefinitions().map((d) => [d.name, d.editions.join("+")]));
    assert.deepEqual(
      TIERS.filter(([name, tier]) => byName.get(name) !== (tier === "oss" ? "oss+enterprise" : "enterprise")),
      [],
    );
  });

  it("registers every Kong plugin once", () => {
    assert.equal(PluginRegistry.withBuiltins().names.length, TIERS.length);
  });

  it("puts each hand-written definition on top of Kong's: every field of Kong's schema, the library's checks where it has them", () => {
    const registry = PluginRegistry.withBuiltins();
    for (const builtin of BUILTIN_PLUGINS) {
      const kong = kongPluginDefinitions().find((d) => d.name === builtin.name)!;
      const merged = registry.get(builtin.name)!;
      assert.deepEqual(Object.keys(merged.schema.shape).sort(), [...new Set([...Object.keys(kong.schema.shape), ...Object.keys(builtin.schema.shape)])].sort());
      for (const field of Object.keys(builtin.schema.shape)) assert.equal(merged.schema.field(field), builtin.schema.field(field), `${builtin.name}.${field}`);
    }
  });

  it("accepts a Kong field the hand-written definition does not name (acl include_consumer_groups)", () => {
    assert.deepEqual(problems("acl", { allow: ["admins"], include_consumer_groups: true }), []);
  });

  it("refuses an Enterprise plugin in an OSS estate, at the plugin's name", () => {
    assert.deepEqual(problems("openid-connect", { issuer: "https://idp.example.com" }, { edition: "oss" }), [
      'plugins[0].name: plugin "openid-connect" exists only in Kong enterprise, and this estate runs edition "oss"',
    ]);
  });

  it("refuses a plugin at a scope Kong does not allow (an auth plugin on a consumer)", () => {
    assert.match(problems("basic-auth", {}, { scope: "consumer" })[0], /cannot be attached at consumer scope/);
  });

  it("names the field Kong expects for a misspelt one", () => {
    assert.deepEqual(problems("request-transformer", { add: { header: ["x-team:payments"] } }), [
      'plugins[0].config.add.header: unknown field (did you mean "headers"?)',
    ]);
  });

  it("checks enums and Kong's numeric bounds", () => {
    assert.deepEqual(problems("proxy-cache", { strategy: "memry", cache_ttl: -5 }), [
      "plugins[0].config.cache_ttl: -5 is out of range: must be at least 0",
      'plugins[0].config.strategy: "memry" is not one of "memory" (did you mean "memory"?)',
    ]);
  });

  it("requires the fields Kong requires and has no default for", () => {
    assert.deepEqual(problems("acme", {}), ["plugins[0].config.account_email: is required"]);
  });

  it("refuses a secret field written in clear, even inside a list of secrets", () => {
    assert.match(
      problems("openid-connect", { issuer: "https://idp.example.com", client_secret: ["s3cret"] })[0],
      /^plugins\[0\]\.config\.client_secret\[0\]: expected a secret: .* never written in clear, got "s3cret"/,
    );
  });

  it("accepts a secret field as a Kong secret reference", () => {
    assert.deepEqual(problems("openid-connect", { issuer: "https://idp.example.com", client_secret: ["{vault://env/oidc-client-secret}"] }), []);
  });

  it("accepts a secret field as a sensitive Terraform variable", () => {
    assert.deepEqual(problems("openid-connect", { issuer: "https://idp.example.com", client_secret: [{ variable: "oidc_client_secret" }] }), []);
  });

  it("refuses credentials written into a URL field", () => {
    assert.match(problems("opentelemetry", { traces_endpoint: "https://user:secret@otel.example.com/v1/traces" })[0], /carries credentials in the URL/);
  });

  it("accepts the plugins a catalog was refused before: basic-auth, jwt, request-transformer, prometheus, correlation-id, proxy-cache, opentelemetry", () => {
    const configs: [string, object][] = [
      ["basic-auth", { hide_credentials: true }],
      ["jwt", { claims_to_verify: ["exp"] }],
      ["request-transformer", { add: { headers: ["x-team:payments"] } }],
      ["prometheus", { per_consumer: true }],
      ["correlation-id", { header_name: "X-Request-ID", generator: "uuid#counter" }],
      ["proxy-cache", { strategy: "memory", content_type: ["application/json"] }],
      ["opentelemetry", { traces_endpoint: "http://otel-collector:4318/v1/traces" }],
    ];
    assert.deepEqual(
      configs.flatMap(([name, config]) => problems(name, config)),
      [],
    );
  });

  it("builds a spec for any Kong plugin with its config typed from Kong's schema", () => {
    assert.deepEqual(kongPlugin("correlation-id", { header_name: "X-Request-ID" }, { tags: ["team:payments"] }), {
      name: "correlation-id",
      config: { header_name: "X-Request-ID" },
      tags: ["team:payments"],
    });
  });
});
