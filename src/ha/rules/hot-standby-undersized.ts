import { defineRule, instancesOf } from "../../core/rules/rule";
import { GlobalTraffic } from "../global-traffic";

export const hotStandbyUndersized = defineRule<GlobalTraffic>({
  id: "KHA-HA-003",
  name: "hot-standby-undersized",
  level: "error",
  cause: "A hot standby is smaller than the primary it must replace.",
  explanation:
    "A hot standby promises that DNS failover alone restores full service: the standby already runs what " +
    "the primary runs. With fewer or smaller tasks (or a lower autoscaling ceiling) it takes the primary's " +
    "whole load at the moment of failover and falls over too, or sheds requests until autoscaling catches " +
    "up. If a reduced standby is intended, say so: that is a warm standby.",
  fix: 'Size the standby like the primary (desiredCount, maxCount, cpu, memory), or declare it standby: "warm".',
  ...instancesOf(GlobalTraffic),
  check: (traffic) => {
    const primary = traffic.endpoints.find((e) => e.role === "primary")?.site.capacity;
    if (!primary) return [];
    return traffic.endpoints
      .filter((e) => e.role === "standby" && e.site.standbyLevel === "hot" && e.site.capacity)
      .flatMap((e) => {
        const standby = e.site.capacity!;
        const smaller = (["desiredCount", "maxCount", "cpu", "memory"] as const)
          .filter((key) => standby[key] < primary[key])
          .map((key) => `${key} ${standby[key]} < ${primary[key]}`);
        return smaller.length ? [`hot standby ${e.site.siteName} is smaller than the primary: ${smaller.join(", ")}.`] : [];
      });
  },
});
