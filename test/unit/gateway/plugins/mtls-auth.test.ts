import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pluginProblems } from "../../../support/plugin-check";

describe("mtls-auth", () => {
  const CA = "0b9c9e2d-56d3-4f8e-9a50-3d0e6e4c8a11";

  it("accepts consumer_by [] (consumer matching off), as Kong does", () => {
    assert.deepEqual(pluginProblems({ name: "mtls-auth", config: { ca_certificates: [CA], consumer_by: [] } }, "service", "enterprise"), []);
  });

  it("is refused in an OSS estate", () => {
    assert.match(pluginProblems({ name: "mtls-auth", config: { ca_certificates: [CA] } }, "service", "oss")[0], /exists only in Kong enterprise/);
  });
});
