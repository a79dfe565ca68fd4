import { Construct } from "constructs";
import { Topology } from "../config/topology";
import { PluginRegistry } from "../gateway/plugins/plugin-registry";
import { PkiStack } from "./pki-stack";
import { SiteGatewayStack } from "./site-gateway-stack";

export interface KongHaTopologyProps {
  /** The validated topology (see `resolveTopology` / `loadTopologyFile`). */
  readonly topology: Topology;
  /** @default PluginRegistry.withBuiltins() */
  readonly plugins?: PluginRegistry;
}

/**
 * A whole Kong estate: per-site stacks built from one topology. Every site's gateway stack gets the
 * same catalog, so the sites stay identical by construction.
 *
 * Stacks are created in `scope` (normally the cdktf App) and named `<site>-gateway`.
 */
export class KongHaTopology {
  /** `<site>-gateway` stacks by site name. */
  readonly gatewayStacks = new Map<string, SiteGatewayStack>();

  /** The `pki` stack, when the topology has a `pki:` section. */
  readonly pkiStack?: PkiStack;

  constructor(scope: Construct, props: KongHaTopologyProps) {
    if (props.topology.pki) this.pkiStack = new PkiStack(scope, "pki", { topology: props.topology });
    for (const site of props.topology.sites) {
      this.gatewayStacks.set(
        site.name,
        new SiteGatewayStack(scope, `${site.name}-gateway`, {
          topology: props.topology,
          site,
          plugins: props.plugins,
          serverCertificate: this.pkiStack?.serverCertificates.get(site.name),
        }),
      );
    }
  }
}
