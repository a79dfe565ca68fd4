import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { failoverTimings } from "../../../src/ha/failover-timing";

describe("failoverTimings", () => {
  it("meets 120 s with standard 30 s checks, 3 failures and a 30 s TTL", () => {
    assert.deepEqual(failoverTimings(120), {
      targetSeconds: 120,
      requestInterval: 30,
      failureThreshold: 3,
      ttl: 30,
      detectionSeconds: 90,
      expectedSeconds: 120,
    });
  });

  it("caps the TTL at 60 s when the target leaves more room", () => {
    assert.deepEqual([failoverTimings(600)?.ttl, failoverTimings(600)?.expectedSeconds], [60, 150]);
  });

  it("switches to fast 10 s checks for a 60 s target", () => {
    const t = failoverTimings(60)!;
    assert.deepEqual([t.requestInterval, t.failureThreshold, t.ttl], [10, 3, 30]);
  });

  it("never exceeds the target", () => {
    for (let target = 20; target <= 400; target += 5) assert.ok(failoverTimings(target)!.expectedSeconds <= target, String(target));
  });

  it("counts the load balancer's fixed 60 s TTL for alias records", () => {
    const t = failoverTimings(120, { aliasRecords: true })!;
    assert.deepEqual([t.requestInterval, t.failureThreshold, t.ttl, t.expectedSeconds], [30, 2, 60, 120]);
  });

  it("gives up below what Route 53 can do", () => {
    assert.deepEqual([failoverTimings(15), failoverTimings(65, { aliasRecords: true })], [undefined, undefined]);
  });
});
