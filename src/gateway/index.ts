// The public API of src/gateway: Kong's own configuration: KongGateway, the catalog, the plugins and the gateway's security rules. Re-exports only;
// what is not listed here is internal. src/index.ts re-exports every layer.
export { catalogSchema, checkCatalog, ROUTE_PROTOCOLS, SERVICE_PROTOCOLS } from "./catalog";
export type {
  CatalogContext,
  CertificateSpec,
  ConsumerSpec,
  GatewayCatalog,
  PluginInstance,
  RouteSpec,
  SecretValue,
  ServiceEndpoint,
  ServiceSpec,
  UpstreamSpec,
} from "./catalog";
export { KongGateway, MANAGED_TAG } from "./kong-gateway";
export type { KongGatewayProps } from "./kong-gateway";
export { acl, ACL } from "./plugins/acl";
export type { AclConfig } from "./plugins/acl";
export { cors, CORS } from "./plugins/cors";
export type { CorsConfig } from "./plugins/cors";
export { FILE_LOG, fileLog } from "./plugins/file-log";
export type { FileLogConfig } from "./plugins/file-log";
export { HTTP_LOG, httpLog } from "./plugins/http-log";
export type { HttpLogConfig } from "./plugins/http-log";
export { IP_RESTRICTION, ipRestriction } from "./plugins/ip-restriction";
export type { IpRestrictionConfig } from "./plugins/ip-restriction";
export { KEY_AUTH, keyAuth } from "./plugins/key-auth";
export type { KeyAuthConfig } from "./plugins/key-auth";
export { MTLS_AUTH, mtlsAuth } from "./plugins/mtls-auth";
export type { MtlsAuthConfig } from "./plugins/mtls-auth";
export { definePlugin, KONG_EDITIONS, pluginSpec, requireOneOf } from "./plugins/plugin-definition";
export type { KongEdition, PluginConfig, PluginContext, PluginDefinition, PluginOptions, PluginScope, PluginSpec } from "./plugins/plugin-definition";
export { BUILTIN_PLUGINS, PluginRegistry } from "./plugins/plugin-registry";
export { RATE_LIMITING, rateLimiting } from "./plugins/rate-limiting";
export type { RateLimitingConfig } from "./plugins/rate-limiting";
export { REQUEST_SIZE_LIMITING, requestSizeLimiting } from "./plugins/request-size-limiting";
export type { RequestSizeLimitingConfig } from "./plugins/request-size-limiting";
export { syslog, SYSLOG } from "./plugins/syslog";
export type { SyslogConfig } from "./plugins/syslog";
export { TCP_LOG, tcpLog } from "./plugins/tcp-log";
export type { TcpLogConfig } from "./plugins/tcp-log";
export { adminApiTlsUnverified } from "./rules/admin-api-tls-unverified";
export { literalSecretInKongConfig } from "./rules/literal-secret-in-kong-config";
export { DEFAULT_KONG_VERSION, editionsOfTier, KONG_VERSIONS, kongPlugin, kongPluginDefinitions } from "./plugins/kong-plugins";
export type { KongPluginConfigs, KongPluginName, KongVersion } from "./plugins/kong-plugins";
export type { KongField, KongPluginData, KongSecretReference } from "./plugins/kong-field";
export type * from "./plugins/generated/kong-3.9";
