import { catalogSchema, checkCatalog, GatewayCatalog } from "../gateway/catalog";
import { PluginRegistry } from "../gateway/plugins/plugin-registry";
import { formats } from "./formats";
import { PkiConfig, pkiConfigSchema } from "./pki-config";
import { Infer, Issue, joinPath, s } from "./schema";

/**
 * The topology file: one description of a Kong estate. `stacks/main.ts` reads it (YAML or JSON) and
 * the constructs turn it into per-site stacks. The published JSON Schema (schema/topology.schema.json)
 * is generated from `topologySchema` below, so the file, the types and the checks cannot drift.
 */

export const HA_MODES = ["active-passive", "active-active"] as const;
export const SITE_ROLES = ["primary", "standby", "active"] as const;

export const siteSchema = s.object({
  name: formats.identifier().describe("site name: used in stack names (<site>-gateway) and hostnames"),
  region: formats.awsRegion(),
  role: s
    .optional(
      s.enum(SITE_ROLES).describe("active-passive: one primary, the others standby; active-active: every site active"),
    ),
  adminUrl: s.optional(
    s
      .string({ pattern: { regex: /^https?:\/\/[^\s/]+(:\d+)?(\/[^\s]*)?$/, means: "an http(s) URL" } })
      .describe("the site's Kong Admin API; default https://kong-admin.<site>.<domain>:8444"),
  ),
});

export const topologySchema = s
  .object({
    $schema: s.optional(s.string().describe("the JSON Schema this file follows, for editors")),
    name: formats.identifier().describe("estate name: prefixes Terraform workspaces and resource names"),
    mode: s.enum(HA_MODES),
    edition: s.optional(s.enum(["oss", "enterprise"]), "oss"),
    domain: formats.domain().describe("the global hostname clients use, e.g. api.example.com"),
    sites: s.array(siteSchema, { minItems: 2, uniqueBy: (site) => site.name, uniqueWhat: "site name" }),
    ...catalogSchema.shape,
    pki: s.optional(pkiConfigSchema.describe("certificates: issuer, store, client certificates and client mTLS")),
  })
  .refine((topology, path, issues) => {
    if (topology.pki && (topology.pki.clientMtls ?? "off") !== "off" && topology.edition === "enterprise" && !topology.pki.caCertificateIds) {
      issues.push({
        path: joinPath(joinPath(path, "pki"), "caCertificateIds"),
        message: "is required for client mTLS on enterprise (mtls-auth verifies against Kong /ca_certificates IDs; the kong provider cannot create them)",
      });
    }
  })
  .refine((topology, path, issues) => {
    const roles = topology.sites.map((site) => site.role ?? (topology.mode === "active-active" ? "active" : undefined));
    if (topology.mode === "active-passive") {
      const primaries = roles.filter((r) => r === "primary").length;
      topology.sites.forEach((_site, i) => {
        if (roles[i] === undefined || roles[i] === "active") {
          issues.push({
            path: joinPath(joinPath(joinPath(path, "sites"), i), "role"),
            message: `${roles[i] === undefined ? "is required" : '"active" is for active-active'}: in active-passive mode a site is "primary" or "standby"`,
          });
        }
      });
      if (primaries !== 1) {
        issues.push({ path: joinPath(path, "sites"), message: `active-passive needs exactly one site with role "primary" (got ${primaries})` });
      }
    } else {
      topology.sites.forEach((_site, i) => {
        if (roles[i] !== "active") {
          issues.push({
            path: joinPath(joinPath(joinPath(path, "sites"), i), "role"),
            message: `"${roles[i]}" is for active-passive: in active-active mode every site is "active" (or leave role out)`,
          });
        }
      });
    }
  });

/** A topology as written in the file (optional fields may be absent). */
export type TopologyConfig = Infer<typeof topologySchema>;
export type SiteConfig = Infer<typeof siteSchema>;

/** A site with its defaults applied. */
export interface Site {
  readonly name: string;
  readonly region: string;
  readonly role: (typeof SITE_ROLES)[number];
  readonly adminUrl: string;
}

/** A validated topology with defaults applied: what the constructs consume. */
export interface Topology {
  readonly name: string;
  readonly mode: (typeof HA_MODES)[number];
  readonly edition: "oss" | "enterprise";
  readonly domain: string;
  readonly sites: readonly Site[];
  readonly catalog: GatewayCatalog;
  /** Certificates for the estate; absent when the topology has no `pki:` section. */
  readonly pki?: PkiConfig;
}

export interface ResolveOptions {
  /** @default PluginRegistry.withBuiltins() */
  readonly plugins?: PluginRegistry;
}

/**
 * Validates a parsed topology file and applies defaults. Returns the problems instead of throwing,
 * so callers can map them to file lines; an empty `issues` means `topology` is set.
 */
export function resolveTopology(input: unknown, options: ResolveOptions = {}): { topology?: Topology; issues: Issue[] } {
  const issues: Issue[] = [];
  if (!topologySchema.check(input, "", issues)) return { issues };
  const config = input as TopologyConfig;
  const catalog: GatewayCatalog = {
    services: config.services,
    upstreams: config.upstreams,
    consumers: config.consumers,
    certificates: config.certificates,
    plugins: config.plugins,
  };
  const edition = config.edition ?? "oss";
  // Catalog paths are relative to the file's root, where the catalog sections live.
  if (!checkCatalog(catalog, { edition, registry: options.plugins ?? PluginRegistry.withBuiltins() }, "", issues)) return { issues };
  const sites = config.sites.map<Site>((site) => ({
    name: site.name,
    region: site.region,
    role: site.role ?? "active",
    adminUrl: site.adminUrl ?? `https://kong-admin.${site.name}.${config.domain}:8444`,
  }));
  return { topology: { name: config.name, mode: config.mode, edition, domain: config.domain, sites, catalog, pki: config.pki }, issues };
}
