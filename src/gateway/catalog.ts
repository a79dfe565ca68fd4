import { formats, SECRET_REFERENCE_PATTERN } from "../core/formats";
import { isIpOrCidr } from "../core/cidr";
import { Infer, isPlainObject, isToken, Issue, joinPath, s } from "../core/schema";
import { KongEdition, PluginScope } from "./plugins/plugin-definition";
import { PluginRegistry } from "./plugins/plugin-registry";

/**
 * The declarative Kong catalog: what every site's gateway serves. The same schema checks the
 * topology file's `services:`/`consumers:`/... sections and the `KongGateway` construct's props.
 * Field names are camelCase; plugin `config` keeps Kong's own snake_case field names.
 */

export const SERVICE_PROTOCOLS = ["http", "https", "grpc", "grpcs", "tcp", "tls", "tls_passthrough", "udp", "ws", "wss"] as const;
export const ROUTE_PROTOCOLS = ["http", "https", "grpc", "grpcs", "tcp", "tls", "tls_passthrough", "udp", "ws", "wss"] as const;
/** The protocols of a route that does not say (Kong's default). */
export const DEFAULT_ROUTE_PROTOCOLS: readonly (typeof ROUTE_PROTOCOLS)[number][] = ["http", "https"];
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"] as const;
const TIMEOUT = () => s.integer([1, 2147483646]);
const TAGS = () => s.array(s.string({ minLength: 1, maxLength: 128 }));

/** A secret value: a Terraform reference (token) or a sensitive Terraform variable, never a literal. */
export const secretValueSchema = s.union<string | { readonly variable: string }>(
  [
    s.string().refine((value, path, issues) => {
      if (!isToken(value)) {
        issues.push({ path, message: "literal secret" });
      }
    }),
    s.object({ variable: formats.variableName().describe("name of a sensitive Terraform variable (set TF_VAR_<name>)") }),
  ],
  "{ variable: <name> } (a sensitive Terraform variable) or a Terraform reference; secrets are never written in clear",
);
export type SecretValue = Infer<typeof secretValueSchema>;

export const pluginSchema = s.object({
  name: s.string({ minLength: 1 }).describe("Kong plugin name, e.g. key-auth"),
  config: s.optional(s.map(s.unknown()).describe("the plugin's config, in Kong's field names")),
  consumer: s.optional(
    s
      .string({ minLength: 1 })
      .describe("on a service or route plugin: limit it to this consumer of the catalog (username or custom ID), e.g. a per-consumer rate limit"),
  ),
  enabled: s.optional(s.boolean(), true),
  tags: s.optional(TAGS()),
});

/** A stream route's source or destination: an IP or CIDR and/or a port. */
const streamEndpoint = () =>
  s.object({ ip: s.optional(formats.ipOrCidr()), port: s.optional(s.port()) }).refine((endpoint, path, issues) => {
    if (endpoint.ip === undefined && endpoint.port === undefined) issues.push({ path, message: "needs an ip, a port or both" });
  });

const STREAM_PROTOCOLS: readonly string[] = ["tcp", "tls", "tls_passthrough", "udp"];

const pluginsField = (description?: string) => s.optional(description ? s.array(pluginSchema).describe(description) : s.array(pluginSchema));

