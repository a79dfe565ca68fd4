import { catalogSchema, checkCatalogContent, GatewayCatalog } from "../gateway/catalog";
import { PluginRegistry } from "../gateway/plugins/plugin-registry";
import { formats } from "../core/formats";
import { LoggingConfig, loggingConfigSchema, loggingProblems, LogPath, siteLoggingSchema, siteLogPaths } from "./logging-config";
import { PkiConfig, pkiConfigSchema } from "./pki-config";
import { Infer, isPlainObject, Issue, isToken, joinPath, s } from "../core/schema";

/**
 * The topology file: one description of a Kong estate. `stacks/main.ts` reads it (YAML or JSON) and
 * the constructs turn it into per-site stacks. The published JSON Schema (schema/topology.schema.json)
 * is generated from `topologySchema` below, so the file, the types and the checks cannot drift.
 */

export const HA_MODES = ["active-passive", "active-active"] as const;
export const SITE_ROLES = ["primary", "standby", "active"] as const;

export const STANDBY_LEVELS = ["hot", "warm", "pilot-light"] as const;
export const TRAFFIC_ROUTING = ["latency", "weighted"] as const;
export const NAT_GATEWAY_MODES = ["one-per-az", "single"] as const;
/** Fargate task CPU units. */
export const FARGATE_CPU = [256, 512, 1024, 2048, 4096, 8192, 16384] as const;

/** True when Fargate accepts this CPU/memory (MiB) pair. */
export function fargateSizeOk(cpu: number, memory: number): boolean {
  const ranges: { [cpu: number]: readonly [number, number, number] } = {
    256: [512, 2048, 512],
    512: [1024, 4096, 1024],
    1024: [2048, 8192, 1024],
    2048: [4096, 16384, 1024],
    4096: [8192, 30720, 1024],
    8192: [16384, 61440, 4096],
    16384: [32768, 122880, 8192],
  };
  const range = ranges[cpu];
  if (!range) return false;
  return memory >= range[0] && memory <= range[1] && memory % range[2] === 0;
}

/** Kong on ECS Fargate: image and task size. Topology-level values apply to every site; a site's own values win. */
export const kongSettingsSchema = s
  .object({
    image: s.optional(
      s
        .string({ pattern: { regex: /^[a-z0-9]+([._\-/:][a-z0-9]+)*$/, means: "a container image repository such as kong or 123456789012.dkr.ecr.us-east-1.amazonaws.com/kong" } })
        .describe('container image repository; default "kong" (oss) or "kong/kong-gateway" (enterprise). Mirror it to ECR for production'),
    ),
    version: s.optional(
      s
        .string({ pattern: { regex: /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, means: "an image tag such as 3.9.1" } })
        .describe('image tag; default "3.9.1" (oss) or "3.9.0.1" (enterprise)'),
    ),
    cpu: s.optional(s.enum(FARGATE_CPU).describe("Fargate task CPU units; default 1024")),
    memory: s.optional(s.integer([512, 122880]).describe("Fargate task memory in MiB, valid for the CPU; default 2048")),
    desiredCount: s.optional(
      s.integer([0, 100]).describe("tasks the site runs normally; default 2 (a hot standby: the primary's, warm: 1, pilot-light: 0)"),
    ),
    maxCount: s.optional(s.integer([1, 200]).describe("autoscaling ceiling; default 3 x the primary's desiredCount")),
  })
  .refine((kong, path, issues) => {
    if (kong.cpu !== undefined && kong.memory !== undefined && !fargateSizeOk(kong.cpu, kong.memory)) {
      issues.push({ path: joinPath(path, "memory"), message: `${kong.memory} MiB is not a Fargate size for ${kong.cpu} CPU units` });
    }
    if (kong.desiredCount !== undefined && kong.maxCount !== undefined && kong.desiredCount > kong.maxCount) {
      issues.push({ path: joinPath(path, "maxCount"), message: `${kong.maxCount} is below desiredCount (${kong.desiredCount})` });
    }
  });

