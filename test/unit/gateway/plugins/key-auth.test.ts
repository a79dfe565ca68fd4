import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KEY_AUTH, keyAuth } from "../../../../src/gateway/plugins/key-auth";
import { pluginProblems } from "../../../support/plugin-check";

describe("key-auth", () => {
  it("builds a spec with no config when Kong's defaults are wanted", () => {
    assert.deepEqual(keyAuth(), { name: "key-auth" });
  });

  it("keeps only the fields given", () => {
    assert.deepEqual(keyAuth({ key_names: ["x-api-key"], hide_credentials: true }).config, { key_names: ["x-api-key"], hide_credentials: true });
  });

  it("documents Kong 3.9's defaults in its schema", () => {
    assert.deepEqual(
      ["key_names", "hide_credentials", "key_in_header", "key_in_query", "key_in_body", "run_on_preflight"].map((f) => KEY_AUTH.schema.defaultOf(f)),
      [["apikey"], false, true, true, false, true],
    );
  });

  it("refuses a header name with a space", () => {
    assert.deepEqual(pluginProblems(keyAuth({ key_names: ["api key"] })), [
      "plugin.config.key_names[0]: \"api key\" is not a header name Kong accepts (letters, digits, '-' and '_')",
    ]);
  });

  it("refuses a header name character HTTP allows but Kong's key_names do not ('.')", () => {
    assert.equal(pluginProblems(keyAuth({ key_names: ["x.api.key"] })).length, 1);
  });

  it("cannot be consumer-scoped", () => {
    assert.match(pluginProblems(keyAuth(), "consumer")[0], /cannot be attached at consumer scope/);
  });
});
