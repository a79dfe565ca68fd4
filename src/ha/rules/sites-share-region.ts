import { defineRule, instancesOf } from "../../core/rules/rule";
import { GlobalTraffic } from "../global-traffic";

export const sitesShareRegion = defineRule<GlobalTraffic>({
  id: "KHA-HA-001",
  name: "sites-share-region",
  level: "error",
  cause: "Two or more sites of the estate are in the same AWS region.",
  explanation:
    "The estate's sites exist to survive the loss of a region: a regional outage of ECS, NLB, RDS or the " +
    "network takes every site in that region down at once, and steering has nowhere to send traffic. " +
    "Latency routing also cannot tell two sites of one region apart. Suppress only for a deliberate " +
    "same-region pair (separate accounts for blast-radius reasons) with a cross-region plan elsewhere.",
  fix: "Put each site in its own region.",
  ...instancesOf(GlobalTraffic),
  check: (traffic) => {
    const byRegion = new Map<string, string[]>();
    for (const e of traffic.endpoints) byRegion.set(e.site.region, [...(byRegion.get(e.site.region) ?? []), e.site.siteName]);
    return [...byRegion]
      .filter(([, sites]) => sites.length > 1)
      .map(([region, sites]) => `sites ${sites.join(" and ")} are all in ${region}: one regional outage takes them down together.`);
  },
});
