import { ObjectSchema, Shape } from "../../core/schema";
import { KONG_39_PLUGINS, KongPluginConfigs39 } from "./generated/kong-3.9";
import { KongPluginData, kongRecordSchema } from "./kong-field";
import { KongEdition, PluginDefinition, PluginOptions, pluginSpec, PluginSpec } from "./plugin-definition";

/** The Kong versions whose published plugin schemas the library carries (kong-schemas/). */
export const KONG_VERSIONS = ["3.9"] as const;
export type KongVersion = (typeof KONG_VERSIONS)[number];
/** The Kong version an estate runs when it does not say. */
export const DEFAULT_KONG_VERSION: KongVersion = "3.9";

const PLUGIN_DATA: { readonly [version in KongVersion]: readonly KongPluginData[] } = { "3.9": KONG_39_PLUGINS };

/** Every plugin of Kong's default version, by name, with the type of its `config`. */
export type KongPluginConfigs = KongPluginConfigs39;
/** The name of a plugin Kong ships. */
export type KongPluginName = keyof KongPluginConfigs;

/** The editions that ship a plugin of this tier: free plugins run on both, the others on Enterprise only. */
export function editionsOfTier(tier: string): readonly KongEdition[] {
  return tier === "oss" ? ["oss", "enterprise"] : ["enterprise"];
}

const definitions = new Map<KongVersion, readonly PluginDefinition[]>();

/**
 * A definition for every plugin of a Kong version, generated from Kong's published schema: its
 * editions (from Kong's tier list), scopes, and a validator of its `config` built on first use.
 */
export function kongPluginDefinitions(version: KongVersion = DEFAULT_KONG_VERSION): readonly PluginDefinition[] {
  let list = definitions.get(version);
  if (!list) {
    list = PLUGIN_DATA[version].map((data) => kongPluginDefinition(data, version));
    definitions.set(version, list);
  }
  return list;
}

function kongPluginDefinition(data: KongPluginData, version: KongVersion): PluginDefinition {
  let schema: ObjectSchema<Shape> | undefined;
  return {
    name: data.name,
    scopes: data.scopes,
    editions: editionsOfTier(data.tier),
    protocols: data.protocols,
    summary: `Kong ${version} plugin ${data.name}${data.tier === "oss" ? "" : " (Enterprise)"}, from Kong's published schema`,
    get schema() {
      schema ??= kongRecordSchema(data.config());
      return schema;
    },
  };
}

/** Kong's own description of a plugin of a Kong version (tier, protocols, config), if Kong ships it. */
export function kongPluginData(name: string, version: KongVersion = DEFAULT_KONG_VERSION): KongPluginData | undefined {
  return PLUGIN_DATA[version].find((data) => data.name === name);
}

/**
 * A plugin spec for any plugin Kong ships, its `config` typed from Kong's published schema:
 * `kongPlugin("request-transformer", { add: { headers: ["x-team:payments"] } })`. The typed builders
 * (`keyAuth`, `rateLimiting`, ...) add the library's own checks and presets on top.
 */
export function kongPlugin<N extends KongPluginName>(name: N, config?: KongPluginConfigs[N], options?: PluginOptions): PluginSpec {
  return pluginSpec({ name } as PluginDefinition, config as never, options);
}
