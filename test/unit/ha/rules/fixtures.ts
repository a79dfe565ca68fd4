import { TerraformStack, Testing } from "cdktf";
import { IConstruct } from "constructs";
import { GlobalTraffic, GlobalTrafficEndpoint, GlobalRouting } from "../../../../src/ha/global-traffic";
import { DEFAULT_RULE_PACK } from "../../../../src/ha/default-rule-pack";
import { RuleChecker } from "../../../../src/core/rules/rule-checker";
import { KongCapacity } from "../../../../src/site/kong-cluster";
import { IKongSiteEndpoint, KongSite } from "../../../../src/site/kong-site";

export const CAPACITY: KongCapacity = { desiredCount: 2, minCount: 2, maxCount: 6, cpu: 1024, memory: 2048 };

export function endpoint(siteName: string, region: string, extra: Partial<IKongSiteEndpoint> = {}): IKongSiteEndpoint {
  return {
    ...KongSite.endpointFromAttributes({
      siteName,
      region,
      publicDnsName: `${siteName}.elb.amazonaws.com`,
      publicZoneId: "Z26RNL4JYFTOTI",
      capacity: CAPACITY,
    }),
    ...extra,
  };
}

export function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), "global");
}

export function traffic(routing: GlobalRouting, endpoints: GlobalTrafficEndpoint[], targetSeconds = 120): GlobalTraffic {
  return new GlobalTraffic(stack(), "traffic", {
    domain: "api.example.com",
    routing,
    endpoints,
    hostedZone: { zoneId: "Z0123456789ABCDEFGHIJ", zoneName: "example.com" },
    failoverTargetSeconds: targetSeconds,
  });
}

/** The messages rule `id` reports anywhere under `root`'s stack. */
export function findings(root: IConstruct, id: string): string[] {
  return new RuleChecker(DEFAULT_RULE_PACK)
    .check(root.node.scopes[1] ?? root)
    .filter((f) => f.ruleId === id && f.suppressedBecause === undefined)
    .map((f) => f.message);
}
