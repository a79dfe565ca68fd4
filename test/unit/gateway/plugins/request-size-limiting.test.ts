import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { REQUEST_SIZE_LIMITING, requestSizeLimiting } from "../../../../src/gateway/plugins/request-size-limiting";
import { pluginProblems } from "../../../support/plugin-check";

describe("request-size-limiting", () => {
  it("accepts a limit in kilobytes", () => {
    assert.deepEqual(pluginProblems(requestSizeLimiting({ allowed_payload_size: 512, size_unit: "kilobytes" })), []);
  });

  it("defaults to 128 megabytes without requiring Content-Length", () => {
    assert.deepEqual(
      ["allowed_payload_size", "size_unit", "require_content_length"].map((f) => REQUEST_SIZE_LIMITING.schema.defaultOf(f)),
      [128, "megabytes", false],
    );
  });

  it("refuses an unknown unit", () => {
    assert.match(
      pluginProblems({ name: "request-size-limiting", config: { size_unit: "gigabytes" } })[0],
      /size_unit: "gigabytes" is not one of "megabytes", "kilobytes", "bytes"/,
    );
  });

  it("refuses a fractional size", () => {
    assert.deepEqual(pluginProblems({ name: "request-size-limiting", config: { allowed_payload_size: 1.5 } }), [
      "plugin.config.allowed_payload_size: expected an integer, got 1.5",
    ]);
  });
});
