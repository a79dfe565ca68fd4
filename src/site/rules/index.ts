// The site's security rules (KHA-SEC-*), one per file. Re-exports only.
export * from "./admin-api-exposed";
export * from "./log-group-retention";
export * from "./log-group-unencrypted";
export * from "./log-group-deleted-with-stack";
