import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Testing, TerraformStack } from "cdktf";
import { KongSite } from "../../../src/site/kong-site";
import { DEFAULT_RULE_PACK } from "../../../src/ha/default-rule-pack";
import { PROTECT_FALSE_REASON } from "../../../src/core/destroy-protection";
import { RuleChecker } from "../../../src/core/rules/rule-checker";
import { configErrorOf, resources, StackJson, synthOf } from "../../support/synth";
import { testSite } from "./fixtures";

function site(props: Parameters<typeof testSite>[1] = {}): KongSite {
  return testSite(new TerraformStack(Testing.app(), "test"), props);
}

describe("KongSite", () => {
  it("knows its capacity, AZs and endpoint for global steering", () => {
    const s = site();
    assert.deepEqual([s.capacity.desiredCount, s.availabilityZoneCount, s.statusPort, s.statusPath], [2, 2, 8100, "/status/ready"]);
  });

  it("makes a standby hot unless told otherwise", () => {
    assert.equal(site({ role: "standby" }).standbyLevel, "hot");
  });

  it("refuses a standby level on a site that is not a standby", () => {
    const error = configErrorOf((scope) => testSite(scope as TerraformStack, { role: "primary", standbyLevel: "warm" }));
    assert.equal(error.message, "test/kong: standbyLevel: only a standby site has a standby level (this one is primary)");
  });

  it("requires client certificates when OSS client mTLS is on", () => {
    const s = site({ cluster: { clientMtls: { verify: "on", caBundle: { valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:ca-AbCdEf" } } } });
    assert.deepEqual([s.requiresClientCertificates, s.terminatesTls], [true, false]);
  });

  it("adopts a site built elsewhere for steering", () => {
    const endpoint = KongSite.endpointFromAttributes({
      siteName: "legacy",
      region: "eu-west-1",
      publicDnsName: "legacy.example.net",
      publicZoneId: "Z2IFOLAFXWLO4F",
    });
    assert.deepEqual([endpoint.statusPort, endpoint.statusPath, endpoint.capacity], [8100, "/status/ready", undefined]);
  });

  it("protects the site's state by default: key, database, load balancers, log groups", () => {
    const json = synthOf(site().node.scope as TerraformStack);
    assert.deepEqual(
      [
        resources(json, "aws_kms_key").map((k) => k.lifecycle),
        resources(json, "aws_db_instance").map((d) => [d.deletion_protection, d.lifecycle]),
        resources(json, "aws_lb").map((lb) => lb.enable_deletion_protection),
        resources(json, "aws_cloudwatch_log_group").map((g) => g.skip_destroy),
      ],
      [[{ prevent_destroy: true }], [[true, { prevent_destroy: true }]], [true, true], [true, true]],
    );
  });

  it("makes the whole site destroyable with protect: false, and the rules record the opt-out", () => {
    const s = site({ protect: false });
    const json = synthOf(s.node.scope as TerraformStack);
    assert.deepEqual(
      [
        resources(json, "aws_kms_key").map((k) => k.lifecycle),
        resources(json, "aws_db_instance").map((d) => [d.deletion_protection, d.lifecycle]),
        resources(json, "aws_lb").map((lb) => lb.enable_deletion_protection),
        resources(json, "aws_cloudwatch_log_group").map((g) => g.skip_destroy),
      ],
      [[undefined], [[false, undefined]], [false, false], [false, false]],
    );
    const findings = new RuleChecker(DEFAULT_RULE_PACK).check(s).filter((f) => f.ruleId.startsWith("KHA-SEC-"));
    assert.deepEqual([...new Set(findings.map((f) => `${f.ruleId} ${f.suppressedBecause}`))].sort(), [
      `KHA-SEC-001 ${PROTECT_FALSE_REASON}`,
      `KHA-SEC-006 ${PROTECT_FALSE_REASON}`,
    ]);
  });

  it("keeps the database's own switch from the topology", () => {
    const json = synthOf(site({ database: { deletionProtection: false } }).node.scope as TerraformStack);
    assert.deepEqual(
      [resources(json, "aws_db_instance")[0].deletion_protection, resources(json, "aws_kms_key")[0].lifecycle],
      [false, { prevent_destroy: true }],
    );
  });

  it("encrypts its database and log groups with one site key that CloudWatch Logs may use for exactly those groups", () => {
    const json = synthOf(site().node.scope as TerraformStack);
    const db = resources(json, "aws_db_instance")[0];
    const policy = (Object.values(json.data.aws_iam_policy_document) as StackJson[]).find((d) =>
      d.statement.some((st: StackJson) => st.sid === "CloudWatchLogsEncryptsTheSiteLogGroups"),
    )!;
    const logs = policy.statement.find((st: StackJson) => st.sid === "CloudWatchLogsEncryptsTheSiteLogGroups");
    const keyRef = /^\$\{aws_kms_key\.kong_key_\w+\.arn\}$/;
    assert.match(db.kms_key_id, keyRef);
    assert.deepEqual([db.performance_insights_kms_key_id, db.master_user_secret_kms_key_id], [db.kms_key_id, db.kms_key_id]);
    assert.deepEqual(
      resources(json, "aws_cloudwatch_log_group").map((g) => g.kms_key_id),
      [db.kms_key_id, db.kms_key_id],
    );
    assert.deepEqual(
      logs.condition[0].values.map((arn: string) => arn.replace(/^.*:log-group:/, "")),
      ["/kong-ha/edge-east/vpc-flow-logs", "/kong-ha/edge-east"],
    );
  });

  it("uses a key it is given instead of making one", () => {
    const allowed: string[] = [];
    const json = synthOf(
      site({ encryptionKey: { arn: "arn:aws:kms:us-east-1:123456789012:key/shared", allowLogGroup: (name) => allowed.push(name) } }).node
        .scope as TerraformStack,
    );
    assert.deepEqual(
      [resources(json, "aws_kms_key").length, resources(json, "aws_db_instance")[0].kms_key_id, allowed.sort()],
      [0, "arn:aws:kms:us-east-1:123456789012:key/shared", ["/kong-ha/edge-east", "/kong-ha/edge-east/vpc-flow-logs"]],
    );
  });
});
