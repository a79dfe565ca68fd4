import { GatewayCatalog, UpstreamTarget } from "../gateway/catalog";
import { KongVersion } from "../gateway/plugins/kong-plugins";
import { KongEdition } from "../gateway/plugins/plugin-definition";
import { LoggingConfig, LogPath } from "../logging/logging-settings";
import { NatGatewayMode } from "../site/kong-network";
import { SiteRole, StandbyLevel } from "../site/kong-site";
import { GlobalRouting } from "./global-traffic";
import { PkiConfig } from "./pki-settings";

// What the estate (`KongEstate`) is built from: a topology with every default applied. The
// topology layer (src/topology) resolves a file into these; TypeScript users may also write them.

/** How the sites share traffic: one primary with standbys, or every site serving. */
export const HA_MODES = ["active-passive", "active-active"] as const;
export type HaMode = (typeof HA_MODES)[number];

/**
 * How the global records steer: failover (active-passive), latency or weighted (active-active).
 * @deprecated use `GlobalRouting`, the same union; this alias goes in the next release.
 */
export type TrafficRouting = GlobalRouting;

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
  /**
   * The Secrets Manager secret (name in the site's region, or ARN) holding the Admin API credential:
   * the OSS basic-auth password of `kong-admin`, or the Enterprise `kong_admin` RBAC token.
   */
  readonly adminCredentialSecret: string;
  /** Enterprise: the Secrets Manager secret of the licence (KONG_LICENSE_DATA). */
  readonly licenseSecretArn?: string;
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
  | { readonly kind: "new"; readonly cidr: string; readonly availabilityZones: number; readonly natGateways: NatGatewayMode }
  | { readonly kind: "existing"; readonly vpcId: string; readonly privateSubnetIds: readonly string[]; readonly publicSubnetIds: readonly string[] };

/** A component that needs a majority of its members to work (Raft, Paxos, Sentinel) and where it runs. */
export interface QuorumComponentConfig {
  /** The component, e.g. vault-raft or redis-sentinel. */
  readonly name: string;
  /** The sites holding its voting members. */
  readonly sites: readonly string[];
  /** A tie-breaking voter outside those sites. @default none */
  readonly witness?: string;
}

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

/** A site with its defaults applied. */
export interface Site {
  readonly name: string;
  readonly region: string;
  readonly role: SiteRole;
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
  /**
   * This site's own targets for upstreams of the catalog, by upstream name (region-local backends).
   * Only targets: what clients see is the same at every site.
   * @default the catalog's targets
   */
  readonly upstreamTargets?: Readonly<Record<string, readonly UpstreamTarget[]>>;
}

/** A validated topology with defaults applied: what the constructs consume. */
export interface Topology {
  readonly name: string;
  readonly mode: HaMode;
  readonly edition: KongEdition;
  /**
   * The Kong version the estate runs; plugin fields and editions follow its published schemas.
   * @default "3.9" (DEFAULT_KONG_VERSION)
   */
  readonly kongVersion?: KongVersion;
  readonly domain: string;
  readonly sites: readonly Site[];
  readonly catalog: GatewayCatalog;
  /** Certificates for the estate; absent when the topology has no `pki:` section. */
  readonly pki?: PkiConfig;
  /** How Kong's logs reach Splunk; absent when the topology has no `logging:` section. */
  readonly logging?: LoggingConfig;
  readonly failover: { readonly targetSeconds: number; readonly routing: GlobalRouting; readonly alarmTopicArn?: string };
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

/**
 * The site that holds what the estate keeps once (the pki's CA and secrets, the renewal run's
 * region): the primary, or an active-active estate's first site.
 */
export function homeSite(topology: Pick<Topology, "sites">): Site {
  return topology.sites.find((s) => s.role === "primary") ?? topology.sites[0];
}
