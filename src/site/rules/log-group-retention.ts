import { TerraformResource } from "cdktf";
import { defineRule, resourcesOfType } from "../../core/rules/rule";
import { argumentOf, labelOf } from "../../core/rules/terraform-arguments";

/** The shortest retention the rule accepts: a year of audit trail. */
export const MIN_LOG_RETENTION_DAYS = 365;

export const logGroupRetention = defineRule<TerraformResource>({
  id: "KHA-SEC-004",
  name: "log-group-retention",
  level: "warning",
  cause: "A CloudWatch log group keeps its logs for less than a year, or forever.",
  explanation:
    "Access, flow and query logs are what an investigation reads, often months after the fact; " +
    "a year is what audits usually ask for (PCI DSS, SOC 2). A log group without a retention keeps " +
    "everything forever and is billed for it, which is a decision nobody made. Shorter retention is " +
    "reasonable where the same logs are kept elsewhere (Splunk): suppress with that reason.",
  fix: `Set a retention of ${MIN_LOG_RETENTION_DAYS} days or more (logRetentionDays, flowLogs.retentionDays, queryLogRetentionDays), or suppress where the logs are archived elsewhere.`,
  ...resourcesOfType("aws_cloudwatch_log_group"),
  check: (group) => {
    const days = argumentOf(group, "retention_in_days");
    if (days === undefined || days === 0) return [`${labelOf(group)} has no retention: its logs are kept, and billed, forever.`];
    if (typeof days === "number" && days < MIN_LOG_RETENTION_DAYS) return [`${labelOf(group)} keeps logs ${days} days, less than a year.`];
    return [];
  },
});
