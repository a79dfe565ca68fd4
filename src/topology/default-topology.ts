import { TopologyConfig } from "./topology-schema";

/**
 * The estate `cdktf synth` builds when no topology file is given (KONG_HA_CONFIG unset): two AWS
 * regions in active-passive, the seed notes' services service11..13 behind key-auth, one consumer,
 * two global guard rails, a `pki` stack (a CA in AWS Private CA, a server and an Admin API certificate per site,
 * kept in Secrets Manager) and Kong's logs to Splunk by HEC and by Firehose. It needs no file, no network and
 * no secret to synthesize: every secret is named (created before the first deploy), never given.
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
  // The estate's CA in AWS Private CA (its key never leaves AWS), one server and one Admin API
  // certificate per site, kept in Secrets Manager (replicated to every site's region), where ECS hands them to Kong.
  pki: { issuer: "aws-private-ca", store: "aws-secrets-manager" },
  // Kong's logs to Splunk two ways, each token read by name from Secrets Manager at deploy time.
  logging: {
    splunkHec: { endpoint: "https://splunk.example.com:8088", index: "kong", authorizationSecret: "edge/splunk-hec-authorization" },
    firehose: { hecEndpoint: "https://http-inputs-firehose-example.splunkcloud.com", hecTokenSecret: "edge/splunk-firehose-token" },
  },
};
