import { readFileSync } from "node:fs";
import { IDENTIFIER_PATTERN } from "../core/formats";
import { LocatedIssue, locateYamlPath, ParsedYaml, parseYamlDocument, splitPath } from "../core/located-yaml";
import { AnySchema, ArraySchema, Issue, isPlainObject, joinPath, ObjectSchema, Optional } from "../core/schema";
import { checkCatalog, consumerSchema, GatewayCatalog, routeSchema, SecretValue, serviceSchema, upstreamSchema } from "../gateway/catalog";
import { MANAGED_TAG } from "../gateway/kong-gateway";
import { KongEdition } from "../gateway/plugins/plugin-definition";
import { PluginRegistry } from "../gateway/plugins/plugin-registry";

/**
 * Reads a decK file (`kong.yaml`, `_format_version: "3.0"`) into the gateway catalog: services with
 * their routes and plugins, top-level routes and plugins (attached to their service, route or
 * consumer), upstreams with targets and health checks, consumers with key-auth, basic-auth, ACL and
 * JWT credentials, and certificates.
 *
 * Secrets in the file (API keys, passwords, private keys) are never carried over: each becomes a
 * `{ variable: <name> }` secret, a sensitive Terraform variable set at apply time, and is listed in
 * `secrets`. What the library cannot express is reported at the decK file's line and column.
 */

export interface DeckImportOptions {
  /**
   * The file name used in messages.
   * @default "kong.yaml"
   */
  readonly file?: string;
  /**
   * The Kong edition the catalog is checked against (Enterprise-only plugins are refused on oss).
   * @default "oss"
   */
  readonly edition?: KongEdition;
  /**
   * The plugins the catalog may use.
   * @default PluginRegistry.withBuiltins()
   */
  readonly plugins?: PluginRegistry;
  /**
   * Drop what the library does not support (with a warning each) instead of failing.
   * @default false
   */
  readonly skipUnsupported?: boolean;
}

/** A secret found in the decK file, now a sensitive Terraform variable. */
export interface DeckSecret extends LocatedIssue {
  /** The Terraform variable that takes the value (`TF_VAR_<variable>` at apply time). */
  readonly variable: string;
}

export interface DeckImportResult {
  /** The catalog, when the file had no errors. */
  readonly catalog?: GatewayCatalog;
  /** What stops the import: each at its decK path, line and column. */
  readonly errors: readonly LocatedIssue[];
  /** What was dropped or needs attention, the import still succeeding. */
  readonly warnings: readonly LocatedIssue[];
  /** Secrets replaced by Terraform variables: `path` is the decK path, `message` says what to set. */
  readonly secrets: readonly DeckSecret[];
}

type Json = { [key: string]: unknown };
type Segments = readonly (string | number)[];

/** Fields every decK entity may carry that say nothing about the configuration. */
const IGNORED = new Set(["id", "created_at", "updated_at"]);
const HTTP_PLUGIN_PROTOCOLS = ["grpc", "grpcs", "http", "https"];
const PROVIDER = "the kong provider (kevholditch/kong 6.5.1)";

/** Parses decK text and converts it; never throws on bad input. */
export function importDeck(text: string, options: DeckImportOptions = {}): DeckImportResult {
  const parsed = parseYamlDocument(text);
  if (parsed.issues.length) return { errors: parsed.issues, warnings: [], secrets: [] };
  const value: unknown = parsed.doc.toJS({ maxAliasCount: 100 });
  return new DeckReader(parsed, options).read(value);
}

/** Reads a decK file and converts it; a file that cannot be read is reported as an error. */
export function importDeckFile(file: string, options: DeckImportOptions = {}): DeckImportResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return { errors: [{ path: "", message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }], warnings: [], secrets: [] };
  }
  return importDeck(text, { file, ...options });
}

/** snake_case -> camelCase, for decK field names that the catalog spells in camelCase. */
function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A Terraform variable name from parts: letters, digits and '_', at most 64 characters. */
function variableName(...parts: (string | number)[]): string {
  const name = parts
    .map((p) => String(p).replace(/[^A-Za-z0-9_]+/g, "_"))
    .join("_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
  const safe = /^[A-Za-z_]/.test(name) ? name : `v_${name}`;
  return safe.slice(0, 64);
}

/** An identifier (the certificate name format) from free text such as an SNI. */
function identifierFrom(text: string): string | undefined {
  const id = text
    .toLowerCase()
    .replace(/^\*\./, "wildcard-")
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, 32)
    .replace(/-+$/, "");
  return IDENTIFIER_PATTERN.regex.test(id) ? id : undefined;
}

