import { GatewayCatalog, checkCatalogContent, catalogSchema } from "../gateway/catalog";
import { KongEdition } from "../gateway/plugins/plugin-definition";
import { KONG_VERSIONS, KongVersion } from "../gateway/plugins/kong-plugins";
import { PluginRegistry } from "../gateway/plugins/plugin-registry";
import { DEFAULT_FAILOVER_TARGET_SECONDS, DEFAULT_SITE_WEIGHT } from "../ha/global-traffic";
import { KongSettings, Site, SiteNetwork, Topology } from "../ha/resolved-topology";
import { loggingProblems, siteLogPaths } from "../logging/logging-settings";
import { fargateSizeProblem } from "../site/fargate";
import { defaultMaxCount, KONG_CLUSTER_DEFAULTS, KONG_IMAGES } from "../site/kong-cluster";
import { KONG_DATABASE_DEFAULTS } from "../site/kong-database";
import { KONG_NETWORK_DEFAULTS } from "../site/kong-network";
import { cidrsOverlap } from "../core/cidr";
import { Issue, isPlainObject, joinPath } from "../core/schema";
import { topologySchema, TopologyConfig } from "./topology-schema";

export interface ResolveOptions {
  /** @default PluginRegistry.withBuiltins() */
  readonly plugins?: PluginRegistry;
}

const CATALOG_FIELDS = Object.keys(catalogSchema.shape);

/** True when `path` (as joinPath writes it) is `field` or inside it: `services`, `services[2].url`. */
function isAtOrUnder(path: string, field: string): boolean {
  return path === field || (path.startsWith(field) && (path[field.length] === "[" || path[field.length] === "."));
}

/**
 * Validates a parsed topology file and applies defaults. Returns the problems instead of throwing,
 * so callers can map them to file lines; an empty `issues` means `topology` is set.
 */
export function resolveTopology(input: unknown, options: ResolveOptions = {}): { topology?: Topology; issues: Issue[] } {
  const issues: Issue[] = [];
  const shapeOk = topologySchema.check(input, "", issues);
  if (!isPlainObject(input)) return { issues };
  const config = input as TopologyConfig;
  const catalog: GatewayCatalog = {
    services: config.services,
    upstreams: config.upstreams,
    consumers: config.consumers,
    certificates: config.certificates,
    plugins: config.plugins,
  };
  const edition = config.edition === "enterprise" ? "enterprise" : "oss";
  // The catalog's own checks (plugin configs, references) also run when another section is wrong,
  // so one pass reports every problem. Catalog paths are relative to the file's root, and the
  // topology's shape check covered the catalog's fields (topologySchema holds catalogSchema.shape).
  const catalogShapeOk = shapeOk || !issues.some((issue) => CATALOG_FIELDS.some((field) => isAtOrUnder(issue.path, field)));
  const catalogOk =
    catalogShapeOk &&
    checkCatalogContent(catalog, { edition, registry: options.plugins ?? PluginRegistry.withBuiltins(knownVersion(config.kongVersion)) }, "", issues);
  if (!shapeOk || !catalogOk) return { issues };
  issues.push(...loggingProblems(config.logging, config.sites, ""));
  const sites = resolveSites(config, edition, issues);
  if (issues.length) return { issues };
  const topology: Topology = {
    name: config.name,
    mode: config.mode,
    edition,
    ...(config.kongVersion !== undefined ? { kongVersion: config.kongVersion } : {}),
    domain: config.domain,
    sites,
    catalog,
    pki: config.pki,
    logging: config.logging,
    failover: {
      targetSeconds: config.failover?.targetSeconds ?? DEFAULT_FAILOVER_TARGET_SECONDS,
      routing: config.mode === "active-passive" ? "failover" : (config.failover?.routing ?? "latency"),
      alarmTopicArn: config.failover?.alarmTopicArn,
    },
    dns: { hostedZoneId: config.dns?.hostedZoneId, zoneName: config.dns?.zoneName ?? config.domain },
    terraformCloud: config.terraformCloud,
    quorum: config.quorum ?? [],
    suppressions: config.rules?.suppress ?? [],
    ...(config.protect === false ? { protect: false } : {}),
  };
  return { topology, issues };
}

/**
 * Applies the HA defaults to each site. Serving sites (primary, active) get the topology's kong
 * settings under their own; a hot standby copies the primary's effective settings (so it can take the
 * primary's load), a warm one runs 1 task, a pilot-light one none, both scaling up to the primary's
 * ceiling. Sizes that only become invalid once merged are reported at the site.
 */
