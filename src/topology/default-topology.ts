import { TopologyConfig } from "./topology-schema";

/**
 * The estate `cdktf synth` builds when no topology file is given (KONG_HA_CONFIG unset): two AWS
 * regions in active-passive, the seed notes' services service11..13 behind key-auth, one consumer,
 * and two global guard rails. It needs no file, no network and no secret to synthesize.
 */
export const DEFAULT_TOPOLOGY: TopologyConfig = {
  name: "edge",
  mode: "active-passive",
  edition: "oss",
  domain: "api.example.com",
  sites: [
    { name: "east", region: "us-east-1", role: "primary" },
    { name: "west", region: "us-west-2", role: "standby" },
  ],
  services: [11, 12, 13].map((n) => ({
    name: `service${n}`,
    url: `http://example${n}.com:8080`,
    routes: [{ paths: [`/example${n}`], plugins: [{ name: "key-auth" }] }],
  })),
  consumers: [{ username: "demo-app", keyAuth: [{ key: { variable: "demo_app_api_key" } }], acls: ["demo"] }],
  plugins: [
    { name: "rate-limiting", config: { minute: 600, policy: "local", limit_by: "consumer" } },
    { name: "request-size-limiting", config: { allowed_payload_size: 8, size_unit: "megabytes" } },
  ],
};
