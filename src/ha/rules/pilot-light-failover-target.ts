import { defineRule, instancesOf } from "../../core/rules/rule";
import { GlobalTraffic } from "../global-traffic";

/** What a pilot-light failover takes at best: detection, someone deciding, tasks starting, migrations check. */
export const PILOT_LIGHT_MIN_SECONDS = 900;

export const pilotLightFailoverTarget = defineRule<GlobalTraffic>({
  id: "KHA-HA-008",
  name: "pilot-light-failover-target",
  level: "warning",
  cause: "A pilot-light standby cannot meet the topology's failover-time target.",
  explanation:
    "A pilot-light standby runs no Kong tasks: DNS moves traffic to it within the target, but nothing " +
    "answers until an operator scales the service up and Fargate starts tasks (several minutes, plus " +
    "the time to notice and decide). Failover to it is a recovery procedure, not an automatic failover. " +
    `Targets under ${PILOT_LIGHT_MIN_SECONDS} s need a hot or warm standby.`,
  fix: `Use a warm or hot standby, or set failover.targetSeconds to ${PILOT_LIGHT_MIN_SECONDS} or more.`,
  ...instancesOf(GlobalTraffic),
  check: (traffic) =>
    traffic.endpoints
      .filter((e) => e.site.standbyLevel === "pilot-light" && traffic.timings.targetSeconds < PILOT_LIGHT_MIN_SECONDS)
      .map(
        (e) =>
          `standby ${e.site.siteName} is pilot-light: it serves only after an operator scales it up, well past the ${traffic.timings.targetSeconds} s target.`,
      ),
});
