import { ACTIVE_ACTIVE_ROUTINGS, DEFAULT_FAILOVER_TARGET_SECONDS, DEFAULT_SITE_WEIGHT } from "../ha/global-traffic";
import { pkiConfigSchema } from "../ha/pki-settings";
import { HA_MODES } from "../ha/resolved-topology";
import { catalogSchema, kongGeneratedCredentials, sameAtEverySiteFix, upstreamTargetsSchema } from "../gateway/catalog";
import { DEFAULT_KONG_VERSION, KONG_VERSIONS } from "../gateway/plugins/kong-plugins";
import { KONG_EDITIONS } from "../gateway/plugins/plugin-definition";
import { loggingConfigSchema, siteLoggingSchema } from "../logging/logging-settings";
import { FARGATE_CPU, fargateSizeProblem } from "../site/fargate";
import { KONG_CLUSTER_DEFAULTS, KONG_IMAGES } from "../site/kong-cluster";
import { KONG_DATABASE_DEFAULTS } from "../site/kong-database";
import { adminCidrsProblems } from "../site/kong-load-balancers";
import { KONG_NETWORK_DEFAULTS, NAT_GATEWAY_MODES } from "../site/kong-network";
import { SITE_ROLES, STANDBY_LEVELS } from "../site/kong-site";
import { cidrsOverlap } from "../core/cidr";
import { formats, SECRET_ARN_PATTERN, SECRET_NAME_OR_ARN_PATTERN } from "../core/formats";
import { Infer, isToken, joinPath, s } from "../core/schema";

/**
 * The topology file: one description of a Kong estate. `stacks/main.ts` reads it (YAML or JSON) and
 * `resolveTopology` turns it into the estate's props. The published JSON Schema
 * (schema/topology.schema.json) is generated from `topologySchema` below, so the file, the types and
 * the checks cannot drift. Defaults shown in descriptions are read from the constructs that own them.
 */

/** Kong on ECS Fargate: image and task size. Topology-level values apply to every site; a site's own values win. */
export const kongSettingsSchema = s
  .object({
    image: s.optional(
      s
        .string({
          pattern: {
            regex: /^[a-z0-9]+([._\-/:][a-z0-9]+)*$/,
            means: "a container image repository such as kong or 123456789012.dkr.ecr.us-east-1.amazonaws.com/kong",
          },
        })
        .describe(
          `container image repository; default "${KONG_IMAGES.oss.image}" (oss) or "${KONG_IMAGES.enterprise.image}" (enterprise). Mirror it to ECR for production`,
        ),
    ),
    version: s.optional(
      s
        .string({ pattern: { regex: /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, means: "an image tag such as 3.9.1" } })
        .describe(`image tag; default "${KONG_IMAGES.oss.version}" (oss) or "${KONG_IMAGES.enterprise.version}" (enterprise)`),
    ),
    cpu: s.optional(s.enum(FARGATE_CPU).describe(`Fargate task CPU units; default ${KONG_CLUSTER_DEFAULTS.cpu}`)),
    memory: s.optional(s.integer([512, 122880]).describe(`Fargate task memory in MiB, valid for the CPU; default ${KONG_CLUSTER_DEFAULTS.memory}`)),
    desiredCount: s.optional(
      s
        .integer([0, 100])
        .describe(`tasks the site runs normally; default ${KONG_CLUSTER_DEFAULTS.desiredCount} (a hot standby: the primary's, warm: 1, pilot-light: 0)`),
    ),
    maxCount: s.optional(s.integer([1, 200]).describe("autoscaling ceiling; default 3 x the primary's desiredCount")),
    adminCredentialSecret: s.optional(
      s
        .string({
          pattern: SECRET_NAME_OR_ARN_PATTERN,
        })
        .describe(
          "the Secrets Manager secret (name in the site's region, or ARN) whose value is the Admin API credential: OSS, the password of user kong-admin (Nginx basic authentication); enterprise, the kong_admin RBAC token. One line, 16+ characters. Default <estate name>/kong-admin",
        ),
    ),
    licenseSecretArn: s.optional(
      s
        .string({
          pattern: SECRET_ARN_PATTERN,
        })
        .describe(
          "enterprise: the Secrets Manager secret holding the Kong Enterprise licence (its JSON), given to Kong as KONG_LICENSE_DATA; a replica in the site's region is best, the full ARN of another region's works",
        ),
    ),
  })
  .refine((kong, path, issues) => {
    const sizeProblem = kong.cpu !== undefined && kong.memory !== undefined ? fargateSizeProblem(kong.cpu, kong.memory) : undefined;
    if (sizeProblem) issues.push({ path: joinPath(path, "memory"), message: sizeProblem });
    if (kong.desiredCount !== undefined && kong.maxCount !== undefined && kong.desiredCount > kong.maxCount) {
      issues.push({ path: joinPath(path, "maxCount"), message: `${kong.maxCount} is below desiredCount (${kong.desiredCount})` });
    }
  });

