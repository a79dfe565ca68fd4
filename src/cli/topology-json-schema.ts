import { certificateSchema, consumerSchema, pluginSchema, routeSchema, serviceSchema, upstreamSchema } from "../gateway/catalog";
import { PluginRegistry } from "../gateway/plugins/plugin-registry";
import { pkiConfigSchema } from "../ha/pki-settings";
import { AnySchema, JsonSchema } from "../core/schema";
import { siteSchema, topologySchema } from "../topology/topology-schema";

/** Where the published schema lives in the package, relative to the package root. */
export const TOPOLOGY_SCHEMA_FILE = "schema/topology.schema.json";

export interface TopologyJsonSchemaOptions {
  /**
   * The plugins a topology may use: each one's `config` is described under `if name = <plugin>`.
   * @default PluginRegistry.withBuiltins()
   */
  readonly plugins?: PluginRegistry;
}

/**
 * The JSON Schema (draft 2020-12) of the topology file, generated from `topologySchema`: the same
 * definition that validates the file at synth, so the two cannot drift. Entities that repeat
 * (plugin, route, service, ...) are factored into `$defs`, and each registered plugin's `config` is
 * described by its Kong schema through an `if`/`then` on the plugin's `name`.
 *
 * What JSON Schema cannot express (cross-field rules such as "exactly one primary site") is left to
 * `cdktf-kong-ha check`, which runs every rule.
 */
export function topologyJsonSchema(options: TopologyJsonSchemaOptions = {}): JsonSchema {
  const registry = options.plugins ?? PluginRegistry.withBuiltins();
  const defs: { [name: string]: JsonSchema } = {};
  const pluginConfigs: { [name: string]: JsonSchema } = {};
  const factored: [JsonSchema, JsonSchema][] = [];
  // Innermost first, so each definition refers to the ones before it.
  const shared: [string, AnySchema][] = [
    ["plugin", pluginSchema],
    ["route", routeSchema],
    ["service", serviceSchema],
    ["upstream", upstreamSchema],
    ["consumer", consumerSchema],
    ["certificate", certificateSchema],
    ["site", siteSchema],
    ["pki", pkiConfigSchema],
  ];
  for (const [name, schema] of shared) {
    const generated = replaceAll(schema.toJsonSchema(), factored);
    defs[name] = name === "plugin" ? withPluginConfigs(generated, registry, pluginConfigs) : generated;
    factored.push([generated, { $ref: `#/$defs/${name}` }]);
  }
  const root = replaceAll(topologySchema.toJsonSchema(), factored);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "cdktf-kong-ha topology",
    description:
      "One Kong estate: sites, HA mode, Kong catalog and certificates. Generated from the library's topology schema " +
      "(npm run generate:schema); `npx cdktf-kong-ha check <file>` also runs the cross-field rules JSON Schema cannot express.",
    ...root,
    $defs: { ...defs, ...pluginConfigs },
  };
}

/** The plugin entity, with `name` limited to the registered plugins and `config` described per plugin. */
function withPluginConfigs(plugin: JsonSchema, registry: PluginRegistry, defs: { [name: string]: JsonSchema }): JsonSchema {
  const properties = plugin.properties as { [key: string]: JsonSchema };
  const branches = registry.names.map((name) => {
    const definition = registry.get(name)!;
    const config = definition.schema.toJsonSchema();
    defs[`plugin-config-${name}`] = {
      description: `${name}: ${definition.summary} (Kong ${definition.editions.join("/")}; scopes: ${definition.scopes.join(", ")})`,
      ...config,
    };
    const configRequired = Array.isArray(config.required) && config.required.length > 0;
    return {
      if: { properties: { name: { const: name } }, required: ["name"] },
      then: {
        properties: { config: { $ref: `#/$defs/plugin-config-${name}` } },
        ...(configRequired ? { required: ["name", "config"] } : {}),
      },
    };
  });
  const names = registry.names.map((name) => `${name} (${registry.get(name)!.summary})`).join("; ");
  return {
    ...plugin,
    properties: {
      ...properties,
      name: { ...properties.name, enum: registry.names, description: `Kong plugin name. Registered plugins: ${names}` },
    },
    allOf: branches,
  };
}

/** Replaces every subtree equal to one of `pairs`' first element by the second (a `$ref`). */
function replaceAll(node: JsonSchema, pairs: readonly [JsonSchema, JsonSchema][]): JsonSchema {
  // Bottom-up: a subtree is compared once its own children are replaced, as `pairs` hold them.
  const visit = (value: unknown, top: boolean): unknown => {
    if (Array.isArray(value)) return value.map((item) => visit(item, false));
    if (value === null || typeof value !== "object") return value;
    const replaced = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visit(item, false)]));
    if (!top) {
      for (const [from, to] of pairs) if (deepEqual(replaced, from)) return to;
    }
    return replaced;
  };
  return visit(node, true) as JsonSchema;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object" || Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((key) => deepEqual((a as JsonSchema)[key], (b as JsonSchema)[key]));
}

/** The schema file's text as the generator writes it (2-space JSON, trailing newline). */
export function topologyJsonSchemaText(options: TopologyJsonSchemaOptions = {}): string {
  return `${JSON.stringify(topologyJsonSchema(options), null, 2)}\n`;
}
