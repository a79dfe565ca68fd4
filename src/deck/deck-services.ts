/**
 * decK services and routes: the `services:` list with the routes and plugins nested in each, and the
 * top-level `routes:` list attached to the service each names.
 */
import { routeSchema, serviceSchema } from "../gateway/catalog";
import { DeckContext } from "./deck-context";
import { FieldRule, isEmpty, Json, PROVIDER, same, Segments, unsupportedUnless, withoutDefaults } from "./deck-fields";
import { readPlugin } from "./deck-plugins";

const SERVICE_FIELDS: { [name: string]: FieldRule } = {
  ...same("name", "url", "protocol", "host", "port", "path", "connect_timeout", "read_timeout", "write_timeout", "retries", "tags"),
  tls_verify: "custom",
  tls_verify_depth: "custom",
  client_certificate: "custom",
  ca_certificates: "custom",
  routes: "custom",
  plugins: "custom",
  enabled: unsupportedUnless((v) => v === true || v === null, `${PROVIDER} cannot disable a service (no enabled argument): remove the service instead`),
  filter_chains: unsupportedUnless(isEmpty, "filter chains (WebAssembly filters) are not supported"),
};

const ROUTE_FIELDS: { [name: string]: FieldRule } = {
  ...same(
    "name",
    "paths",
    "hosts",
    "methods",
    "protocols",
    "snis",
    "headers",
    "strip_path",
    "preserve_host",
    "regex_priority",
    "path_handling",
    "https_redirect_status_code",
    "request_buffering",
    "response_buffering",
    "tags",
  ),
  plugins: "custom",
  service: "custom",
  sources: { to: "sources" },
  destinations: { to: "destinations" },
  expression: unsupportedUnless(isEmpty, "expression routes are not supported: use paths, hosts, methods, headers or snis"),
  priority: unsupportedUnless(isEmpty, "route priority belongs to expression routes, which are not supported"),
  filter_chains: unsupportedUnless(isEmpty, "filter chains (WebAssembly filters) are not supported"),
};

/**
 * Reads the `services:` list. Services keep their decK ID as `__id` (for references from top-level
 * routes and plugins) until the import drops it. Certificates must be read first: a service's
 * client_certificate ID resolves to the certificate's catalog name.
 */
export function readServices(ctx: DeckContext, value: unknown): Json[] {
  return ctx.list(value, ["services"], "services").map((s, i) => readService(ctx, s, i));
}

function readService(ctx: DeckContext, source: Json, i: number): Json {
  const path = ["services", i];
  ctx.origin(`services[${i}]`, path);
  const service = ctx.fields(source, SERVICE_FIELDS, path, "service");
  if (source.name === undefined) ctx.error(path, "needs a name: the catalog names every service (decK can add names with deck file add-tags/openapi2kong)");
  const tls: Json = {};
  if (source.tls_verify !== undefined && source.tls_verify !== null) tls.verify = source.tls_verify;
  if (source.tls_verify_depth !== undefined && source.tls_verify_depth !== null) tls.verifyDepth = source.tls_verify_depth;
  const clientCertificate = ctx.reference(source.client_certificate, [...path, "client_certificate"], "certificate");
  if (clientCertificate !== undefined) tls.clientCertificate = ctx.certificateIds.get(clientCertificate) ?? clientCertificate;
  if (Array.isArray(source.ca_certificates) && source.ca_certificates.length) tls.caCertificateIds = source.ca_certificates;
  if (Object.keys(tls).length) service.tls = tls;
  const out = withoutDefaults(service, serviceSchema);
  if (typeof source.id === "string") out.__id = source.id;
  const routes = ctx.list(source.routes, [...path, "routes"], "routes").map((r, j) => readRoute(ctx, r, [...path, "routes", j], `services[${i}].routes[${j}]`));
  if (routes.length) out.routes = routes;
  const plugins = ctx
    .list(source.plugins, [...path, "plugins"], "plugins")
    .map((p, k) => readPlugin(ctx, p, [...path, "plugins", k], `services[${i}].plugins[${k}]`));
  if (plugins.length) out.plugins = plugins;
  return out;
}

/** One decK route with its plugins, recorded as the origin of `catalogPath`; it keeps its decK ID as `__id`. */
function readRoute(ctx: DeckContext, source: Json, path: Segments, catalogPath: string): Json {
  ctx.origin(catalogPath, path);
  const route = ctx.fields(source, ROUTE_FIELDS, path, "route");
  const out = withoutDefaults(route, routeSchema);
  if (typeof source.id === "string") out.__id = source.id;
  const plugins = ctx
    .list(source.plugins, [...path, "plugins"], "plugins")
    .map((p, k) => readPlugin(ctx, p, [...path, "plugins", k], `${catalogPath}.plugins[${k}]`));
  if (plugins.length) out.plugins = plugins;
  return out;
}

/** Reads the top-level `routes:` list, appending each route to the routes of the service it names. */
export function attachRoutes(ctx: DeckContext, value: unknown, services: Json[]): void {
  ctx.list(value, ["routes"], "routes").forEach((route, i) => {
    const path = ["routes", i];
    const ref = ctx.reference(route.service, [...path, "service"], "service");
    const index = ref === undefined ? -1 : services.findIndex((s) => s.name === ref || s.__id === ref);
    if (ref === undefined) {
      ctx.unsupported(path, "a route without a service is not supported: the catalog keeps routes under their service");
      return;
    }
    if (index < 0) {
      ctx.error([...path, "service"], `no service "${ref}" in this file`);
      return;
    }
    const routes = (services[index].routes as Json[] | undefined) ?? [];
    services[index].routes = routes;
    routes.push(readRoute(ctx, route, path, `services[${index}].routes[${routes.length}]`));
  });
}
