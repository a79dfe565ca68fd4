/**
 * decK plugins: one plugin entry (nested under a service, route or consumer, or top-level) read into
 * a catalog plugin with Kong's defaults dropped from its config, and the top-level `plugins:` list
 * attached to the service, route or consumer it names (global otherwise).
 */
import { isPlainObject, joinPath } from "../core/schema";
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
  if (plugin.enabled === true) delete plugin.enabled;
  if (source.config !== undefined && source.config !== null) {
    if (!isPlainObject(source.config)) {
      ctx.error([...path, "config"], "expected a map");
      return plugin;
    }
    const definition = typeof source.name === "string" ? ctx.registry.get(source.name) : undefined;
    const config = withoutNulls(source.config) as Json;
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
    const scopes = [service, route, consumer].filter((x) => x !== undefined).length;
    if (scopes > 1) {
      ctx.unsupported(
        path,
        "a plugin scoped to more than one of service, route and consumer is not supported: the kong provider attaches a plugin to one entity",
      );
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
      ctx.error([...path, kind], `no ${kind} "${service ?? route ?? consumer}" in this file`);
      return;
    }
    const list = owner ? (((owner.plugins as Json[] | undefined) ?? (owner.plugins = [])) as Json[]) : plugins;
    const catalogPath = joinPath(ownerPath, "plugins");
    list.push(readPlugin(ctx, plugin, path, joinPath(catalogPath, list.length)));
  });
  return plugins;
}