/** Removes `null` values from objects (Kong's dumps list every unset field as null), recursively. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null)
      .map(([key, item]) => [key, withoutNulls(item)]),
  );
}

/**
 * Removes fields equal to the default the schema documents (decK dumps write every default out), so
 * the catalog states only what differs from Kong's behaviour; objects left empty go too. Fields come
 * out in the schema's order (decK sorts them alphabetically), unknown ones last.
 */
function withoutDefaults(value: Json, schema: AnySchema): Json {
  if (!(schema instanceof ObjectSchema)) return value;
  const out: Json = {};
  const known = Object.keys(schema.shape).filter((key) => key in value);
  const unknown = Object.keys(value).filter((key) => !(key in schema.shape));
  for (const key of [...known, ...unknown]) {
    const item = value[key];
    const field = schema.shape[key] as AnySchema | Optional<AnySchema> | undefined;
    if (field === undefined) {
      out[key] = item;
      continue;
    }
    const inner = field instanceof Optional ? field.schema : field;
    if (field instanceof Optional && field.defaultValue !== undefined && deepEqual(item, field.defaultValue)) continue;
    if (isPlainObject(item) && inner instanceof ObjectSchema) {
      const reduced = withoutDefaults(item, inner);
      if (Object.keys(reduced).length === 0 && field instanceof Optional) continue;
      out[key] = reduced;
    } else if (Array.isArray(item) && inner instanceof ArraySchema && inner.element instanceof ObjectSchema) {
      out[key] = item.map((element) => (isPlainObject(element) ? withoutDefaults(element, inner.element) : element));
    } else {
      out[key] = item;
    }
  }
  return out;
}

/** A field handler: where the value goes in the catalog entity, or how to treat it. */
type FieldRule =
  | { readonly to: string } // copied under another (camelCase) name
  | { readonly drop: (value: unknown) => boolean; readonly why: string } // dropped when `drop`, unsupported otherwise
  | "custom"; // handled by the entity's own code

/** Field tables per decK entity; fields not listed are unsupported. */
const same = (...names: string[]): { [name: string]: FieldRule } => Object.fromEntries(names.map((n) => [n, { to: camel(n) }]));
const unsupportedUnless = (drop: (value: unknown) => boolean, why: string): FieldRule => ({ drop, why });
const isEmpty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0) || (isPlainObject(v) && Object.keys(v).length === 0);

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
  sources: unsupportedUnless(isEmpty, "stream routing by source (sources) is not supported by the catalog"),
  destinations: unsupportedUnless(isEmpty, "stream routing by destination (destinations) is not supported by the catalog"),
  expression: unsupportedUnless(isEmpty, "expression routes are not supported: use paths, hosts, methods, headers or snis"),
  priority: unsupportedUnless(isEmpty, "route priority belongs to expression routes, which are not supported"),
  filter_chains: unsupportedUnless(isEmpty, "filter chains (WebAssembly filters) are not supported"),
};

const PLUGIN_FIELDS: { [name: string]: FieldRule } = {
  ...same("name", "enabled", "tags"),
  config: "custom",
  service: "custom",
  route: "custom",
  consumer: "custom",
  protocols: unsupportedUnless(
    (v) => v === null || (Array.isArray(v) && deepEqual([...v].sort(), HTTP_PLUGIN_PROTOCOLS)),
    `${PROVIDER} cannot limit a plugin to protocols (no protocols argument); the plugin runs for grpc, grpcs, http and https`,
  ),
  instance_name: unsupportedUnless(isEmpty, `${PROVIDER} has no instance_name argument`),
  run_on: unsupportedUnless((v) => v === null || v === "first", "run_on (hybrid mode) is not supported"),
  ordering: unsupportedUnless(isEmpty, "dynamic plugin ordering (Enterprise) is not supported"),
  consumer_group: unsupportedUnless(isEmpty, "consumer-group scoped plugins are not supported (the provider has no consumer groups)"),
  _config: unsupportedUnless(isEmpty, "decK _plugin_configs references are not supported: inline the config"),
};

