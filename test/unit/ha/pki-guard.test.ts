import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Testing } from "cdktf";
import { DEFAULT_TOPOLOGY } from "../../../src/topology/default-topology";
import { resolveTopology } from "../../../src/topology/resolve-topology";
import { PkiStack } from "../../../src/ha/pki-stack";
import { resources, StackJson, synthOf } from "../../support/synth";

/** The guard among the stack's terraform_data (the leaves' key generations are terraform_data too). */
const guardsOf = (json: StackJson) => resources(json, "terraform_data").filter((data) => data.input?.issuer !== undefined);

function pkiStack(pki: object, protect?: boolean): ReturnType<typeof synthOf> {
  const { topology, issues } = resolveTopology({ ...DEFAULT_TOPOLOGY, pki });
  assert.deepEqual(issues, []);
  return synthOf(new PkiStack(Testing.app(), "pki", { topology: topology!, protect }));
}

describe("the pki stack's guard against switching issuer or store", () => {
  it("records the issuer and store in a protected terraform_data that is replaced when either changes", () => {
    const [guard] = guardsOf(pkiStack({ issuer: "tls", store: "vault-kv", vault: { address: "https://vault.example.com:8200" } }));
    assert.deepEqual(
      [guard.input.issuer, guard.input.store, guard.triggers_replace, guard.lifecycle],
      ["tls", "vault-kv", { issuer: "tls", store: "vault-kv" }, { prevent_destroy: true }],
    );
  });

  it("follows the defaults when the topology leaves issuer and store out", () => {
    const [guard] = guardsOf(pkiStack({ vault: { address: "https://vault.example.com:8200" } }));
    assert.deepEqual(guard.triggers_replace, { issuer: "vault", store: "vault-kv" });
  });

  it("is left out with protect: false, where destroying the CA is the point", () => {
    const json = pkiStack({ store: "none" }, false);
    assert.deepEqual(guardsOf(json), []);
    assert.ok(resources(json, "terraform_data").length > 0, "the leaves' key generations are there");
  });
});
