import { defineRule, instancesOf } from "../../core/rules/rule";
import { KongSite } from "../../site/kong-site";

export const siteSingleAz = defineRule<KongSite>({
  id: "KHA-HA-002",
  name: "site-single-az",
  level: "error",
  cause: "A site's Kong tasks and database subnets span fewer than two availability zones.",
  explanation:
    "Within a site, an AZ outage should cost capacity, not the site: ECS replaces tasks in the surviving " +
    "AZ, the NLB stops sending to the failed one and RDS Multi-AZ promotes its standby. With one AZ the " +
    "whole site fails with it, and the estate falls back on cross-region failover, which is slower and " +
    "loses more in-flight requests. For adopted subnets the check counts subnets; the ECS service also " +
    "carries an apply-time precondition on their real AZs.",
  fix: "Give the site at least two AZs (network.availabilityZones, or one private and one public subnet per AZ in two AZs).",
  ...instancesOf(KongSite),
  check: (site) =>
    site.availabilityZoneCount < 2 ? [`site ${site.siteName} spans ${site.availabilityZoneCount} availability zone: losing it takes the whole site down.`] : [],
});
