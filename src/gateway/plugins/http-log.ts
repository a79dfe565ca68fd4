import { formats, KONG_HEADER_NAME_PATTERN } from "../../core/formats";
import { isToken, joinPath, s } from "../../core/schema";
import { definePlugin, PluginConfig, PluginOptions, pluginSpec, PluginSpec } from "./plugin-definition";
import type { HttpLogPluginConfig } from "./generated/kong-3.9";
import { customFieldsByLua, queueSchema } from "./queue";

const FORBIDDEN_HEADERS = ["host", "content-length", "content-type"];

/**
 * http-log: send each request's log entry as JSON to an HTTP endpoint (Kong 3.9 schema). There is
 * no `log_format` field; `retry_count`, `queue_size` and `flush_timeout` were replaced by `queue` in
 * 3.3 and are refused here.
 */
/** Fields Kong's schema still lists for http-log but ignores since 3.3's queue. */
const PRE_QUEUE_FIELDS = ["retry_count", "queue_size", "flush_timeout"] as const;

/** Header names whose value is a credential: it must be a Kong secret reference, never written in clear. */
const CREDENTIAL_HEADER = /^(proxy-)?authorization$|token|secret|password|api-?key/i;

export const HTTP_LOG = definePlugin({
  name: "http-log",
  summary: "send log entries to an HTTP endpoint (e.g. Splunk HEC)",
  scopes: ["global", "service", "route", "consumer"],
  editions: ["oss", "enterprise"],
  schema: s
    .object({
      http_endpoint: s.string({ pattern: { regex: /^https?:\/\/[^\s]+$|^\{vault:\/\/[^{}\s]+\}$/, means: "an http(s) URL or a Kong secret reference" } }),
      method: s.optional(s.enum(["POST", "PUT", "PATCH"]), "POST"),
      content_type: s.optional(s.enum(["application/json", "application/json; charset=utf-8"]), "application/json"),
      timeout: s.optional(s.number([0, 2147483646]).describe("milliseconds"), 10000),
      keepalive: s.optional(s.number([0, 2147483646]).describe("milliseconds"), 60000),
      headers: s.optional(s.map(s.string(), KONG_HEADER_NAME_PATTERN)),
      queue: s.optional(queueSchema),
      custom_fields_by_lua: s.optional(customFieldsByLua()),
    })
    .refine((config, path, issues) => {
      for (const field of PRE_QUEUE_FIELDS) {
        if ((config as { readonly [key: string]: unknown })[field] !== undefined) {
          issues.push({
            path: joinPath(path, field),
            message: `was replaced by queue in Kong 3.3 and is ignored since: set queue (max_retry_time, max_entries, max_coalescing_delay)`,
          });
        }
      }
      for (const [name, value] of Object.entries(config.headers ?? {})) {
        const headerPath = joinPath(joinPath(path, "headers"), name);
        if (FORBIDDEN_HEADERS.includes(name.toLowerCase())) {
          issues.push({ path: headerPath, message: `Kong sets ${name} itself and refuses it here` });
        }
        if (name.toLowerCase() === "splunk") {
          issues.push({
            path: headerPath,
            message:
              'HEC reads no "Splunk" header: send "Authorization: Splunk <token>", as a Kong secret reference such as {vault://env/splunk-hec-authorization}',
          });
        } else if (CREDENTIAL_HEADER.test(name) && !isToken(value) && !formats.isSecretReference(value)) {
          issues.push({
            path: headerPath,
            message:
              'is a credential: use a Kong secret reference such as {vault://env/splunk-hec-authorization} (the whole value, e.g. "Splunk <token>", lives in the secret)',
          });
        }
      }
      if (/^https?:\/\/[^/]*@/.test(config.http_endpoint)) {
        issues.push({ path: joinPath(path, "http_endpoint"), message: "must not carry user:password@; send credentials in a referenced Authorization header" });
      }
    }),
});

/** The library's checked fields, over every other field of Kong's published schema for the plugin. */
export type HttpLogConfig = PluginConfig<typeof HTTP_LOG> & Omit<HttpLogPluginConfig, keyof PluginConfig<typeof HTTP_LOG> | (typeof PRE_QUEUE_FIELDS)[number]>;

/** An http-log plugin. */
export function httpLog(config: HttpLogConfig, options?: PluginOptions): PluginSpec {
  return pluginSpec(HTTP_LOG, config, options);
}
