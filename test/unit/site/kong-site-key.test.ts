import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TerraformStack, Testing } from "cdktf";
import { checkovSkipsOf } from "../../../src/core/checkov-suppression";
import { PROTECT_FALSE_REASON } from "../../../src/core/destroy-protection";
import { RuleSuppressions } from "../../../src/core/rules/rule-suppressions";
import { KongSiteKey, KongSiteKeyProps } from "../../../src/site/kong-site-key";
import { configErrorOf, resources, StackJson, synthOf } from "../../support/synth";

function siteKey(props: Partial<KongSiteKeyProps> = {}, groups: string[] = []): { key: KongSiteKey; json: StackJson } {
  const stack = new TerraformStack(Testing.app(), "test");
  const key = new KongSiteKey(stack, "key", { namePrefix: "edge-east", region: "eu-west-1", ...props });
  groups.forEach((g) => key.allowLogGroup(g));
  return { key, json: synthOf(stack) };
}

function statement(json: StackJson, sid: string): StackJson {
  return (Object.values(json.data.aws_iam_policy_document)[0] as StackJson).statement.find((s: StackJson) => s.sid === sid);
}

describe("KongSiteKey", () => {
  it("is a rotated, destroy-protected key with a readable alias", () => {
    const { json } = siteKey();
    const [key, alias] = [resources(json, "aws_kms_key")[0], resources(json, "aws_kms_alias")[0]];
    assert.deepEqual(
      [key.enable_key_rotation, key.deletion_window_in_days, key.lifecycle, alias.name],
      [true, 30, { prevent_destroy: true }, "alias/kong-ha/edge-east"],
    );
  });

  it("lets the account administer it through IAM, as AWS's default key policy does", () => {
    const admin = statement(siteKey().json, "AccountAdministers");
    assert.deepEqual(admin.actions, ["kms:*"]);
    assert.match(
      admin.principals[0].identifiers[0],
      /^arn:\$\{data\.aws_partition\.\w+\.partition\}:iam::\$\{data\.aws_caller_identity\.\w+\.account_id\}:root$/,
    );
  });

  it("lets the region's CloudWatch Logs use it for the registered log groups only", () => {
    const logs = statement(
      siteKey({}, ["/kong-ha/edge-east", "/kong-ha/edge-east/vpc-flow-logs", "/kong-ha/edge-east"]).json,
      "CloudWatchLogsEncryptsTheSiteLogGroups",
    );
    assert.deepEqual(
      [
        logs.principals[0].identifiers,
        logs.condition[0].test,
        logs.condition[0].variable,
        logs.condition[0].values.map((a: string) => a.replace(/^.*:log-group:/, "")),
      ],
      [["logs.eu-west-1.amazonaws.com"], "ArnEquals", "kms:EncryptionContext:aws:logs:arn", ["/kong-ha/edge-east", "/kong-ha/edge-east/vpc-flow-logs"]],
    );
  });

  it("admits no log group before one is registered", () => {
    const logs = statement(siteKey().json, "CloudWatchLogsEncryptsTheSiteLogGroups");
    assert.match(logs.condition[0].values.join(), /:log-group:none$/);
  });

  it("records why checkov's wildcard checks do not apply to a key policy", () => {
    const { key } = siteKey();
    assert.deepEqual(
      checkovSkipsOf(key.node.findChild("policy") as never).map((s) => s.id),
      ["CKV_AWS_109", "CKV_AWS_111", "CKV_AWS_356"],
    );
  });

  it("can be destroyed with protect: false, which is recorded for rule KHA-SEC-001", () => {
    const { key, json } = siteKey({ protect: false });
    const k = resources(json, "aws_kms_key")[0];
    assert.deepEqual([k.lifecycle, k.deletion_window_in_days, RuleSuppressions.find(key.key, "KHA-SEC-001")?.reason], [undefined, 7, PROTECT_FALSE_REASON]);
  });

  it("refuses a prefix a KMS alias cannot hold", () => {
    const error = configErrorOf((scope) => new KongSiteKey(scope, "key", { namePrefix: "edge east", region: "eu-west-1" }));
    assert.equal(error.message, "test/key: namePrefix: \"edge east\" is not usable in a KMS alias (letters, digits, '/', '_', '-')");
  });
});
