export * from "./plugin-definition";
export * from "./plugin-registry";
export * from "./acl";
export * from "./cors";
export * from "./ip-restriction";
export * from "./key-auth";
export * from "./rate-limiting";
export * from "./request-size-limiting";
