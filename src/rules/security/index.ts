// The security rules (KHA-SEC-*), one per file. Re-exports only.
export * from "./stateful-resource-unprotected";
export * from "./admin-api-exposed";
export * from "./literal-secret-in-kong-config";
export * from "./log-group-retention";
export * from "./log-group-unencrypted";
export * from "./log-group-deleted-with-stack";
export * from "./admin-api-tls-unverified";
