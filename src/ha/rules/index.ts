// The HA rules, one per file. Re-exports only.
export * from "./sites-share-region";
export * from "./site-single-az";
export * from "./hot-standby-undersized";
export * from "./mtls-behind-tls-termination";
export * from "./primary-without-health-check";
export * from "./two-site-quorum";
export * from "./tasks-fewer-than-azs";
export * from "./pilot-light-failover-target";
