import { defineRule, instancesOf } from "../../core/rules/rule";
import { GlobalTraffic } from "../global-traffic";

export const primaryWithoutHealthCheck = defineRule<GlobalTraffic>({
  id: "KHA-HA-005",
  name: "primary-without-health-check",
  level: "error",
  cause: "Active/passive routing has no health check on the primary's record.",
  explanation:
    "Route 53 answers with the PRIMARY record unless its health check fails; without one the primary " +
    "counts as healthy forever, so traffic never moves to the standby and the standby is paid for but " +
    "never used. (In latency or weighted routing a site without a health check likewise never leaves DNS.)",
  fix: "Keep the health check on the primary (healthCheck: true, the default).",
  ...instancesOf(GlobalTraffic),
  check: (traffic) => {
    if (traffic.routing !== "failover") return [];
    const primary = traffic.endpoints.find((e) => e.role === "primary");
    if (!primary || traffic.healthChecks.has(primary.site.siteName)) return [];
    return [`primary ${primary.site.siteName} has no health check: traffic will never fail over to the standby.`];
  },
});