/** Kong's Postgres (RDS). */
export const databaseSettingsSchema = s.object({
  instanceClass: s.optional(
    s
      .string({ pattern: { regex: /^db\.[a-z0-9]+\.[a-z0-9]+$/, means: "an RDS instance class such as db.t4g.medium" } })
      .describe("RDS instance class; default db.t4g.medium"),
  ),
  engineVersion: s.optional(
    s
      .string({ pattern: { regex: /^1[3-7](\.\d+)?$/, means: "a Postgres version Kong 3.x supports, 13 to 17" } })
      .describe("Postgres major (or major.minor) version; default 16"),
  ),
  allocatedStorage: s.optional(s.integer([20, 65536]).describe("GiB of gp3 storage; default 20 (grows to 5x automatically)")),
  backupRetentionDays: s.optional(s.integer([1, 35]).describe("automated backup retention in days; default 7")),
  multiAz: s.optional(s.boolean().describe("a synchronous standby in a second AZ; default true")),
  deletionProtection: s.optional(
    s.boolean().describe("refuse to delete the database; default true. Set false only for throw-away test estates"),
  ),
  passwordRotationDays: s.optional(
    s
      .integer([1, 365])
      .describe("days between rotations of the RDS-managed password; default 30 (Kong reads it at start: restart after a rotation, see docs/HA.md)"),
  ),
});

const SUBNET_ID = { regex: /^subnet-[0-9a-f]{8,17}$/, means: "a subnet ID such as subnet-0123456789abcdef0" };

/** Where a site runs: an existing VPC (all of vpcId, privateSubnetIds, publicSubnetIds) or a new one. */
export const networkSchema = s
  .object({
    vpcId: s.optional(
      s
        .string({ pattern: { regex: /^vpc-[0-9a-f]{8,17}$/, means: "a VPC ID such as vpc-0123456789abcdef0" } })
        .describe("an existing VPC; needs privateSubnetIds and publicSubnetIds"),
    ),
    privateSubnetIds: s.optional(
      s
        .array(s.string({ pattern: SUBNET_ID }), { minItems: 1, uniqueBy: (id) => id, uniqueWhat: "subnet" })
        .describe("existing subnets for Kong tasks, the database and the Admin API load balancer: one per AZ, with a route to a NAT"),
    ),
    publicSubnetIds: s.optional(
      s
        .array(s.string({ pattern: SUBNET_ID }), { minItems: 1, uniqueBy: (id) => id, uniqueWhat: "subnet" })
        .describe("existing subnets for the public load balancer: one per AZ"),
    ),
    cidr: s.optional(formats.cidr().describe("CIDR of a new VPC (/16 to /22); default 10.<n>.0.0/16 for the n-th site (from 0), so sites can be peered")),
    availabilityZones: s.optional(s.integer([1, 6]).describe("AZs a new VPC spans; default 2")),
    natGateways: s.optional(
      s
        .enum(NAT_GATEWAY_MODES)
        .describe('"one-per-az" (default: losing an AZ keeps egress) or "single" (cheaper; that AZ becomes a single point of failure for egress)'),
    ),
  })
  .refine((network, path, issues) => {
    const existing = ["vpcId", "privateSubnetIds", "publicSubnetIds"] as const;
    const created = ["cidr", "availabilityZones", "natGateways"] as const;
    const given = existing.filter((k) => network[k] !== undefined);
    if (given.length > 0) {
      for (const key of existing) {
        if (network[key] === undefined) {
          issues.push({ path: joinPath(path, key), message: "is required for an existing VPC (give vpcId, privateSubnetIds and publicSubnetIds)" });
        }
      }
      for (const key of created) {
        if (network[key] !== undefined) issues.push({ path: joinPath(path, key), message: "only applies to a new VPC: leave it out when vpcId is set" });
      }
    }
    if (network.cidr !== undefined && !isToken(network.cidr)) {
      const prefix = Number(network.cidr.split("/")[1]);
      if (network.cidr.includes(":") || prefix < 16 || prefix > 22) {
        issues.push({ path: joinPath(path, "cidr"), message: `${network.cidr} is out of range: a site VPC needs an IPv4 /16 to /22 (a public and a private subnet per AZ)` });
      }
    }
  });

