import { Construct } from "constructs";
import { Site, Topology } from "./resolved-topology";
import { TerraformCloudBackend } from "./kong-ha-stack";
import { GatewayCatalog } from "../gateway/catalog";
import { KongGateway } from "../gateway/kong-gateway";
import { siteLogPlugins } from "../logging/logging-settings";
import { IIssuedCertificate } from "../pki/issued-certificate";
import { KongCertificateReferences } from "../site/site-certificate";
import { PluginRegistry } from "../gateway/plugins/plugin-registry";
import { KongProvider } from "../providers/kong/provider";
import { KONG_PORTS } from "../site/kong-load-balancers";
import { KongHaStack } from "./kong-ha-stack";
import { siteAdminDnsName, siteDnsNames } from "../core/naming";

export interface SiteGatewayStackProps {
  /** The validated topology: edition, catalog and PKI settings of the estate. */
  readonly topology: Topology;
  /** The site this stack configures (one of `topology.sites`). */
  readonly site: Site;
  /** @default PluginRegistry.withBuiltins() */
  readonly plugins?: PluginRegistry;
  /**
   * The site's server certificate, a kong_certificate with the site's hostnames and the global
   * hostname as SNIs, so Kong serves it on the proxy's TLS listener. Either:
   * - references Kong resolves on its nodes (`SITE_CERTIFICATE_REFERENCES`, which the site's infra
   *   stack backs with `KongCluster.addProxyCertificate`): no PEM or key in this stack, its plan or
   *   its state, and nothing read from the issuing stack's state; or
   * - an issued certificate (e.g. from the `pki` stack with a Vault KV store, which ECS cannot read):
   *   its PEM and key pass through this stack's state, read from the issuing stack's.
   * @default none: Kong serves its own default certificate
   */
  readonly serverCertificate?: IIssuedCertificate | KongCertificateReferences;
  /**
   * The Admin API the kong provider talks to; may be a cross-stack reference (the site's infra stack).
   * @default the site's `adminUrl`, else https://kong-admin.<site>.<domain>:8444 (`siteAdminDnsName`)
   */
  readonly adminUrl?: string;
  /** @default local state */
  readonly terraformCloud?: TerraformCloudBackend;
}

/**
 * `<site>-gateway`: Kong's own configuration for one site, applied through that site's Admin API.
 *
 * The Admin API credentials are not part of the stack: the kong provider reads them from the
 * environment of the run (the estate's Admin API credential: OSS `KONG_ADMIN_USERNAME=kong-admin` and
 * `KONG_ADMIN_PASSWORD`, Enterprise `KONG_ADMIN_TOKEN`), so they never reach the synthesized JSON or the state.
 */
export class SiteGatewayStack extends KongHaStack {
  readonly gateway: KongGateway;
  readonly site: Site;
  /** The estate this site belongs to. */
  readonly topology: Topology;

  constructor(scope: Construct, id: string, props: SiteGatewayStackProps) {
    super(scope, id, { terraformCloud: props.terraformCloud });
    this.site = props.site;
    this.topology = props.topology;
    new KongProvider(this, "kong", { kongAdminUri: props.adminUrl ?? siteAdminUrl(props.topology, props.site) });
    this.gateway = new KongGateway(this, "gateway", {
      catalog: withSiteSecurity(withSiteTargets(props.topology.catalog, props.site), props),
      edition: props.topology.edition,
      kongVersion: props.topology.kongVersion,
      plugins: props.plugins,
      tags: [`estate:${props.topology.name}`, `site:${props.site.name}`],
    });
  }
}

/** A site's Admin API unless the stack is given another: its `adminUrl`, else https://kong-admin.<site>.<domain>:8444. */
export function siteAdminUrl(topology: Topology, site: Site): string {
  return site.adminUrl ?? `https://${siteAdminDnsName(topology, site.name)}:${KONG_PORTS.admin}`;
}

/**
 * The estate's catalog with this site's own upstream targets (`site.upstreamTargets`): only where
 * Kong sends requests changes, never what a client sees, so every site serves the same API.
 */
function withSiteTargets(catalog: GatewayCatalog, site: Site): GatewayCatalog {
  const own = site.upstreamTargets;
  if (!own) return catalog;
  return { ...catalog, upstreams: (catalog.upstreams ?? []).map((u) => (own[u.name] ? { ...u, targets: [...own[u.name]] } : u)) };
}

/**
 * The catalog a site serves: the shared catalog plus what the estate's PKI adds for this site, its
 * server certificate with SNIs and, on Enterprise with client mTLS, a global mtls-auth plugin.
 */
function withSiteSecurity(catalog: GatewayCatalog, props: SiteGatewayStackProps): GatewayCatalog {
  const { topology, site, serverCertificate } = props;
  const certificates = [...(catalog.certificates ?? [])];
  if (serverCertificate) {
    const issued = "bundle" in serverCertificate;
    certificates.push({
      name: "site-server",
      certificate: issued ? serverCertificate.fullChainPem : serverCertificate.certificate,
      privateKey: issued ? serverCertificate.bundle.privateKeyPem : serverCertificate.privateKey,
      snis: siteDnsNames(topology, site.name),
    });
  }
  const plugins = [...(catalog.plugins ?? []), ...siteLogPlugins(site.logging, topology.logging, { edition: topology.edition })];
  const mtls = topology.pki?.clientMtls ?? "off";
  if (mtls !== "off" && topology.edition === "enterprise") {
    plugins.push({ name: "mtls-auth", config: { ca_certificates: [...topology.pki!.caCertificateIds!] } });
  }
  return { ...catalog, certificates, plugins };
}
