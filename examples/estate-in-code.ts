// A whole estate written in TypeScript instead of a topology file: Kong Enterprise, active-active in
// two regions with latency routing. The same typed object a YAML file becomes (TopologyConfig), so
// the editor completes it and resolveTopology checks it with the file's rules and messages.
//
//   npx cdktf synth --app "npx tsx examples/estate-in-code.ts" --output cdktf.out/estate-in-code
import { App, AppConfig } from "cdktf";
// In your project: from "cdktf-kong-ha".
import { formatIssues, KongEstate, keyAuth, rateLimiting, resolveTopology, TopologyConfig } from "../src";

export const ESTATE: TopologyConfig = {
  name: "fleet",
  mode: "active-active",
  edition: "enterprise",
  domain: "api.fleet.example.net",
  sites: [
    { name: "iad", region: "us-east-1" },
    { name: "fra", region: "eu-central-1" },
  ],
  failover: { routing: "latency", targetSeconds: 90 },
  // Kong Enterprise's licence, read from Secrets Manager by every site (KONG_LICENSE_DATA).
  kong: { licenseSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:fleet/kong-license-AbCdEf" },
  services: [
    {
      name: "tracking",
      url: "https://tracking.internal:8443",
      routes: [{ paths: ["/tracking"], methods: ["GET"], plugins: [keyAuth({ hide_credentials: true })] }],
      plugins: [rateLimiting({ second: 100, policy: "local" })],
    },
  ],
  consumers: [{ username: "fleet-app", keyAuth: [{ key: { variable: "fleet_app_api_key" } }] }],
};

/** The app `cdktf synth` runs for this example. */
export function buildApp(config?: AppConfig): App {
  const { topology, issues } = resolveTopology(ESTATE);
  if (!topology) throw new Error(formatIssues(issues, "estate-in-code"));
  const app = new App(config);
  new KongEstate(app, { topology });
  return app;
}

if (require.main === module) buildApp().synth();
