import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CertificateAuthority } from "../../../src/pki/certificate-authority";
import { StackJson, synthStack } from "../../support/synth";

// A tls leaf's private key is replaced with its certificate: both follow a generation that moves
// each time the certificate would enter its renewal window. The clock itself is evaluated by the real
// terraform in test/validate/key-rotation-clock.test.ts.

const json = synthStack((stack) => {
  const ca = new CertificateAuthority(stack, "ca", { commonName: "Edge CA", intermediate: {} });
  ca.issueServerCertificate("server", { dnsNames: ["api.example.com"] });
  ca.issueClientCertificate("client", { commonName: "partner", validityHours: 48, earlyRenewalHours: 12 });
});
const keys = json.resource.tls_private_key as Record<string, { lifecycle?: { replace_triggered_by?: string[]; prevent_destroy?: boolean } }>;
const generations = json.resource.terraform_data as Record<string, StackJson>;
const keyOf = (prefix: string) => Object.entries(keys).find(([name]) => name.startsWith(prefix))!;

describe("leaf keys rotate with their certificates", () => {
  it("replaces each leaf's key when its generation moves (and the request and certificate with it)", () => {
    for (const leaf of ["ca_server_key_", "ca_client_key_"]) {
      const [, key] = keyOf(leaf);
      const [trigger] = key.lifecycle!.replace_triggered_by!;
      const [type, name] = trigger.split(".");
      assert.equal(type, "terraform_data");
      assert.ok(generations[name], `${leaf}: ${trigger} is not a terraform_data of the stack`);
    }
  });

  it("moves a leaf's generation every validity minus renewal window hours of the plan clock: 1440 for the 90/30-day default, 36 for 48/12", () => {
    const periods = Object.entries(generations).map(([name, data]) => [name.split("_")[1], (data.input as { generation: string }).generation]);
    assert.deepEqual(periods.sort(), [
      ["client", "${floor(local.certificate-rotation-clock / 36)}"],
      ["server", "${floor(local.certificate-rotation-clock / 1440)}"],
    ]);
    assert.match(json.locals["certificate-rotation-clock"], /plantimestamp\(\)/);
  });

  it("never rotates the CA's keys: they keep prevent_destroy and renew their certificates in place", () => {
    for (const ca of ["ca_root-key_", "ca_intermediate-key_"]) {
      const [, key] = keyOf(ca);
      assert.deepEqual(key.lifecycle, { prevent_destroy: true });
    }
  });
});