/** Kong's Postgres (RDS). */
export const databaseSettingsSchema = s.object({
  instanceClass: s.optional(
    s
      .string({ pattern: { regex: /^db\.[a-z0-9]+\.[a-z0-9]+$/, means: "an RDS instance class such as db.t4g.medium" } })
      .describe(`RDS instance class; default ${KONG_DATABASE_DEFAULTS.instanceClass}`),
  ),
  engineVersion: s.optional(
    s
      .string({ pattern: { regex: /^1[3-7](\.\d+)?$/, means: "a Postgres version Kong 3.x supports, 13 to 17" } })
      .describe(`Postgres major (or major.minor) version; default ${KONG_DATABASE_DEFAULTS.engineVersion}`),
  ),
  allocatedStorage: s.optional(
    s.integer([20, 65536]).describe(`GiB of gp3 storage; default ${KONG_DATABASE_DEFAULTS.allocatedStorage} (grows to 5x automatically)`),
  ),
  backupRetentionDays: s.optional(s.integer([1, 35]).describe(`automated backup retention in days; default ${KONG_DATABASE_DEFAULTS.backupRetentionDays}`)),
  multiAz: s.optional(s.boolean().describe(`a synchronous standby in a second AZ; default ${KONG_DATABASE_DEFAULTS.multiAz}`)),
  deletionProtection: s.optional(
    s.boolean().describe(`refuse to delete the database; default ${KONG_DATABASE_DEFAULTS.deletionProtection}. Set false only for throw-away test estates`),
  ),
  passwordRotationDays: s.optional(
    s
      .integer([1, 365])
      .describe(
        `days between rotations of the RDS-managed password; default ${KONG_DATABASE_DEFAULTS.passwordRotationDays} (Kong reads it at start: restart after a rotation, see docs/HA.md)`,
      ),
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
    availabilityZones: s.optional(s.integer([1, 6]).describe(`AZs a new VPC spans; default ${KONG_NETWORK_DEFAULTS.availabilityZones}`)),
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
        issues.push({
          path: joinPath(path, "cidr"),
          message: `${network.cidr} is out of range: a site VPC needs an IPv4 /16 to /22 (a public and a private subnet per AZ)`,
        });
      }
    }
  });

/** CIDRs allowed to reach the Admin API; the whole internet is refused. */
const adminCidrsSchema = s
  .array(formats.cidr(), { minItems: 1, uniqueBy: (c) => c, uniqueWhat: "CIDR" })
  .describe("CIDRs that run Terraform against the Admin API (VPN, CI runners); default the site's VPC CIDR")
  .refine((cidrs, path, issues) => {
    issues.push(...adminCidrsProblems(cidrs, path));
  });

