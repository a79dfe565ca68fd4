import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KongDatabase, KongDatabaseProps } from "../../../src/site/kong-database";
import { KongNetwork } from "../../../src/site/kong-network";
import { TerraformStack, Testing } from "cdktf";
import { PROTECT_FALSE_REASON } from "../../../src/core/destroy-protection";
import { RuleSuppressions } from "../../../src/core/rules/rule-suppressions";
import { configErrorOf, resources, synthOf, synthStack } from "../../support/synth";

function database(props: Partial<KongDatabaseProps> = {}) {
  return synthStack((stack) => {
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const network = new KongNetwork(stack, "network");
    new KongDatabase(stack, "db", { network, identifier: "edge-east-kong", ...props });
  });
}

describe("KongDatabase", () => {
  const instance = resources(database(), "aws_db_instance")[0];

  it("is Multi-AZ, encrypted and private", () => {
    assert.deepEqual([instance.multi_az, instance.storage_encrypted, instance.publicly_accessible], [true, true, false]);
  });

  it("keeps 7 days of backups and a final snapshot", () => {
    assert.deepEqual([instance.backup_retention_period, instance.skip_final_snapshot, instance.final_snapshot_identifier], [7, false, "edge-east-kong-final"]);
  });

  it("is protected from deletion by default", () => {
    assert.equal(instance.deletion_protection, true);
  });

  it("can drop deletion protection for a throw-away estate", () => {
    assert.equal(resources(database({ deletionProtection: false }), "aws_db_instance")[0].deletion_protection, false);
  });

  it("lets RDS generate and keep the password: none is in the JSON", () => {
    assert.deepEqual([instance.manage_master_user_password, instance.password, instance.password_wo], [true, undefined, undefined]);
  });

  it("rotates the managed password every 30 days", () => {
    const rotation = resources(database(), "aws_secretsmanager_secret_rotation")[0];
    assert.deepEqual([rotation.rotation_rules, rotation.rotation_lambda_arn], [{ automatically_after_days: 30 }, undefined]);
  });

  it("forces TLS on connections", () => {
    const group = resources(database(), "aws_db_parameter_group")[0];
    assert.deepEqual(
      group.parameter.find((p: { name: string }) => p.name === "rds.force_ssl"),
      { name: "rds.force_ssl", value: "1" },
    );
  });

  it("accepts connections from nothing until allowFrom", () => {
    const sg = resources(database(), "aws_security_group")[0];
    assert.deepEqual([sg.ingress, resources(database(), "aws_vpc_security_group_ingress_rule").length], [undefined, 0]);
  });

  it("refuses to turn backups off", () => {
    const error = configErrorOf((scope) => new KongDatabase(scope, "db", { network: new KongNetwork(scope, "n"), identifier: "x", backupRetentionDays: 0 }));
    assert.equal(error.message, "test/db: backupRetentionDays: 0 is out of range: RDS keeps 1 to 35 days (0 would turn backups off)");
  });

  it("also refuses a plan that destroys or replaces it", () => {
    assert.deepEqual(instance.lifecycle, { prevent_destroy: true });
  });

  it("drops both guards with protect: false, and records the opt-out for rule KHA-SEC-001", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const db = new KongDatabase(stack, "db", { network: new KongNetwork(stack, "network"), identifier: "edge-east-kong", protect: false });
    const json = synthOf(stack);
    const unprotected = resources(json, "aws_db_instance")[0];
    assert.deepEqual(
      [unprotected.deletion_protection, unprotected.lifecycle, RuleSuppressions.find(db.instance, "KHA-SEC-001")?.reason],
      [false, undefined, PROTECT_FALSE_REASON],
    );
  });

  it("refuses protect and deletionProtection that disagree", () => {
    const error = configErrorOf(
      (scope) => new KongDatabase(scope, "db", { network: new KongNetwork(scope, "n"), identifier: "x", protect: true, deletionProtection: false }),
    );
    assert.equal(error.message, "test/db: deletionProtection: false contradicts protect: true: give one of them");
  });

  it("samples the OS every 60 s with Enhanced Monitoring, through a role only RDS monitoring assumes", () => {
    const json = database();
    const role = resources(json, "aws_iam_role").find((r) => r.name === "edge-east-kong-rds-monitoring")!;
    const trust = JSON.stringify(Object.values(json.data.aws_iam_policy_document).find((d) => JSON.stringify(d).includes("monitoring.rds.amazonaws.com")));
    const attachment = resources(json, "aws_iam_role_policy_attachment")[0];
    assert.equal(instance.monitoring_interval, 60);
    assert.match(instance.monitoring_role_arn, /^\$\{aws_iam_role\.db_monitoring-role_\w+\.arn\}$/);
    assert.match(role.assume_role_policy, /monitoring-trust/);
    assert.ok(trust);
    assert.match(attachment.policy_arn, /:iam::aws:policy\/service-role\/AmazonRDSEnhancedMonitoringRole$/);
  });

  it("can leave Enhanced Monitoring off", () => {
    const json = database({ monitoringIntervalSeconds: 0 });
    const roles = resources(json, "aws_iam_role").filter((r) => r.name.endsWith("rds-monitoring"));
    assert.deepEqual([resources(json, "aws_db_instance")[0].monitoring_interval, roles.length], [0, 0]);
  });

  it("encrypts storage, Performance Insights and the password secret with one customer key when given", () => {
    const key = "arn:aws:kms:us-east-1:123456789012:key/site";
    const db = resources(database({ kmsKeyArn: key }), "aws_db_instance")[0];
    assert.deepEqual([db.kms_key_id, db.performance_insights_kms_key_id, db.master_user_secret_kms_key_id], [key, key, key]);
  });
});
