import { s } from "../../core/schema";
import { definePlugin, PluginConfig, PluginOptions, pluginSpec, PluginSpec } from "./plugin-definition";
import type { CorsPluginConfig } from "./generated/kong-3.9";

const CORS_METHODS = ["GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"] as const;

/** cors: answer preflight requests and add CORS headers (Kong 3.9 schema). */
export const CORS = definePlugin({
  name: "cors",
  summary: "cross-origin resource sharing headers and preflight",
  scopes: ["global", "service", "route"],
  editions: ["oss", "enterprise"],
  schema: s.object({
    origins: s.optional(
      // "*", an origin, or a PCRE regex (Kong matches with ngx.re, so `(?i)...` is valid): Kong checks
      // the regex at apply; JavaScript's RegExp would refuse valid PCRE.
      s.array(s.string({ minLength: 1 })).describe('"*", origins, or PCRE regexes of origins'),
    ),
    headers: s.optional(s.array(s.string({ minLength: 1 }))),
    exposed_headers: s.optional(s.array(s.string({ minLength: 1 }))),
    methods: s.optional(s.array(s.enum(CORS_METHODS)), [...CORS_METHODS]),
    max_age: s.optional(s.number([0, Number.MAX_SAFE_INTEGER])),
    credentials: s.optional(s.boolean(), false),
    private_network: s.optional(s.boolean(), false),
    preflight_continue: s.optional(s.boolean(), false),
  }),
});

/** The library's checked fields, over every other field of Kong's published schema for the plugin. */
export type CorsConfig = PluginConfig<typeof CORS> & Omit<CorsPluginConfig, keyof PluginConfig<typeof CORS>>;

/** A cors plugin. With no `origins`, Kong allows any origin (`*`). */
export function cors(config: CorsConfig = {}, options?: PluginOptions): PluginSpec {
  return pluginSpec(CORS, config, options);
}
