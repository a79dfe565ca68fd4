import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Testing } from "cdktf";
import { DEFAULT_TOPOLOGY } from "../../../src/topology/default-topology";
import { resolveTopology } from "../../../src/topology/resolve-topology";
import { PkiStack } from "../../../src/ha/pki-stack";
import { resources, synthOf } from "../../support/synth";

function pkiStack(pki: object, protect?: boolean): ReturnType<typeof synthOf> {
  const { topology, issues } = resolveTopology({ ...DEFAULT_TOPOLOGY, pki });
  assert.deepEqual(issues, []);
  return synthOf(new PkiStack(Testing.app(), "pki", { topology: topology!, protect }));
}

describe("the pki stack's guard against switching issuer or store", () => {
  it("records the issuer and store in a protected terraform_data that is replaced when either changes", () => {
    const [guard] = resources(pkiStack({ issuer: "tls", store: "vault-kv", vault: { address: "https://vault.example.com:8200" } }), "terraform_data");
    assert.deepEqual(
      [guard.input.issuer, guard.input.store, guard.triggers_replace, guard.lifecycle],
      ["tls", "vault-kv", { issuer: "tls", store: "vault-kv" }, { prevent_destroy: true }],
    );
  });

  it("follows the defaults when the topology leaves issuer and store out", () => {
    const [guard] = resources(pkiStack({ vault: { address: "https://vault.example.com:8200" } }), "terraform_data");
    assert.deepEqual(guard.triggers_replace, { issuer: "tls", store: "vault-kv" });
  });

  it("is left out with protect: false, where destroying the CA is the point", () => {
    assert.deepEqual(resources(pkiStack({ store: "none" }, false), "terraform_data"), []);
  });
});
