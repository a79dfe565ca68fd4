import { defineRule, instancesOf } from "../../core/rules/rule";
import { KongSite } from "../../site/kong-site";

export const tasksFewerThanAzs = defineRule<KongSite>({
  id: "KHA-HA-007",
  name: "tasks-fewer-than-azs",
  level: "warning",
  cause: "A serving site runs fewer Kong tasks than it has availability zones.",
  explanation:
    "ECS spreads a service's tasks over its subnets' AZs. With fewer tasks than AZs some AZ runs none, " +
    "and with one task a single task or AZ failure empties the site until ECS starts a replacement " +
    "(a minute or more). Warm and pilot-light standbys are reduced on purpose and are not checked.",
  fix: "Run at least one task per AZ (kong.desiredCount).",
  ...instancesOf(KongSite),
  check: (site) => {
    if (site.standbyLevel === "warm" || site.standbyLevel === "pilot-light") return [];
    const { desiredCount } = site.capacity;
    const azs = site.availabilityZoneCount;
    return desiredCount < azs ? [`site ${site.siteName} runs ${desiredCount} task(s) over ${azs} AZs.`] : [];
  },
});
