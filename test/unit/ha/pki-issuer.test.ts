import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveTopology } from "../../../src/topology/resolve-topology";
import { resources } from "../../support/synth";
import { BASE, synthEstate } from "./estate";

// Which CA a topology's pki section gets, and that the default keeps every CA key out of Terraform state.

const VAULT = { address: "https://vault.example.com:8200" };

function problems(pki: object): string[] {
  return resolveTopology({ ...BASE, pki }).issues.map((i) => `${i.path}: ${i.message}`);
}

describe("pki issuer", () => {
  it("is AWS Private CA when the section names no issuer and no Vault: no CA key is generated in Terraform", () => {
    const { pki } = synthEstate({ ...BASE, pki: { store: "aws-secrets-manager" } }).stacks;
    assert.equal(resources(pki, "aws_acmpca_certificate_authority").length, 1);
    assert.deepEqual(
      resources(pki, "tls_private_key").map((k) => k.lifecycle.prevent_destroy),
      [undefined, undefined, undefined, undefined],
      "only the four leaves' keys (a server and an Admin API certificate per site), none of them a protected CA key",
    );
  });

  it("is Vault's PKI engine when the section names no issuer but a Vault", () => {
    const { pki } = synthEstate({ ...BASE, pki: { vault: VAULT } }).stacks;
    assert.equal(resources(pki, "vault_pki_secret_backend_root_cert").length, 1);
    assert.equal(resources(pki, "tls_private_key").length, 0);
  });

  it("is the tls CA only when asked for by name", () => {
    const { pki } = synthEstate({ ...BASE, pki: { issuer: "tls", store: "none" } }).stacks;
    assert.equal(resources(pki, "tls_self_signed_cert").length, 1);
  });

  it("puts the private CA in the primary's region and stores its leaves in Secrets Manager with their chain", () => {
    const { pki } = synthEstate({ ...BASE, pki: { issuer: "aws-private-ca", store: "aws-secrets-manager" } }).stacks;
    assert.deepEqual(
      (pki.provider.aws as { region: string; alias?: string }[]).filter((p) => !p.alias).map((p) => p.region),
      ["us-east-1"],
    );
    const [authority] = resources(pki, "aws_acmpca_certificate_authority");
    assert.equal(authority.provider, undefined, "the default provider: the primary's region");
    const leaves = resources(pki, "aws_acmpca_certificate").filter((c) => c.template_arn.includes("EndEntityServerAuth"));
    assert.equal(leaves.length, 4, "a server and an Admin API certificate per site");
  });

  it("needs no secret store: with store none the private CA still gets its aws provider", () => {
    const { pki } = synthEstate({ ...BASE, pki: { issuer: "aws-private-ca", store: "none" } }).stacks;
    assert.equal((pki.provider.aws as object[]).length, 1);
    assert.equal(resources(pki, "aws_secretsmanager_secret").length, 0);
  });

  it("refuses, at the topology's path, a certificate validity AWS Private CA cannot issue (whole days only)", () => {
    assert.deepEqual(problems({ issuer: "aws-private-ca", store: "none", certificateValidityHours: 100, earlyRenewalHours: 24 }), [
      "pki.certificateValidityHours: 100 is not a whole number of days: AWS Private CA issues for whole days, use a multiple of 24",
    ]);
  });

  it("applies that whole-days rule to the default issuer too, and to no other issuer", () => {
    assert.equal(problems({ store: "none", certificateValidityHours: 100, earlyRenewalHours: 24 }).length, 1);
    assert.deepEqual(problems({ issuer: "tls", store: "none", certificateValidityHours: 100, earlyRenewalHours: 24 }), []);
  });
});
