import { Infer, Issue, joinPath, ObjectSchema, Shape } from "../../core/schema";

/** Where a plugin is attached. `global` applies to every request the node proxies. */
export type PluginScope = "global" | "service" | "route" | "consumer";

/** Kong's edition: some plugins (mtls-auth, ...) and secret backends exist only in Enterprise. */
export const KONG_EDITIONS = ["oss", "enterprise"] as const;
export type KongEdition = (typeof KONG_EDITIONS)[number];

/** A plugin instance as the catalog holds it: the plugin's name and its `config`, in Kong's field names. */
export interface PluginSpec {
  /** The Kong plugin name, e.g. `key-auth`. */
  readonly name: string;
  /**
   * The plugin's `config`, with Kong's own (snake_case) field names. Only the fields given here are
   * sent; Kong applies its defaults to the rest.
   * @default {} (all Kong defaults)
   */
  readonly config?: { readonly [field: string]: unknown };
  /** @default true */
  readonly enabled?: boolean;
  /** @default none */
  readonly tags?: readonly string[];
}

/** What a plugin is allowed to do, and the schema of its `config` (Kong 3.9 field names and defaults). */
export interface PluginDefinition<S extends Shape = Shape> {
  readonly name: string;
  /** The schema of `config`: Kong's fields, types, defaults and ranges. */
  readonly schema: ObjectSchema<S>;
  /** Scopes Kong allows. Kong marks auth plugins `no_consumer`: they cannot be consumer-scoped. */
  readonly scopes: readonly PluginScope[];
  /** Editions that ship the plugin. */
  readonly editions: readonly KongEdition[];
  /** One line for docs and errors. */
  readonly summary: string;
  /**
   * The request protocols the plugin can run on; a route whose protocols share none with these
   * cannot take it (Kong refuses it).
   * @default the protocols Kong's published schema gives the plugin
   */
  readonly protocols?: readonly string[];
}

/** The typed `config` of a plugin definition. */
export type PluginConfig<D> = D extends PluginDefinition<infer S> ? Infer<ObjectSchema<S>> : never;

/** Where a plugin is being validated, for scope and edition checks. */
export interface PluginContext {
  readonly scope: PluginScope;
  readonly edition: KongEdition;
}

/** Validates one plugin instance against its definition; appends problems under `path`. */
export function checkPlugin(definition: PluginDefinition, spec: PluginSpec, context: PluginContext, path: string, issues: Issue[]): void {
  if (!definition.editions.includes(context.edition)) {
    issues.push({
      path: joinPath(path, "name"),
      message: `plugin "${definition.name}" exists only in Kong ${definition.editions.join("/")}, ` + `and this estate runs edition "${context.edition}"`,
    });
  }
  if (!definition.scopes.includes(context.scope)) {
    issues.push({
      path: joinPath(path, "name"),
      message: `plugin "${definition.name}" cannot be attached at ${context.scope} scope (Kong allows: ${definition.scopes.join(", ")})`,
    });
  }
  definition.schema.check(spec.config ?? {}, joinPath(path, "config"), issues);
}

/** Declares a plugin; the typed builder in each plugin file wraps the returned definition. */
export function definePlugin<S extends Shape>(definition: PluginDefinition<S>): PluginDefinition<S> {
  return definition;
}

/** Options shared by every typed builder. */
export interface PluginOptions {
  /** @default true */
  readonly enabled?: boolean;
  /** @default none */
  readonly tags?: readonly string[];
}

/** Builds a spec from a typed config; keeps only the fields the caller set. */
export function pluginSpec<S extends Shape>(
  definition: PluginDefinition<S>,
  config: Infer<ObjectSchema<S>> | undefined,
  options: PluginOptions = {},
): PluginSpec {
  return {
    name: definition.name,
    ...(config && Object.keys(config).length ? { config: config as { [field: string]: unknown } } : {}),
    ...(options.enabled !== undefined ? { enabled: options.enabled } : {}),
    ...(options.tags ? { tags: options.tags } : {}),
  };
}

/** Kong's `at_least_one_of` / `only_one_of` entity checks, for plugin configs. */
export function requireOneOf(fields: readonly string[], exactlyOne: boolean) {
  return (config: { readonly [key: string]: unknown }, path: string, issues: Issue[]) => {
    const present = fields.filter((f) => config[f] !== undefined);
    if (present.length === 0) {
      issues.push({ path, message: `set ${exactlyOne ? "exactly" : "at least"} one of ${fields.join(", ")}` });
    } else if (exactlyOne && present.length > 1) {
      issues.push({ path, message: `set only one of ${fields.join(", ")} (got ${present.join(" and ")})` });
    }
  };
}