const UPSTREAM_FIELDS: { [name: string]: FieldRule } = {
  ...same("name", "slots", "hash_on", "hash_fallback", "hash_on_header", "hash_fallback_header", "hash_on_cookie", "hash_on_cookie_path", "host_header", "tags"),
  targets: "custom",
  healthchecks: "custom",
  algorithm: unsupportedUnless((v) => v === null || v === "round-robin", `${PROVIDER} cannot set the balancing algorithm (no algorithm argument): Kong uses round-robin`),
  hash_on_query_arg: unsupportedUnless(isEmpty, "hashing on a query argument is not supported by the catalog"),
  hash_fallback_query_arg: unsupportedUnless(isEmpty, "hashing on a query argument is not supported by the catalog"),
  hash_on_uri_capture: unsupportedUnless(isEmpty, "hashing on a URI capture is not supported by the catalog"),
  hash_fallback_uri_capture: unsupportedUnless(isEmpty, "hashing on a URI capture is not supported by the catalog"),
  use_srv_name: unsupportedUnless((v) => v === null || v === false, "use_srv_name is not supported by the catalog"),
  client_certificate: unsupportedUnless(isEmpty, "upstream client certificates are not supported by the catalog: set tls.clientCertificate on the services"),
};

const TOP_LEVEL_UNSUPPORTED: { [key: string]: string } = {
  ca_certificates:
    `${PROVIDER} cannot create CA certificates: upload them to Kong once and list their IDs (pki.caCertificateIds, or a service's tls.caCertificateIds)`,
  consumer_groups: "consumer groups are not supported (the provider has no consumer-group resource)",
  vaults: `${PROVIDER} cannot create Kong vaults: configure them in kong.conf or the node environment`,
  rbac_roles: "RBAC roles (Enterprise) are not supported",
  filter_chains: "filter chains (WebAssembly filters) are not supported",
  custom_entities: "custom entities (degraphql routes) are not supported",
  licenses: "licenses are not supported: give the Enterprise license to the nodes",
  service_packages: "Konnect service packages are not supported",
  _plugin_configs: "decK _plugin_configs are not supported: inline each plugin's config",
  _konnect: "Konnect control planes are not supported: the library manages self-hosted Kong through its Admin API",
  snis: "top-level snis are not supported: list them under their certificate's snis",
  keys: "keys and key sets are not supported",
  key_sets: "keys and key sets are not supported",
  partials: "partials are not supported: inline the shared config",
};

class DeckReader {
  private readonly errors: LocatedIssue[] = [];
  private readonly warnings: LocatedIssue[] = [];
  private readonly secrets: DeckSecret[] = [];
  private readonly usedVariables = new Set<string>();
  /** Catalog path -> decK path, for mapping the catalog check's issues back to the file. */
  private readonly origins: [string, Segments][] = [];
  private readonly certificateIds = new Map<string, string>();
  private readonly edition: KongEdition;
  private readonly registry: PluginRegistry;

  constructor(
    private readonly parsed: ParsedYaml,
    private readonly options: DeckImportOptions,
  ) {
    this.edition = options.edition ?? "oss";
    this.registry = options.plugins ?? PluginRegistry.withBuiltins();
  }

  read(value: unknown): DeckImportResult {
    if (!isPlainObject(value)) {
      this.error([], value === null || value === undefined ? "the file is empty: a decK file has _format_version and entity lists" : "a decK file is a map of entity lists (services:, consumers:, ...)");
      return this.result();
    }
    const catalog = this.convert(value);
    if (this.errors.length) return this.result();
    const issues: Issue[] = [];
    checkCatalog(catalog, { edition: this.edition, registry: this.registry }, "", issues);
    for (const issue of issues) this.errors.push(this.fromCatalogIssue(issue));
    return this.result(this.errors.length ? undefined : catalog);
  }

  private result(catalog?: GatewayCatalog): DeckImportResult {
    return { catalog, errors: this.errors, warnings: this.warnings, secrets: this.secrets };
  }

  private located(path: Segments, message: string): LocatedIssue {
    return { path: path.reduce<string>((p, s) => joinPath(p, s), ""), message, ...locateYamlPath(this.parsed.doc, this.parsed.lines, path) };
  }

