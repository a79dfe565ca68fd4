import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AwsPrivateCa } from "../../../../src/pki/aws-private-ca";
import { CertificateAuthority } from "../../../../src/pki/certificate-authority";
import { findings, stack } from "./security-helpers";

const ID = "KHA-SEC-009";

describe("KHA-SEC-009 ca-key-in-state", () => {
  it("reports the root and intermediate keys of a tls CA, not its leaves' keys", () => {
    const s = stack();
    new CertificateAuthority(s, "ca", { commonName: "Edge CA", intermediate: {} }).issueServerCertificate("east", { dnsNames: ["east.example.com"] });
    assert.deepEqual(findings(s, ID), [
      "tls_private_key \"root-key\" is a CA's private key: it is kept in clear in this stack's Terraform state.",
      "tls_private_key \"intermediate-key\" is a CA's private key: it is kept in clear in this stack's Terraform state.",
    ]);
  });

  it("has nothing to report for AWS Private CA, whose key never leaves AWS", () => {
    const s = stack();
    new AwsPrivateCa(s, "ca", { commonName: "Edge CA" }).issueServerCertificate("east", { dnsNames: ["east.example.com"] });
    assert.deepEqual(findings(s, ID), []);
  });
});
