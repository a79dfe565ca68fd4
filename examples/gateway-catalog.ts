// Just the gateway catalog: Kong services, routes, an upstream with health checks, consumers and
// plugins in a stack of your own, applied through one Kong Admin API. No AWS, no topology file.
//
//   npx cdktf synth --app "npx tsx examples/gateway-catalog.ts" --output cdktf.out/gateway-catalog
//   TF_VAR_partner_portal_api_key=... terraform -chdir=cdktf.out/gateway-catalog/stacks/gateway-catalog apply
import { App, AppConfig, TerraformStack } from "cdktf";
import { Construct } from "constructs";
// In your project: from "cdktf-kong-ha".
import { acl, cors, KongGateway, KongProvider, keyAuth, rateLimiting, useFaithfulHcl } from "../src";

export class GatewayCatalogStack extends TerraformStack {
  readonly gateway: KongGateway;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    useFaithfulHcl(this);
    // The Admin API credentials come from the environment of the run (KONG_ADMIN_TOKEN, ...).
    new KongProvider(this, "kong", { kongAdminUri: "https://kong-admin.internal:8444" });
    this.gateway = new KongGateway(this, "catalog", {
      catalog: {
        services: [
          // Seed notes (a): service11..13, key-auth on each route.
          ...[11, 12, 13].map((n) => ({
            name: `service${n}`,
            url: `http://example${n}.com:8080`,
            routes: [{ paths: [`/example${n}`], plugins: [keyAuth()] }],
          })),
          {
            name: "orders",
            host: "orders.upstream",
            port: 8443,
            protocol: "https" as const,
            tls: { verify: true },
            routes: [
              {
                name: "orders-api",
                paths: ["/orders"],
                protocols: ["https" as const],
                plugins: [keyAuth({ key_names: ["x-api-key"] }), acl({ allow: ["partners"] })],
              },
            ],
          },
        ],
        upstreams: [
          {
            name: "orders.upstream",
            targets: [{ target: "10.10.1.20:8443" }, { target: "10.10.2.20:8443" }],
            healthchecks: {
              active: { type: "https", httpPath: "/health", healthy: { interval: 5, successes: 2 }, unhealthy: { interval: 5, httpFailures: 3 } },
            },
          },
        ],
        // Secrets are never literals: the key is a sensitive variable, set with TF_VAR_partner_portal_api_key.
        consumers: [{ username: "partner-portal", acls: ["partners"], keyAuth: [{ key: { variable: "partner_portal_api_key" } }] }],
        plugins: [rateLimiting({ minute: 600, policy: "local" }), cors({ origins: ["https://portal.example.com"] })],
      },
    });
  }
}

/** The app `cdktf synth` runs for this example. */
export function buildApp(config?: AppConfig): App {
  const app = new App(config);
  new GatewayCatalogStack(app, "gateway-catalog");
  return app;
}

if (require.main === module) buildApp().synth();
