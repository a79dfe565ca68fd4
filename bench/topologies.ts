// The topologies the benchmark synthesizes, in the topology file format (what KONG_HA_CONFIG reads).
import type { TopologyConfig } from "../src/topology/topology-schema";

const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1", "eu-central-1", "ap-northeast-1"];

/**
 * An estate of `services` services on `sites` active-active sites. Every service has the same shape,
 * so cost per service x site is comparable across sizes: one route with key-auth, rate-limiting on
 * the service, and every fifth service an acl plugin and an upstream with two targets. One consumer
 * per ten services, with a key, an ACL group and (every other one) its own rate limit.
 */
export function generatedTopology(services: number, sites: number): TopologyConfig {
  if (sites < 2 || sites > REGIONS.length) throw new Error(`sites must be 2 to ${REGIONS.length}, got ${sites}`);
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  return {
    name: "bench",
    mode: "active-active",
    domain: "api.example.com",
    sites: range(sites).map((i) => ({ name: `site${i}`, region: REGIONS[i] })),
    services: range(services).map((i) => ({
      name: `svc${i}`,
      ...(i % 5 === 0 ? { host: `svc${i}.upstream`, port: 8080 } : { url: `http://svc${i}.internal:8080/api` }),
      routes: [{ paths: [`/svc${i}`], methods: ["GET", "POST"], plugins: [{ name: "key-auth" }] }],
      plugins: [
        { name: "rate-limiting", config: { minute: 600 + i, policy: "local", limit_by: "consumer" } },
        ...(i % 5 === 0 ? [{ name: "acl", config: { allow: [`group${i % 7}`] } }] : []),
      ],
    })),
    upstreams: range(services)
      .filter((i) => i % 5 === 0)
      .map((i) => ({
        name: `svc${i}.upstream`,
        targets: [{ target: `10.0.${i % 250}.10:8080` }, { target: `10.1.${i % 250}.10:8080` }],
        healthchecks: { active: { httpPath: "/health", healthy: { interval: 5, successes: 2 }, unhealthy: { interval: 5, httpFailures: 3 } } },
      })),
    consumers: range(Math.ceil(services / 10)).map((i) => ({
      username: `app${i}`,
      keyAuth: [{}],
      acls: [`group${i % 7}`],
      ...(i % 2 === 0 ? { plugins: [{ name: "rate-limiting", config: { second: 20 } }] } : {}),
    })),
    plugins: [
      { name: "request-size-limiting", config: { allowed_payload_size: 8 } },
      { name: "cors", config: { origins: ["https://.*\\.example\\.com"], credentials: true } },
    ],
  };
}
