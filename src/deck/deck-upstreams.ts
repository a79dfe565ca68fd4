/** decK upstreams: the `upstreams:` list with each upstream's targets and active/passive health checks. */
import { isPlainObject } from "../core/schema";
import { upstreamSchema } from "../gateway/catalog";
import { DeckContext } from "./deck-context";
import { FieldRule, isEmpty, Json, PROVIDER, same, Segments, unsupportedUnless, withoutDefaults } from "./deck-fields";

const UPSTREAM_FIELDS: { [name: string]: FieldRule } = {
  ...same(
    "name",
    "slots",
    "hash_on",
    "hash_fallback",
    "hash_on_header",
    "hash_fallback_header",
    "hash_on_cookie",
    "hash_on_cookie_path",
    "host_header",
    "tags",
  ),
  targets: "custom",
  healthchecks: "custom",
  algorithm: unsupportedUnless(
    (v) => v === null || v === "round-robin",
    `${PROVIDER} cannot set the balancing algorithm (no algorithm argument): Kong uses round-robin`,
  ),
  hash_on_query_arg: unsupportedUnless(isEmpty, "hashing on a query argument is not supported by the catalog"),
  hash_fallback_query_arg: unsupportedUnless(isEmpty, "hashing on a query argument is not supported by the catalog"),
  hash_on_uri_capture: unsupportedUnless(isEmpty, "hashing on a URI capture is not supported by the catalog"),
  hash_fallback_uri_capture: unsupportedUnless(isEmpty, "hashing on a URI capture is not supported by the catalog"),
  use_srv_name: unsupportedUnless((v) => v === null || v === false, "use_srv_name is not supported by the catalog"),
  client_certificate: "custom",
};

/** Reads the `upstreams:` list. */
export function readUpstreams(ctx: DeckContext, value: unknown): Json[] {
  return ctx.list(value, ["upstreams"], "upstreams").map((u, i) => readUpstream(ctx, u, i));
}

function readUpstream(ctx: DeckContext, source: Json, i: number): Json {
  const path = ["upstreams", i];
  ctx.origin(`upstreams[${i}]`, path);
  const upstream = ctx.fields(source, UPSTREAM_FIELDS, path, "upstream");
  const clientCertificate = ctx.reference(source.client_certificate, [...path, "client_certificate"], "certificate");
  if (clientCertificate !== undefined) upstream.clientCertificate = ctx.certificateIds.get(clientCertificate) ?? clientCertificate;
  const targets = ctx.list(source.targets, [...path, "targets"], "targets").map((t, j) => {
    ctx.origin(`upstreams[${i}].targets[${j}]`, [...path, "targets", j]);
    return ctx.fields(t, same("target", "weight", "tags"), [...path, "targets", j], "target");
  });
  if (targets.length) upstream.targets = targets;
  if (isPlainObject(source.healthchecks)) upstream.healthchecks = readHealthchecks(ctx, source.healthchecks, [...path, "healthchecks"]);
  return withoutDefaults(upstream, upstreamSchema);
}

function readHealthchecks(ctx: DeckContext, source: Json, path: Segments): Json {
  const out: Json = {};
  if (source.threshold !== undefined && source.threshold !== null && source.threshold !== 0) {
    ctx.unsupported([...path, "threshold"], `${PROVIDER} has no health-check threshold`);
  }
  const probe = (kind: "active" | "passive", fields: string[], healthy: string[], unhealthy: string[]) => {
    const value = source[kind];
    if (!isPlainObject(value)) return;
    const at = [...path, kind];
    const rules: { [name: string]: FieldRule } = { ...same(...fields), healthy: "custom", unhealthy: "custom" };
    if (kind === "active") rules.headers = unsupportedUnless(isEmpty, "active health-check headers are not supported by the catalog");
    const probeOut = ctx.fields(value, rules, at, `${kind} health check`);
    if (isPlainObject(value.healthy)) probeOut.healthy = ctx.fields(value.healthy, same(...healthy), [...at, "healthy"], "health check");
    if (isPlainObject(value.unhealthy)) probeOut.unhealthy = ctx.fields(value.unhealthy, same(...unhealthy), [...at, "unhealthy"], "health check");
    out[kind] = probeOut;
  };
  probe(
    "active",
    ["type", "http_path", "https_sni", "https_verify_certificate", "timeout", "concurrency"],
    ["interval", "successes", "http_statuses"],
    ["interval", "http_failures", "tcp_failures", "timeouts", "http_statuses"],
  );
  probe("passive", ["type"], ["successes", "http_statuses"], ["http_failures", "tcp_failures", "timeouts", "http_statuses"]);
  return out;
}
