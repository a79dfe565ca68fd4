import { createHash } from "node:crypto";

// Every name the library derives: physical AWS names, stack and workspace names, tags. Names come
// from the topology, never from an apply, so the runbook and other stacks know them too.

/** The value of the `managed-by` tag on every AWS resource and Kong entity the library creates. */
export const MANAGED_BY = "cdktf-kong-ha";

/**
 * A name for an AWS resource from its parts (`edge`, `east`, `pub` -> `edge-east-pub`), shortened to
 * `maxLength` with a stable hash suffix when too long (NLB and target group names take 32 characters).
 * Names derive from the topology, never from the apply, so they are known to the runbook too.
 */
export function physicalName(parts: readonly string[], maxLength: number): string {
  const full = parts.filter((p) => p.length > 0).join("-");
  if (full.length <= maxLength) return full;
  const hash = shortHash(full, 6);
  return `${full.slice(0, maxLength - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}

/** Prefix of a site's physical names: `<estate>-<site>`, e.g. `edge-east`. */
export function sitePrefix(estate: { readonly name: string }, site: string): string {
  return `${estate.name}-${site}`;
}

/** Name of the ECS task execution role of a site: the reader of that site's secrets. */
export function siteExecutionRoleName(estate: { readonly name: string }, site: string): string {
  return `${sitePrefix(estate, site)}-kong-execution`;
}

/** The DNS names a site's server certificate carries: the global hostname and the site's own. */
export function siteDnsNames(estate: { readonly domain: string }, site: string): string[] {
  return [estate.domain, `${site}.${estate.domain}`];
}

/** The Admin API's name at a site, the one its certificate carries: `kong-admin.<site>.<domain>`. */
export function siteAdminDnsName(estate: { readonly domain: string }, site: string): string {
  return `kong-admin.${site}.${estate.domain}`;
}

/** Prefix of the estate PKI's secret names in a store: `<estate>/`. */
export function pkiSecretPrefix(estate: { readonly name: string }): string {
  return `${estate.name}/`;
}

/**
 * Name of a secret the estate PKI stores (`<site>/server`, `<site>/admin`, `ca`), e.g.
 * `edge/east/server`: the same in every region, replicas included, so a site finds its copy by name.
 */
export function pkiSecretName(estate: { readonly name: string }, stored: string): string {
  return `${pkiSecretPrefix(estate)}${stored}`;
}

/** The Terraform Cloud workspace of a stack: `<prefix>-<stack id>`, e.g. `edge-east-infra`. */
export function workspaceName(backend: { readonly workspacePrefix: string }, stackId: string): string {
  return `${backend.workspacePrefix}-${stackId}`;
}

/** The first `length` hex digits of the SHA-256 of `text`: a stable suffix that tells names apart. */
export function shortHash(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}