/** CIDRs allowed to reach the Admin API; the whole internet is refused. */
const adminCidrsSchema = s
  .array(formats.cidr(), { minItems: 1, uniqueBy: (c) => c, uniqueWhat: "CIDR" })
  .describe("CIDRs that run Terraform against the Admin API (VPN, CI runners); default the site's VPC CIDR")
  .refine((cidrs, path, issues) => {
    cidrs.forEach((cidr, i) => {
      if (/^(0\.0\.0\.0|::)\/0$/.test(cidr)) {
        issues.push({
          path: joinPath(path, i),
          message: `${cidr} would open Kong's Admin API (full control of the gateway) to every network: list the CIDRs that run Terraform`,
        });
      }
    });
  });

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
      .describe("the site's Kong Admin API; default the internal Admin API load balancer of <site>-infra (https://<its DNS name>:8444)"),
  ),
  standby: s.optional(
    s
      .enum(STANDBY_LEVELS)
      .describe('a standby site\'s readiness: "hot" (default: same size as the primary), "warm" (1 task, scales out on load) or "pilot-light" (no tasks, database ready)'),
  ),
  weight: s.optional(s.integer([0, 255]).describe("share of traffic when failover.routing is weighted; default 100 (equal shares)")),
  network: s.optional(networkSchema.describe("the site's VPC; default a new VPC over 2 AZs")),
  adminCidrs: s.optional(adminCidrsSchema),
  kong: s.optional(kongSettingsSchema.describe("this site's Kong task settings; default the topology's kong settings")),
  database: s.optional(databaseSettingsSchema.describe("this site's Postgres settings; default the topology's database settings")),
  logging: s.optional(siteLoggingSchema()),
});

/** A component that needs a majority of its members to work (Raft, Paxos, Sentinel) and where it runs. */
export const quorumComponentSchema = s.object({
  name: formats.identifier().describe("the component, e.g. vault-raft or redis-sentinel"),
  sites: s
    .array(formats.identifier(), { minItems: 1, uniqueBy: (x) => x, uniqueWhat: "site" })
    .describe("the sites holding its voting members"),
  witness: s.optional(
    s.string({ minLength: 1, maxLength: 128 }).describe("a tie-breaking voter outside those sites (a third region, a cloud witness); none by default"),
  ),
});

/** A rule ID of the rule pack (docs/RULES.md): KHA-<area>-<nnn>. */
export const RULE_ID_PATTERN = { regex: /^KHA-[A-Z]{2,5}-\d{3}$/, means: "a rule ID such as KHA-HA-001" };

