/**
 * decK plugins: one plugin entry (nested under a service, route or consumer, or top-level) read into
 * a catalog plugin with Kong's defaults dropped from its config, and the top-level `plugins:` list
 * attached to the service, route or consumer it names (global otherwise).
 */
import { isPlainObject, joinPath, ObjectSchema, Shape } from "../core/schema";
import { kongPluginData } from "../gateway/plugins/kong-plugins";
import { DeckContext } from "./deck-context";
import { deepEqual, FieldRule, isEmpty, Json, PROVIDER, same, Segments, unsupportedUnless, withoutDefaults, withoutNulls } from "./deck-fields";

const PLUGIN_FIELDS: { [name: string]: FieldRule } = {
  ...same("name", "enabled", "tags"),
  config: "custom",
  service: "custom",
  route: "custom",
  consumer: "custom",
  protocols: "custom",
  instance_name: unsupportedUnless(isEmpty, `${PROVIDER} has no instance_name argument`),
  run_on: unsupportedUnless((v) => v === null || v === "first", "run_on (hybrid mode) is not supported"),
  ordering: unsupportedUnless(isEmpty, "dynamic plugin ordering (Enterprise) is not supported"),
  consumer_group: unsupportedUnless(isEmpty, "consumer-group scoped plugins are not supported (the provider has no consumer groups)"),
  _config: unsupportedUnless(isEmpty, "decK _plugin_configs references are not supported: inline the config"),
};

/** One decK plugin as a catalog plugin, recorded as the origin of `catalogPath`. */
export function readPlugin(ctx: DeckContext, source: Json, path: Segments, catalogPath: string): Json {
  ctx.origin(catalogPath, path);
  const plugin = ctx.fields(source, PLUGIN_FIELDS, path, "plugin");
  checkProtocols(ctx, source, path);
  // The entities it names, resolved by scopePlugins once every entity is read.
  for (const kind of ["service", "route", "consumer"] as const) {
    const ref = ctx.reference(source[kind], [...path, kind], kind);
    if (ref !== undefined) plugin[`__${kind}`] = ref;
  }
  plugin.__path = path;
  if (plugin.enabled === true) delete plugin.enabled;
  if (source.config !== undefined && source.config !== null) {
    if (!isPlainObject(source.config)) {
      ctx.error([...path, "config"], "expected a map");
      return plugin;
    }
    const definition = typeof source.name === "string" ? ctx.registry.get(source.name) : undefined;
    const config = definition
      ? withoutShorthands(ctx, withoutNulls(source.config) as Json, definition.schema, [...path, "config"])
      : (withoutNulls(source.config) as Json);
    const reduced = definition ? withoutDefaults(config, definition.schema) : config;
    if (Object.keys(reduced).length) plugin.config = reduced;
  }
  return plugin;
}

/** What dumps of Kong before 3.x's WebSocket support write for an HTTP plugin's protocols. */
const HTTP_PLUGIN_PROTOCOLS = ["grpc", "grpcs", "http", "https"];

/**
 * A plugin's `protocols` can only be Kong's default for that plugin (what `deck gateway dump` writes),
 * or the HTTP protocols older dumps write: the provider has no protocols argument, so the plugin
 * always runs on its defaults.
 */
function checkProtocols(ctx: DeckContext, source: Json, path: Segments): void {
  const protocols = source.protocols;
  if (protocols === undefined || protocols === null) return;
  const defaults = typeof source.name === "string" ? kongPluginData(source.name)?.defaultProtocols : undefined;
  const given = Array.isArray(protocols) ? [...protocols].sort() : undefined;
  if (given && ((defaults && deepEqual(given, [...defaults].sort())) || deepEqual(given, HTTP_PLUGIN_PROTOCOLS))) return;
  ctx.unsupported(
    [...path, "protocols"],
    `${PROVIDER} cannot limit a plugin to protocols (no protocols argument); the plugin runs on Kong's default protocols for it` +
      (defaults ? ` (${defaults.join(", ")})` : ""),
  );
}

/**
 * Reads the top-level `plugins:` list: each plugin goes under the service, route or consumer it
 * names (in `services` and `consumers`, as read so far); the unscoped ones are returned, global.
 */
