// The public API of src/topology: The topology file: schema, resolution into the estate's props, loading. Re-exports only;
// what is not listed here is internal. src/index.ts re-exports every layer.
export { DEFAULT_TOPOLOGY } from "./default-topology";
export { loadTopologyFile, parseTopology } from "./load-topology";
export type { LoadResult } from "./load-topology";
export { resolveTopology } from "./resolve-topology";
export type { ResolveOptions } from "./resolve-topology";
export {
  databaseSettingsSchema,
  kongSettingsSchema,
  networkSchema,
  quorumComponentSchema,
  RULE_ID_PATTERN,
  siteSchema,
  topologySchema,
} from "./topology-schema";
export type { SiteConfig, TopologyConfig } from "./topology-schema";
