import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { exampleTopologies, synthTopology } from "../support/examples";

// What must never appear in synthesized Terraform: secrets in clear. Every example's every stack is
// scanned; a reference (a Terraform ${...}, or a whole Kong {vault://...} that Kong resolves on its
// nodes) is fine, a value is not.
const SECRET_PATTERNS: readonly [string, RegExp][] = [
  ["a PEM private key", /-----BEGIN (RSA |EC |ENCRYPTED |OPENSSH )?PRIVATE KEY-----/],
  ["an AWS access key ID", /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["a Splunk HEC token (UUID) in an Authorization header", /Splunk [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/],
  ["a Vault token", /\bhv[sbr]\.[A-Za-z0-9_-]{20,}/],
  [
    "a password or secret argument with a literal value",
    /"(password|secret|token|api_key|private_key|client_secret|hec_token|kong_admin_token)"\s*:\s*"(?!\$\{|\{vault:\/\/[^"{}]+\}")[^"]+"/,
  ],
];

describe("synthesized examples", () => {
  for (const example of exampleTopologies()) {
    it(`${example.name}: no stack holds a secret in clear`, () => {
      const outdir = mkdtempSync(join(tmpdir(), "scan-"));
      const stacks = synthTopology(example.topology, outdir);
      assert.ok(stacks.length >= 2);
      const found: string[] = [];
      for (const stack of stacks) {
        const text = readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8");
        for (const [what, pattern] of SECRET_PATTERNS) if (pattern.test(text)) found.push(`${stack}: ${what}`);
      }
      assert.deepEqual(found, []);
    });
  }

  it("the scan takes a whole Kong reference, and catches a literal beside one", () => {
    const scan = (value: string) => SECRET_PATTERNS.some(([, pattern]) => pattern.test(JSON.stringify({ private_key: value })));
    assert.deepEqual([scan("{vault://env/site-tls-key}"), scan("{vault://env/x} and more"), scan("hunter2")], [false, true, true]);
  });

  it("the scan catches a private key, so an empty result means something", () => {
    const leaked = JSON.stringify({ resource: { kong_certificate: { x: { private_key: "-----BEGIN PRIVATE KEY-----\nMII" } } } });
    assert.ok(SECRET_PATTERNS.some(([, pattern]) => pattern.test(leaked)));
  });
});
