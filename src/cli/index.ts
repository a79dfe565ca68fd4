// The public API of src/cli: What the cdktf-kong-ha command offers as functions. Re-exports only;
// what is not listed here is internal. src/index.ts re-exports every layer.
export { estateDiagram } from "./diagram";
export type { EstateDiagramOptions } from "./diagram";
export { applyOrder, formatPlanSummary, PlanSummaryError, summarizePlan } from "./plan-summary";
export type { PlanSummary, StackSummary } from "./plan-summary";
export { TOPOLOGY_SCHEMA_FILE, topologyJsonSchema, topologyJsonSchemaText } from "./topology-json-schema";
export type { TopologyJsonSchemaOptions } from "./topology-json-schema";
