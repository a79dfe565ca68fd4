import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { envVariableOf } from "../../../src/core/formats";
import { SPLUNK_QUEUE_DEFAULTS, SplunkHecLogging, splunkHecPlugin } from "../../../src/logging/splunk-hec-logging";
import { configErrorOf, resources, synthStack } from "../../support/synth";

const HEC = { endpoint: "https://splunk.example.com:8088", index: "kong", sourcetype: "kong:http-log" };

function config(props = {}) {
  return splunkHecPlugin({ ...HEC, ...props }).config as { [key: string]: unknown };
}

describe("SplunkHecLogging", () => {
  it("posts to /services/collector/raw with sourcetype and index as query parameters", () => {
    assert.equal(config().http_endpoint, "https://splunk.example.com:8088/services/collector/raw?sourcetype=kong%3Ahttp-log&index=kong");
  });

  it("sends a HEC channel as X-Splunk-Request-Channel when given (tokens with acknowledgement on)", () => {
    const channel = "0aeeac95-ac74-4aa9-b30d-6c4c0ac581ba";
    assert.equal((config({ channel }).headers as { [name: string]: string })["X-Splunk-Request-Channel"], channel);
  });

  it("refuses a channel that is not a GUID", () => {
    assert.throws(() => config({ channel: "kong" }), /channel: "kong" is not a HEC channel GUID/);
  });

  it("sends Authorization as a Kong secret reference, never the token", () => {
    assert.deepEqual(config().headers, { Authorization: "{vault://env/splunk-hec-authorization}" });
  });

  it("names the environment variable Kong nodes must carry", () => {
    assert.equal(envVariableOf("{vault://env/splunk-hec-authorization}"), "SPLUNK_HEC_AUTHORIZATION");
  });

  it("sizes the queue for bursts and outages", () => {
    assert.deepEqual(config().queue, SPLUNK_QUEUE_DEFAULTS);
    assert.equal(SPLUNK_QUEUE_DEFAULTS.max_retry_time, 900);
  });

  it("merges queue overrides over the defaults", () => {
    assert.equal((config({ queue: { max_batch_size: 50 } }).queue as { max_batch_size: number; max_entries: number }).max_batch_size, 50);
  });

  it("passes custom fields through custom_fields_by_lua", () => {
    assert.deepEqual(config({ customFieldsByLua: { site: "return 'east'" } }).custom_fields_by_lua, { site: "return 'east'" });
  });

  it("refuses a token in clear", () => {
    assert.throws(
      () => splunkHecPlugin({ ...HEC, authorization: "Splunk 0b6e5f2a-0000-4000-8000-000000000000" }),
      /authorization: must be a Kong secret reference/,
    );
  });

  it("refuses an Enterprise vault backend on OSS", () => {
    assert.throws(
      () => splunkHecPlugin({ ...HEC, authorization: "{vault://hcv/splunk/token}" }),
      /Kong OSS resolves only \{vault:\/\/env\/\.\.\.\} references/,
    );
  });

  it("allows Enterprise vault backends on enterprise", () => {
    assert.deepEqual(config({ authorization: "{vault://hcv/splunk/authorization}", edition: "enterprise" }).headers, {
      Authorization: "{vault://hcv/splunk/authorization}",
    });
  });

  it("refuses the event endpoint, which rejects Kong's entries", () => {
    assert.throws(() => splunkHecPlugin({ ...HEC, endpoint: "https://splunk.example.com:8088/services/collector/event" }), /give the HEC base URL only/);
  });

  it("refuses plain http", () => {
    assert.throws(() => splunkHecPlugin({ ...HEC, endpoint: "http://splunk.example.com:8088" }), /endpoint: must be https/);
  });

  it("creates a global kong_plugin when used alone", () => {
    const plugin = resources(
      synthStack((stack) => new SplunkHecLogging(stack, "splunk", HEC)),
      "kong_plugin",
    )[0];
    assert.equal(plugin.name, "http-log");
    assert.equal(plugin.service_id, undefined);
    assert.equal(JSON.parse(plugin.config_json).headers.Authorization, "{vault://env/splunk-hec-authorization}");
  });

  it("attaches to one service", () => {
    const plugin = resources(
      synthStack((stack) => new SplunkHecLogging(stack, "splunk", { ...HEC, serviceId: "svc-1" })),
      "kong_plugin",
    )[0];
    assert.equal(plugin.service_id, "svc-1");
  });

  it("refuses two attachments at once", () => {
    assert.match(configErrorOf((scope) => new SplunkHecLogging(scope, "splunk", { ...HEC, serviceId: "a", routeId: "b" })).message, /attach to at most one/);
  });
});