function resolveSites(config: TopologyConfig, edition: KongEdition, issues: Issue[]): Site[] {
  const images = KONG_IMAGES[edition];
  const base = config.kong ?? {};
  const serving = (own: TopologyConfig["kong"] = {}): KongSettings => {
    const desiredCount = own.desiredCount ?? base.desiredCount ?? KONG_CLUSTER_DEFAULTS.desiredCount;
    return {
      image: own.image ?? base.image ?? images.image,
      version: own.version ?? base.version ?? images.version,
      cpu: own.cpu ?? base.cpu ?? KONG_CLUSTER_DEFAULTS.cpu,
      memory: own.memory ?? base.memory ?? KONG_CLUSTER_DEFAULTS.memory,
      desiredCount,
      minCount: desiredCount,
      maxCount: own.maxCount ?? base.maxCount ?? defaultMaxCount(desiredCount),
      adminCredentialSecret: own.adminCredentialSecret ?? base.adminCredentialSecret ?? defaultAdminCredentialSecret(config.name),
      ...optional("licenseSecretArn", own.licenseSecretArn ?? base.licenseSecretArn),
    };
  };
  const primaryConfig = config.sites.find((site) => site.role === "primary");
  const primaryKong = serving(primaryConfig?.kong);
  const sites = config.sites.map<Site>((site, i) => {
    const role = site.role ?? "active";
    const standby = role === "standby" ? (site.standby ?? "hot") : undefined;
    let kong: KongSettings;
    if (standby === undefined) {
      kong = serving(site.kong);
    } else {
      const own = site.kong ?? {};
      const desiredCount = own.desiredCount ?? (standby === "hot" ? primaryKong.desiredCount : standby === "warm" ? 1 : 0);
      kong = {
        image: own.image ?? primaryKong.image,
        version: own.version ?? primaryKong.version,
        cpu: own.cpu ?? primaryKong.cpu,
        memory: own.memory ?? primaryKong.memory,
        desiredCount,
        minCount: desiredCount,
        maxCount: own.maxCount ?? Math.max(primaryKong.maxCount, desiredCount, 1),
        // Secrets are regional: a standby names its own (or the topology's), never the primary's.
        adminCredentialSecret: own.adminCredentialSecret ?? base.adminCredentialSecret ?? defaultAdminCredentialSecret(config.name),
        ...optional("licenseSecretArn", own.licenseSecretArn ?? base.licenseSecretArn),
      };
    }
    const kongPath = joinPath(joinPath("sites", i), "kong");
    // A standby that copies the primary's size is reported at the primary only.
    const ownSize = standby === undefined || site.kong?.cpu !== undefined || site.kong?.memory !== undefined;
    const sizeProblem = ownSize ? fargateSizeProblem(kong.cpu, kong.memory) : undefined;
    if (sizeProblem) {
      issues.push({
        path: kongPath,
        message: `${sizeProblem} (with the topology's kong settings applied)`,
      });
    }
    if (kong.desiredCount > kong.maxCount) {
      issues.push({
        path: kongPath,
        message: `desiredCount ${kong.desiredCount} is above maxCount ${kong.maxCount} (with the topology's kong settings applied)`,
      });
    }
    const network: SiteNetwork = site.network?.vpcId
      ? {
          kind: "existing",
          vpcId: site.network.vpcId,
          privateSubnetIds: site.network.privateSubnetIds ?? [],
          publicSubnetIds: site.network.publicSubnetIds ?? [],
        }
      : {
          kind: "new",
          cidr: site.network?.cidr ?? `10.${i}.0.0/16`,
          availabilityZones: site.network?.availabilityZones ?? KONG_NETWORK_DEFAULTS.availabilityZones,
          natGateways: site.network?.natGateways ?? KONG_NETWORK_DEFAULTS.natGateways,
        };
    return {
      name: site.name,
      region: site.region,
      role,
      adminUrl: site.adminUrl,
      standby,
      weight: site.weight ?? DEFAULT_SITE_WEIGHT,
      network,
      adminCidrs: site.adminCidrs,
      kong,
      database: { ...KONG_DATABASE_DEFAULTS, ...config.database, ...site.database },
      logging: siteLogPaths(config.logging, site),
      ...optional("upstreamTargets", site.upstreamTargets),
    };
  });
  issues.push(...overlappingSiteCidrs(config, sites));
  return sites;
}

/** `{ [key]: value }`, or nothing when the value is undefined (resolved settings carry no undefined keys). */
function optional<K extends string, V>(key: K, value: V | undefined): { [k in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [k in K]?: V });
}

/** The file's Kong version when it is one the library has schemas for (the shape check reports the others). */
function knownVersion(version: unknown): KongVersion | undefined {
  return KONG_VERSIONS.find((known) => known === version);
}

/**
 * New site VPCs whose CIDRs overlap: sites are meant to be peerable (replication, failover tests,
 * a shared VPN), which overlapping ranges rule out. Reported at the later site, naming the earlier.
 */
function overlappingSiteCidrs(config: TopologyConfig, sites: readonly Site[]): Issue[] {
  const issues: Issue[] = [];
  sites.forEach((site, j) => {
    if (site.network.kind !== "new") return;
    const cidr = site.network.cidr;
    const earlier = sites.findIndex((other, i) => i < j && other.network.kind === "new" && cidrsOverlap(other.network.cidr, cidr));
    if (earlier === -1) return;
    const other = sites[earlier].network as { readonly cidr: string };
    const given = config.sites[j].network?.cidr !== undefined;
    issues.push({
      path: given ? joinPath(joinPath(joinPath("sites", j), "network"), "cidr") : joinPath("sites", j),
      message: `${given ? "" : `the default VPC CIDR `}${cidr} overlaps ${sites[earlier].name}'s ${other.cidr}: give each site its own range (network.cidr) so the sites can be peered`,
    });
  });
  return issues;
}

/** The Admin API credential secret a site reads unless the topology names another: `<estate>/kong-admin`. */
export function defaultAdminCredentialSecret(estate: string): string {
  return `${estate}/kong-admin`;
}
