import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TerraformVariable } from "cdktf";
import { ConsumerBasicAuth } from "../../../../src/providers/kong/consumer-basic-auth";
import { ConsumerKeyAuth } from "../../../../src/providers/kong/consumer-key-auth";
import { Plugin } from "../../../../src/providers/kong/plugin";
import { KongProvider } from "../../../../src/providers/kong/provider";
import { findings, stack } from "../../core/rules/security-helpers";

const ID = "KHA-SEC-003";

describe("KHA-SEC-003 literal-secret-in-kong-config", () => {
  it("reports literal credentials, plugin secrets, credential headers and passwords in URLs", () => {
    const s = stack();
    new KongProvider(s, "kong", { kongAdminUri: "https://admin:8444", kongAdminToken: "s3cr3t" });
    new ConsumerKeyAuth(s, "key", { consumerId: "c", key: "abc123" });
    new ConsumerBasicAuth(s, "basic", { consumerId: "c", username: "u", password: "hunter2" });
    new Plugin(s, "redis", { name: "rate-limiting", configJson: JSON.stringify({ minute: 5, policy: "redis", redis: { host: "r", password: "p" } }) });
    new Plugin(s, "hec", {
      name: "http-log",
      configJson: JSON.stringify({ http_endpoint: "https://u:pw@hec.example.com/raw", headers: { Authorization: "Splunk 1234" } }),
    });
    new Plugin(s, "oidc", { name: "openid-connect", configJson: JSON.stringify({ client_secret: ["x"] }) });
    assert.deepEqual(findings(s, ID), [
      'kong provider "kong" has a literal kong_admin_token.',
      'kong_consumer_key_auth "key" has a literal key.',
      'kong_consumer_basic_auth "basic" has a literal password.',
      'kong_plugin "redis" (rate-limiting) has a literal secret at config.redis.password.',
      'kong_plugin "hec" (http-log) has a literal secret at config.http_endpoint (password in the URL).',
      'kong_plugin "hec" (http-log) has a literal secret at config.headers.Authorization.',
      'kong_plugin "oidc" (openid-connect) has a literal secret at config.client_secret.',
    ]);
  });

  it("treats a reference embedded in a longer value as a literal: Kong resolves only whole values", () => {
    const s = stack();
    new Plugin(s, "hec", {
      name: "http-log",
      configJson: JSON.stringify({ http_endpoint: "https://hec.example.com/raw", headers: { Authorization: "Splunk {vault://env/hec-token}" } }),
    });
    assert.deepEqual(findings(s, ID), ['kong_plugin "hec" (http-log) has a literal secret at config.headers.Authorization.']);
  });

  it("reports every plugin that repeats a config with a literal secret, on every site", () => {
    const config = JSON.stringify({ minute: 5, redis: { password: "p" } });
    const east = stack();
    const west = stack();
    for (const [s, ids] of [
      [east, ["a", "b"]],
      [west, ["c"]],
    ] as const) {
      for (const id of ids) new Plugin(s, id, { name: "rate-limiting", configJson: config });
    }
    const secret = (id: string) => `kong_plugin "${id}" (rate-limiting) has a literal secret at config.redis.password.`;
    assert.deepEqual([findings(east, ID), findings(west, ID)], [[secret("a"), secret("b")], [secret("c")]]);
  });

  it("reads a plugin's config_json through an escape-hatch override too", () => {
    const s = stack();
    const plugin = new Plugin(s, "redis", { name: "rate-limiting", configJson: JSON.stringify({ minute: 5 }) });
    plugin.addOverride("config_json", JSON.stringify({ minute: 5, redis: { password: "p" } }));
    assert.deepEqual(findings(s, ID), ['kong_plugin "redis" (rate-limiting) has a literal secret at config.redis.password.']);
  });

  it("reads a credential through an escape-hatch override: an override replaces what the props said", () => {
    const s = stack();
    const key = new TerraformVariable(s, "consumer_key", { type: "string", sensitive: true });
    new ConsumerKeyAuth(s, "overridden-to-literal", { consumerId: "c", key: key.stringValue }).addOverride("key", "abc123");
    new ConsumerKeyAuth(s, "overridden-to-variable", { consumerId: "c", key: "abc123" }).addOverride("key", key.stringValue);
    new KongProvider(s, "kong", { kongAdminUri: "https://admin:8444" }).addOverride("kong_admin_token", "s3cr3t");
    assert.deepEqual(findings(s, ID), [
      'kong_consumer_key_auth "overridden-to-literal" has a literal key.',
      'kong provider "kong" has a literal kong_admin_token.',
    ]);
  });

  it("accepts variables, Kong vault references and settings that only look like secrets", () => {
    const s = stack();
    const key = new TerraformVariable(s, "consumer_key", { type: "string", sensitive: true });
    new KongProvider(s, "kong", { kongAdminUri: "https://admin:8444" });
    new ConsumerKeyAuth(s, "key", { consumerId: "c", key: key.stringValue });
    new Plugin(s, "redis", { name: "rate-limiting", configJson: JSON.stringify({ minute: 5, redis: { password: "{vault://env/redis-password}" } }) });
    new Plugin(s, "hec", {
      name: "http-log",
      configJson: JSON.stringify({ http_endpoint: "https://hec.example.com/raw", headers: { Authorization: "{vault://env/hec-authorization}" } }),
    });
    new Plugin(s, "auth", { name: "key-auth", configJson: JSON.stringify({ key_names: ["apikey"], hide_credentials: true }) });
    new Plugin(s, "jwt", { name: "jwt", configJson: JSON.stringify({ secret_is_base64: false }) });
    new Plugin(s, "ref", { name: "session", configJson: JSON.stringify({ secret: key.stringValue }) });
    assert.deepEqual(findings(s, ID), []);
  });
});
