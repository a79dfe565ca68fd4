import { s } from "../../core/schema";
import { definePlugin, PluginConfig, PluginOptions, pluginSpec, PluginSpec } from "./plugin-definition";
import type { MtlsAuthPluginConfig } from "./generated/kong-3.9";

const UUID = { regex: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, means: "a Kong /ca_certificates UUID" };

/**
 * mtls-auth (Kong Enterprise only): authenticate clients by their TLS certificate, verified against
 * Kong CA certificates (/ca_certificates IDs). The kevholditch/kong provider cannot create CA
 * certificates, so their IDs are inputs. Field names and defaults from Kong's Enterprise 3.9 schema;
 * `trusted_ca_ids`, `client_verify`, `allow_any_client_cert` and `pass_client_cert` do not exist.
 */
export const MTLS_AUTH = definePlugin({
  name: "mtls-auth",
  summary: "authenticate clients by TLS client certificate (Enterprise)",
  scopes: ["global", "service", "route"],
  editions: ["enterprise"],
  schema: s.object({
    ca_certificates: s.array(s.string({ pattern: UUID }), { minItems: 1 }),
    skip_consumer_lookup: s.optional(s.boolean(), false),
    authenticated_group_by: s.optional(s.enum(["CN", "DN"]), "CN"),
    consumer_by: s.optional(s.array(s.enum(["username", "custom_id"])).describe("[] turns consumer matching off"), ["username", "custom_id"]),
    default_consumer: s.optional(s.string({ minLength: 1 })),
    anonymous: s.optional(s.string({ minLength: 1 })),
    revocation_check_mode: s.optional(s.enum(["SKIP", "IGNORE_CA_ERROR", "STRICT"]), "IGNORE_CA_ERROR"),
    allow_partial_chain: s.optional(s.boolean(), false),
    cache_ttl: s.optional(s.number([0, 2147483647]), 60),
    cert_cache_ttl: s.optional(s.number([0, 2147483647]), 60000),
    http_timeout: s.optional(s.number([0, 2147483647]), 30000),
    send_ca_dn: s.optional(s.boolean(), false),
    http_proxy_host: s.optional(s.string({ minLength: 1 })),
    http_proxy_port: s.optional(s.port()),
    https_proxy_host: s.optional(s.string({ minLength: 1 })),
    https_proxy_port: s.optional(s.port()),
  }),
});

/** The library's checked fields, over every other field of Kong's published schema for the plugin. */
export type MtlsAuthConfig = PluginConfig<typeof MTLS_AUTH> & Omit<MtlsAuthPluginConfig, keyof PluginConfig<typeof MTLS_AUTH>>;

/** An mtls-auth plugin (Enterprise): `ca_certificates` lists the Kong CA certificate IDs to trust. */
export function mtlsAuth(config: MtlsAuthConfig, options?: PluginOptions): PluginSpec {
  return pluginSpec(MTLS_AUTH, config, options);
}
