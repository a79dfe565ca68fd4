import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { endpoint, findings, traffic } from "./fixtures";

describe("KHA-HA-001 sites-share-region", () => {
  it("accepts sites in different regions", () => {
    const t = traffic("latency", [
      { site: endpoint("east", "us-east-1"), role: "active" },
      { site: endpoint("west", "us-west-2"), role: "active" },
    ]);
    assert.deepEqual(findings(t, "KHA-HA-001"), []);
  });

  it("flags two sites in one region", () => {
    const t = traffic("latency", [
      { site: endpoint("a", "us-east-1"), role: "active" },
      { site: endpoint("b", "us-east-1"), role: "active" },
      { site: endpoint("c", "eu-west-1"), role: "active" },
    ]);
    assert.deepEqual(findings(t, "KHA-HA-001"), ["sites a and b are all in us-east-1: one regional outage takes them down together."]);
  });
});
