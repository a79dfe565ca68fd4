import { Construct } from "constructs";
import { ConfigError } from "../core/config-error";
import { KongCapacity, KongCluster, KongClusterProps } from "./kong-cluster";
import { KongDatabase, KongDatabaseProps } from "./kong-database";
import { KONG_PORTS, KONG_READY_PATH, KongLoadBalancers, KongLoadBalancersProps } from "./kong-load-balancers";
import { IKongNetwork, KongNetwork } from "./kong-network";
import { ILogEncryptionKey, KongSiteKey } from "./kong-site-key";

/** A site's part in the estate: one primary and standbys (active-passive), or every site active. */
export const SITE_ROLES = ["primary", "standby", "active"] as const;
export type SiteRole = (typeof SITE_ROLES)[number];

/** A standby site's readiness: the primary's size, one task, or none (database ready). */
export const STANDBY_LEVELS = ["hot", "warm", "pilot-light"] as const;
export type StandbyLevel = (typeof STANDBY_LEVELS)[number];

/**
 * What global traffic steering needs from a Kong site: where its public load balancer answers and
 * where its health endpoint is, plus the facts the HA rules compare between sites.
 */
export interface IKongSiteEndpoint {
  readonly siteName: string;
  /** The AWS region the site runs in, e.g. us-east-1. */
  readonly region: string;
  /** DNS name of the public load balancer. */
  readonly publicDnsName: string;
  /** Route 53 zone ID of the public load balancer, for alias records. */
  readonly publicZoneId: string;
  /** Port and path of Kong's readiness endpoint through the public load balancer. */
  readonly statusPort: number;
  readonly statusPath: string;
  /** Task count and size, when known. */
  readonly capacity?: KongCapacity;
  /** A standby site's readiness. */
  readonly standbyLevel?: StandbyLevel;
}

/** Attributes of a Kong site that was not built by this library (or lives in another app). */
export interface KongSiteEndpointAttributes {
  readonly siteName: string;
  readonly region: string;
  readonly publicDnsName: string;
  readonly publicZoneId: string;
  /** @default 8100 */
  readonly statusPort?: number;
  /** @default "/status/ready" */
  readonly statusPath?: string;
  /** @default unknown (the HA rules that compare sizes skip it) */
  readonly capacity?: KongCapacity;
  /** @default none */
  readonly standbyLevel?: StandbyLevel;
}

export interface KongSiteProps {
  /** The site's name (lower-case identifier), e.g. `east`. */
  readonly siteName: string;
  /** The AWS region the site runs in, e.g. us-east-1. */
  readonly region: string;
  /**
   * Prefix of physical names (ECS cluster, roles, load balancers, database), e.g. `edge-east`.
   * @default siteName
   */
  readonly namePrefix?: string;
  /** @default "active" */
  readonly role?: SiteRole;
  /**
   * A standby site's readiness; documents the intent the task counts implement (docs/HA.md).
   * @default "hot" for a standby, none otherwise
   */
  readonly standbyLevel?: StandbyLevel;
  /** @default a new KongNetwork over two AZs (`KongNetwork.fromExisting` adopts one) */
  readonly network?: IKongNetwork;
  /** @default KongDatabase's defaults (Multi-AZ, encrypted, 7 days of backups, deletion protection) */
  readonly database?: Omit<KongDatabaseProps, "network" | "identifier">;
  /** @default TCP pass-through on 443, Admin API open to the VPC's CIDR only */
  readonly loadBalancers?: Omit<KongLoadBalancersProps, "network" | "namePrefix" | "region">;
  /** @default KongCluster's defaults (kong:3.9.1, 2 tasks of 1 vCPU / 2 GiB) */
  readonly cluster?: Omit<KongClusterProps, "network" | "database" | "loadBalancers" | "namePrefix" | "region">;
  /**
   * Protect the site's state from `terraform destroy` and replacement: the database (RDS deletion
   * protection and `prevent_destroy`), the site key (`prevent_destroy`), the load balancers
   * (deletion protection) and the log groups (kept on destroy). `false` makes the whole site
   * destroyable, for throw-away test estates; rule KHA-SEC-001 records the opt-out.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * The customer-managed KMS key for the database (storage, Performance Insights, password secret)
   * and the log groups (Kong's, the VPC flow logs).
   * @default a new KongSiteKey, `alias/kong-ha/<namePrefix>`
   */
  readonly encryptionKey?: ILogEncryptionKey;
  /**
   * Whether clients must present certificates at this site (OSS: `cluster.clientMtls`; Enterprise: the
   * mtls-auth plugin). Either way TLS has to reach Kong: rule KHA-HA-004 checks the listener.
   * @default "required" when cluster.clientMtls is set, else "off"
   */
  readonly clientCertificates?: "off" | "optional" | "required";
}

