import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { GlobalTraffic, GlobalTrafficEndpoint, GlobalTrafficProps } from "../../../src/ha/global-traffic";
import { KongSite } from "../../../src/site/kong-site";
import { configErrorOf, resources, StackJson, synthStack } from "../../support/synth";

const site = (siteName: string, region: string) =>
  KongSite.endpointFromAttributes({ siteName, region, publicDnsName: `${siteName}-pub.elb.${region}.amazonaws.com`, publicZoneId: "Z26RNL4JYFTOTI" });
const EAST = site("east", "us-east-1");
const WEST = site("west", "us-west-2");
const EU = site("eu", "eu-west-1");
const FAILOVER: GlobalTrafficEndpoint[] = [
  { site: EAST, role: "primary" },
  { site: WEST, role: "standby" },
];
const ACTIVE: GlobalTrafficEndpoint[] = [EAST, WEST, EU].map((s) => ({ site: s, role: "active" }));
const ZONE = { zoneId: "Z0123456789ABCDEFGHIJ", zoneName: "example.com" };

function traffic(props: Partial<GlobalTrafficProps> = {}): StackJson {
  return synthStack((stack) => {
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    new GlobalTraffic(stack, "traffic", { domain: "api.example.com", routing: "failover", endpoints: FAILOVER, hostedZone: ZONE, ...props });
  });
}

/** The records named `name`, by set identifier. */
function records(json: StackJson, name = "api.example.com"): { [id: string]: StackJson } {
  return Object.fromEntries(
    resources(json, "aws_route53_record")
      .filter((r) => r.name === name)
      .map((r) => [r.set_identifier, r]),
  );
}

function healthCheckRef(json: StackJson, siteName: string): string {
  const name = Object.keys(json.resource.aws_route53_health_check).find((k) => k.includes(`health-${siteName}`))!;
  return `\${aws_route53_health_check.${name}.id}`;
}

describe("GlobalTraffic", () => {
  const failover = traffic();

  it("answers with a PRIMARY record on the primary and a SECONDARY on the standby", () => {
    const r = records(failover);
    assert.deepEqual([r.east.failover_routing_policy, r.west.failover_routing_policy], [{ type: "PRIMARY" }, { type: "SECONDARY" }]);
  });

  it("attaches each site's health check to its failover record", () => {
    const r = records(failover);
    assert.deepEqual([r.east.health_check_id, r.west.health_check_id], [healthCheckRef(failover, "east"), healthCheckRef(failover, "west")]);
  });

  it("checks Kong's readiness endpoint through each site's public load balancer", () => {
    const check = resources(failover, "aws_route53_health_check").find((c) => c.fqdn === EAST.publicDnsName)!;
    assert.deepEqual([check.type, check.port, check.resource_path], ["HTTP", 8100, "/status/ready"]);
  });

  it("derives interval, threshold and TTL from the failover target", () => {
    const json = traffic({ failoverTargetSeconds: 60 });
    const check = resources(json, "aws_route53_health_check")[0];
    assert.deepEqual([check.request_interval, check.failure_threshold, records(json).east.ttl], [10, 3, 30]);
  });

  it("points CNAME records below the zone apex at the load balancers", () => {
    const r = records(failover).east;
    assert.deepEqual([r.type, r.records, r.ttl], ["CNAME", [EAST.publicDnsName], 30]);
  });

  it("uses alias records at the zone apex", () => {
    const r = records(traffic({ hostedZone: undefined })).east;
    assert.deepEqual([r.type, r.alias, r.ttl], ["A", { name: EAST.publicDnsName, zone_id: "Z26RNL4JYFTOTI", evaluate_target_health: false }, undefined]);
  });

  it("creates the hosted zone when none is given", () => {
    assert.deepEqual(
      resources(traffic({ hostedZone: undefined }), "aws_route53_zone").map((z) => z.name),
      ["api.example.com"],
    );
  });

  it("routes active-active by latency: one record per site in its region, each with its health check", () => {
    const json = traffic({ routing: "latency", endpoints: ACTIVE });
    const r = records(json);
    assert.deepEqual(
      ["east", "west", "eu"].map((s) => [r[s].latency_routing_policy, r[s].health_check_id]),
      [
        [{ region: "us-east-1" }, healthCheckRef(json, "east")],
        [{ region: "us-west-2" }, healthCheckRef(json, "west")],
        [{ region: "eu-west-1" }, healthCheckRef(json, "eu")],
      ],
    );
  });

  it("routes by weight when asked", () => {
    const json = traffic({
      routing: "weighted",
      endpoints: [
        { site: EAST, role: "active", weight: 80 },
        { site: WEST, role: "active", weight: 20 },
      ],
    });
    const r = records(json);
    assert.deepEqual(
      [r.east.weighted_routing_policy, r.west.weighted_routing_policy, r.west.health_check_id],
      [{ weight: 80 }, { weight: 20 }, healthCheckRef(json, "west")],
    );
  });

  it("publishes <site>.<domain> per site for drills", () => {
    assert.deepEqual(
      resources(failover, "aws_route53_record")
        .filter((r) => !r.set_identifier)
        .map((r) => r.name),
      ["east.api.example.com", "west.api.example.com"],
    );
  });

  it("alarms on a failed health check when given a topic", () => {
    const alarms = resources(traffic({ alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:pager" }), "aws_cloudwatch_metric_alarm");
    assert.deepEqual([alarms.length, alarms[0].metric_name, alarms[0].alarm_actions], [2, "HealthCheckStatus", ["arn:aws:sns:us-east-1:123456789012:pager"]]);
  });

  it("refuses failover routing without exactly one primary and one standby", () => {
    const error = configErrorOf(
      (scope) =>
        new GlobalTraffic(scope, "traffic", {
          domain: "api.example.com",
          routing: "failover",
          endpoints: [
            { site: EAST, role: "primary" },
            { site: WEST, role: "primary" },
          ],
        }),
    );
    assert.deepEqual(
      error.issues.map((i) => i.message),
      [
        "failover routing needs exactly one primary (Route 53 has one PRIMARY record per name), got 2",
        "failover routing needs exactly one standby (Route 53 has one SECONDARY record per name), got 0",
      ],
    );
  });

  it("refuses a failover target alias records cannot meet", () => {
    const error = configErrorOf(
      (scope) => new GlobalTraffic(scope, "traffic", { domain: "api.example.com", routing: "failover", endpoints: FAILOVER, failoverTargetSeconds: 60 }),
    );
    assert.equal(
      error.message,
      "test/traffic: failoverTargetSeconds: 60 s cannot be met with alias records at the zone apex (their TTL is 60 s): allow at least 70 s, or put the domain below the zone apex",
    );
  });

  it("refuses a domain outside the hosted zone", () => {
    const error = configErrorOf(
      (scope) =>
        new GlobalTraffic(scope, "traffic", {
          domain: "api.example.com",
          routing: "failover",
          endpoints: FAILOVER,
          hostedZone: { zoneId: "Z1", zoneName: "example.org" },
        }),
    );
    assert.equal(error.message, "test/traffic: hostedZone.zoneName: api.example.com is not in zone example.org: give the zone of the domain or of a parent");
  });
});