export const siteSchema = s.object({
  name: formats.identifier().describe("site name: used in stack names (<site>-gateway) and hostnames"),
  region: formats.awsRegion(),
  role: s.optional(s.enum(SITE_ROLES).describe("active-passive: one primary, the others standby; active-active: every site active")),
  adminUrl: s.optional(
    s
      .string({ pattern: { regex: /^https?:\/\/[^\s/]+(:\d+)?(\/[^\s]*)?$/, means: "an http(s) URL" } })
      .describe("the site's Kong Admin API; default the internal Admin API load balancer of <site>-infra (https://<its DNS name>:8444)"),
  ),
  standby: s.optional(
    s
      .enum(STANDBY_LEVELS)
      .describe(
        'a standby site\'s readiness: "hot" (default: same size as the primary), "warm" (1 task, scales out on load) or "pilot-light" (no tasks, database ready)',
      ),
  ),
  weight: s.optional(s.integer([0, 255]).describe(`share of traffic when failover.routing is weighted; default ${DEFAULT_SITE_WEIGHT} (equal shares)`)),
  network: s.optional(networkSchema.describe("the site's VPC; default a new VPC over 2 AZs")),
  adminCidrs: s.optional(adminCidrsSchema),
  kong: s.optional(kongSettingsSchema.describe("this site's Kong task settings; default the topology's kong settings")),
  database: s.optional(databaseSettingsSchema.describe("this site's Postgres settings; default the topology's database settings")),
  logging: s.optional(siteLoggingSchema()),
  upstreamTargets: s.optional(
    s
      .map(upstreamTargetsSchema)
      .describe(
        "this site's own targets for upstreams of the catalog, by upstream name (e.g. region-local backends); what clients see (services, routes, consumers, plugins) stays the same at every site",
      ),
  ),
});

