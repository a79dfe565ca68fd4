import { formats } from "../../core/formats";
import { s } from "../../core/schema";
import { definePlugin, PluginConfig, PluginOptions, pluginSpec, PluginSpec } from "./plugin-definition";
import type { KeyAuthPluginConfig } from "./generated/kong-3.9";

/** key-auth: consumers authenticate with an API key (Kong 3.9 schema). */
export const KEY_AUTH = definePlugin({
  name: "key-auth",
  summary: "authenticate consumers by API key",
  scopes: ["global", "service", "route"],
  editions: ["oss", "enterprise"],
  schema: s.object({
    key_names: s.optional(s.array(formats.kongHeaderName(), { minItems: 1 }), ["apikey"]),
    hide_credentials: s.optional(s.boolean(), false),
    anonymous: s.optional(s.string({ minLength: 1 }).describe("consumer ID or username used when authentication fails")),
    key_in_header: s.optional(s.boolean(), true),
    key_in_query: s.optional(s.boolean(), true),
    key_in_body: s.optional(s.boolean(), false),
    run_on_preflight: s.optional(s.boolean(), true),
    realm: s.optional(s.string()),
  }),
});

/** The library's checked fields, over every other field of Kong's published schema for the plugin. */
export type KeyAuthConfig = PluginConfig<typeof KEY_AUTH> & Omit<KeyAuthPluginConfig, keyof PluginConfig<typeof KEY_AUTH>>;

/** A key-auth plugin. `keyAuth()` alone uses Kong's defaults (key in the `apikey` header or query). */
export function keyAuth(config: KeyAuthConfig = {}, options?: PluginOptions): PluginSpec {
  return pluginSpec(KEY_AUTH, config, options);
}
