import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KongSiteProps } from "../../../src/site/kong-site";
import { resources, StackJson, synthStack } from "../../support/synth";
import { containers, env, testSite } from "./fixtures";

// A pilot-light standby runs no proxy tasks; one proxy-less task keeps its Admin API up, so its
// gateway stack applies with every deploy and promotion only has to scale the proxy.

function site(props: Partial<KongSiteProps> = {}): StackJson {
  return synthStack((stack) => testSite(stack, props));
}

const pilotLight = site({ role: "standby", standbyLevel: "pilot-light", cluster: { desiredCount: 0, minCount: 0, maxCount: 6 } });
const adminOnly = () => resources(pilotLight, "aws_ecs_service").find((s) => s.name === "kong-admin-only")!;

describe("the admin-only task of a pilot-light standby", () => {
  it("runs one task in a service of its own next to the proxy service, which runs none", () => {
    const services = resources(pilotLight, "aws_ecs_service").map((s) => [s.name, s.desired_count]);
    assert.deepEqual(services.sort(), [
      ["kong", 0],
      ["kong-admin-only", 1],
    ]);
  });

  it("registers only in the Admin API target group, so no health check or client ever reaches it", () => {
    assert.deepEqual(
      adminOnly().load_balancer.map((lb: StackJson) => lb.container_port),
      [8444],
    );
  });

  it("runs Kong with the proxy off and the Admin API on, migrations first", () => {
    const [kong, migrations] = containers(pilotLight, "edge-east-kong-admin-only");
    assert.deepEqual([env(kong).KONG_PROXY_LISTEN, env(kong).KONG_ADMIN_LISTEN, migrations.name], ["off", "0.0.0.0:8444 ssl", "kong-migrations"]);
  });

  it("makes the apply wait until it is healthy", () => {
    assert.equal(adminOnly().wait_for_steady_state, true);
  });

  it("is not there for a serving site, a hot or a warm standby", () => {
    for (const props of [{}, { role: "standby" as const, standbyLevel: "hot" as const }, { role: "standby" as const, standbyLevel: "warm" as const }]) {
      assert.deepEqual(
        resources(site(props), "aws_ecs_service").map((s) => s.name),
        ["kong"],
      );
    }
  });
});