export const topologySchema = s
  .object({
    $schema: s.optional(s.string().describe("the JSON Schema this file follows, for editors")),
    name: formats.identifier().describe("estate name: prefixes Terraform workspaces and resource names"),
    mode: s.enum(HA_MODES),
    edition: s.optional(s.enum(["oss", "enterprise"]), "oss"),
    domain: formats.domain().describe("the global hostname clients use, e.g. api.example.com"),
    sites: s.array(siteSchema, { minItems: 2, uniqueBy: (site) => site.name, uniqueWhat: "site name" }),
    kong: s.optional(kongSettingsSchema.describe("Kong task settings for every site (a site's own kong settings win)")),
    database: s.optional(databaseSettingsSchema.describe("Postgres settings for every site (a site's own database settings win)")),
    failover: s.optional(
      s
        .object({
          targetSeconds: s.optional(
            s
              .integer([30, 3600])
              .describe("how long clients may still be sent to a failed site; the health-check interval and DNS TTL follow from it. Default 120"),
          ),
          routing: s.optional(s.enum(TRAFFIC_ROUTING).describe('active-active only: "latency" (default: the nearest healthy site) or "weighted"')),
          alarmTopicArn: s.optional(
            s
              .string({
                pattern: {
                  regex: /^arn:aws[a-z-]*:sns:us-east-1:\d{12}:[A-Za-z0-9_-]{1,256}$/,
                  means: "an SNS topic ARN in us-east-1 (where Route 53 health-check metrics live)",
                },
              })
              .describe("SNS topic notified when a site's health check fails; none by default"),
          ),
        })
        .describe("how traffic leaves a failed site"),
    ),
    dns: s.optional(
      s
        .object({
          hostedZoneId: s.optional(
            s
              .string({ pattern: { regex: /^Z[A-Z0-9]{1,32}$/, means: "a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ" } })
              .describe("an existing public hosted zone; default a new zone named zoneName"),
          ),
          zoneName: s.optional(formats.domain().describe("the hosted zone's name: the domain or a parent of it; default the domain")),
        })
        .describe("the Route 53 hosted zone of the global records"),
    ),
    terraformCloud: s.optional(
      s
        .object({
          organization: s.optional(
            s
              .string({ pattern: { regex: /^[A-Za-z0-9_-]{1,80}$/, means: "a Terraform Cloud organization name" } })
              .describe("default TF_CLOUD_ORGANIZATION"),
          ),
          project: s.optional(s.string({ minLength: 1, maxLength: 100 }).describe("default TF_CLOUD_PROJECT, else the organization's default project")),
          workspacePrefix: s.optional(
            s
              .string({ pattern: { regex: /^[A-Za-z0-9_-]{1,60}$/, means: "a workspace name prefix (letters, digits, '-', '_')" } })
              .describe("each stack's workspace is <prefix>-<stack>; default KONG_HA_WORKSPACE_PREFIX, else the estate name"),
          ),
          hostname: s.optional(formats.hostname().describe("Terraform Enterprise host; default TF_CLOUD_HOSTNAME, else app.terraform.io")),
        })
        .describe("keep each stack's state in a Terraform Cloud workspace <prefix>-<stack> instead of a local file"),
    ),
    quorum: s.optional(
      s
        .array(quorumComponentSchema, { uniqueBy: (q) => q.name, uniqueWhat: "component" })
        .describe("quorum-based components the estate depends on (checked by rule KHA-HA-006)"),
    ),
    rules: s.optional(
      s
        .object({
          suppress: s.array(
            s.object({
              id: s.string({ pattern: RULE_ID_PATTERN }),
              reason: s.string({ minLength: 20, maxLength: 1000 }).describe("why the rule does not apply to this estate: at least one sentence"),
            }),
            { uniqueBy: (x) => x.id, uniqueWhat: "rule ID" },
          ),
        })
        .describe("topology rules (docs/RULES.md) this estate suppresses, each with a reason"),
    ),
    protect: s.optional(
      s
        .boolean()
        .describe(
          "keep stateful resources (databases, KMS keys, secrets, CAs, Vault mounts, log buckets and groups, the hosted zone) from terraform destroy; false only for throw-away test estates. Default true",
        ),
    ),
    ...catalogSchema.shape,
    pki: s.optional(pkiConfigSchema.describe("certificates: issuer, store, client certificates and client mTLS")),
    logging: s.optional(loggingConfigSchema.describe("Kong's logs to Splunk: HEC, Universal Forwarder, Firehose")),
  })
  .refine((topology, path, issues) => {
    if (topology.pki && (topology.pki.clientMtls ?? "off") !== "off" && topology.edition === "enterprise" && !topology.pki.caCertificateIds) {
      issues.push({
        path: joinPath(joinPath(path, "pki"), "caCertificateIds"),
        message: "is required for client mTLS on enterprise (mtls-auth verifies against Kong /ca_certificates IDs; the kong provider cannot create them)",
      });
    }
    if (topology.pki && (topology.pki.clientMtls ?? "off") !== "off" && (topology.edition ?? "oss") === "oss" && topology.pki.store !== "aws-secrets-manager") {
      issues.push({
        path: joinPath(joinPath(path, "pki"), "store"),
        message: 'OSS client mTLS verifies at the node against a CA bundle ECS reads from Secrets Manager: set store to "aws-secrets-manager" (ECS cannot read Vault KV)',
      });
    }
    if (topology.pki?.clientMtls === "optional" && topology.edition === "enterprise") {
      issues.push({
        path: joinPath(joinPath(path, "pki"), "clientMtls"),
        message: '"optional" is the OSS node-level mode; on enterprise use "required" (mtls-auth), or attach mtls-auth to chosen routes with config.anonymous',
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
  })
  .refine((topology, path, issues) => {
    // HA settings that depend on the mode and on each other.
    const sitesPath = joinPath(path, "sites");
    const names = new Set(topology.sites.map((site) => site.name));
    const routing = topology.failover?.routing;
    if (topology.mode === "active-passive" && routing !== undefined) {
      issues.push({ path: joinPath(joinPath(path, "failover"), "routing"), message: `applies to active-active only: active-passive always uses failover records` });
    }
    topology.sites.forEach((site, i) => {
      const sitePath = joinPath(sitesPath, i);
      if (site.standby !== undefined && site.role !== "standby") {
        issues.push({ path: joinPath(sitePath, "standby"), message: `only a site with role "standby" has a standby level` });
      }
      if (site.standby === "pilot-light" && (site.kong?.desiredCount ?? 0) > 0) {
        issues.push({ path: joinPath(joinPath(sitePath, "kong"), "desiredCount"), message: `a pilot-light standby runs no tasks: use standby "warm" to keep ${site.kong?.desiredCount} running` });
      }
      if (site.weight !== undefined && routing !== "weighted") {
        issues.push({ path: joinPath(sitePath, "weight"), message: `applies only with failover.routing "weighted"` });
      }
    });
    const standbys = topology.sites.filter((site) => site.role === "standby").length;
    const primaries = topology.sites.filter((site) => site.role === "primary").length;
    if (topology.mode === "active-passive" && standbys > 1 && primaries === 1) {
      issues.push({
        path: sitesPath,
        message: `active-passive takes one standby (Route 53 failover has one PRIMARY and one SECONDARY record), got ${standbys}: use active-active for more serving sites`,
      });
    }
    if (routing === "weighted" && topology.sites.every((site) => site.weight === 0)) {
      issues.push({ path: sitesPath, message: "every weight is 0: at least one site must take traffic" });
    }
    const zoneName = topology.dns?.zoneName;
    if (zoneName !== undefined && topology.domain !== zoneName && !topology.domain.endsWith(`.${zoneName}`)) {
      issues.push({ path: joinPath(joinPath(path, "dns"), "zoneName"), message: `${topology.domain} is not in zone ${zoneName}: give the domain or a parent of it` });
    }
    (topology.quorum ?? []).forEach((component, i) => {
      component.sites.forEach((site, j) => {
        if (!names.has(site)) {
          issues.push({
            path: joinPath(joinPath(joinPath(joinPath(path, "quorum"), i), "sites"), j),
            message: `no site is named "${site}" (sites: ${[...names].join(", ")})`,
          });
        }
      });
    });
  });

export type StandbyLevel = (typeof STANDBY_LEVELS)[number];
/** How the global records steer: failover (active-passive), latency or weighted (active-active). */
export type TrafficRouting = "failover" | (typeof TRAFFIC_ROUTING)[number];

/** Kong task settings of one site, defaults applied. */
export interface KongSettings {
  readonly image: string;
  readonly version: string;
  readonly cpu: number;
  readonly memory: number;
  /** Tasks at apply time. */
  readonly desiredCount: number;
  /** Autoscaling floor. */
  readonly minCount: number;
  /** Autoscaling ceiling. */
  readonly maxCount: number;
}

/** Postgres settings of one site, defaults applied. */
export interface DatabaseSettings {
  readonly instanceClass: string;
  readonly engineVersion: string;
  readonly allocatedStorage: number;
  readonly backupRetentionDays: number;
  readonly multiAz: boolean;
  readonly deletionProtection: boolean;
  readonly passwordRotationDays: number;
}

/** A site's network: a new VPC, or an existing one adopted by ID. */
export type SiteNetwork =
  | { readonly kind: "new"; readonly cidr: string; readonly availabilityZones: number; readonly natGateways: (typeof NAT_GATEWAY_MODES)[number] }
  | { readonly kind: "existing"; readonly vpcId: string; readonly privateSubnetIds: readonly string[]; readonly publicSubnetIds: readonly string[] };

export type QuorumComponentConfig = Infer<typeof quorumComponentSchema>;

/** A rule suppression: the rule's ID and why it does not apply. */
export interface RuleSuppressionConfig {
  readonly id: string;
  readonly reason: string;
}

/** Terraform Cloud settings as the file gives them; `selectBackend` completes them from the environment. */
export interface TerraformCloudConfig {
  readonly organization?: string;
  readonly project?: string;
  readonly workspacePrefix?: string;
  readonly hostname?: string;
}

/** Where every stack keeps its state: one Terraform Cloud workspace per stack, `<workspacePrefix>-<stack>`. */
export interface TerraformCloudBackend {
  readonly organization: string;
  readonly workspacePrefix: string;
  /** @default the organization's default project */
  readonly project?: string;
  /** @default app.terraform.io */
  readonly hostname?: string;
}

/** A topology as written in the file (optional fields may be absent). */
export type TopologyConfig = Infer<typeof topologySchema>;
export type SiteConfig = Infer<typeof siteSchema>;

/** A site with its defaults applied. */
export interface Site {
  readonly name: string;
  readonly region: string;
  readonly role: (typeof SITE_ROLES)[number];
  /** The Admin API URL the file sets; absent: the `<site>-infra` stack's internal Admin API load balancer. */
  readonly adminUrl?: string;
  /** A standby site's readiness (standby sites only). */
  readonly standby?: StandbyLevel;
  /** Share of traffic with weighted routing. */
  readonly weight: number;
  readonly network: SiteNetwork;
  /** CIDRs allowed to the Admin API; absent: the site's VPC CIDR. */
  readonly adminCidrs?: readonly string[];
  readonly kong: KongSettings;
  readonly database: DatabaseSettings;
  /** The log paths this site uses (see the topology's `logging`). */
  readonly logging: readonly LogPath[];
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
  /** How Kong's logs reach Splunk; absent when the topology has no `logging:` section. */
  readonly logging?: LoggingConfig;
  readonly failover: { readonly targetSeconds: number; readonly routing: TrafficRouting; readonly alarmTopicArn?: string };
  /** The hosted zone of the global records: an existing one by ID, or a new one named `zoneName`. */
  readonly dns: { readonly hostedZoneId?: string; readonly zoneName: string };
  /** As the file gives it; see `selectBackend`. */
  readonly terraformCloud?: TerraformCloudConfig;
  readonly quorum: readonly QuorumComponentConfig[];
  readonly suppressions: readonly RuleSuppressionConfig[];
  /**
   * `false` for a throw-away estate: no destroy protection anywhere, the database's included
   * (docs/SECURITY.md, "Protected state"); the rules record the opt-out.
   * @default true
   */
  readonly protect?: boolean;
}

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
  const catalogOk = catalogShapeOk && checkCatalogContent(catalog, { edition, registry: options.plugins ?? PluginRegistry.withBuiltins() }, "", issues);
  if (!shapeOk || !catalogOk) return { issues };
  issues.push(...loggingProblems(config.logging, config.sites, ""));
  const sites = resolveSites(config, edition, issues);
  if (issues.length) return { issues };
  const topology: Topology = {
    name: config.name,
    mode: config.mode,
    edition,
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

/** The failover time a topology targets when it does not say. */
export const DEFAULT_FAILOVER_TARGET_SECONDS = 120;

/** Kong images per edition, pinned: upgrades are deliberate (see docs/HA.md, "Upgrading Kong"). */
export const DEFAULT_KONG_IMAGES = {
  oss: { image: "kong", version: "3.9.1" },
  enterprise: { image: "kong/kong-gateway", version: "3.9.0.1" },
} as const;

const DEFAULT_DATABASE: DatabaseSettings = {
  instanceClass: "db.t4g.medium",
  engineVersion: "16",
  allocatedStorage: 20,
  backupRetentionDays: 7,
  multiAz: true,
  deletionProtection: true,
  passwordRotationDays: 30,
};

/**
 * Applies the HA defaults to each site. Serving sites (primary, active) get the topology's kong
 * settings under their own; a hot standby copies the primary's effective settings (so it can take the
 * primary's load), a warm one runs 1 task, a pilot-light one none, both scaling up to the primary's
 * ceiling. Sizes that only become invalid once merged are reported at the site.
 */
function resolveSites(config: TopologyConfig, edition: "oss" | "enterprise", issues: Issue[]): Site[] {
  const images = DEFAULT_KONG_IMAGES[edition];
  const base = config.kong ?? {};
  const serving = (own: TopologyConfig["kong"] = {}): KongSettings => {
    const desiredCount = own.desiredCount ?? base.desiredCount ?? 2;
    return {
      image: own.image ?? base.image ?? images.image,
      version: own.version ?? base.version ?? images.version,
      cpu: own.cpu ?? base.cpu ?? 1024,
      memory: own.memory ?? base.memory ?? 2048,
      desiredCount,
      minCount: desiredCount,
      maxCount: own.maxCount ?? base.maxCount ?? Math.max(3 * desiredCount, 2),
    };
  };
  const primaryConfig = config.sites.find((site) => site.role === "primary");
  const primaryKong = serving(primaryConfig?.kong);
  return config.sites.map<Site>((site, i) => {
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
      };
    }
    const kongPath = joinPath(joinPath("sites", i), "kong");
    // A standby that copies the primary's size is reported at the primary only.
    const ownSize = standby === undefined || site.kong?.cpu !== undefined || site.kong?.memory !== undefined;
    if (ownSize && !fargateSizeOk(kong.cpu, kong.memory)) {
      issues.push({ path: kongPath, message: `memory ${kong.memory} MiB is not a Fargate size for cpu ${kong.cpu} (with the topology's kong settings applied)` });
    }
    if (kong.desiredCount > kong.maxCount) {
      issues.push({ path: kongPath, message: `desiredCount ${kong.desiredCount} is above maxCount ${kong.maxCount} (with the topology's kong settings applied)` });
    }
    const network: SiteNetwork = site.network?.vpcId
      ? { kind: "existing", vpcId: site.network.vpcId, privateSubnetIds: site.network.privateSubnetIds ?? [], publicSubnetIds: site.network.publicSubnetIds ?? [] }
      : {
          kind: "new",
          cidr: site.network?.cidr ?? `10.${i}.0.0/16`,
          availabilityZones: site.network?.availabilityZones ?? 2,
          natGateways: site.network?.natGateways ?? "one-per-az",
        };
    return {
      name: site.name,
      region: site.region,
      role,
      adminUrl: site.adminUrl,
      standby,
      weight: site.weight ?? 100,
      network,
      adminCidrs: site.adminCidrs,
      kong,
      database: { ...DEFAULT_DATABASE, ...config.database, ...site.database },
      logging: siteLogPaths(config.logging, site),
    };
  });
}

/**
 * The environment `selectBackend` reads (stacks/main.ts passes `process.env`):
 * - `KONG_HA_BACKEND`: `local` or `cloud`; unset, the topology decides (a `terraformCloud` section means cloud);
 * - `TF_CLOUD_ORGANIZATION`, `TF_CLOUD_PROJECT`, `TF_CLOUD_HOSTNAME`, `KONG_HA_WORKSPACE_PREFIX`:
 *   what the file's `terraformCloud` section leaves out.
 */
export type BackendEnvironment = { readonly [name: string]: string | undefined };

/**
 * Chooses where the stacks keep their state. The file's `terraformCloud` section selects Terraform
 * Cloud, `KONG_HA_BACKEND=cloud|local` overrides it either way; fields the file leaves out come from
 * TF_CLOUD_ORGANIZATION, TF_CLOUD_PROJECT, TF_CLOUD_HOSTNAME and KONG_HA_WORKSPACE_PREFIX. Setting
 * TF_CLOUD_ORGANIZATION alone never moves state: state location changes only by a deliberate choice.
 * Returns `backend: undefined` for local state.
 */
export function selectBackend(topology: Topology, env: BackendEnvironment): { backend?: TerraformCloudBackend; issues: Issue[] } {
  const issues: Issue[] = [];
  const choice = env.KONG_HA_BACKEND?.trim() || undefined;
  if (choice !== undefined && choice !== "local" && choice !== "cloud") {
    issues.push({ path: "KONG_HA_BACKEND", message: `${JSON.stringify(choice)} is not one of "local", "cloud"` });
    return { issues };
  }
  if (choice === "local" || (choice === undefined && !topology.terraformCloud)) return { issues };
  const file = topology.terraformCloud ?? {};
  const organization = file.organization ?? (env.TF_CLOUD_ORGANIZATION?.trim() || undefined);
  const workspacePrefix = file.workspacePrefix ?? (env.KONG_HA_WORKSPACE_PREFIX?.trim() || topology.name);
  if (!organization) {
    issues.push({ path: "terraformCloud.organization", message: "is required for Terraform Cloud state: set it in the topology or TF_CLOUD_ORGANIZATION" });
  } else if (!/^[A-Za-z0-9_-]{1,80}$/.test(organization)) {
    issues.push({ path: "TF_CLOUD_ORGANIZATION", message: `${JSON.stringify(organization)} is not a Terraform Cloud organization name` });
  }
  if (!/^[A-Za-z0-9_-]{1,60}$/.test(workspacePrefix)) {
    issues.push({ path: "KONG_HA_WORKSPACE_PREFIX", message: `${JSON.stringify(workspacePrefix)} is not a workspace name prefix (letters, digits, '-', '_')` });
  }
  if (issues.length) return { issues };
  return {
    backend: {
      organization: organization!,
      workspacePrefix,
      project: file.project ?? (env.TF_CLOUD_PROJECT?.trim() || undefined),
      hostname: file.hostname ?? (env.TF_CLOUD_HOSTNAME?.trim() || undefined),
    },
    issues,
  };
}
