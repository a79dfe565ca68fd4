import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CAPACITY, endpoint, findings, traffic } from "./fixtures";

const primary = { site: endpoint("east", "us-east-1"), role: "primary" as const };
const pilot = {
  site: endpoint("west", "us-west-2", { standbyLevel: "pilot-light", capacity: { ...CAPACITY, desiredCount: 0, minCount: 0 } }),
  role: "standby" as const,
};

describe("KHA-HA-008 pilot-light-failover-target", () => {
  it("accepts a warm standby with a short target", () => {
    const warm = { site: endpoint("west", "us-west-2", { standbyLevel: "warm" }), role: "standby" as const };
    assert.deepEqual(findings(traffic("failover", [primary, warm], 120), "KHA-HA-008"), []);
  });

  it("accepts a pilot-light standby with a target of 15 minutes", () => {
    assert.deepEqual(findings(traffic("failover", [primary, pilot], 900), "KHA-HA-008"), []);
  });

  it("warns that a pilot-light standby cannot meet a short target", () => {
    assert.deepEqual(findings(traffic("failover", [primary, pilot], 120), "KHA-HA-008"), [
      "standby west is pilot-light: it serves only after an operator scales it up, well past the 120 s target.",
    ]);
  });
});
