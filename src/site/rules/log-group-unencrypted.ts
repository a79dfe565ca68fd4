import { TerraformResource } from "cdktf";
import { defineRule, resourcesOfType } from "../../core/rules/rule";
import { argumentOf, labelOf } from "../../core/rules/terraform-arguments";

export const logGroupUnencrypted = defineRule<TerraformResource>({
  id: "KHA-SEC-005",
  name: "log-group-unencrypted",
  level: "warning",
  cause: "A CloudWatch log group is not encrypted with a customer-managed KMS key.",
  explanation:
    "Kong's logs carry client addresses, paths, consumer names and sometimes headers; flow and query " +
    "logs map who talks to the estate. CloudWatch Logs encrypts everything with its own key, which " +
    "anyone allowed to read the group can use; a customer-managed key adds a second, separately " +
    "audited permission (kms:Decrypt) and lets the account revoke access to the logs at once. The " +
    "sites use their site key (KongSiteKey), the DNS query logs a key of their own.",
  fix: "Give the log group a KMS key whose policy lets CloudWatch Logs use it for that group (KongSiteKey.allowLogGroup).",
  ...resourcesOfType("aws_cloudwatch_log_group"),
  check: (group) => (argumentOf(group, "kms_key_id") ? [] : [`${labelOf(group)} has no KMS key.`]),
});