export const routeSchema = s
  .object({
    name: s.optional(formats.name().describe("route name; defaults to <service>-<index>")),
    paths: s.optional(s.array(formats.routePath(), { minItems: 1 })),
    hosts: s.optional(s.array(formats.hostname(), { minItems: 1 })),
    methods: s.optional(s.array(s.enum(HTTP_METHODS), { minItems: 1 })),
    protocols: s.optional(s.array(s.enum(ROUTE_PROTOCOLS), { minItems: 1 }), [...DEFAULT_ROUTE_PROTOCOLS]),
    snis: s.optional(s.array(formats.hostname(), { minItems: 1 })),
    sources: s.optional(s.array(streamEndpoint(), { minItems: 1 }).describe("stream routes: match the client's IP (or CIDR) and/or port")),
    destinations: s.optional(s.array(streamEndpoint(), { minItems: 1 }).describe("stream routes: match the address and/or port the client connected to")),
    headers: s.optional(s.map(s.array(s.string(), { minItems: 1 }), { regex: /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/, means: "an HTTP header name" })),
    stripPath: s.optional(s.boolean(), true),
    preserveHost: s.optional(s.boolean(), false),
    regexPriority: s.optional(s.integer([-2147483648, 2147483647]), 0),
    pathHandling: s.optional(s.enum(["v0", "v1"]), "v0"),
    httpsRedirectStatusCode: s.optional(s.enum([426, 301, 302, 307, 308]), 426),
    requestBuffering: s.optional(s.boolean(), true),
    responseBuffering: s.optional(s.boolean(), true),
    tags: s.optional(TAGS()),
    plugins: pluginsField(),
  })
  .refine((route, path, issues) => {
    const httpish = (route.protocols ?? DEFAULT_ROUTE_PROTOCOLS).some((p) => ["http", "https", "grpc", "grpcs", "ws", "wss"].includes(p));
    if (httpish && !route.paths && !route.hosts && !route.methods && !route.headers && !route.snis) {
      issues.push({ path, message: "an HTTP route needs at least one of paths, hosts, methods, headers or snis (Kong refuses it otherwise)" });
    }
    const stream = (route.protocols ?? DEFAULT_ROUTE_PROTOCOLS).every((p) => STREAM_PROTOCOLS.includes(p));
    if (stream && !route.sources && !route.destinations && !route.snis) {
      issues.push({
        path,
        message: "a stream route (tcp, tls, tls_passthrough, udp) needs at least one of sources, destinations or snis (Kong refuses it otherwise)",
      });
    }
    for (const field of ["sources", "destinations"] as const) {
      if (route[field] && !stream)
        issues.push({ path: joinPath(path, field), message: `${field} match stream routes only: set protocols to tcp, tls, tls_passthrough or udp` });
    }
    if (route.snis && !(route.protocols ?? DEFAULT_ROUTE_PROTOCOLS).some((p) => ["https", "grpcs", "tls", "tls_passthrough", "wss"].includes(p))) {
      issues.push({ path: joinPath(path, "snis"), message: "snis need a TLS protocol in protocols (https, grpcs, tls, tls_passthrough or wss)" });
    }
  });

export const serviceSchema = s
  .object({
    name: formats.name(),
    url: s.optional(s.string({ minLength: 1 }).describe("shorthand for protocol, host, port and path: http://host:port/path")),
    protocol: s.optional(s.enum(SERVICE_PROTOCOLS), "http"),
    host: s.optional(formats.hostname().describe("upstream host, or the name of an upstream in this catalog")),
    port: s.optional(s.port(), 80),
    path: s.optional(s.string({ pattern: { regex: /^\/[^\s]*$/, means: "a path starting with '/'" } })),
    connectTimeout: s.optional(TIMEOUT(), 60000),
    readTimeout: s.optional(TIMEOUT(), 60000),
    writeTimeout: s.optional(TIMEOUT(), 60000),
    retries: s.optional(s.integer([0, 32767]), 5),
    tags: s.optional(TAGS()),
    tls: s.optional(
      s.object({
        verify: s.optional(s.boolean().describe("verify the upstream's certificate"), false),
        verifyDepth: s.optional(s.integer([0, 64])),
        clientCertificate: s.optional(
          s.string({ minLength: 1 }).describe("name of a catalog certificate (or a Kong certificate ID) presented to the upstream"),
        ),
        caCertificateIds: s.optional(s.array(s.string({ minLength: 1 }), { minItems: 1 }).describe("Kong /ca_certificates IDs that verify the upstream")),
      }),
    ),
    routes: s.optional(s.array(routeSchema, { uniqueBy: (r) => r.name, uniqueWhat: "route name" }), []),
    plugins: pluginsField(),
  })
  .refine((service, path, issues) => {
    if (service.url !== undefined) {
      for (const field of ["protocol", "host", "port", "path"] as const) {
        if (service[field] !== undefined) issues.push({ path: joinPath(path, field), message: "give either url or protocol/host/port/path, not both" });
      }
      if (!isToken(service.url)) parseServiceUrl(service.url, joinPath(path, "url"), issues);
    } else if (service.host === undefined) {
      issues.push({ path, message: "needs a url (http://host:port/path) or a host" });
    }
    if (service.path !== undefined && !["http", "https"].includes(service.protocol ?? "http")) {
      issues.push({ path: joinPath(path, "path"), message: `a path needs protocol http or https (got ${service.protocol})` });
    }
  });

