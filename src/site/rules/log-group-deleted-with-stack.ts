import { TerraformResource } from "cdktf";
import { defineRule, resourcesOfType } from "../../core/rules/rule";
import { argumentsOf, hasPreventDestroy, labelOf } from "../../core/rules/terraform-arguments";

export const logGroupDeletedWithStack = defineRule<TerraformResource>({
  id: "KHA-SEC-006",
  name: "log-group-deleted-with-stack",
  level: "warning",
  cause: "A CloudWatch log group and its logs are deleted when its stack is destroyed.",
  explanation:
    "Destroying a site (or replacing its log group) should not erase the record of what happened " +
    "there: the logs are most needed after an incident, which is also when sites get torn down and " +
    "rebuilt. With `skip_destroy` Terraform forgets the group instead of deleting it, and the " +
    "retention period still expires the logs. The library's log groups set it unless the construct " +
    "gets `protect: false`, which records the opt-out as a suppression of this rule.",
  fix: "Set skip_destroy (or prevent_destroy) on the log group; pass protect: false only for throw-away environments.",
  ...resourcesOfType("aws_cloudwatch_log_group"),
  check: (group) => {
    const args = argumentsOf(group);
    return args.skip_destroy === true || hasPreventDestroy(args) ? [] : [`${labelOf(group)} is deleted, logs and all, with its stack.`];
  },
});
