import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { addSiteLogging } from "../logging/logging-settings";
import { secretArnByName } from "../secrets/secret-arn-by-name";
import { KongTaskSecret, secretJsonKey } from "../site/kong-task-extensions";
import { Site, Topology } from "./resolved-topology";
import { TerraformCloudBackend } from "./kong-ha-stack";
import { IKongNetwork, KongNetwork } from "../site/kong-network";
import { KongSite } from "../site/kong-site";
import { adminApiAuthKind } from "../site/kong-admin-api";
import { MANAGED_BY, sitePrefix } from "../core/naming";
import { KongHaStack } from "./kong-ha-stack";
import { siteAdminDnsName, siteExecutionRoleName } from "../core/naming";

export interface SiteInfraStackProps {
  /** The validated topology: estate name, edition and the settings every site shares. */
  readonly topology: Topology;
  /** The site this stack builds (one of `topology.sites`), with its defaults applied. */
  readonly site: Site;
  /** @default local state */
  readonly terraformCloud?: TerraformCloudBackend;
  /**
   * The CA chain client certificates are verified against (OSS client mTLS), e.g. the pki stack's
   * `ca` secret in this site's region.
   * @default none: OSS client mTLS stays off
   */
  readonly clientCaBundle?: Omit<KongTaskSecret, "name">;
  /**
   * The Admin API's certificate and key (e.g. the pki stack's `<site>/admin` secret in this site's
   * region): Kong serves it on the Admin API (`KONG_ADMIN_SSL_CERT`/`_KEY`), and the Admin API gets
   * the name it carries inside the VPC, `kong-admin.<site>.<domain>` (a private hosted zone), so the
   * kong provider can verify it.
   * @default none: Kong serves its self-signed default, which the kong provider refuses
   */
  readonly adminCertificate?: { readonly certificate: Omit<KongTaskSecret, "name">; readonly privateKey: Omit<KongTaskSecret, "name"> };
  /**
   * The estate PKI's secrets in Secrets Manager (bundles with `certificate_chain` and `private_key`),
   * by name or ARN in this site's region, as the pki stack stores them (`pkiSecretName`: a replica
   * keeps its name). Looked up at plan, never read from the pki stack's state:
   * - `server`: served on the proxy through Kong's `env` vault (`KongCluster.addProxyCertificate`);
   *   the site's gateway stack gives Kong the references (`SITE_CERTIFICATE_REFERENCES`);
   * - `admin`: served on the Admin API, which gets its name (as `adminCertificate` does);
   * - `ca`: the chain client certificates are verified against (as `clientCaBundle` does), looked up
   *   only when OSS client mTLS is on.
   * The Kong services roll when the server or admin certificate gets a new version.
   * @default none
   */
  readonly pkiSecrets?: { readonly server?: string; readonly admin?: string; readonly ca?: string };
}

/**
 * `<site>-infra`: one site's AWS infrastructure in the site's region (KongSite: network, Postgres,
 * load balancers, Kong on ECS Fargate), sized from the topology. Its outputs feed the site's gateway
 * stack (Admin API URL) and the global stack (load balancer names) through cross-stack references.
 *
 * Extension points for other work: `kongSite.cluster` (`addSecret`, `addEnvironment`, `addSidecar`,
 * `addVolume`, `enableClientMtls`, `logGroup`, `taskRole`) and `kongSite.loadBalancers`.
 */
export class SiteInfraStack extends KongHaStack {
  readonly site: Site;
  readonly kongSite: KongSite;