export function attachPlugins(ctx: DeckContext, value: unknown, services: Json[], consumers: Json[]): Json[] {
  const plugins: Json[] = [];
  ctx.list(value, ["plugins"], "plugins").forEach((plugin, i) => {
    const path = ["plugins", i];
    const service = ctx.reference(plugin.service, [...path, "service"], "service");
    const route = ctx.reference(plugin.route, [...path, "route"], "route");
    const consumer = ctx.reference(plugin.consumer, [...path, "consumer"], "consumer");
    // A plugin on a route or service limited to a consumer goes under the route (or service); scopePlugins
    // resolves the consumer. A route already belongs to its service, so route wins over service.
    let owner: Json | undefined;
    let ownerPath = "";
    if (service !== undefined && route === undefined) {
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
      const kind = route !== undefined ? "route" : service !== undefined ? "service" : "consumer";
      ctx.error([...path, kind], `no ${kind} "${route ?? service ?? consumer}" in this file`);
      return;
    }
    const list = owner ? (((owner.plugins as Json[] | undefined) ?? (owner.plugins = [])) as Json[]) : plugins;
    const catalogPath = joinPath(ownerPath, "plugins");
    list.push(readPlugin(ctx, plugin, path, joinPath(catalogPath, list.length)));
  });
  return plugins;
}

/**
 * Gives every plugin the scope decK gave it, which Kong (and the kong provider's kong_plugin) take
 * together: a service or route plugin that names a consumer is limited to that consumer (`consumer`);
 * a consumer's plugin that names a route or service moves there, limited to the consumer. Before,
 * the second entity was dropped without a word, so a per-consumer limit became a limit for everyone.
 */
/** A plugin as read, with the entities it names (`__service`, `__route`, `__consumer`) and its decK path. */
type ReadPlugin = Json & { __service?: string; __route?: string; __consumer?: string; __path: Segments };

export function scopePlugins(ctx: DeckContext, services: Json[], consumers: Json[]): void {
  const consumerName = (ref: string) => {
    const found = consumers.find((c) => c.username === ref || c.customId === ref || c.__id === ref);
    return found ? ((found.username ?? found.customId) as string) : undefined;
  };
  const owners: { entity: Json; path: string }[] = services.flatMap((service, i) => [
    { entity: service, path: `services[${i}]` },
    ...((service.routes as Json[] | undefined) ?? []).map((route, j) => ({ entity: route, path: `services[${i}].routes[${j}]` })),
  ]);
  for (const { entity } of owners) {
    for (const plugin of (entity.plugins as ReadPlugin[] | undefined) ?? []) {
      if (plugin.__consumer === undefined) continue;
      const name = consumerName(plugin.__consumer);
      if (name === undefined) ctx.error([...plugin.__path, "consumer"], `no consumer "${plugin.__consumer}" in this file`);
      else plugin.consumer = name;
    }
  }
  for (const consumer of consumers) {
    const kept: Json[] = [];
    for (const plugin of (consumer.plugins as ReadPlugin[] | undefined) ?? []) {
      const ref = plugin.__route ?? plugin.__service;
      if (ref === undefined) {
        kept.push(plugin);
        continue;
      }
      const kind = plugin.__route !== undefined ? "route" : "service";
      const target = owners.find(({ entity, path }) => path.includes(".routes[") === (kind === "route") && (entity.name === ref || entity.__id === ref));
      if (!target) {
        ctx.error([...plugin.__path, kind], `no ${kind} "${ref}" in this file`);
        continue;
      }
      const list = ((target.entity.plugins as Json[] | undefined) ?? (target.entity.plugins = [])) as Json[];
      ctx.origin(joinPath(joinPath(target.path, "plugins"), list.length), plugin.__path);
      list.push({ ...plugin, consumer: consumer.username ?? consumer.customId });
    }
    if (kept.length) consumer.plugins = kept;
    else delete consumer.plugins;
  }
}

/** The plugin without the references kept while reading. */
export function withoutReferences({ __service, __route, __consumer, __path, ...plugin }: Json): Json {
  void [__service, __route, __consumer, __path];
  return plugin;
}

/**
 * Kong's deprecated shorthand fields written the current way: `redis_port: 6379` is `redis: { port:
 * 6379 }` (Kong translates them the same way, and decK dumps of older estates hold them). A shorthand
 * whose current field is also given keeps the current one. Each translation is a warning.
 */
function withoutShorthands(ctx: DeckContext, config: Json, schema: ObjectSchema<Shape>, path: Segments): Json {
  const out: Json = { ...config };
  for (const key of Object.keys(config)) {
    if (key in schema.shape) continue;
    for (const record of Object.keys(schema.shape)) {
      const inner = schema.field(record);
      const rest = key.slice(record.length + 1);
      if (!key.startsWith(`${record}_`) || !(inner instanceof ObjectSchema) || !(rest in inner.shape)) continue;
      const nested = (isPlainObject(out[record]) ? { ...out[record] } : {}) as Json;
      if (!(rest in nested)) nested[rest] = config[key];
      out[record] = nested;
      delete out[key];
      ctx.warn([...path, key], `deprecated shorthand field "${key}" imported as ${record}.${rest}`);
      break;
    }
  }
  return out;
}
