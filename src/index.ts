// The public API. Re-exports only.
export * from "./config/config-error";
export * from "./config/default-topology";
export * from "./config/formats";
export * from "./config/load-topology";
export * from "./config/schema";
export * from "./config/topology";
export * from "./gateway/catalog";
export * from "./gateway/kong-gateway";
export * from "./gateway/plugins";
export * from "./gateway/secret-value";
export * from "./ha/kong-ha-stack";
export * from "./ha/kong-ha-topology";
export * from "./ha/site-gateway-stack";
export { KongProvider, KongProviderConfig } from "./providers/kong/provider";
