// The gateway's security rules (KHA-SEC-*), one per file. Re-exports only.
export * from "./literal-secret-in-kong-config";
export * from "./admin-api-tls-unverified";
