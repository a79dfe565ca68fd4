import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HTTP_LOG, httpLog } from "../../../../src/gateway/plugins/http-log";
import { pluginProblems } from "../../../support/plugin-check";

describe("http-log", () => {
  it("accepts an endpoint with a referenced Authorization header", () => {
    assert.deepEqual(pluginProblems(httpLog({ http_endpoint: "https://logs.example.com/in", headers: { Authorization: "{vault://env/log-auth}" } })), []);
  });

  it("has no log_format field", () => {
    assert.match(pluginProblems({ name: "http-log", config: { http_endpoint: "https://x.example.com", log_format: "json" } })[0], /log_format: unknown field/);
  });

  it("refuses the pre-3.3 queue fields", () => {
    for (const field of ["retry_count", "queue_size", "flush_timeout"]) {
      assert.match(
        pluginProblems({ name: "http-log", config: { http_endpoint: "https://x.example.com", [field]: 1 } })[0],
        new RegExp(`${field}: was replaced by queue in Kong 3.3`),
      );
    }
  });

  it("refuses an Authorization header in clear", () => {
    assert.match(
      pluginProblems(httpLog({ http_endpoint: "https://x.example.com", headers: { Authorization: "Splunk 1234" } }))[0],
      /headers\.Authorization: is a credential/,
    );
  });

  it("refuses the headers Kong sets itself", () => {
    assert.match(pluginProblems(httpLog({ http_endpoint: "https://x.example.com", headers: { Host: "other" } }))[0], /Kong sets Host itself/);
  });

  it("refuses user:password in the endpoint", () => {
    assert.match(pluginProblems(httpLog({ http_endpoint: "https://u:p@x.example.com" }))[0], /must not carry user:password@/);
  });

  it("keeps Kong 3.9's queue defaults in its schema", () => {
    const queue = HTTP_LOG.schema.field("queue") as unknown as { defaultOf(f: string): unknown };
    assert.deepEqual(
      ["max_batch_size", "max_coalescing_delay", "max_entries", "max_retry_time", "initial_retry_delay", "max_retry_delay", "concurrency_limit"].map((f) =>
        queue.defaultOf(f),
      ),
      [1, 1, 10000, 60, 0.01, 60, 1],
    );
  });

  it("refuses a queue batch size of zero", () => {
    assert.match(
      pluginProblems(httpLog({ http_endpoint: "https://x.example.com", queue: { max_batch_size: 0 } }))[0],
      /queue\.max_batch_size: 0 is out of range/,
    );
  });

  it("accepts queue.max_retry_time -1 (Kong sets no bound)", () => {
    assert.deepEqual(pluginProblems({ name: "http-log", config: { http_endpoint: "https://logs.example.com", queue: { max_retry_time: -1 } } }), []);
  });

  it("refuses a header name Kong refuses ('.')", () => {
    assert.equal(pluginProblems({ name: "http-log", config: { http_endpoint: "https://logs.example.com", headers: { "x.trace": "1" } } }).length, 1);
  });

  it("refuses the broken 'Splunk: <token>' header, with the token in clear", () => {
    assert.match(
      pluginProblems({
        name: "http-log",
        config: { http_endpoint: "https://splunk.example.com:8088/services/collector/raw", headers: { Splunk: "0aeeac95-ac74-4aa9-b30d-6c4c0ac581ba" } },
      })[0],
      /headers\.Splunk: HEC reads no "Splunk" header/,
    );
  });

  it("refuses any credential-like header written in clear (X-Api-Key)", () => {
    assert.match(
      pluginProblems({ name: "http-log", config: { http_endpoint: "https://logs.example.com", headers: { "X-Api-Key": "abc123" } } })[0],
      /is a credential/,
    );
  });
});