  private error(path: Segments, message: string): void {
    this.errors.push(this.located(path, message));
  }

  private warn(path: Segments, message: string): void {
    this.warnings.push(this.located(path, message));
  }

  private unsupported(path: Segments, message: string): void {
    if (this.options.skipUnsupported) this.warn(path, `dropped: ${message}`);
    else this.error(path, `${message} (or import with --skip-unsupported to drop it)`);
  }

  /** Maps an issue of the catalog check (catalog path) to the decK entity it came from. */
  private fromCatalogIssue(issue: Issue): LocatedIssue {
    let best: [string, Segments] | undefined;
    for (const origin of this.origins) {
      const [prefix] = origin;
      const matches = issue.path === prefix || issue.path.startsWith(`${prefix}.`) || issue.path.startsWith(`${prefix}[`);
      if (matches && (!best || prefix.length > best[0].length)) best = origin;
    }
    if (!best) return { ...issue, ...locateYamlPath(this.parsed.doc, this.parsed.lines, issue.path) };
    const rest = splitPath(issue.path.slice(best[0].length));
    // Inside a plugin's config the names are Kong's own; entity fields are camelCase in the catalog.
    const configAt = rest.indexOf("config");
    const mapped = rest.map((s, i) => (typeof s === "string" && (configAt < 0 || i <= configAt) ? snake(s) : s));
    return this.located([...best[1], ...mapped], issue.message);
  }

  private origin(catalogPath: string, deckPath: Segments): void {
    this.origins.push([catalogPath, deckPath]);
  }

  /** Replaces a secret value by a sensitive variable and records it. */
  private secret(path: Segments, name: string, what: string): SecretValue {
    let variable = name;
    for (let n = 2; this.usedVariables.has(variable); n++) variable = variableName(name, n);
    this.usedVariables.add(variable);
    this.secrets.push({ ...this.located(path, what), variable });
    return { variable };
  }

  /**
   * Copies the fields a table allows into a catalog entity; reports the rest. Returns the entity
   * without the "custom" fields, which the caller handles.
   */
  private fields(source: Json, rules: { [name: string]: FieldRule }, path: Segments, what: string): Json {
    const out: Json = {};
    for (const [key, value] of Object.entries(source)) {
      if (IGNORED.has(key) || value === null) continue;
      const rule = rules[key];
      if (rule === undefined) {
        this.unsupported([...path, key], `${what} field "${key}" is not supported by the library`);
      } else if (rule === "custom") {
        continue;
      } else if ("to" in rule) {
        out[rule.to] = key === "tags" ? this.tags(value) : value;
      } else if (!rule.drop(value)) {
        this.unsupported([...path, key], rule.why);
      }
    }
    return out;
  }

  /** Tags without the ones the library adds itself (when the entity came from this library). */
  private tags(value: unknown): unknown {
    if (!Array.isArray(value)) return value;
    if (!value.includes(MANAGED_TAG)) return value;
    const own = value.filter((t) => t !== MANAGED_TAG && !/^(estate|site):/.test(String(t)));
    return own.length ? own : undefined;
  }

