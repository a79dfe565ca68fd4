import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { AwsSecretsManagerStore } from "../../../src/secrets/aws-secrets-manager-store";
import { storeCertificate } from "../../../src/secrets/secret-store";
import { configErrorOf, resources, StackJson, synthStack, testBundle } from "../../support/synth";

const READER = "arn:aws:iam::123456789012:role/edge-east-kong-execution";

function synthStore(administrators?: string[]): StackJson {
  return synthStack((stack) => {
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const west = new AwsProvider(stack, "aws-west", { region: "us-west-2", alias: "west" });
    const store = new AwsSecretsManagerStore(stack, "store", { readers: [READER], administrators, replicas: [{ region: "us-west-2", provider: west }] });
    storeCertificate(store, "east", "east/server", testBundle(stack));
  });
}

describe("AwsSecretsManagerStore", () => {
  it("encrypts with a customer-managed, rotated, multi-region KMS key", () => {
    const key = resources(synthStore(), "aws_kms_key")[0];
    assert.deepEqual([key.multi_region, key.enable_key_rotation, key.lifecycle], [true, true, { prevent_destroy: true }]);
  });

  it("replicates the key and every secret to the other sites' regions", () => {
    const json = synthStore();
    const replicaKey = resources(json, "aws_kms_replica_key")[0];
    const secret = resources(json, "aws_secretsmanager_secret")[0];
    assert.equal(replicaKey.provider, "aws.west");
    assert.deepEqual(secret.replica, [
      {
        region: "us-west-2",
        kms_key_id: `\${${"aws_kms_replica_key"}.store_key-us-west-2_${Object.keys(json.resource.aws_kms_replica_key)[0].split("_").pop()}.arn}`,
      },
    ]);
  });

  it("writes the value write-only, versioned by the certificate", () => {
    const version = resources(synthStore(), "aws_secretsmanager_secret_version")[0];
    assert.equal(version.secret_string, undefined);
    assert.match(version.secret_string_wo, /^\$\{jsonencode\(\{"certificate" = /);
    assert.equal(version.secret_string_wo_version, "${parseint(substr(sha256(tls_self_signed_cert.leaf.cert_pem), 0, 12), 16)}");
  });

  it("denies reading values to everyone but the readers and the role running Terraform when no administrators are named", () => {
    const json = synthStore();
    const policy = json.data.aws_iam_policy_document[Object.keys(json.data.aws_iam_policy_document).find((k) => k.includes("secret-policy"))!];
    const runner = Object.keys(json.data.aws_iam_session_context)[0];
    assert.deepEqual(policy.statement[0].condition, [
      { test: "StringNotLike", variable: "aws:PrincipalArn", values: [READER, `\${data.aws_iam_session_context.${runner}.issuer_arn}`] },
    ]);
    assert.match(json.data.aws_iam_session_context[runner].arn, /data\.aws_caller_identity\..*\.arn/);
  });

  it("lets a secret with its own readers be read by them and the administrators only", () => {
    const OTHER = "arn:aws:iam::123456789012:role/edge-west-kong-execution";
    const ADMIN = "arn:aws:iam::123456789012:role/terraform";
    const json = synthStack((stack) => {
      new AwsProvider(stack, "aws", { region: "us-east-1" });
      const store = new AwsSecretsManagerStore(stack, "store", {
        readers: [READER, OTHER],
        administrators: [ADMIN],
        secretReaders: { "east/server": [READER], "clients/app": [] },
      });
      const bundle = testBundle(stack);
      storeCertificate(store, "east", "east/server", bundle);
      storeCertificate(store, "app", "clients/app", bundle);
      store.store("ca", "ca", { ca_chain: "pem" }, "pem");
    });
    const documents = json.data.aws_iam_policy_document as Record<string, StackJson>;
    const allowed = (secret: string) => {
      const policy = resources(json, "aws_secretsmanager_secret_policy").find((p) => p.secret_arn.includes(`store_${secret}_`))!;
      const name = /data\.aws_iam_policy_document\.([^.]+)\.json/.exec(policy.policy)![1];
      return documents[name].statement[0].condition[0].values;
    };
    assert.deepEqual([allowed("east"), allowed("app"), allowed("ca")], [[READER, ADMIN], [ADMIN], [READER, OTHER, ADMIN]]);
  });

  it("denies reading values to everyone but the readers and administrators when administrators are named", () => {
    const json = synthStore(["arn:aws:iam::123456789012:role/terraform"]);
    const policy = json.data.aws_iam_policy_document[Object.keys(json.data.aws_iam_policy_document).find((k) => k.includes("secret-policy"))!];
    const deny = policy.statement.find((s: StackJson) => s.effect === "Deny");
    assert.deepEqual(deny.condition, [{ test: "StringNotLike", variable: "aws:PrincipalArn", values: [READER, "arn:aws:iam::123456789012:role/terraform"] }]);
    assert.equal(policy.statement.length, 1, "readers are allowed by their own IAM policy, not by name here");
    assert.equal(resources(json, "aws_secretsmanager_secret_policy")[0].block_public_policy, true);
  });

  it("needs at least one reader", () => {
    assert.match(configErrorOf((scope) => new AwsSecretsManagerStore(scope, "store", { readers: [] })).message, /readers: needs at least one principal ARN/);
  });

  it("refuses a reader that is not an IAM principal ARN", () => {
    assert.match(
      configErrorOf((scope) => new AwsSecretsManagerStore(scope, "store", { readers: ["kong"] })).message,
      /readers\[0\]: "kong" is not an IAM principal ARN/,
    );
  });

  it("refuses a recovery window AWS does not allow", () => {
    assert.match(
      configErrorOf((scope) => new AwsSecretsManagerStore(scope, "store", { readers: [READER], recoveryWindowInDays: 3 })).message,
      /recoveryWindowInDays: 3 must be 0/,
    );
  });
});
