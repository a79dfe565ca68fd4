import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CORS, cors } from "../../../../src/gateway/plugins/cors";
import { pluginProblems } from "../../../support/plugin-check";

describe("cors", () => {
  it("accepts origins as * or regexes", () => {
    assert.deepEqual(pluginProblems(cors({ origins: ["*", "https://.*\\.example\\.com"], credentials: true })), []);
  });

  it("accepts a PCRE-only origin regex, as Kong (ngx.re) does", () => {
    assert.deepEqual(pluginProblems(cors({ origins: ["(?i)https://.*\\.example\\.com"] })), []);
  });

  it("refuses a method Kong does not know", () => {
    assert.match(pluginProblems({ name: "cors", config: { methods: ["FETCH"] } })[0], /plugin\.config\.methods\[0\]: "FETCH" is not one of/);
  });

  it("defaults methods to Kong 3.9's full list and credentials to false", () => {
    assert.deepEqual(CORS.schema.defaultOf("methods"), ["GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"]);
    assert.equal(CORS.schema.defaultOf("credentials"), false);
  });
});
