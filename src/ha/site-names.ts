import { Topology } from "../config/topology";

// Names the pki stack and the site stacks agree on. A module of their own, so the site stacks can use
// them without loading the pki stack (and the vault and tls bindings) for estates without PKI.

/** The DNS names a site's server certificate carries: the global hostname and the site's own. */
export function siteDnsNames(topology: Topology, site: string): string[] {
  return [topology.domain, `${site}.${topology.domain}`];
}

/** Name of the ECS task execution role of a site: the reader of that site's secrets. */
export function siteExecutionRoleName(topology: Topology, site: string): string {
  return `${topology.name}-${site}-kong-execution`;
}
