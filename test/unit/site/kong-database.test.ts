import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KongDatabase, KongDatabaseProps } from "../../../src/site/kong-database";
import { KongNetwork } from "../../../src/site/kong-network";
import { configErrorOf, resources, synthStack } from "../../support/synth";

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
    assert.deepEqual(group.parameter.find((p: { name: string }) => p.name === "rds.force_ssl"), { name: "rds.force_ssl", value: "1" });
  });

  it("accepts connections from nothing until allowFrom", () => {
    const sg = resources(database(), "aws_security_group")[0];
    assert.deepEqual([sg.ingress, resources(database(), "aws_vpc_security_group_ingress_rule").length], [undefined, 0]);
  });

  it("refuses to turn backups off", () => {
    const error = configErrorOf((scope) => new KongDatabase(scope, "db", { network: new KongNetwork(scope, "n"), identifier: "x", backupRetentionDays: 0 }));
    assert.equal(error.message, "test/db: backupRetentionDays: 0 is out of range: RDS keeps 1 to 35 days (0 would turn backups off)");
  });
});