  private list(value: unknown, path: Segments, what: string): Json[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.error(path, `expected a list of ${what}`);
      return [];
    }
    return value.map((item, i) => {
      if (isPlainObject(item)) return item;
      this.error([...path, i], `expected a ${what.replace(/s$/, "")} (a map)`);
      return {};
    });
  }

  private convert(deck: Json): GatewayCatalog {
    const format = deck._format_version;
    if (format === undefined) {
      this.warn([], 'no _format_version: read as decK format "3.0" (Kong 3.x)');
    } else if (String(format) !== "3.0") {
      this.warn(["_format_version"], `format "${String(format)}" is for Kong 2.x: convert it first (deck file convert --from kong-gateway-2.x --to kong-gateway-3.x), regex paths need a "~" prefix in 3.x`);
    }
    if (deck._transform === false) {
      this.warn(["_transform"], "_transform: false means the file holds hashed credentials: basic-auth passwords must be set in clear through their variables");
    }
    if (deck._workspace !== undefined) {
      this.warn(["_workspace"], "the workspace is not part of the catalog: set the kong provider's kong_workspace (KONG_WORKSPACE) for the site");
    }
    if (isPlainObject(deck._info)) {
      if (deck._info.select_tags !== undefined) {
        this.warn(["_info", "select_tags"], `select_tags are not carried over: KongGateway tags every entity it manages with ${MANAGED_TAG}`);
      }
      if (deck._info.defaults !== undefined) this.unsupported(["_info", "defaults"], "decK entity defaults are not supported: write the values on the entities");
    }
    const handled = new Set(["_format_version", "_transform", "_workspace", "_info", "services", "routes", "consumers", "plugins", "upstreams", "certificates"]);
    for (const key of Object.keys(deck)) {
      if (handled.has(key) || deck[key] === null) continue;
      const why = TOP_LEVEL_UNSUPPORTED[key];
      if (isEmpty(deck[key])) continue;
      this.unsupported([key], why ?? `"${key}" is not a decK entity list the library knows`);
    }

    const certificates = this.list(deck.certificates, ["certificates"], "certificates").map((c, i) => this.certificate(c, i));
    const upstreams = this.list(deck.upstreams, ["upstreams"], "upstreams").map((u, i) => this.upstream(u, i));
    const services = this.list(deck.services, ["services"], "services").map((s, i) => this.service(s, i));
    const consumers = this.list(deck.consumers, ["consumers"], "consumers").map((c, i) => this.consumer(c, i));
    const plugins: Json[] = [];

    this.list(deck.routes, ["routes"], "routes").forEach((route, i) => {
      const path = ["routes", i];
      const ref = this.reference(route.service, [...path, "service"], "service");
      const index = ref === undefined ? -1 : services.findIndex((s) => s.name === ref || s.__id === ref);
      if (ref === undefined) {
        this.unsupported(path, "a route without a service is not supported: the catalog keeps routes under their service");
        return;
      }
      if (index < 0) {
        this.error([...path, "service"], `no service "${ref}" in this file`);
        return;
      }
      const routes = (services[index].routes as Json[] | undefined) ?? [];
      services[index].routes = routes;
      routes.push(this.route(route, path, `services[${index}].routes[${routes.length}]`));
    });

    this.list(deck.plugins, ["plugins"], "plugins").forEach((plugin, i) => {
      const path = ["plugins", i];
      const service = this.reference(plugin.service, [...path, "service"], "service");
      const route = this.reference(plugin.route, [...path, "route"], "route");
      const consumer = this.reference(plugin.consumer, [...path, "consumer"], "consumer");
      const scopes = [service, route, consumer].filter((x) => x !== undefined).length;
      if (scopes > 1) {
        this.unsupported(path, "a plugin scoped to more than one of service, route and consumer is not supported: the kong provider attaches a plugin to one entity");
        return;
      }
      let owner: Json | undefined;
      let ownerPath = "";
      if (service !== undefined) {
        const index = services.findIndex((s) => s.name === service || s.__id === service);
        owner = services[index];
        ownerPath = `services[${index}]`;
      } else if (route !== undefined) {
        services.forEach((s, si) =>
          ((s.routes as Json[] | undefined) ?? []).forEach((r, ri) => {
            if (r.name === route || r.__id === route) {
              owner = r;
              ownerPath = `services[${si}].routes[${ri}]`;
            }
          }),
        );
      } else if (consumer !== undefined) {
        const index = consumers.findIndex((c) => c.username === consumer || c.customId === consumer || c.__id === consumer);
        owner = consumers[index];
        ownerPath = `consumers[${index}]`;
      }
      if ((service ?? route ?? consumer) !== undefined && !owner) {
        const kind = service !== undefined ? "service" : route !== undefined ? "route" : "consumer";
        this.error([...path, kind], `no ${kind} "${service ?? route ?? consumer}" in this file`);
        return;
      }
      const list = owner ? ((owner.plugins as Json[] | undefined) ?? (owner.plugins = [])) as Json[] : plugins;
      const catalogPath = joinPath(ownerPath, "plugins");
      list.push(this.plugin(plugin, path, joinPath(catalogPath, list.length)));
    });

    // Internal IDs kept for references are not catalog fields.
    const clean = (entities: Json[]) => entities.map(({ __id, ...rest }) => rest);
    for (const service of services) if (service.routes) service.routes = clean(service.routes as Json[]);
    const catalog: Json = {
      services: clean(services),
      upstreams,
      consumers: clean(consumers),
      certificates,
      plugins,
    };
    return Object.fromEntries(Object.entries(catalog).filter(([, v]) => Array.isArray(v) && v.length > 0)) as GatewayCatalog;
  }

  /** A foreign reference in decK: a name or ID string, or `{ id }` / `{ name }`. */
  private reference(value: unknown, path: Segments, kind: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    if (isPlainObject(value)) {
      const ref = value.name ?? value.id ?? value.username;
      if (typeof ref === "string") return ref;
    }
    this.error(path, `expected a ${kind} name or ID`);
    return undefined;
  }

  private service(source: Json, i: number): Json {
    const path = ["services", i];
    this.origin(`services[${i}]`, path);
    const service = this.fields(source, SERVICE_FIELDS, path, "service");
    if (source.name === undefined) this.error(path, "needs a name: the catalog names every service (decK can add names with deck file add-tags/openapi2kong)");
    const tls: Json = {};
    if (source.tls_verify !== undefined && source.tls_verify !== null) tls.verify = source.tls_verify;
    if (source.tls_verify_depth !== undefined && source.tls_verify_depth !== null) tls.verifyDepth = source.tls_verify_depth;
    const clientCertificate = this.reference(source.client_certificate, [...path, "client_certificate"], "certificate");
    if (clientCertificate !== undefined) tls.clientCertificate = this.certificateIds.get(clientCertificate) ?? clientCertificate;
    if (Array.isArray(source.ca_certificates) && source.ca_certificates.length) tls.caCertificateIds = source.ca_certificates;
    if (Object.keys(tls).length) service.tls = tls;
    const out = withoutDefaults(service, serviceSchema);
    if (typeof source.id === "string") out.__id = source.id;
    const routes = this.list(source.routes, [...path, "routes"], "routes").map((r, j) => this.route(r, [...path, "routes", j], `services[${i}].routes[${j}]`));
    if (routes.length) out.routes = routes;
    const plugins = this.list(source.plugins, [...path, "plugins"], "plugins").map((p, k) => this.plugin(p, [...path, "plugins", k], `services[${i}].plugins[${k}]`));
    if (plugins.length) out.plugins = plugins;
    return out;
  }

  private route(source: Json, path: Segments, catalogPath: string): Json {
    this.origin(catalogPath, path);
    const route = this.fields(source, ROUTE_FIELDS, path, "route");
    const out = withoutDefaults(route, routeSchema);
    if (typeof source.id === "string") out.__id = source.id;
    const plugins = this.list(source.plugins, [...path, "plugins"], "plugins").map((p, k) => this.plugin(p, [...path, "plugins", k], `${catalogPath}.plugins[${k}]`));
    if (plugins.length) out.plugins = plugins;
    return out;
  }

  private plugin(source: Json, path: Segments, catalogPath: string): Json {
    this.origin(catalogPath, path);
    const plugin = this.fields(source, PLUGIN_FIELDS, path, "plugin");
    if (plugin.enabled === true) delete plugin.enabled;
    if (source.config !== undefined && source.config !== null) {
      if (!isPlainObject(source.config)) {
        this.error([...path, "config"], "expected a map");
        return plugin;
      }
      const definition = typeof source.name === "string" ? this.registry.get(source.name) : undefined;
      const config = withoutNulls(source.config) as Json;
      const reduced = definition ? withoutDefaults(config, definition.schema) : config;
      if (Object.keys(reduced).length) plugin.config = reduced;
    }
    return plugin;
  }

  private upstream(source: Json, i: number): Json {
    const path = ["upstreams", i];
    this.origin(`upstreams[${i}]`, path);
    const upstream = this.fields(source, UPSTREAM_FIELDS, path, "upstream");
    const targets = this.list(source.targets, [...path, "targets"], "targets").map((t, j) => {
      this.origin(`upstreams[${i}].targets[${j}]`, [...path, "targets", j]);
      return this.fields(t, same("target", "weight", "tags"), [...path, "targets", j], "target");
    });
    if (targets.length) upstream.targets = targets;
    if (isPlainObject(source.healthchecks)) upstream.healthchecks = this.healthchecks(source.healthchecks, [...path, "healthchecks"]);
    return withoutDefaults(upstream, upstreamSchema);
  }

  private healthchecks(source: Json, path: Segments): Json {
    const out: Json = {};
    if (source.threshold !== undefined && source.threshold !== null && source.threshold !== 0) {
      this.unsupported([...path, "threshold"], `${PROVIDER} has no health-check threshold`);
    }
    const probe = (kind: "active" | "passive", fields: string[], healthy: string[], unhealthy: string[]) => {
      const value = source[kind];
      if (!isPlainObject(value)) return;
      const at = [...path, kind];
      const rules: { [name: string]: FieldRule } = { ...same(...fields), healthy: "custom", unhealthy: "custom" };
      if (kind === "active") rules.headers = unsupportedUnless(isEmpty, "active health-check headers are not supported by the catalog");
      const probeOut = this.fields(value, rules, at, `${kind} health check`);
      if (isPlainObject(value.healthy)) probeOut.healthy = this.fields(value.healthy, same(...healthy), [...at, "healthy"], "health check");
      if (isPlainObject(value.unhealthy)) probeOut.unhealthy = this.fields(value.unhealthy, same(...unhealthy), [...at, "unhealthy"], "health check");
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

  private consumer(source: Json, i: number): Json {
    const path = ["consumers", i];
    this.origin(`consumers[${i}]`, path);
    const rules: { [name: string]: FieldRule } = {
      ...same("username", "custom_id", "tags"),
      keyauth_credentials: "custom",
      basicauth_credentials: "custom",
      acls: "custom",
      jwt_secrets: "custom",
      plugins: "custom",
      hmacauth_credentials: unsupportedUnless(isEmpty, "HMAC credentials are not supported by the catalog"),
      oauth2_credentials: unsupportedUnless(isEmpty, "OAuth 2.0 credentials are not supported by the catalog"),
      mtls_auth_credentials: unsupportedUnless(isEmpty, "mtls-auth credentials are not supported: map clients to consumers by certificate CN (mtls-auth consumer_by)"),
      groups: unsupportedUnless(isEmpty, "consumer groups are not supported (the provider has no consumer-group resource)"),
    };
    const consumer = this.fields(source, rules, path, "consumer");
    const who = String(source.username ?? source.custom_id ?? i);
    if (typeof source.id === "string") consumer.__id = source.id;

    const keyAuth = this.list(source.keyauth_credentials, [...path, "keyauth_credentials"], "credentials").map((c, j) => {
      const at = [...path, "keyauth_credentials", j];
      const credential = this.fields(c, { tags: { to: "tags" }, key: "custom", ttl: unsupportedUnless(isEmpty, `${PROVIDER} cannot set a key's ttl`) }, at, "key-auth credential");
      if (typeof c.key === "string") {
        credential.key = this.secret([...at, "key"], variableName("consumer", who, "key_auth", j), `key-auth key of consumer ${who}: set it to the key clients send today so they keep working`);
      }
      return credential;
    });
    if (keyAuth.length) consumer.keyAuth = keyAuth;

    const basicAuth = this.list(source.basicauth_credentials, [...path, "basicauth_credentials"], "credentials").map((c, j) => {
      const at = [...path, "basicauth_credentials", j];
      const credential = this.fields(c, { username: { to: "username" }, tags: { to: "tags" }, password: "custom" }, at, "basic-auth credential");
      if (c.password === undefined || c.password === null) {
        this.error(at, "needs a password: the catalog creates the credential with one");
      } else {
        credential.password = this.secret(
          [...at, "password"],
          variableName("consumer", who, "basic_auth", String(c.username ?? j)),
          `basic-auth password of consumer ${who}: set it to the clear password (decK exports Kong's hash, which cannot be used)`,
        );
      }
      return credential;
    });
    if (basicAuth.length) consumer.basicAuth = basicAuth;

    const acls = this.list(source.acls, [...path, "acls"], "ACL groups").map((c, j) => {
      this.fields(c, { group: "custom", tags: "custom" }, [...path, "acls", j], "ACL");
      if (Array.isArray(c.tags) && c.tags.length) this.warn([...path, "acls", j, "tags"], "ACL tags are not carried over: the catalog lists groups by name");
      return c.group;
    });
    if (acls.length) consumer.acls = acls;

    const jwt = this.list(source.jwt_secrets, [...path, "jwt_secrets"], "credentials").flatMap((c, j) => {
      const at = [...path, "jwt_secrets", j];
      const algorithm = typeof c.algorithm === "string" ? c.algorithm : "HS256";
      if (algorithm.startsWith("HS")) {
        this.unsupported([...at, "algorithm"], `${algorithm} JWT credentials verify with a shared secret, which the catalog does not hold: use an RSA, ECDSA or EdDSA key pair`);
        return [];
      }
      const credential = this.fields(c, { ...same("key", "algorithm", "rsa_public_key", "tags"), secret: "custom" }, at, "JWT credential");
      if (typeof c.secret === "string" && c.secret) {
        this.warn([...at, "secret"], `the JWT secret is not carried over: ${algorithm} verifies with rsa_public_key`);
      }
      return [credential];
    });
    if (jwt.length) consumer.jwt = jwt;

    const plugins = this.list(source.plugins, [...path, "plugins"], "plugins").map((p, k) => this.plugin(p, [...path, "plugins", k], `consumers[${i}].plugins[${k}]`));
    if (plugins.length) consumer.plugins = plugins;
    return withoutDefaults(consumer, consumerSchema);
  }

  private readonly certificateNames = new Set<string>();

  private certificate(source: Json, i: number): Json {
    const path = ["certificates", i];
    this.origin(`certificates[${i}]`, path);
    const rules: { [name: string]: FieldRule } = {
      cert: { to: "certificate" },
      tags: { to: "tags" },
      key: "custom",
      snis: "custom",
      cert_alt: unsupportedUnless(isEmpty, `${PROVIDER} takes one certificate per entry: import the alternate (cert_alt/key_alt) as its own certificate`),
      key_alt: unsupportedUnless(isEmpty, `${PROVIDER} takes one certificate per entry: import the alternate (cert_alt/key_alt) as its own certificate`),
    };
    const certificate = this.fields(source, rules, path, "certificate");
    // decK writes SNIs as { name } maps; plain names are accepted too.
    const snis = (Array.isArray(source.snis) ? source.snis : []).map((sni: unknown) => (isPlainObject(sni) ? sni.name : sni)).filter((sni) => typeof sni === "string");
    let name = (typeof snis[0] === "string" && identifierFrom(snis[0])) || `certificate-${i + 1}`;
    for (let n = 2; this.certificateNames.has(name); n++) name = `${name.replace(/-\d+$/, "")}-${n}`;
    this.certificateNames.add(name);
    if (typeof source.id === "string") this.certificateIds.set(source.id, name);
    const out: Json = { name, ...certificate };
    if (snis.length) out.snis = snis;
    if (source.key === undefined || source.key === null) {
      this.error(path, "needs a key: the catalog uploads the certificate with its private key");
    } else {
      out.privateKey = this.secret([...path, "key"], variableName("certificate", name, "private_key"), `private key of certificate ${name}: set it to the PEM key, or keep the key in a secret store and pass a reference`);
    }
    return out;
  }
}

/** The catalog as topology-file YAML sections, headed by how to use it and which variables to set. */
export function deckFragmentYaml(result: DeckImportResult, source = "kong.yaml"): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require("yaml") as typeof import("yaml");
  const header = [
    `# Imported from ${source} by cdktf-kong-ha import-deck.`,
    "# Paste these sections into a topology file, next to name, mode, domain and sites.",
  ];
  if (result.secrets.length) {
    header.push("# Secrets were not copied: each is a sensitive Terraform variable now. Set before terraform apply:");
    for (const secret of result.secrets) header.push(`#   TF_VAR_${secret.variable}: ${secret.message.split(":")[0]} (${source}:${secret.line}:${secret.column})`);
  }
  const doc = new yaml.Document(result.catalog ?? {});
  // `{ variable: name }` reads best on one line, as in the examples.
  yaml.visit(doc, {
    Map(_key, node) {
      if (node.items.length === 1 && yaml.isScalar(node.items[0].key) && node.items[0].key.value === "variable") node.flow = true;
    },
  });
  const body = doc.toString({ lineWidth: 0 });
  return `${header.join("\n")}\n${body}`;
}
