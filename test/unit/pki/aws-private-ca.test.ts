import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AwsPrivateCa } from "../../../src/pki/aws-private-ca";
import { configErrorOf, resources, synthStack } from "../../support/synth";

const caOnly = (props: Partial<ConstructorParameters<typeof AwsPrivateCa>[2]> = {}) =>
  synthStack((stack) => new AwsPrivateCa(stack, "ca", { commonName: "Edge CA", ...props }));

describe("AwsPrivateCa", () => {
  it("makes a ROOT CA in AWS Private CA with an ECDSA P-384 key that signs SHA-384", () => {
    const [authority] = resources(caOnly(), "aws_acmpca_certificate_authority");
    assert.equal(authority.type, "ROOT");
    assert.deepEqual(authority.certificate_authority_configuration, {
      key_algorithm: "EC_secp384r1",
      signing_algorithm: "SHA384WITHECDSA",
      subject: { common_name: "Edge CA" },
    });
  });

  it("maps an RSA key spec to AWS Private CA's RSA algorithm of that size", () => {
    const [authority] = resources(caOnly({ key: { algorithm: "RSA", rsaBits: 3072 } }), "aws_acmpca_certificate_authority");
    assert.deepEqual(
      [authority.certificate_authority_configuration.key_algorithm, authority.certificate_authority_configuration.signing_algorithm],
      ["RSA_3072", "SHA256WITHRSA"],
    );
  });

  it("generates no private key in Terraform for the CA: the CA's key stays in AWS", () => {
    assert.deepEqual(resources(caOnly(), "tls_private_key"), []);
  });

  it("self-signs its root for 10 years with the RootCACertificate template and installs it", () => {
    const json = caOnly();
    const [root] = resources(json, "aws_acmpca_certificate");
    const [installed] = resources(json, "aws_acmpca_certificate_authority_certificate");
    assert.match(root.certificate_signing_request, /aws_acmpca_certificate_authority\.ca_authority_[0-9A-F]+\.certificate_signing_request/);
    assert.match(root.template_arn, /^arn:\$\{data\.aws_partition\.ca_partition_[0-9A-F]+\.partition\}:acm-pca:::template\/RootCACertificate\/V1$/);
    assert.deepEqual(root.validity, { type: "YEARS", value: "10" });
    assert.match(installed.certificate, /aws_acmpca_certificate\.ca_root_[0-9A-F]+\.certificate/);
  });

  it("answers OCSP by default, and not when ocsp is false", () => {
    assert.deepEqual(resources(caOnly(), "aws_acmpca_certificate_authority")[0].revocation_configuration, { ocsp_configuration: { enabled: true } });
    assert.equal(resources(caOnly({ ocsp: false }), "aws_acmpca_certificate_authority")[0].revocation_configuration, undefined);
  });

  it("protects the CA from destroy and keeps it restorable for 30 days by default", () => {
    const [authority] = resources(caOnly(), "aws_acmpca_certificate_authority");
    assert.deepEqual([authority.lifecycle, authority.permanent_deletion_time_in_days], [{ prevent_destroy: true }, 30]);
  });

  it("lets a throw-away environment opt out: no prevent_destroy, AWS's shortest restore window", () => {
    const [authority] = resources(caOnly({ protect: false }), "aws_acmpca_certificate_authority");
    assert.deepEqual([authority.lifecycle, authority.permanent_deletion_time_in_days], [undefined, 7]);
  });

  it("issues a server leaf from a request made with a tls key, with the server template, for the validity in days, after the root is installed", () => {
    const json = synthStack((stack) =>
      new AwsPrivateCa(stack, "ca", { commonName: "Edge CA" }).issueServerCertificate("east", { dnsNames: ["east.api.example.com"] }),
    );
    const leaf = resources(json, "aws_acmpca_certificate").find((c) => c.template_arn.includes("EndEntity"))!;
    assert.match(leaf.template_arn, /template\/EndEntityServerAuthCertificate\/V1$/);
    assert.deepEqual(leaf.validity, { type: "DAYS", value: "90" });
    assert.equal(leaf.signing_algorithm, "SHA384WITHECDSA");
    assert.match(leaf.certificate_authority_arn, /aws_acmpca_certificate_authority_certificate\.ca_root-installed_[0-9A-F]+\.certificate_authority_arn/);
    assert.match(leaf.certificate_signing_request, /tls_cert_request\.ca_east_request_[0-9A-F]+\.cert_request_pem/);
    assert.deepEqual(resources(json, "tls_cert_request")[0].dns_names, ["east.api.example.com"]);
  });

  it("issues client leaves with the client template", () => {
    const json = synthStack((stack) => new AwsPrivateCa(stack, "ca", { commonName: "Edge CA" }).issueClientCertificate("batch", { commonName: "batch" }));
    assert.ok(resources(json, "aws_acmpca_certificate").some((c) => /template\/EndEntityClientAuthCertificate\/V1$/.test(c.template_arn)));
  });

  it("renews a leaf by replacing its key on the renewal clock (the request, and so the certificate, follow)", () => {
    const json = synthStack((stack) =>
      new AwsPrivateCa(stack, "ca", { commonName: "Edge CA" }).issueServerCertificate("east", {
        dnsNames: ["east.api.example.com"],
        validityHours: 48,
        earlyRenewalHours: 24,
      }),
    );
    const [key] = resources(json, "tls_private_key");
    const [generation] = resources(json, "terraform_data");
    assert.match(key.lifecycle.replace_triggered_by[0], /^terraform_data\.ca_east_key-generation_[0-9A-F]+$/);
    assert.match(generation.input.generation, /\/ 24\)\}$/);
  });

  it("refuses a leaf validity that is not whole days, naming the leaf and the fix", () => {
    const error = configErrorOf((scope) =>
      new AwsPrivateCa(scope, "ca", { commonName: "Edge CA" }).issueServerCertificate("east", {
        dnsNames: ["a.example.com"],
        validityHours: 100,
        earlyRenewalHours: 24,
      }),
    );
    assert.equal(error.message, "test/ca/east: validityHours: 100 is not a whole number of days: AWS Private CA issues for whole days, use a multiple of 24");
  });

  it("refuses an RSA 2048 CA key, as every CA of the library does", () => {
    const error = configErrorOf((scope) => new AwsPrivateCa(scope, "ca", { commonName: "Edge CA", key: { algorithm: "RSA", rsaBits: 2048 } }));
    assert.equal(error.message, "test/ca: key: key.rsaBits 2048 is too small for a CA: use 3072 or 4096 (or ECDSA P384)");
  });
});