/** The parts of a service URL, as Kong's service fields. */
export interface ServiceEndpoint {
  readonly protocol: (typeof SERVICE_PROTOCOLS)[number];
  readonly host: string;
  readonly port: number;
  readonly path?: string;
}

const DEFAULT_PORTS: { readonly [protocol: string]: number } = { https: 443, grpcs: 443, wss: 443, tls: 443 };

/** Splits `http://host:port/path` into Kong's protocol/host/port/path, as Kong does for `url`. */
export function parseServiceUrl(url: string, path: string, issues: Issue[]): ServiceEndpoint | undefined {
  // Each URL is parsed by the topology's checks and again by each site's gateway: WHATWG URL
  // parsing is the costliest check of a catalog, and an endpoint depends on nothing but the text.
  const known = parsedEndpoints.get(url);
  if (known) return known;
  const endpoint = parseEndpoint(url, path, issues);
  if (endpoint) parsedEndpoints.set(url, Object.freeze(endpoint));
  return endpoint;
}

const parsedEndpoints = new Map<string, ServiceEndpoint>();

function parseEndpoint(url: string, path: string, issues: Issue[]): ServiceEndpoint | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    issues.push({ path, message: `${JSON.stringify(url)} is not a URL (expected protocol://host[:port][/path])` });
    return undefined;
  }
  const protocol = parsed.protocol.replace(/:$/, "") as ServiceEndpoint["protocol"];
  if (!SERVICE_PROTOCOLS.includes(protocol)) {
    issues.push({ path, message: `protocol "${protocol}" is not one of ${SERVICE_PROTOCOLS.join(", ")}` });
    return undefined;
  }
  if (parsed.username || parsed.password) {
    issues.push({ path, message: "must not carry credentials (user:password@); use a plugin or a secret reference" });
    return undefined;
  }
  if (parsed.search || parsed.hash) {
    issues.push({ path, message: "must not carry a query string or fragment" });
    return undefined;
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const port = parsed.port ? Number(parsed.port) : (DEFAULT_PORTS[protocol] ?? 80);
  const urlPath = parsed.pathname && parsed.pathname !== "/" ? parsed.pathname : undefined;
  return { protocol, host, port, ...(urlPath ? { path: urlPath } : {}) };
}

/** A target as Kong takes it: `host[:port]`, `[ipv6][:port]`, or a bare IPv6 address (port 8000). */
function targetOk(value: string): boolean {
  const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::(\d{1,5}))?$/.exec(value);
  if (bracketed) return isIpOrCidr(bracketed[1]) && portOk(bracketed[2]);
  if (value.includes("::") || (value.match(/:/g) ?? []).length > 1) return isIpOrCidr(value) && !value.includes("/");
  const [host, port] = value.split(":");
  return /^[^\s:/]+$/.test(host) && portOk(port);
}

const portOk = (port: string | undefined) => port === undefined || (/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535);

const healthStatuses = () => s.array(s.integer([100, 999]), { minItems: 1 });

/** An upstream's targets: where Kong sends the requests of the services that route to it. */
export const upstreamTargetsSchema = s.array(
  s.object({
    target: s.string().refine((value, path, issues) => {
      if (!isToken(value) && !targetOk(value))
        issues.push({ path, message: `${JSON.stringify(value)} is not host[:port], [IPv6][:port] or a bare IPv6 address` });
    }),
    weight: s.optional(s.integer([0, 65535]), 100),
    tags: s.optional(TAGS()),
  }),
  { uniqueBy: (t) => t.target, uniqueWhat: "target" },
);

