import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { endpoint, findings, traffic } from "./fixtures";

describe("KHA-HA-005 primary-without-health-check", () => {
  it("accepts a primary with its health check", () => {
    const t = traffic("failover", [
      { site: endpoint("east", "us-east-1"), role: "primary" },
      { site: endpoint("west", "us-west-2"), role: "standby" },
    ]);
    assert.deepEqual(findings(t, "KHA-HA-005"), []);
  });

  it("flags a primary whose health check was turned off", () => {
    const t = traffic("failover", [
      { site: endpoint("east", "us-east-1"), role: "primary", healthCheck: false },
      { site: endpoint("west", "us-west-2"), role: "standby" },
    ]);
    assert.deepEqual(findings(t, "KHA-HA-005"), ["primary east has no health check: traffic will never fail over to the standby."]);
  });
});
