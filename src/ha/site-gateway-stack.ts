import { Construct } from "constructs";
import { Site, Topology } from "../config/topology";
import { GatewayCatalog } from "../gateway/catalog";
import { KongGateway } from "../gateway/kong-gateway";
import { PluginRegistry } from "../gateway/plugins/plugin-registry";
import { KongProvider } from "../providers/kong/provider";
import { KongHaStack } from "./kong-ha-stack";

export interface SiteGatewayStackProps {
  readonly topology: Topology;
  readonly site: Site;
  /**
   * The catalog this site serves.
   * @default the topology's catalog: every site serves the same one
   */
  readonly catalog?: GatewayCatalog;
  /** @default PluginRegistry.withBuiltins() */
  readonly plugins?: PluginRegistry;
}

/**
 * `<site>-gateway`: Kong's own configuration for one site, applied through that site's Admin API.
 *
 * The Admin API credentials are not part of the stack: the kong provider reads them from the
 * environment of the run (`KONG_ADMIN_TOKEN`, or `KONG_ADMIN_USERNAME`/`KONG_ADMIN_PASSWORD`, or
 * `KONG_API_KEY`), so they never reach the synthesized JSON or the state.
 */
export class SiteGatewayStack extends KongHaStack {
  readonly gateway: KongGateway;
  readonly site: Site;

  constructor(scope: Construct, id: string, props: SiteGatewayStackProps) {
    super(scope, id);
    this.site = props.site;
    new KongProvider(this, "kong", { kongAdminUri: props.site.adminUrl });
    this.gateway = new KongGateway(this, "gateway", {
      catalog: props.catalog ?? props.topology.catalog,
      edition: props.topology.edition,
      plugins: props.plugins,
      tags: [`estate:${props.topology.name}`, `site:${props.site.name}`],
    });
  }
}
