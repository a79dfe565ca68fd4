import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KongProvider } from "../../../../src/providers/kong/provider";
import { findings, stack } from "../../core/rules/security-helpers";

describe("KHA-SEC-007 admin-api-tls-unverified", () => {
  it("reports a kong provider that skips TLS verification", () => {
    const s = stack();
    new KongProvider(s, "kong", { kongAdminUri: "https://admin:8444", tlsSkipVerify: true });
    assert.deepEqual(findings(s, "KHA-SEC-007"), ['kong provider "kong" skips TLS verification of the Admin API.']);
  });

  it("accepts one that verifies", () => {
    const s = stack();
    new KongProvider(s, "kong", { kongAdminUri: "https://admin:8444" });
    assert.deepEqual(findings(s, "KHA-SEC-007"), []);
  });
});