export const upstreamSchema = s.object({
  name: formats.hostname().describe("upstream name: services reach it with host = this name"),
  slots: s.optional(s.integer([10, 65536]), 10000),
  hashOn: s.optional(s.enum(["none", "consumer", "ip", "header", "cookie", "path", "query_arg", "uri_capture"]), "none"),
  hashFallback: s.optional(s.enum(["none", "consumer", "ip", "header", "cookie", "path", "query_arg", "uri_capture"]), "none"),
  hashOnHeader: s.optional(formats.headerName()),
  hashFallbackHeader: s.optional(formats.headerName()),
  hashOnCookie: s.optional(s.string({ minLength: 1 })),
  hashOnCookiePath: s.optional(s.string({ pattern: { regex: /^\//, means: "a path starting with '/'" } }), "/"),
  hostHeader: s.optional(formats.hostname()),
  clientCertificate: s.optional(
    s.string({ minLength: 1 }).describe("name of a catalog certificate (or a Kong certificate ID) presented to the targets (mTLS to the upstream)"),
  ),
  tags: s.optional(TAGS()),
  targets: s.optional(upstreamTargetsSchema, []),
  healthchecks: s.optional(
    s.object({
      active: s.optional(
        s.object({
          type: s.optional(s.enum(["http", "https", "tcp", "grpc", "grpcs"]), "http"),
          httpPath: s.optional(s.string({ pattern: { regex: /^\//, means: "a path starting with '/'" } }), "/"),
          httpsSni: s.optional(formats.hostname()),
          httpsVerifyCertificate: s.optional(s.boolean(), true),
          timeout: s.optional(s.number([0, 65535]), 1),
          concurrency: s.optional(s.integer([1, 2147483648]), 10),
          healthy: s.optional(
            s.object({
              interval: s.optional(s.number([0, 65535]).describe("seconds between probes of healthy targets; 0 disables"), 0),
              successes: s.optional(s.integer([0, 255]), 0),
              httpStatuses: s.optional(healthStatuses(), [200, 302]),
            }),
          ),
          unhealthy: s.optional(
            s.object({
              interval: s.optional(s.number([0, 65535]).describe("seconds between probes of unhealthy targets; 0 disables"), 0),
              httpFailures: s.optional(s.integer([0, 255]), 0),
              tcpFailures: s.optional(s.integer([0, 255]), 0),
              timeouts: s.optional(s.integer([0, 255]), 0),
              httpStatuses: s.optional(healthStatuses(), [429, 404, 500, 501, 502, 503, 504, 505]),
            }),
          ),
        }),
      ),
      passive: s.optional(
        s.object({
          type: s.optional(s.enum(["http", "https", "tcp", "grpc", "grpcs"]), "http"),
          healthy: s.optional(
            s.object({
              successes: s.optional(s.integer([0, 255]), 0),
              httpStatuses: s.optional(healthStatuses()),
            }),
          ),
          unhealthy: s.optional(
            s.object({
              httpFailures: s.optional(s.integer([0, 255]), 0),
              tcpFailures: s.optional(s.integer([0, 255]), 0),
              timeouts: s.optional(s.integer([0, 255]), 0),
              httpStatuses: s.optional(healthStatuses(), [429, 500, 503]),
            }),
          ),
        }),
      ),
    }),
  ),
});

export const consumerSchema = s
  .object({
    username: s.optional(s.string({ minLength: 1, maxLength: 128 })),
    customId: s.optional(s.string({ minLength: 1, maxLength: 128 })),
    tags: s.optional(TAGS()),
    acls: s.optional(
      s.array(s.string({ minLength: 1 }), { minItems: 1, uniqueBy: (g) => g, uniqueWhat: "group" }).describe("ACL groups the consumer belongs to"),
    ),
    keyAuth: s.optional(
      s.array(
        s.object({
          key: s.optional(secretValueSchema.describe("the API key; omit to let Kong generate one (one gateway only: an estate needs it, KHA-HA-009)")),
          tags: s.optional(TAGS()),
        }),
        { minItems: 1 },
      ),
    ),
    basicAuth: s.optional(
      s.array(
        s.object({
          username: s.string({ minLength: 1 }),
          password: secretValueSchema,
          tags: s.optional(TAGS()),
        }),
        { minItems: 1, uniqueBy: (b) => b.username, uniqueWhat: "username" },
      ),
    ),
    jwt: s.optional(
      s.array(
        s.object({
          key: s.optional(s.string({ minLength: 1 }).describe("the JWT iss/kid the plugin matches")),
          algorithm: s.optional(s.enum(["RS256", "RS384", "RS512", "ES256", "ES384", "PS256", "PS384", "PS512", "EdDSA"]), "RS256"),
          rsaPublicKey: s.string({ pattern: { regex: /-----BEGIN PUBLIC KEY-----/, means: "a PEM public key" } }),
          tags: s.optional(TAGS()),
        }),
        { minItems: 1 },
      ),
    ),
    oauth2: s.optional(
      s.array(
        s.object({
          name: s.string({ minLength: 1 }).describe("the OAuth2 application's name"),
          clientId: s.optional(s.string({ minLength: 1 }).describe("the client ID; omit to let Kong generate one")),
          clientSecret: s.optional(secretValueSchema.describe("the client secret; omit to let Kong generate one")),
          hashSecret: s.optional(s.boolean().describe("store only a hash of the client secret"), false),
          redirectUris: s.array(s.string({ pattern: { regex: /^https?:\/\/[^\s]+$/, means: "an http(s) URL" } }), { minItems: 1 }),
          tags: s.optional(TAGS()),
        }),
        { minItems: 1, uniqueBy: (a) => a.name, uniqueWhat: "OAuth2 application name" },
      ),
    ),
    plugins: pluginsField(),
  })
  .refine((consumer, path, issues) => {
    if (consumer.username === undefined && consumer.customId === undefined) {
      issues.push({ path, message: "needs a username or a customId" });
    }
  });

export const certificateSchema = s.object({
  name: formats.identifier().describe("catalog name, referenced by services' tls.clientCertificate"),
  certificate: s.string({
    pattern: {
      regex: new RegExp(`-----BEGIN CERTIFICATE-----|${SECRET_REFERENCE_PATTERN.regex.source}`),
      means: "a PEM certificate chain, or a Kong secret reference to one such as {vault://env/site-tls-cert}",
    },
  }),
  /** The key: a Terraform reference, a sensitive variable, or a Kong secret reference Kong resolves on its nodes. */
  privateKey: formats.pluginSecret(),
  snis: s.optional(s.array(formats.hostname(), { minItems: 1, uniqueBy: (h) => h, uniqueWhat: "SNI" })),
  tags: s.optional(TAGS()),
});

export const catalogSchema = s.object({
  services: s.optional(s.array(serviceSchema, { uniqueBy: (svc) => svc.name, uniqueWhat: "service name" }), []),
  upstreams: s.optional(s.array(upstreamSchema, { uniqueBy: (u) => u.name, uniqueWhat: "upstream name" }), []),
  consumers: s.optional(s.array(consumerSchema, { uniqueBy: (c) => c.username ?? c.customId, uniqueWhat: "consumer" }), []),
  certificates: s.optional(s.array(certificateSchema, { uniqueBy: (c) => c.name, uniqueWhat: "certificate name" }), []),
  plugins: pluginsField("global plugins, applied to every request"),
});

export type PluginInstance = Infer<typeof pluginSchema>;
export type RouteSpec = Infer<typeof routeSchema>;
export type ServiceSpec = Infer<typeof serviceSchema>;
export type UpstreamSpec = Infer<typeof upstreamSchema>;
/** One target of an upstream. */
export type UpstreamTarget = Infer<typeof upstreamTargetsSchema>[number];
export type ConsumerSpec = Infer<typeof consumerSchema>;
export type CertificateSpec = Infer<typeof certificateSchema>;
/** The whole catalog: services with their routes, upstreams, consumers, certificates, global plugins. */
export type GatewayCatalog = Infer<typeof catalogSchema>;

/** Context for the checks that need more than the catalog's shape. */
export interface CatalogContext {
  readonly edition: KongEdition;
  readonly registry: PluginRegistry;
}

/**
 * Checks a catalog completely: its shape, every plugin against its Kong schema at its scope, and the
 * references between entities (route names across services, client certificates, route/SNI clashes).
 */
export function checkCatalog(catalog: unknown, context: CatalogContext, path: string, issues: Issue[]): catalog is GatewayCatalog {
  return catalogSchema.check(catalog, path, issues) && checkCatalogContent(catalog as GatewayCatalog, context, path, issues);
}

/**
 * The checks of `checkCatalog` beyond the shape, for a catalog whose shape is already checked (the
 * topology checks its catalog fields with its own shape): plugins against their Kong schemas at their
 * scope and edition, and the references between entities.
 */
export function checkCatalogContent(value: GatewayCatalog, context: CatalogContext, path: string, issues: Issue[]): boolean {
  const before = issues.length;
  const consumerNames = new Set((value.consumers ?? []).flatMap((c) => [c.username, c.customId]).filter((n): n is string => n !== undefined));
  const checkPlugins = (plugins: readonly PluginInstance[] | undefined, scope: PluginScope, at: string) => {
    const seen = new Map<string, number>();
    plugins?.forEach((plugin, i) => {
      const pluginPath = joinPath(joinPath(at, "plugins"), i);
      context.registry.check(plugin, { scope, edition: context.edition }, pluginPath, issues);
      if (plugin.consumer !== undefined) checkConsumerLimit(plugin, scope, consumerNames, context.registry, pluginPath, issues);
      const key = plugin.consumer === undefined ? plugin.name : `${plugin.name} for consumer ${plugin.consumer}`;
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push({
          path: joinPath(pluginPath, "name"),
          message: `plugin "${key}" is already attached here (at plugins[${first}]); Kong allows one per entity (and consumer)`,
        });
      } else {
        seen.set(key, i);
      }
    });
  };
  checkPlugins(value.plugins, "global", path);
  const routeNames = new Map<string, string>();
  const certificateNames = new Set((value.certificates ?? []).map((c) => c.name));
  (value.services ?? []).forEach((service, i) => {
    const servicePath = joinPath(joinPath(path, "services"), i);
    checkPlugins(service.plugins, "service", servicePath);
    const clientCertificate = service.tls?.clientCertificate;
    if (clientCertificate && !isToken(clientCertificate) && !certificateNames.has(clientCertificate) && !UUID.test(clientCertificate)) {
      issues.push({
        path: joinPath(joinPath(servicePath, "tls"), "clientCertificate"),
        message: `no certificate named "${clientCertificate}" in certificates (known: ${[...certificateNames].join(", ") || "none"})`,
      });
    }
    (service.routes ?? []).forEach((route, j) => {
      const routePath = joinPath(joinPath(servicePath, "routes"), j);
      checkPlugins(route.plugins, "route", routePath);
      checkPluginProtocols(route, context.registry, routePath, issues);
      const name = routeName(service, j);
      const other = routeNames.get(name);
      if (other) issues.push({ path: joinPath(routePath, "name"), message: `route name "${name}" is already used at ${other}` });
      else routeNames.set(name, routePath);
    });
  });
  (value.upstreams ?? []).forEach((upstream, i) => {
    const clientCertificate = upstream.clientCertificate;
    if (clientCertificate && !isToken(clientCertificate) && !certificateNames.has(clientCertificate) && !UUID.test(clientCertificate)) {
      issues.push({
        path: joinPath(joinPath(joinPath(path, "upstreams"), i), "clientCertificate"),
        message: `no certificate named "${clientCertificate}" in certificates (known: ${[...certificateNames].join(", ") || "none"})`,
      });
    }
  });
  (value.consumers ?? []).forEach((consumer, i) => checkPlugins(consumer.plugins, "consumer", joinPath(joinPath(path, "consumers"), i)));
  checkConsumerIdentities(value, path, issues);
  checkSharedCredentialVariables(value, path, issues);
  checkUpstreamsServed(value, path, issues);
  checkRouteCollisions(value, path, issues);
  return issues.length === before;
}

/** A service or route plugin limited to a consumer: the consumer exists, and the plugin can be consumer-scoped. */
function checkConsumerLimit(
  plugin: PluginInstance,
  scope: PluginScope,
  consumers: ReadonlySet<string>,
  registry: PluginRegistry,
  path: string,
  issues: Issue[],
): void {
  const at = joinPath(path, "consumer");
  if (scope !== "service" && scope !== "route") {
    issues.push({ path: at, message: `only a service or route plugin is limited to a consumer (a ${scope} plugin: list it under the consumer's own plugins)` });
    return;
  }
  if (!consumers.has(plugin.consumer!)) {
    issues.push({ path: at, message: `no consumer "${plugin.consumer}" in consumers (by username or customId)` });
  }
  const scopes = registry.get(plugin.name)?.scopes;
  if (scopes && !scopes.includes("consumer")) {
    issues.push({ path: at, message: `plugin "${plugin.name}" cannot be limited to a consumer (Kong allows: ${scopes.join(", ")})` });
  }
}

/** A route's plugins must be able to run on at least one of the route's protocols (Kong refuses them otherwise). */
function checkPluginProtocols(route: RouteSpec, registry: PluginRegistry, path: string, issues: Issue[]): void {
  const protocols = route.protocols ?? DEFAULT_ROUTE_PROTOCOLS;
  (route.plugins ?? []).forEach((plugin, i) => {
    const supported = registry.protocolsOf(plugin.name);
    if (supported && !protocols.some((p) => supported.includes(p))) {
      issues.push({
        path: joinPath(joinPath(joinPath(path, "plugins"), i), "name"),
        message: `plugin "${plugin.name}" runs on ${supported.join(", ")}; this route takes only ${protocols.join(", ")}`,
      });
    }
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The route's Kong name: its own, or `<service>-<index>`. */
export function routeName(service: ServiceSpec, index: number): string {
  return service.routes?.[index]?.name ?? `${service.name}-${index}`;
}

/** True for a `{ variable: name }` secret. */
export function isVariableSecret(value: SecretValue): value is { readonly variable: string } {
  return isPlainObject(value);
}

/** Two consumers with one custom ID: Kong keeps custom IDs unique and refuses the second at apply. */
function checkConsumerIdentities(value: GatewayCatalog, path: string, issues: Issue[]): void {
  const seen = new Map<string, number>();
  (value.consumers ?? []).forEach((consumer, i) => {
    if (consumer.customId === undefined || isToken(consumer.customId)) return;
    const first = seen.get(consumer.customId);
    if (first !== undefined) {
      issues.push({
        path: joinPath(joinPath(joinPath(path, "consumers"), i), "customId"),
        message: `"${consumer.customId}" is already the custom ID of consumers[${first}]: Kong keeps custom IDs unique`,
      });
    } else {
      seen.set(consumer.customId, i);
    }
  });
}

/**
 * One variable as the key-auth key (or OAuth2 client secret) of two credentials: Kong keeps keys unique
 * and refuses the second at apply, after half the estate changed.
 */
function checkSharedCredentialVariables(value: GatewayCatalog, path: string, issues: Issue[]): void {
  const seen = new Map<string, string>();
  (value.consumers ?? []).forEach((consumer, i) => {
    const at = joinPath(joinPath(path, "consumers"), i);
    const credentials: [string, SecretValue | undefined][] = [
      ...(consumer.keyAuth ?? []).map((c, j): [string, SecretValue | undefined] => [joinPath(joinPath(joinPath(at, "keyAuth"), j), "key"), c.key]),
      ...(consumer.oauth2 ?? []).map((c, j): [string, SecretValue | undefined] => [
        joinPath(joinPath(joinPath(at, "oauth2"), j), "clientSecret"),
        c.clientSecret,
      ]),
    ];
    for (const [credentialPath, secret] of credentials) {
      if (secret === undefined || !isVariableSecret(secret)) continue;
      const first = seen.get(secret.variable);
      if (first !== undefined) {
        issues.push({
          path: credentialPath,
          message: `variable "${secret.variable}" is already the secret of ${first}: Kong keeps keys unique, give each credential its own variable`,
        });
      } else {
        seen.set(secret.variable, credentialPath);
      }
    }
  });
}

/** A service whose host is an upstream of the catalog with no targets: every request through it fails. */
function checkUpstreamsServed(value: GatewayCatalog, path: string, issues: Issue[]): void {
  const empty = new Set((value.upstreams ?? []).filter((u) => (u.targets ?? []).length === 0).map((u) => u.name));
  (value.services ?? []).forEach((service, i) => {
    const host = service.host ?? (service.url && !isToken(service.url) ? parseServiceUrl(service.url, "", [])?.host : undefined);
    if (host !== undefined && empty.has(host)) {
      issues.push({
        path: joinPath(joinPath(path, "services"), i),
        message: `routes to upstream "${host}", which has no targets: Kong answers every request with 503; give the upstream targets`,
      });
    }
  });
}

/**
 * Two routes Kong cannot tell apart: the same path (or no path), hosts, headers and SNIs, with methods
 * and protocols that overlap. Kong then picks one by its own order, so requests meant for one service
 * reach the other without an error anywhere.
 */
function checkRouteCollisions(value: GatewayCatalog, path: string, issues: Issue[]): void {
  const seen = new Map<string, { where: string; methods: readonly string[]; protocols: readonly string[] }[]>();
  (value.services ?? []).forEach((service, i) => {
    (service.routes ?? []).forEach((route, j) => {
      const where = joinPath(joinPath(joinPath(joinPath(path, "services"), i), "routes"), j);
      const protocols: readonly string[] = route.protocols ?? DEFAULT_ROUTE_PROTOCOLS;
      const methods: readonly string[] = route.methods ?? [];
      const matchers = [
        JSON.stringify([...(route.hosts ?? [])].sort()),
        JSON.stringify(route.headers ?? {}),
        JSON.stringify([...(route.snis ?? [])].sort()),
      ].join("|");
      for (const routePath of route.paths ?? [""]) {
        const key = `${routePath}|${matchers}|${JSON.stringify(route.sources ?? [])}|${JSON.stringify(route.destinations ?? [])}`;
        const earlier = seen.get(key) ?? [];
        const clash = earlier.find(
          (e) =>
            e.protocols.some((p) => protocols.includes(p)) && (e.methods.length === 0 || methods.length === 0 || e.methods.some((m) => methods.includes(m))),
        );
        if (clash) {
          issues.push({
            path: where,
            message: `matches the same requests as ${clash.where} (path ${routePath || "(any)"}${methods.length ? `, ${methods.join("/")}` : ""}): Kong would send them to one of the two; tell them apart by path, method, host or header`,
          });
        }
        earlier.push({ where, methods, protocols });
        seen.set(key, earlier);
      }
    });
  });
}

/** A client credential whose value the catalog leaves to Kong: each Kong that creates it generates its own. */
export interface KongGeneratedCredential {
  /** Path of the omitted field, e.g. `consumers[0].keyAuth[0].key`. */
  readonly path: string;
  /** The consumer's username (or custom ID). */
  readonly consumer: string;
  /** What the field is, in words: "key-auth key", "JWT key", "OAuth2 client ID", "OAuth2 client secret". */
  readonly what: string;
  /** Whether the value is a secret (give it as a variable or reference) or an identifier (a literal will do). */
  readonly secret: boolean;
}

/**
 * The credentials of the catalog that Kong would generate on creation because the catalog leaves their
 * value out. On one gateway that is fine; on several (the sites of an estate) every gateway generates
 * a different value, so a client holding one site's credential is refused by the others.
 */
export function kongGeneratedCredentials(catalog: GatewayCatalog, path = ""): KongGeneratedCredential[] {
  const found: KongGeneratedCredential[] = [];
  (catalog.consumers ?? []).forEach((consumer, i) => {
    const at = joinPath(joinPath(path, "consumers"), i);
    const name = consumer.username ?? consumer.customId ?? `consumers[${i}]`;
    const omitted = (field: string, j: number, leaf: string, what: string, secret: boolean) =>
      found.push({ path: joinPath(joinPath(joinPath(at, field), j), leaf), consumer: name, what, secret });
    (consumer.keyAuth ?? []).forEach((c, j) => c.key === undefined && omitted("keyAuth", j, "key", "key-auth key", true));
    (consumer.jwt ?? []).forEach((c, j) => c.key === undefined && omitted("jwt", j, "key", "JWT key (iss)", false));
    (consumer.oauth2 ?? []).forEach((c, j) => {
      if (c.clientId === undefined) omitted("oauth2", j, "clientId", "OAuth2 client ID", false);
      if (c.clientSecret === undefined) omitted("oauth2", j, "clientSecret", "OAuth2 client secret", true);
    });
  });
  return found;
}

/** The fix for one Kong-generated credential: what to write instead of leaving the value out. */
export function sameAtEverySiteFix(credential: KongGeneratedCredential): string {
  const variable = `${credential.consumer}_${credential.path.split(".").pop()}`.replace(/[^A-Za-z0-9_]/g, "_").toLowerCase();
  return credential.secret
    ? `give it as { variable: ${variable} } (set once, e.g. TF_VAR_${variable}, for every site's gateway stack) or a reference to a secret every site reads`
    : "give it a value of your choosing (it is not a secret)";
}
