import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AcmpcaCertificateAuthority } from "@cdktf/provider-aws/lib/acmpca-certificate-authority";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Mount } from "@cdktf/provider-vault/lib/mount";
import { PkiSecretBackendRootCert } from "@cdktf/provider-vault/lib/pki-secret-backend-root-cert";
import { PrivateKey } from "@cdktf/provider-tls/lib/private-key";
import { SelfSignedCert } from "@cdktf/provider-tls/lib/self-signed-cert";
import { AwsPrivateCa } from "../../../../src/pki/aws-private-ca";
import { CertificateAuthority } from "../../../../src/pki/certificate-authority";
import { VaultPki } from "../../../../src/pki/vault-pki";
import { PROTECT_FALSE_REASON, protectFromDestroy } from "../../../../src/core/destroy-protection";
import { RuleSuppressions } from "../../../../src/core/rules/rule-suppressions";
import { findings, stack, suppressed } from "./security-helpers";

const ID = "KHA-SEC-001";

describe("KHA-SEC-001 stateful-resource-unprotected", () => {
  it("reports a KMS key, a bucket and a Vault mount without prevent_destroy", () => {
    const s = stack();
    new KmsKey(s, "key", {});
    new S3Bucket(s, "bucket", {});
    new Mount(s, "kv", { path: "kv", type: "kv" });
    assert.deepEqual(findings(s, ID), [
      'aws_kms_key "key" has no destroy protection: a destroy or a replacement loses every ciphertext under the key (database, snapshots, secrets, logs) after the waiting period.',
      'aws_s3_bucket "bucket" has no destroy protection: a destroy or a replacement loses the bucket\'s objects.',
      'vault_mount "kv" has no destroy protection: a destroy or a replacement loses every secret (or the CA and its keys) stored under the mount.',
    ]);
  });

  it("accepts prevent_destroy, including one set with an escape hatch", () => {
    const s = stack();
    new KmsKey(s, "key", { lifecycle: { preventDestroy: true } });
    new S3Bucket(s, "bucket", {}).addOverride("lifecycle.prevent_destroy", true);
    assert.deepEqual(findings(s, ID), []);
  });

  it("accepts the service's own deletion protection on a database", () => {
    const s = stack();
    new DbInstance(s, "db", { instanceClass: "db.t4g.micro", deletionProtection: true });
    new DbInstance(s, "db2", { instanceClass: "db.t4g.micro" });
    assert.deepEqual(findings(s, ID), [
      'aws_db_instance "db2" has no destroy protection: a destroy or a replacement loses the database and, with it, every automated backup.',
    ]);
  });

  it("reports an AWS private CA without prevent_destroy, and accepts the AwsPrivateCa construct's", () => {
    const s = stack();
    new AcmpcaCertificateAuthority(s, "bare", {
      type: "ROOT",
      certificateAuthorityConfiguration: { keyAlgorithm: "EC_secp384r1", signingAlgorithm: "SHA384WITHECDSA", subject: { commonName: "x" } },
    });
    new AwsPrivateCa(s, "ca", { commonName: "Edge CA" });
    assert.deepEqual(findings(s, ID), [
      'aws_acmpca_certificate_authority "bare" has no destroy protection: a destroy or a replacement loses the private CA and its key, which every certificate it issued chains to (restorable only inside the CA\'s deletion window).',
    ]);
  });

  it("leaves stateless resources alone", () => {
    const s = stack();
    new SecurityGroup(s, "sg", {});
    assert.deepEqual(findings(s, ID), []);
  });

  it("reports a root CA's key, not its certificate (re-issued from the key) nor a leaf's key", () => {
    const s = stack();
    const caKey = new PrivateKey(s, "ca-key", { algorithm: "ECDSA" });
    new SelfSignedCert(s, "ca", { privateKeyPem: caKey.privateKeyPem, validityPeriodHours: 24, allowedUses: ["cert_signing"], isCaCertificate: true });
    new PrivateKey(s, "leaf-key", { algorithm: "ECDSA" });
    assert.deepEqual(
      findings(s, ID).map((m) => m.split(" has ")[0]),
      ['tls_private_key "ca-key"'],
    );
  });

  it("finds the library's CAs protected, intermediate key included, and their opt-out recorded", () => {
    const s = stack();
    new CertificateAuthority(s, "ca", { commonName: "Edge CA", intermediate: {} });
    const open = stack();
    new CertificateAuthority(open, "ca", { commonName: "Edge CA", intermediate: {}, protect: false });
    assert.deepEqual([findings(s, ID), findings(open, ID), [...new Set(suppressed(open, ID))]], [[], [], [PROTECT_FALSE_REASON]]);
    // the root key and the intermediate's key (the certificates re-issue from them)
    assert.equal(suppressed(open, ID).length, 2);
  });

  it("reports a Vault root certificate, whose destruction deletes the CA key, unless protected", () => {
    const s = stack();
    new PkiSecretBackendRootCert(s, "root", { backend: "pki", type: "internal", commonName: "Edge CA" });
    const library = stack();
    new VaultPki(library, "pki", { commonName: "Edge CA" });
    assert.deepEqual([findings(s, ID).length, findings(library, ID)], [1, []]);
  });

  it("records protect: false as a suppression with its reason", () => {
    const s = stack();
    protectFromDestroy(new KmsKey(s, "key", {}), false);
    assert.deepEqual([findings(s, ID), suppressed(s, ID)], [[], [PROTECT_FALSE_REASON]]);
  });

  it("can be suppressed with a reason for one resource", () => {
    const s = stack();
    const bucket = new S3Bucket(s, "scratch", {});
    RuleSuppressions.add(bucket, { id: ID, reason: "A scratch bucket for load tests, emptied every night." });
    assert.deepEqual(findings(s, ID), []);
  });
});

describe("KHA-SEC-001 over the library's stateful constructs", () => {
  it("finds each one protected by default, and records protect: false as the reason when opted out", async () => {
    const { AwsSecretsManagerStore } = await import("../../../../src/secrets/aws-secrets-manager-store");
    const { VaultKvStore } = await import("../../../../src/secrets/vault-kv-store");
    const { LogArchiveBucket } = await import("../../../../src/logging/log-archive-bucket");
    const build = (protect: boolean | undefined) => {
      const s = stack();
      new AwsSecretsManagerStore(s, "sm", { readers: ["arn:aws:iam::123456789012:role/kong"], protect });
      new VaultKvStore(s, "kv", { path: "kong", protect });
      new LogArchiveBucket(s, "logs", { namePrefix: "edge-logs-", kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/x", protect });
      new VaultPki(s, "pki", { commonName: "Edge CA", protect });
      new CertificateAuthority(s, "ca", { commonName: "Edge CA", protect });
      return s;
    };
    const open = build(false);
    assert.deepEqual([findings(build(undefined), ID), findings(open, ID), [...new Set(suppressed(open, ID))]], [[], [], [PROTECT_FALSE_REASON]]);
    assert.ok(suppressed(open, ID).length >= 6);
  });
});
