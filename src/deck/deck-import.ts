import { readFileSync } from "node:fs";
import { fileReadProblem, LocatedIssue, parseYamlDocument } from "../core/located-yaml";
import { Issue, isPlainObject } from "../core/schema";
import { checkCatalog, GatewayCatalog } from "../gateway/catalog";
import { MANAGED_TAG } from "../gateway/kong-gateway";
import { KongEdition } from "../gateway/plugins/plugin-definition";
import { PluginRegistry } from "../gateway/plugins/plugin-registry";
import { readCertificates } from "./deck-certificates";
import { readConsumers } from "./deck-consumers";
import { DeckContext } from "./deck-context";
import { isEmpty, Json, PROVIDER } from "./deck-fields";
import { attachPlugins, scopePlugins, withoutReferences } from "./deck-plugins";
import { attachRoutes, readServices } from "./deck-services";
import { readUpstreams } from "./deck-upstreams";

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

/** Parses decK text and converts it; never throws on bad input. */
export function importDeck(text: string, options: DeckImportOptions = {}): DeckImportResult {
  const parsed = parseYamlDocument(text);
  if (parsed.issues.length) return { errors: parsed.issues, warnings: [], secrets: [] };
  const value: unknown = parsed.doc.toJS({ maxAliasCount: 100 });
  const edition = options.edition ?? "oss";
  const registry = options.plugins ?? PluginRegistry.withBuiltins();
  return read(new DeckContext(parsed, { registry, skipUnsupported: options.skipUnsupported }), value, edition);
}

/** Reads a decK file and converts it; a file that cannot be read is reported as an error. */
export function importDeckFile(file: string, options: DeckImportOptions = {}): DeckImportResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return { errors: [{ path: "", message: fileReadProblem(error) }], warnings: [], secrets: [] };
  }
  return importDeck(text, { file, ...options });
}

const TOP_LEVEL_UNSUPPORTED: { [key: string]: string } = {
  ca_certificates: `${PROVIDER} cannot create CA certificates: upload them to Kong once and list their IDs (pki.caCertificateIds, or a service's tls.caCertificateIds)`,
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

/** Converts the parsed file, then checks the catalog and maps its issues back to the decK file. */
function read(ctx: DeckContext, value: unknown, edition: KongEdition): DeckImportResult {
  const result = (catalog?: GatewayCatalog): DeckImportResult => ({ catalog, errors: ctx.errors, warnings: ctx.warnings, secrets: ctx.secrets });
  if (!isPlainObject(value)) {
    ctx.error(
      [],
      value === null || value === undefined
        ? "the file is empty: a decK file has _format_version and entity lists"
        : "a decK file is a map of entity lists (services:, consumers:, ...)",
    );
    return result();
  }
  const catalog = convert(ctx, value);
  if (ctx.errors.length) return result();
  const issues: Issue[] = [];
  checkCatalog(catalog, { edition, registry: ctx.registry }, "", issues);
  for (const issue of issues) ctx.errors.push(ctx.fromCatalogIssue(issue));
  return result(ctx.errors.length ? undefined : catalog);
}

/**
 * The file's top-level keys checked, then each entity kind read in an order that resolves the
 * references: certificates before services (client_certificate), services and consumers before the
 * top-level routes and plugins that attach to them.
 */
function convert(ctx: DeckContext, deck: Json): GatewayCatalog {
  const format = deck._format_version;
  if (format === undefined) {
    ctx.warn([], 'no _format_version: read as decK format "3.0" (Kong 3.x)');
  } else if (String(format) !== "3.0") {
    ctx.warn(
      ["_format_version"],
      `format "${String(format)}" is for Kong 2.x: convert it first (deck file convert --from kong-gateway-2.x --to kong-gateway-3.x), ` +
        'regex paths need a "~" prefix in 3.x',
    );
  }
  if (deck._transform === false) {
    ctx.warn(["_transform"], "_transform: false means the file holds hashed credentials: basic-auth passwords must be set in clear through their variables");
  }
  if (deck._workspace !== undefined) {
    ctx.warn(["_workspace"], "the workspace is not part of the catalog: set the kong provider's kong_workspace (KONG_WORKSPACE) for the site");
  }
  if (isPlainObject(deck._info)) {
    if (deck._info.select_tags !== undefined) {
      ctx.warn(["_info", "select_tags"], `select_tags are not carried over: KongGateway tags every entity it manages with ${MANAGED_TAG}`);
    }
    if (deck._info.defaults !== undefined) ctx.unsupported(["_info", "defaults"], "decK entity defaults are not supported: write the values on the entities");
  }
  const handled = new Set(["_format_version", "_transform", "_workspace", "_info", "services", "routes", "consumers", "plugins", "upstreams", "certificates"]);
  for (const key of Object.keys(deck)) {
    if (handled.has(key) || deck[key] === null) continue;
    const why = TOP_LEVEL_UNSUPPORTED[key];
    if (isEmpty(deck[key])) continue;
    ctx.unsupported([key], why ?? `"${key}" is not a decK entity list the library knows`);
  }

  const certificates = readCertificates(ctx, deck.certificates);
  const upstreams = readUpstreams(ctx, deck.upstreams);
  const services = readServices(ctx, deck.services);
  const consumers = readConsumers(ctx, deck.consumers);
  attachRoutes(ctx, deck.routes, services);
  const plugins = attachPlugins(ctx, deck.plugins, services, consumers);
  scopePlugins(ctx, services, consumers);

  // Internal IDs and references kept while reading are not catalog fields.
  const cleanPlugins = (entity: Json) => {
    if (entity.plugins) entity.plugins = (entity.plugins as Json[]).map(withoutReferences);
    return entity;
  };
  const clean = (entities: Json[]) => entities.map(({ __id, ...rest }) => cleanPlugins(rest));
  for (const service of services) if (service.routes) service.routes = clean(service.routes as Json[]);
  const catalog: Json = {
    services: clean(services),
    upstreams,
    consumers: clean(consumers),
    certificates,
    plugins: plugins.map(withoutReferences),
  };
  return Object.fromEntries(Object.entries(catalog).filter(([, v]) => Array.isArray(v) && v.length > 0)) as GatewayCatalog;
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
    for (const secret of result.secrets) {
      header.push(`#   TF_VAR_${secret.variable}: ${secret.message.split(":")[0]} (${source}:${secret.line}:${secret.column})`);
    }
  }
  const catalog = result.catalog ?? {};
  if (Object.keys(catalog).length === 0) {
    // An empty map would print as `{}`, which breaks the topology file it is pasted into.
    return `${header.join("\n")}\n# Nothing to import: every entity of ${source} was skipped or refused (see the messages above).\n`;
  }
  const doc = new yaml.Document(catalog);
  // `{ variable: name }` reads best on one line, as in the examples.
  yaml.visit(doc, {
    Map(_key, node) {
      if (node.items.length === 1 && yaml.isScalar(node.items[0].key) && node.items[0].key.value === "variable") node.flow = true;
    },
  });
  const body = doc.toString({ lineWidth: 0 });
  return `${header.join("\n")}\n${body}`;
}
