// The public API of src/ha: The estate: KongEstate, its props, its stacks, global traffic, the HA rules and the default pack. Re-exports only;
// what is not listed here is internal. src/index.ts re-exports every layer.
export { DEFAULT_RULE_PACK, HA_RULES, SECURITY_RULES } from "./default-rule-pack";
export { renderFailoverRunbook } from "./failover-runbook";
export { renderRenewalWorkflow, renewalCadence, RUNS_PER_RENEWAL_WINDOW } from "./renewal-workflow";
export type { RenewalCadence, RenewalWorkflowOptions } from "./renewal-workflow";
export { failoverTimings } from "./failover-timing";
export type { FailoverTimings } from "./failover-timing";
export { GLOBAL_REGION, GlobalTrafficStack } from "./global-traffic-stack";
export type { GlobalTrafficStackProps } from "./global-traffic-stack";
export { ACTIVE_ACTIVE_ROUTINGS, DEFAULT_FAILOVER_TARGET_SECONDS, DEFAULT_SITE_WEIGHT, GlobalTraffic } from "./global-traffic";
export type { GlobalRouting, GlobalTrafficEndpoint, GlobalTrafficProps, HostedZoneAttributes } from "./global-traffic";
export { KongEstate, KongHaTopology } from "./kong-estate";
export type { KongEstateProps, KongHaTopologyProps } from "./kong-estate";
export { KongHaStack } from "./kong-ha-stack";
export type { KongHaStackProps, TerraformCloudBackend } from "./kong-ha-stack";
export { pkiConfigSchema } from "./pki-settings";
export type { PkiConfig } from "./pki-settings";
export { PkiStack, VAULT_PROVIDER_CONSTRAINT } from "./pki-stack";
export type { PkiStackProps } from "./pki-stack";
export { PublicZoneSecurity } from "./public-zone-security";
export type { PublicZoneSecurityProps } from "./public-zone-security";
export { QuorumComponent } from "./quorum-component";
export type { QuorumComponentProps } from "./quorum-component";
export { HA_MODES } from "./resolved-topology";
export type {
  DatabaseSettings,
  HaMode,
  KongSettings,
  QuorumComponentConfig,
  RuleSuppressionConfig,
  Site,
  SiteNetwork,
  TerraformCloudConfig,
  Topology,
  TrafficRouting,
} from "./resolved-topology";
export { hotStandbyUndersized } from "./rules/hot-standby-undersized";
export { mtlsBehindTlsTermination } from "./rules/mtls-behind-tls-termination";
export { PILOT_LIGHT_MIN_SECONDS, pilotLightFailoverTarget } from "./rules/pilot-light-failover-target";
export { primaryWithoutHealthCheck } from "./rules/primary-without-health-check";
export { siteSingleAz } from "./rules/site-single-az";
export { sitesShareRegion } from "./rules/sites-share-region";
export { tasksFewerThanAzs } from "./rules/tasks-fewer-than-azs";
export { twoSiteQuorum } from "./rules/two-site-quorum";
export { SiteGatewayStack } from "./site-gateway-stack";
export type { SiteGatewayStackProps } from "./site-gateway-stack";
export { SiteInfraStack } from "./site-infra-stack";
export type { SiteInfraStackProps } from "./site-infra-stack";