/** A component that needs a majority of its members to work (Raft, Paxos, Sentinel) and where it runs. */
export const quorumComponentSchema = s.object({
  name: formats.identifier().describe("the component, e.g. vault-raft or redis-sentinel"),
  sites: s.array(formats.identifier(), { minItems: 1, uniqueBy: (x) => x, uniqueWhat: "site" }).describe("the sites holding its voting members"),
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
    edition: s.optional(s.enum(KONG_EDITIONS), "oss"),
    kongVersion: s.optional(
      s.enum(KONG_VERSIONS).describe("the Kong version the estate runs: plugin fields and editions follow Kong's published schemas for it"),
      DEFAULT_KONG_VERSION,
    ),
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
              .describe(
                `how long clients may still be sent to a failed site; the health-check interval and DNS TTL follow from it. Default ${DEFAULT_FAILOVER_TARGET_SECONDS}`,
              ),
          ),
          routing: s.optional(s.enum(ACTIVE_ACTIVE_ROUTINGS).describe('active-active only: "latency" (default: the nearest healthy site) or "weighted"')),
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
            s.string({ pattern: { regex: /^[A-Za-z0-9_-]{1,80}$/, means: "a Terraform Cloud organization name" } }).describe("default TF_CLOUD_ORGANIZATION"),
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
    insecureLoopbackHttp: s.optional(
      s
        .boolean()
        .describe(
          "a lab on one machine only: allow http:// (no TLS) for the Admin API and Vault addresses when they are on 127.0.0.0/8, ::1 or localhost. Tokens and issued keys then travel in clear. Default false",
        ),
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
    // Kong Enterprise without a licence runs in free mode and refuses the Enterprise plugins.
    const enterprise = topology.edition === "enterprise";
    const topLevel = topology.kong?.licenseSecretArn;
    topology.sites.forEach((site, i) => {
      const own = site.kong?.licenseSecretArn;
      const at = joinPath(joinPath(joinPath(joinPath(path, "sites"), i), "kong"), "licenseSecretArn");
      if (enterprise && own === undefined && topLevel === undefined) {
        issues.push({
          path: at,
          message:
            "Kong Enterprise needs its licence: without it Kong runs in free mode and refuses the Enterprise plugins (mtls-auth, openid-connect, ...); give the ARN of the Secrets Manager secret holding it here or in the topology's kong settings",
        });
      }
      if (!enterprise && own !== undefined) issues.push({ path: at, message: 'is only for edition "enterprise": Kong OSS needs no licence' });
    });
    if (!enterprise && topLevel !== undefined) {
      issues.push({ path: joinPath(joinPath(path, "kong"), "licenseSecretArn"), message: 'is only for edition "enterprise": Kong OSS needs no licence' });
    }
  })
  .refine((topology, path, issues) => {
    // Every site serves the same catalog: a credential Kong generates would differ between sites.
    for (const credential of kongGeneratedCredentials(topology, path)) {
      issues.push({
        path: credential.path,
        message: `the ${credential.what} of consumer "${credential.consumer}" is left to Kong, so each site would generate its own and the consumer would be refused after a failover; ${sameAtEverySiteFix(credential)}`,
      });
    }
    const upstreams = new Set((topology.upstreams ?? []).map((u) => u.name));
    topology.sites.forEach((site, i) => {
      for (const name of Object.keys(site.upstreamTargets ?? {})) {
        if (upstreams.has(name)) continue;
        issues.push({
          path: joinPath(joinPath(joinPath(joinPath(path, "sites"), i), "upstreamTargets"), name),
          message: `no upstream named "${name}" in upstreams (known: ${[...upstreams].join(", ") || "none"})`,
        });
      }
    });
  })
  .refine((topology, path, issues) => {
    // Where an Admin API token or a Vault token (and the keys Vault issues) travel, TLS is required.
    const plain = (url: string | undefined, at: string) => {
      if (url === undefined || isToken(url) || !/^http:\/\//i.test(url)) return;
      const loopback = isLoopbackUrl(url);
      if (loopback && topology.insecureLoopbackHttp === true) return;
      issues.push({
        path: at,
        message:
          `${url} is plain http: tokens${at.includes("vault") ? " and issued keys" : ""} would travel in clear; use https://` +
          (loopback ? " (a lab on this machine may set insecureLoopbackHttp: true)" : ""),
      });
    };
    topology.sites.forEach((site, i) => plain(site.adminUrl, joinPath(joinPath(joinPath(path, "sites"), i), "adminUrl")));
    plain(topology.pki?.vault?.address, joinPath(joinPath(joinPath(path, "pki"), "vault"), "address"));
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
        message:
          'OSS client mTLS verifies at the node against a CA bundle ECS reads from Secrets Manager: set store to "aws-secrets-manager" (ECS cannot read Vault KV)',
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
      issues.push({
        path: joinPath(joinPath(path, "failover"), "routing"),
        message: `applies to active-active only: active-passive always uses failover records`,
      });
    }
    topology.sites.forEach((site, i) => {
      const sitePath = joinPath(sitesPath, i);
      if (site.standby !== undefined && site.role !== "standby") {
        issues.push({ path: joinPath(sitePath, "standby"), message: `only a site with role "standby" has a standby level` });
      }
      if (site.standby === "pilot-light" && (site.kong?.desiredCount ?? 0) > 0) {
        issues.push({
          path: joinPath(joinPath(sitePath, "kong"), "desiredCount"),
          message: `a pilot-light standby runs no tasks: use standby "warm" to keep ${site.kong?.desiredCount} running`,
        });
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
      issues.push({
        path: joinPath(joinPath(path, "dns"), "zoneName"),
        message: `${topology.domain} is not in zone ${zoneName}: give the domain or a parent of it`,
      });
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

/** A topology as written in the file (optional fields may be absent). */
export type TopologyConfig = Infer<typeof topologySchema>;
export type SiteConfig = Infer<typeof siteSchema>;

/** True for a URL whose host is a loopback address (127.0.0.0/8, ::1) or localhost. */
function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return false;
  }
  return host === "localhost" || host === "::1" || cidrsOverlap(`${host}/32`, "127.0.0.0/8");
}
