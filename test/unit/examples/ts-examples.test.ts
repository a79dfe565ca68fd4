import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { stacksOf, synthTsExample, tsExampleFiles } from "../../support/ts-examples";

const files = tsExampleFiles();

describe("TypeScript examples", () => {
  it("exist for each construct users import on their own, and for an estate in code", () => {
    assert.deepEqual(files, ["estate-in-code.ts", "gateway-catalog.ts", "pki-only.ts", "splunk-logging.ts"]);
  });

  it("gateway-catalog.ts: services, an upstream with targets, a consumer whose key is a sensitive variable", () => {
    const { "gateway-catalog": stack } = stacksOf(synthTsExample("gateway-catalog.ts"));
    assert.equal(Object.keys(stack.resource.kong_service).length, 4);
    assert.equal(Object.keys(stack.resource.kong_target).length, 2);
    assert.equal(stack.variable.partner_portal_api_key.sensitive, true);
  });

  it("pki-only.ts: a CA with an intermediate, bundles in Vault KV written write-only, no key in the JSON", () => {
    const outdir = synthTsExample("pki-only.ts");
    const { "pki-only": stack } = stacksOf(outdir);
    assert.equal(Object.keys(stack.resource.tls_self_signed_cert).length, 1);
    assert.equal(Object.keys(stack.resource.tls_locally_signed_cert).length, 3);
    const secrets = Object.values(stack.resource.vault_kv_secret_v2) as { data_json_wo?: string; data_json?: string }[];
    assert.equal(secrets.length, 2);
    assert.ok(secrets.every((s) => s.data_json_wo && s.data_json === undefined));
    assert.doesNotMatch(readFileSync(join(outdir, "stacks", "pki-only", "cdk.tf.json"), "utf8"), /BEGIN [A-Z ]*PRIVATE KEY/);
  });

  it("splunk-logging.ts: http-log to HEC /raw, the token a Kong env reference", () => {
    const { "splunk-logging": stack } = stacksOf(synthTsExample("splunk-logging.ts"));
    const [plugin] = Object.values(stack.resource.kong_plugin) as { name: string; config_json: string }[];
    assert.equal(plugin.name, "http-log");
    const config = JSON.parse(plugin.config_json);
    assert.match(config.http_endpoint, /^https:\/\/splunk-hec\.example\.com:8088\/services\/collector\/raw\?/);
    assert.equal(config.headers.Authorization, "{vault://env/splunk-hec-authorization}");
  });

  it("estate-in-code.ts: an enterprise active-active estate, every stack of both sites", () => {
    const stacks = Object.keys(stacksOf(synthTsExample("estate-in-code.ts")));
    assert.deepEqual(stacks, ["fra-gateway", "fra-infra", "global", "iad-gateway", "iad-infra"]);
  });
});
