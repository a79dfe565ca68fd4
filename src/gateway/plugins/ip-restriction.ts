import { formats } from "../../core/formats";
import { s } from "../../core/schema";
import { definePlugin, PluginConfig, PluginOptions, pluginSpec, PluginSpec, requireOneOf } from "./plugin-definition";
import type { IpRestrictionPluginConfig } from "./generated/kong-3.9";

/** ip-restriction: allow or deny client IPs and CIDR blocks (Kong 3.9 schema). */
export const IP_RESTRICTION = definePlugin({
  name: "ip-restriction",
  summary: "allow or deny clients by IP address or CIDR block",
  scopes: ["global", "service", "route", "consumer"],
  editions: ["oss", "enterprise"],
  schema: s
    .object({
      allow: s.optional(s.array(formats.ipOrCidr(), { minItems: 1 })),
      deny: s.optional(s.array(formats.ipOrCidr(), { minItems: 1 })),
      status: s.optional(s.integer([100, 599]).describe("HTTP status returned to a refused client (Kong: 403)")),
      message: s.optional(s.string().describe("message returned to a refused client")),
    })
    .refine(requireOneOf(["allow", "deny"], false)),
});

/** The library's checked fields, over every other field of Kong's published schema for the plugin. */
export type IpRestrictionConfig = PluginConfig<typeof IP_RESTRICTION> & Omit<IpRestrictionPluginConfig, keyof PluginConfig<typeof IP_RESTRICTION>>;

/** An ip-restriction plugin: give `allow`, `deny` or both (deny wins). */
export function ipRestriction(config: IpRestrictionConfig, options?: PluginOptions): PluginSpec {
  return pluginSpec(IP_RESTRICTION, config, options);
}
