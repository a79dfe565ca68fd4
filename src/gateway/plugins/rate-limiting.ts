import { formats } from "../../core/formats";
import { Issue, joinPath, s } from "../../core/schema";
import { definePlugin, PluginConfig, PluginOptions, pluginSpec, PluginSpec, requireOneOf } from "./plugin-definition";
import type { RateLimitingPluginConfig } from "./generated/kong-3.9";

const PERIODS = ["second", "minute", "hour", "day", "month", "year"] as const;

const positive = () =>
  s.number().refine((value, path, issues) => {
    if (value <= 0) issues.push({ path, message: `${value} must be greater than 0` });
  });

/** Kong's own cross-field checks for rate-limiting, as entity_checks and custom_validator in its schema. */
function checkRateLimiting(config: RateLimitingConfig, path: string, issues: Issue[]): void {
  requireOneOf(PERIODS, false)(config, path, issues);
  // A longer period may not allow fewer requests than a shorter one.
  PERIODS.forEach((lower, i) => {
    const low = config[lower];
    if (low === undefined) return;
    for (const upper of PERIODS.slice(i + 1)) {
      const high = config[upper];
      if (high !== undefined && high < low) {
        issues.push({ path: joinPath(path, upper), message: `the limit per ${upper} (${high}) cannot be lower than the limit per ${lower} (${low})` });
      }
    }
  });
  const policy = config.policy ?? "local";
  if (policy === "redis" && !config.redis?.host) {
    issues.push({ path: joinPath(joinPath(path, "redis"), "host"), message: 'is required when policy is "redis"' });
  }
  if (policy !== "redis" && config.sync_rate !== undefined && config.sync_rate !== -1) {
    issues.push({ path: joinPath(path, "sync_rate"), message: 'can only be used with policy "redis"' });
  }
  if (policy === "redis" && config.sync_rate !== undefined && config.sync_rate !== -1 && config.sync_rate < 0.02) {
    issues.push({ path: joinPath(path, "sync_rate"), message: "must be at least 0.02, or -1 for synchronous counters" });
  }
  if (config.limit_by === "header" && !config.header_name) {
    issues.push({ path: joinPath(path, "header_name"), message: 'is required when limit_by is "header"' });
  }
  if (config.limit_by === "path" && !config.path) {
    issues.push({ path: joinPath(path, "path"), message: 'is required when limit_by is "path"' });
  }
}

/** rate-limiting: count requests per consumer, credential, IP, ... per period (Kong 3.9 schema). */
export const RATE_LIMITING = definePlugin({
  name: "rate-limiting",
  summary: "limit how many requests a client makes per second, minute, hour, ...",
  scopes: ["global", "service", "route", "consumer"],
  editions: ["oss", "enterprise"],
  schema: s
    .object({
      second: s.optional(positive()),
      minute: s.optional(positive()),
      hour: s.optional(positive()),
      day: s.optional(positive()),
      month: s.optional(positive()),
      year: s.optional(positive()),
      limit_by: s.optional(s.enum(["consumer", "credential", "ip", "service", "header", "path"]), "consumer"),
      header_name: s.optional(formats.kongHeaderName()),
      path: s.optional(formats.kongPath()),
      policy: s.optional(
        s
          .enum(["local", "cluster", "redis"])
          .describe("local counts per node (each site and node separately); cluster uses Kong's database; redis a shared Redis"),
        "local",
      ),
      fault_tolerant: s.optional(s.boolean(), true),
      redis: s.optional(
        s.object({
          host: s.optional(formats.hostOrIp()),
          port: s.optional(s.port(), 6379),
          timeout: s.optional(s.integer([0, 2147483646]), 2000),
          username: s.optional(s.string()),
          password: s.optional(formats.pluginSecret()),
          database: s.optional(s.integer([0, 1024]), 0),
          ssl: s.optional(s.boolean(), false),
          ssl_verify: s.optional(s.boolean(), false),
          server_name: s.optional(formats.serverName()),
        }),
      ),
      hide_client_headers: s.optional(s.boolean(), false),
      error_code: s.optional(s.integer([100, 599]), 429),
      error_message: s.optional(s.string(), "API rate limit exceeded"),
      sync_rate: s.optional(s.number(), -1),
    })
    .refine((config, path, issues) => checkRateLimiting(config, path, issues)),
});

/** The library's checked fields, over every other field of Kong's published schema for the plugin. */
export type RateLimitingConfig = PluginConfig<typeof RATE_LIMITING> & Omit<RateLimitingPluginConfig, keyof PluginConfig<typeof RATE_LIMITING>>;

/** A rate-limiting plugin: set at least one period (`minute: 100`, ...). */
export function rateLimiting(config: RateLimitingConfig, options?: PluginOptions): PluginSpec {
  return pluginSpec(RATE_LIMITING, config, options);
}