  constructor(scope: Construct, id: string, props: SiteInfraStackProps) {
    super(scope, id, { terraformCloud: props.terraformCloud });
    const { topology, site } = props;
    this.site = site;
    const prefix = sitePrefix(topology, site.name);
    new AwsProvider(this, "aws", {
      region: site.region,
      defaultTags: [{ tags: { "kong-ha:estate": topology.name, "kong-ha:site": site.name, "managed-by": MANAGED_BY } }],
    });
    const net = site.network;
    const network: IKongNetwork =
      net.kind === "existing"
        ? KongNetwork.fromExisting(this, "network", net)
        : new KongNetwork(this, "network", { cidrBlock: net.cidr, availabilityZones: net.availabilityZones, natGateways: net.natGateways, namePrefix: prefix });
    const clientMtls = topology.pki?.clientMtls ?? "off";
    this.kongSite = new KongSite(this, "kong", {
      siteName: site.name,
      region: site.region,
      namePrefix: prefix,
      role: site.role,
      standbyLevel: site.standby,
      network,
      clientCertificates: clientMtls,
      protect: topology.protect,
      database: {
        instanceClass: site.database.instanceClass,
        engineVersion: site.database.engineVersion,
        allocatedStorage: site.database.allocatedStorage,
        backupRetentionDays: site.database.backupRetentionDays,
        multiAz: site.database.multiAz,
        deletionProtection: topology.protect === false ? false : site.database.deletionProtection,
        passwordRotationDays: site.database.passwordRotationDays,
      },
      loadBalancers: {
        adminCidrs: site.adminCidrs,
        adminDnsName: props.adminCertificate || props.pkiSecrets?.admin ? siteAdminDnsName(topology, site.name) : undefined,
      },
      cluster: {
        image: site.kong.image,
        version: site.kong.version,
        cpu: site.kong.cpu,
        memory: site.kong.memory,
        desiredCount: site.kong.desiredCount,
        minCount: site.kong.minCount,
        maxCount: site.kong.maxCount,
        licenseSecretArn: site.kong.licenseSecretArn,
        adminApiAuth: {
          kind: adminApiAuthKind(topology.edition),
          secretArn: this.secretArn("admin-credential", site.kong.adminCredentialSecret),
        },
        executionRoleName: siteExecutionRoleName(topology, site.name),
      },
    });
    const cluster = this.kongSite.cluster;
    const pkiSecret = (id: string, nameOrArn: string | undefined) => (nameOrArn === undefined ? undefined : this.secretArn(`pki-${id}`, nameOrArn));
    // Only Kong OSS verifying client certificates reads the CA chain: no lookup (and no read grant) otherwise.
    if (clientMtls !== "off" && topology.edition === "oss") {
      const caArn = props.clientCaBundle ? undefined : pkiSecret("ca", props.pkiSecrets?.ca);
      const clientCaBundle = props.clientCaBundle ?? (caArn ? secretJsonKey(caArn, "ca_chain") : undefined);
      if (clientCaBundle) cluster.enableClientMtls({ verify: clientMtls === "required" ? "on" : "optional", caBundle: clientCaBundle });
    }
    const adminArn = pkiSecret("admin", props.pkiSecrets?.admin);
    const adminCertificate =
      props.adminCertificate ??
      (adminArn ? { certificate: secretJsonKey(adminArn, "certificate_chain"), privateKey: secretJsonKey(adminArn, "private_key") } : undefined);
    if (adminCertificate) {
      cluster.addSecret({ name: "KONG_ADMIN_SSL_CERT", ...adminCertificate.certificate });
      cluster.addSecret({ name: "KONG_ADMIN_SSL_CERT_KEY", ...adminCertificate.privateKey });
    }
    if (adminArn) cluster.restartOnSecretChange(adminArn);
    const serverArn = pkiSecret("server", props.pkiSecrets?.server);
    if (serverArn) cluster.addProxyCertificate(serverArn);
    this.addLogging(topology, site, prefix);
    new TerraformOutput(this, "admin-url", { value: this.kongSite.adminUrl, description: "Kong Admin API (internal load balancer)" });
    new TerraformOutput(this, "public-dns-name", { value: this.kongSite.publicDnsName, description: "public load balancer (TLS pass-through on 443)" });
    new TerraformOutput(this, "ecs-cluster", { value: cluster.cluster.name });
    new TerraformOutput(this, "ecs-service", { value: cluster.service.name });
    new TerraformOutput(this, "admin-task-definition", { value: cluster.adminTaskDefinition.family, description: "run kong migrations finish/list with it" });
    new TerraformOutput(this, "task-subnets", { value: network.privateSubnetIds });
    new TerraformOutput(this, "task-security-group", { value: cluster.securityGroup.id });
    new TerraformOutput(this, "database-identifier", { value: this.kongSite.database.instance.identifier });
    new TerraformOutput(this, "log-group", { value: cluster.logGroup.name });
  }

  /** A Secrets Manager secret given by ARN, or by name in the site's region, a replica's included (looked up at plan). */
  private secretArn(id: string, nameOrArn: string): string {
    return nameOrArn.startsWith("arn:") ? nameOrArn : secretArnByName(this, id, nameOrArn);
  }

  /** The site's side of the topology's `logging` paths: secrets for the Kong tasks, sidecars, the Firehose pipeline. */
  private addLogging(topology: Topology, site: Site, prefix: string): void {
    const alarmTopicArn = topology.failover.alarmTopicArn;
    addSiteLogging(site.logging, topology.logging, {
      scope: this,
      site: this.kongSite,
      namePrefix: prefix,
      protect: topology.protect,
      alarmActions: alarmTopicArn ? [alarmTopicArn] : undefined,
      secretArn: (id, name) => this.secretArn(id, name),
    });
  }
}