/**
 * One Kong site on AWS: network (new or adopted), Postgres, public and Admin API load balancers and
 * the ECS Fargate cluster, wired together with least-privilege security groups. The parts are
 * exposed (`network`, `database`, `loadBalancers`, `cluster`) for constructs that extend the site:
 * log shipping adds sidecars and subscriptions, PKI adds certificates and client mTLS.
 */
export class KongSite extends Construct implements IKongSiteEndpoint {
  /** Adopts a site built elsewhere, for global traffic steering. */
  static endpointFromAttributes(attributes: KongSiteEndpointAttributes): IKongSiteEndpoint {
    return { statusPort: KONG_PORTS.status, statusPath: KONG_READY_PATH, ...attributes };
  }

  readonly siteName: string;
  readonly region: string;
  readonly role: SiteRole;
  readonly standbyLevel?: StandbyLevel;
  readonly network: IKongNetwork;
  readonly database: KongDatabase;
  readonly loadBalancers: KongLoadBalancers;
  readonly cluster: KongCluster;
  /** The key the site's database and logs are encrypted with. */
  readonly encryptionKey: ILogEncryptionKey;
  readonly statusPort: number = KONG_PORTS.status;
  readonly statusPath: string = KONG_READY_PATH;
  private readonly clientCertificates?: "off" | "optional" | "required";

  constructor(scope: Construct, id: string, props: KongSiteProps) {
    super(scope, id);
    this.siteName = props.siteName;
    this.region = props.region;
    this.role = props.role ?? "active";
    if (props.standbyLevel !== undefined && this.role !== "standby") {
      throw new ConfigError([{ path: "standbyLevel", message: `only a standby site has a standby level (this one is ${this.role})` }], this.node.path);
    }
    this.standbyLevel = this.role === "standby" ? (props.standbyLevel ?? "hot") : undefined;
    this.clientCertificates = props.clientCertificates;
    const namePrefix = props.namePrefix ?? props.siteName;
    const protect = props.protect;
    this.encryptionKey = props.encryptionKey ?? new KongSiteKey(this, "key", { namePrefix, region: props.region, protect });
    this.network = props.network ?? new KongNetwork(this, "network", { namePrefix, protect });
    if (this.network instanceof KongNetwork) this.network.encryptFlowLogs(this.encryptionKey);
    const { deletionProtection, ...database } = props.database ?? {};
    this.database = new KongDatabase(this, "database", {
      kmsKeyArn: this.encryptionKey.arn,
      ...database,
      protect: database.protect ?? deletionProtection ?? protect,
      network: this.network,
      identifier: `${namePrefix}-kong`,
    });
    this.loadBalancers = new KongLoadBalancers(this, "load-balancers", {
      protect,
      ...props.loadBalancers,
      network: this.network,
      namePrefix,
      region: props.region,
    });
    this.cluster = new KongCluster(this, "cluster", {
      logKmsKeyArn: this.encryptionKey,
      protect,
      // A pilot-light standby runs no proxy tasks: one proxy-less task keeps its Admin API up.
      adminOnlyTask: this.standbyLevel === "pilot-light",
      ...props.cluster,
      network: this.network,
      database: this.database,
      loadBalancers: this.loadBalancers,
      namePrefix,
      region: props.region,
    });
  }

  get publicDnsName(): string {
    return this.loadBalancers.publicLoadBalancer.dnsName;
  }

  get publicZoneId(): string {
    return this.loadBalancers.publicLoadBalancer.zoneId;
  }

  /** The Admin API through the internal load balancer: `https://<dns>:8444`. */
  get adminUrl(): string {
    return this.loadBalancers.adminUrl;
  }

  get capacity(): KongCapacity {
    return this.cluster.capacity;
  }

  get availabilityZoneCount(): number {
    return this.network.availabilityZoneCount;
  }

  /** True when the public listener terminates TLS before Kong. */
  get terminatesTls(): boolean {
    return this.loadBalancers.terminatesTls;
  }

  /** True when clients must (or may) present certificates here. */
  get requiresClientCertificates(): boolean {
    const declared = this.clientCertificates ?? (this.cluster.clientMtls ? "required" : "off");
    return declared !== "off";
  }
}
