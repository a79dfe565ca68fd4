import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RATE_LIMITING, rateLimiting } from "../../../../src/gateway/plugins/rate-limiting";
import { pluginProblems } from "../../../support/plugin-check";

describe("rate-limiting", () => {
  it("accepts a per-minute limit", () => {
    assert.deepEqual(pluginProblems(rateLimiting({ minute: 100 })), []);
  });

  it("defaults to the local policy, by consumer, fault tolerant, 429", () => {
    assert.deepEqual(
      ["policy", "limit_by", "fault_tolerant", "error_code"].map((f) => RATE_LIMITING.schema.defaultOf(f)),
      ["local", "consumer", true, 429],
    );
  });

  it("needs at least one period", () => {
    assert.deepEqual(pluginProblems({ name: "rate-limiting", config: { policy: "local" } }), [
      "plugin.config: set at least one of second, minute, hour, day, month, year",
    ]);
  });

  it("refuses a longer period with a lower limit", () => {
    assert.deepEqual(pluginProblems(rateLimiting({ minute: 100, hour: 50 })), [
      "plugin.config.hour: the limit per hour (50) cannot be lower than the limit per minute (100)",
    ]);
  });

  it("refuses a zero limit", () => {
    assert.deepEqual(pluginProblems(rateLimiting({ second: 0 })), ["plugin.config.second: 0 must be greater than 0"]);
  });

  it("needs redis.host with the redis policy", () => {
    assert.deepEqual(pluginProblems(rateLimiting({ minute: 1, policy: "redis" })), ['plugin.config.redis.host: is required when policy is "redis"']);
  });

  it("refuses a Redis password in clear", () => {
    assert.match(
      pluginProblems(rateLimiting({ minute: 1, policy: "redis", redis: { host: "redis.internal", password: "pw" } }))[0],
      /redis\.password: expected a secret: .*never written in clear, got "pw"/,
    );
  });

  it("accepts a Redis password as a Kong secret reference", () => {
    assert.deepEqual(
      pluginProblems(rateLimiting({ minute: 1, policy: "redis", redis: { host: "redis.internal", password: "{vault://env/redis-password}" } })),
      [],
    );
  });

  it("refuses the pre-3.x flat redis_host field", () => {
    assert.match(pluginProblems({ name: "rate-limiting", config: { minute: 1, redis_host: "r" } })[0], /redis_host: unknown field/);
  });

  it("needs header_name when limiting by header", () => {
    assert.deepEqual(pluginProblems(rateLimiting({ minute: 1, limit_by: "header" })), ['plugin.config.header_name: is required when limit_by is "header"']);
  });

  it("allows sync_rate only with redis", () => {
    assert.deepEqual(pluginProblems(rateLimiting({ minute: 1, sync_rate: 1 })), ['plugin.config.sync_rate: can only be used with policy "redis"']);
  });

  it("refuses a path Kong's path type refuses: a regex ('~') or an empty segment ('//')", () => {
    assert.equal(pluginProblems(rateLimiting({ minute: 5, limit_by: "path", path: "~/orders" })).length, 1);
    assert.equal(pluginProblems(rateLimiting({ minute: 5, limit_by: "path", path: "/orders//list" })).length, 1);
  });

  it("refuses a header_name with a character Kong's header names do not allow", () => {
    assert.equal(pluginProblems(rateLimiting({ minute: 5, limit_by: "header", header_name: "x.tenant" })).length, 1);
  });

  it("refuses a wildcard as the Redis server name", () => {
    assert.match(
      pluginProblems(rateLimiting({ minute: 5, policy: "redis", redis: { host: "redis.internal", server_name: "*.example.com" } }))[0],
      /redis\.server_name/,
    );
  });

  it("accepts a bare IPv6 address as the Redis host", () => {
    assert.deepEqual(pluginProblems(rateLimiting({ minute: 5, policy: "redis", redis: { host: "2001:db8::10" } })), []);
  });
});
