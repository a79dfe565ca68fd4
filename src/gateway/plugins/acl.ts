import { s } from "../../core/schema";
import { definePlugin, PluginConfig, PluginOptions, pluginSpec, PluginSpec, requireOneOf } from "./plugin-definition";
import type { AclPluginConfig } from "./generated/kong-3.9";

/** acl: allow or deny consumers by group; needs an authentication plugin in front (Kong 3.9 schema). */
export const ACL = definePlugin({
  name: "acl",
  summary: "allow or deny authenticated consumers by ACL group",
  scopes: ["global", "service", "route"],
  editions: ["oss", "enterprise"],
  schema: s
    .object({
      allow: s.optional(s.array(s.string({ minLength: 1 }), { minItems: 1 })),
      deny: s.optional(s.array(s.string({ minLength: 1 }), { minItems: 1 })),
      hide_groups_header: s.optional(s.boolean(), false),
      always_use_authenticated_groups: s.optional(s.boolean(), false),
    })
    .refine(requireOneOf(["allow", "deny"], true)),
});

/** The library's checked fields, over every other field of Kong's published schema for the plugin. */
export type AclConfig = PluginConfig<typeof ACL> & Omit<AclPluginConfig, keyof PluginConfig<typeof ACL>>;

/** An acl plugin: give exactly one of `allow` or `deny`. */
export function acl(config: AclConfig, options?: PluginOptions): PluginSpec {
  return pluginSpec(ACL, config, options);
}
