import { closest, Issue, joinPath } from "../../core/schema";
import { ACL } from "./acl";
import { CORS } from "./cors";
import { FILE_LOG } from "./file-log";
import { HTTP_LOG } from "./http-log";
import { IP_RESTRICTION } from "./ip-restriction";
import { KEY_AUTH } from "./key-auth";
import { DEFAULT_KONG_VERSION, kongPluginData, kongPluginDefinitions, KongVersion } from "./kong-plugins";
import { MTLS_AUTH } from "./mtls-auth";
import { checkPlugin, PluginContext, PluginDefinition, PluginSpec } from "./plugin-definition";
import { RATE_LIMITING } from "./rate-limiting";
import { REQUEST_SIZE_LIMITING } from "./request-size-limiting";
import { SYSLOG } from "./syslog";
import { TCP_LOG } from "./tcp-log";

/**
 * The plugins the library knows, by name. A plugin that is not registered is refused at synth: Kong
 * would refuse it at apply, after half the estate has changed. Register your own (a custom or
 * Enterprise plugin) with its schema through `PluginRegistry.register`.
 */
export class PluginRegistry {
  /**
   * A registry holding every plugin of a Kong version (default: the library's default version) (generated from Kong's published
   * schemas), with the library's hand-written definitions (`BUILTIN_PLUGINS`: stricter checks and
   * presets) in place of the generated ones for those plugins.
   */
  static withBuiltins(kongVersion: KongVersion = DEFAULT_KONG_VERSION): PluginRegistry {
    const registry = new PluginRegistry();
    for (const definition of kongPluginDefinitions(kongVersion)) registry.register(definition);
    for (const definition of builtinsOver(kongVersion)) registry.register(definition);
    return registry;
  }

  private readonly definitions = new Map<string, PluginDefinition>();

  register(definition: PluginDefinition): this {
    this.definitions.set(definition.name, definition);
    return this;
  }

  get(name: string): PluginDefinition | undefined {
    return this.definitions.get(name);
  }

  /** The protocols a plugin can run on: its definition's, else Kong's published ones; unknown: undefined. */
  protocolsOf(name: string): readonly string[] | undefined {
    return this.definitions.get(name)?.protocols ?? kongPluginData(name)?.protocols;
  }

  get names(): string[] {
    return [...this.definitions.keys()].sort();
  }

  /** Validates a plugin instance: known name, allowed scope and edition, config fields and values. */
  check(spec: PluginSpec, context: PluginContext, path: string, issues: Issue[]): void {
    const definition = this.definitions.get(spec.name);
    if (!definition) {
      const hint = closest(spec.name, this.definitions.keys());
      issues.push({
        path: joinPath(path, "name"),
        message:
          `unknown plugin "${spec.name}"` +
          (hint ? ` (did you mean "${hint}"?)` : ` (not one of the ${this.definitions.size} plugins the registry knows: every plugin Kong ships, and yours)`) +
          "; register its schema with PluginRegistry.register to use it",
      });
      return;
    }
    checkPlugin(definition, spec, context, path, issues);
  }
}

/** The plugins the library defines by hand, over Kong's generated definitions. */
export const BUILTIN_PLUGINS: readonly PluginDefinition[] = [
  ACL,
  CORS,
  FILE_LOG,
  HTTP_LOG,
  IP_RESTRICTION,
  KEY_AUTH,
  MTLS_AUTH,
  RATE_LIMITING,
  REQUEST_SIZE_LIMITING,
  SYSLOG,
  TCP_LOG,
] as PluginDefinition[];

const builtinsOverKong = new Map<KongVersion, readonly PluginDefinition[]>();

/**
 * The hand-written definitions on top of Kong's generated ones: every field Kong's published schema
 * has, with the fields the library checks more strictly (header names, secrets, presets' rules)
 * checked its way. Built once per version, when a registry is first made.
 */
function builtinsOver(version: KongVersion): readonly PluginDefinition[] {
  let list = builtinsOverKong.get(version);
  if (!list) {
    const generated = new Map(kongPluginDefinitions(version).map((d) => [d.name, d]));
    list = BUILTIN_PLUGINS.map((builtin) => {
      const kong = generated.get(builtin.name);
      if (!kong) return builtin;
      let schema: PluginDefinition["schema"] | undefined;
      return {
        ...builtin,
        protocols: builtin.protocols ?? kong.protocols,
        get schema() {
          schema ??= builtin.schema.over(kong.schema);
          return schema;
        },
      };
    });
    builtinsOverKong.set(version, list);
  }
  return list;
}
