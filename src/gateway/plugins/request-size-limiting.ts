import { s } from "../../core/schema";
import { definePlugin, PluginConfig, PluginOptions, pluginSpec, PluginSpec } from "./plugin-definition";
import type { RequestSizeLimitingPluginConfig } from "./generated/kong-3.9";

/** request-size-limiting: refuse request bodies above a size (Kong 3.9 schema). */
export const REQUEST_SIZE_LIMITING = definePlugin({
  name: "request-size-limiting",
  summary: "refuse request bodies larger than a limit",
  scopes: ["global", "service", "route", "consumer"],
  editions: ["oss", "enterprise"],
  schema: s.object({
    allowed_payload_size: s.optional(s.integer([0, Number.MAX_SAFE_INTEGER]), 128),
    size_unit: s.optional(s.enum(["megabytes", "kilobytes", "bytes"]), "megabytes"),
    require_content_length: s.optional(s.boolean(), false),
  }),
});

/** The library's checked fields, over every other field of Kong's published schema for the plugin. */
export type RequestSizeLimitingConfig = PluginConfig<typeof REQUEST_SIZE_LIMITING> &
  Omit<RequestSizeLimitingPluginConfig, keyof PluginConfig<typeof REQUEST_SIZE_LIMITING>>;

/** A request-size-limiting plugin; Kong's default limit is 128 megabytes. */
export function requestSizeLimiting(config: RequestSizeLimitingConfig = {}, options?: PluginOptions): PluginSpec {
  return pluginSpec(REQUEST_SIZE_LIMITING, config, options);
}
