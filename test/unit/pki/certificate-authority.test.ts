import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Fn } from "cdktf";
import { CertificateAuthority } from "../../../src/pki/certificate-authority";
import { configErrorOf, resources, synthStack } from "../../support/synth";

describe("CertificateAuthority", () => {
  it("makes an ECDSA P-384 root by default", () => {
    const json = synthStack((stack) => new CertificateAuthority(stack, "ca", { commonName: "Edge CA" }));
    assert.deepEqual(
      resources(json, "tls_private_key").map((k) => [k.algorithm, k.ecdsa_curve]),
      [["ECDSA", "P384"]],
    );
  });

  it("makes an RSA 4096 root when asked for RSA", () => {
    const json = synthStack((stack) => new CertificateAuthority(stack, "ca", { commonName: "Edge CA", key: { algorithm: "RSA" } }));
    assert.deepEqual(
      resources(json, "tls_private_key").map((k) => [k.algorithm, k.rsa_bits]),
      [["RSA", 4096]],
    );
  });

  it("marks the root as a CA that signs certificates and CRLs, for 10 years, renewed a year early", () => {
    const root = resources(
      synthStack((stack) => new CertificateAuthority(stack, "ca", { commonName: "Edge CA" })),
      "tls_self_signed_cert",
    )[0];
    assert.equal(root.is_ca_certificate, true);
    assert.deepEqual(root.allowed_uses, ["cert_signing", "crl_signing", "digital_signature"]);
    assert.deepEqual([root.validity_period_hours, root.early_renewal_hours], [87600, 8760]);
  });

  it("protects the CA keys from terraform destroy by default, and leaves the root certificate renewable from its key", () => {
    const json = synthStack((stack) => new CertificateAuthority(stack, "ca", { commonName: "Edge CA" }));
    assert.equal(resources(json, "tls_private_key")[0].lifecycle.prevent_destroy, true);
    assert.equal(resources(json, "tls_self_signed_cert")[0].lifecycle, undefined);
  });

  it("lets test environments opt out of that protection", () => {
    const json = synthStack((stack) => new CertificateAuthority(stack, "ca", { commonName: "Edge CA", protect: false }));
    assert.equal(resources(json, "tls_private_key")[0].lifecycle, undefined);
  });

  it("signs leaves with the intermediate when there is one", () => {
    const json = synthStack((stack) => {
      const ca = new CertificateAuthority(stack, "ca", { commonName: "Edge CA", intermediate: {} });
      ca.issueServerCertificate("east", { dnsNames: ["api.example.com"] });
    });
    const certs = resources(json, "tls_locally_signed_cert");
    const intermediate = certs.find((c) => c.is_ca_certificate)!;
    const leaf = certs.find((c) => !c.is_ca_certificate)!;
    assert.match(intermediate.ca_cert_pem, /tls_self_signed_cert\.ca_root/);
    assert.match(leaf.ca_cert_pem, /tls_locally_signed_cert\.ca_intermediate_/);
  });

  it("issues server certificates for server_auth with the DNS names and early renewal", () => {
    const json = synthStack((stack) => {
      new CertificateAuthority(stack, "ca", { commonName: "Edge CA" }).issueServerCertificate("east", {
        dnsNames: ["api.example.com", "east.api.example.com"],
      });
    });
    const leaf = resources(json, "tls_locally_signed_cert")[0];
    const request = resources(json, "tls_cert_request")[0];
    assert.deepEqual(leaf.allowed_uses, ["digital_signature", "server_auth"]);
    assert.deepEqual([leaf.validity_period_hours, leaf.early_renewal_hours], [2160, 720]);
    assert.deepEqual(request.dns_names, ["api.example.com", "east.api.example.com"]);
    assert.deepEqual(request.subject, [{ common_name: "api.example.com" }]);
  });

  it("adds key_encipherment only for RSA leaves", () => {
    const json = synthStack((stack) => {
      new CertificateAuthority(stack, "ca", { commonName: "Edge CA" }).issueServerCertificate("east", {
        dnsNames: ["a.example.com"],
        key: { algorithm: "RSA", rsaBits: 2048 },
      });
    });
    assert.deepEqual(resources(json, "tls_locally_signed_cert")[0].allowed_uses, ["digital_signature", "key_encipherment", "server_auth"]);
  });

  it("issues client certificates for client_auth with the common name", () => {
    const json = synthStack((stack) => {
      new CertificateAuthority(stack, "ca", { commonName: "Edge CA" }).issueClientCertificate("partner", { commonName: "partner-portal" });
    });
    assert.deepEqual(resources(json, "tls_locally_signed_cert")[0].allowed_uses, ["digital_signature", "client_auth"]);
    assert.deepEqual(resources(json, "tls_cert_request")[0].subject, [{ common_name: "partner-portal" }]);
  });

  it("refuses RSA 2048 for a CA", () => {
    const error = configErrorOf((scope) => new CertificateAuthority(scope, "ca", { commonName: "Edge CA", key: { algorithm: "RSA", rsaBits: 2048 } }));
    assert.equal(error.message, "test/ca: key: key.rsaBits 2048 is too small for a CA: use 3072 or 4096 (or ECDSA P384)");
  });

  it("refuses an RSA size that does not exist", () => {
    const error = configErrorOf((scope) => new CertificateAuthority(scope, "ca", { commonName: "Edge CA", key: { algorithm: "RSA", rsaBits: 1000 } }));
    assert.match(error.message, /key\.rsaBits 1000 is not a supported RSA size/);
  });

  it("refuses a server certificate with no DNS name", () => {
    const error = configErrorOf((scope) => new CertificateAuthority(scope, "ca", { commonName: "Edge CA" }).issueServerCertificate("east", {}));
    assert.match(error.message, /^test\/ca\/east: dnsNames: a server certificate needs at least one DNS name/);
  });

  it("refuses a client certificate with no common name", () => {
    const error = configErrorOf((scope) => new CertificateAuthority(scope, "ca", { commonName: "Edge CA" }).issueClientCertificate("c", {}));
    assert.match(error.message, /commonName: a client certificate needs a commonName/);
  });

  it("refuses an early renewal window as long as the validity", () => {
    const error = configErrorOf((scope) =>
      new CertificateAuthority(scope, "ca", { commonName: "Edge CA" }).issueServerCertificate("east", {
        dnsNames: ["a.example.com"],
        validityHours: 24,
        earlyRenewalHours: 24,
      }),
    );
    assert.match(error.message, /earlyRenewalHours: 24 must be a whole number of hours below validityHours \(24\)/);
  });

  it("refuses a leaf that outlives its CA", () => {
    const error = configErrorOf((scope) =>
      new CertificateAuthority(scope, "ca", { commonName: "Edge CA", validityDays: 30 }).issueServerCertificate("east", {
        dnsNames: ["a.example.com"],
        validityHours: 24 * 31,
        earlyRenewalHours: 1,
      }),
    );
    assert.match(error.message, /validityHours: 744 outlives the issuing CA \(720 hours\)/);
  });

  it("adopts an existing CA whose key is a reference", () => {
    const json = synthStack((stack) => {
      const ca = CertificateAuthority.fromPem(stack, "existing", { certificatePem: "-----BEGIN CERTIFICATE-----\n", privateKeyPem: Fn.file("/dev/null") });
      ca.issueServerCertificate("east", { dnsNames: ["a.example.com"] });
    });
    assert.match(resources(json, "tls_locally_signed_cert")[0].ca_private_key_pem, /\$\{file\(/);
  });

  it("refuses to adopt a CA whose key is a literal", () => {
    const error = configErrorOf((scope) =>
      CertificateAuthority.fromPem(scope, "existing", { certificatePem: "x", privateKeyPem: "-----BEGIN PRIVATE KEY-----" }),
    );
    assert.match(error.message, /privateKeyPem: a CA private key must be a Terraform reference/);
  });
});
