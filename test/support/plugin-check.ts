import { Issue } from "../../src/core/schema";
import { KongEdition, PluginScope, PluginSpec } from "../../src/gateway/plugins/plugin-definition";
import { PluginRegistry } from "../../src/gateway/plugins/plugin-registry";

const registry = PluginRegistry.withBuiltins();

/** Validates a plugin spec as the catalog would and returns `path: message` lines. */
export function pluginProblems(spec: PluginSpec, scope: PluginScope = "service", edition: KongEdition = "oss"): string[] {
  const issues: Issue[] = [];
  registry.check(spec, { scope, edition }, "plugin", issues);
  return issues.map((i) => `${i.path}: ${i.message}`);
}
