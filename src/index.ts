// The public API of cdktf-kong-ha, one module per layer from the kernel up (docs/ARCHITECTURE.md).
// Re-exports only; the report of every exported name is docs/api-report.md (`npm run generate:api-docs`).
export * from "./core";
export { KongProvider } from "./providers/kong/provider";
export type { KongProviderConfig } from "./providers/kong/provider";
export * from "./hcl";
export * from "./gateway";
export * from "./pki";
export * from "./secrets";
export * from "./site";
export * from "./logging";
export * from "./ha";
export * from "./topology";
export * from "./deck";
export * from "./app";
export * from "./cli";
