import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CAPACITY, endpoint, findings, traffic } from "./fixtures";

const primary = { site: endpoint("east", "us-east-1"), role: "primary" as const };

describe("KHA-HA-003 hot-standby-undersized", () => {
  it("accepts a hot standby the size of the primary", () => {
    const t = traffic("failover", [primary, { site: endpoint("west", "us-west-2", { standbyLevel: "hot" }), role: "standby" }]);
    assert.deepEqual(findings(t, "KHA-HA-003"), []);
  });

  it("flags a hot standby with fewer or smaller tasks", () => {
    const small = endpoint("west", "us-west-2", { standbyLevel: "hot", capacity: { ...CAPACITY, desiredCount: 1, memory: 1024 } });
    const t = traffic("failover", [primary, { site: small, role: "standby" }]);
    assert.deepEqual(findings(t, "KHA-HA-003"), ["hot standby west is smaller than the primary: desiredCount 1 < 2, memory 1024 < 2048."]);
  });

  it("accepts a warm standby that is smaller on purpose", () => {
    const warm = endpoint("west", "us-west-2", { standbyLevel: "warm", capacity: { ...CAPACITY, desiredCount: 1, minCount: 1 } });
    assert.deepEqual(findings(traffic("failover", [primary, { site: warm, role: "standby" }]), "KHA-HA-003"), []);
  });
});
