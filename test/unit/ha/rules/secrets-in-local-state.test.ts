import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KongEstate } from "../../../../src/ha/kong-estate";
import { DEFAULT_TOPOLOGY } from "../../../../src/topology/default-topology";
import { resolveTopology } from "../../../../src/topology/resolve-topology";
import { testApp } from "../../../support/synth";
import { BASE, topologyOf } from "../estate";

const topology = resolveTopology(DEFAULT_TOPOLOGY).topology!;

function findings(terraformCloud?: { organization: string; workspacePrefix: string }) {
  return new KongEstate(testApp(), { topology, terraformCloud }).check().filter((f) => f.ruleId === "KHA-SEC-008");
}

describe("KHA-SEC-008 secrets-in-local-state", () => {
  it("warns about each local-state stack whose state holds a secret, naming the resource and attribute", () => {
    const found = findings();
    assert.deepEqual(
      found.map((f) => [f.level, /^stack (\S+) /.exec(f.message)?.[1]]),
      [
        ["warning", "pki"],
        ["warning", "east-gateway"],
        ["warning", "west-gateway"],
      ],
    );
    assert.match(found[0].message, /tls_private_key\.private-ca_server-east_key_\S+ \(private_key_pem\)/);
    assert.match(found[1].message, /^stack east-gateway keeps local plaintext state holding kong_consumer_key_auth\.\S+ \(key\)\.$/);
  });

  it("does not count a Kong certificate that holds references (its key stays in Secrets Manager), and counts one whose key the gateway uploads", () => {
    const vaultKv = { issuer: "tls", store: "vault-kv", vault: { address: "https://vault.example.com:8200" } };
    const estate = new KongEstate(testApp(), { topology: topologyOf({ ...BASE, pki: vaultKv }) });
    const gateway = estate.check().find((f) => f.ruleId === "KHA-SEC-008" && /^stack east-gateway /.test(f.message));
    assert.match(gateway!.message, /kong_certificate\.\S+ \(private_key\)/);
    assert.doesNotMatch(findings().find((f) => /^stack east-gateway /.test(f.message))!.message, /kong_certificate/);
  });

  it("counts a JWT credential: the provider reads the secret Kong generates back into state", () => {
    const jwt = { key: "app-issuer", rsaPublicKey: "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----" };
    const estate = new KongEstate(testApp(), { topology: topologyOf({ ...BASE, consumers: [{ username: "app", jwt: [jwt] }] }) });
    const found = estate.check().filter((f) => f.ruleId === "KHA-SEC-008");
    assert.match(found[0].message, /kong_consumer_jwt_auth\.\S+ \(secret\)/);
  });

  it("leaves stacks without secrets in state alone (infra, global)", () => {
    assert.ok(findings().every((f) => /^stack (pki|\S+-gateway) /.test(f.message)));
  });

  it("is silent when the state lives in Terraform Cloud", () => {
    assert.deepEqual(findings({ organization: "acme", workspacePrefix: "edge" }), []);
  });
});
