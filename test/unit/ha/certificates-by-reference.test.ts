import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { envVariableOf } from "../../../src/core/formats";
import { SITE_CERTIFICATE_REFERENCES } from "../../../src/site/site-certificate";
import { resources, StackJson } from "../../support/synth";
import { containers } from "../site/fixtures";
import { BASE, synthEstate } from "./estate";

// With the PKI in Secrets Manager, no stack reads the pki stack's state (which holds the CA's key):
// each site finds its secrets by name in its own region, ECS hands the proxy certificate to Kong,
// and the gateway stack gives Kong references, so no certificate key passes through it.

const PKI = { issuer: "tls", store: "aws-secrets-manager" };
const { stacks } = synthEstate({ ...BASE, pki: PKI });
const SITES = ["east", "west"];

/** The terraform_remote_state sources a stack reads, by the stack they read. */
function remoteStatesOf(json: StackJson): string[] {
  return Object.values((json.data?.terraform_remote_state ?? {}) as { [name: string]: { config: { path?: string } } })
    .map((source) => /terraform\.(.+)\.tfstate$/.exec(source.config.path ?? "")?.[1] ?? "?")
    .sort();
}

describe("certificates by reference: no stack reads the pki state", () => {
  it("leaves the pki state unread: the infra and gateway stacks read no remote state, global only the infra stacks'", () => {
    const read = Object.fromEntries(Object.entries(stacks).map(([name, json]) => [name, remoteStatesOf(json)]));
    assert.deepEqual(read, {
      pki: [],
      "east-infra": [],
      "west-infra": [],
      "east-gateway": [],
      "west-gateway": [],
      global: ["east-infra", "west-infra"],
    });
  });

  for (const site of SITES) {
    it(`${site}-infra finds the PKI's secrets by name with its own region's provider (a replica keeps the name)`, () => {
      const found = stacks[`${site}-infra`].data.aws_secretsmanager_secrets as { [id: string]: { filter: { values: string[] }[]; provider?: string } };
      assert.deepEqual(
        ["pki-server", "pki-admin"].map((id) => [found[id].filter[0].values[0], found[id].provider]),
        [
          [`edge/${site}/server`, undefined],
          [`edge/${site}/admin`, undefined],
        ],
      );
    });

    it(`${site}-infra does not look up the CA chain while client mTLS is off (nothing reads it)`, () => {
      assert.deepEqual(
        Object.keys(stacks[`${site}-infra`].data.aws_secretsmanager_secrets)
          .filter((id) => id.startsWith("pki-"))
          .sort(),
        ["pki-admin", "pki-server"],
      );
    });
  }

  it("still applies pki before the infra stacks in `cdktf deploy '*'` (an explicit dependency)", () => {
    const { estate } = synthEstate({ ...BASE, pki: PKI });
    for (const site of SITES)
      assert.deepEqual(
        estate.infraStacks.get(site)!.dependencies.map((s) => s.node.id),
        ["pki"],
      );
  });

  it("gives each gateway's Kong certificate the references, never a PEM or a key", () => {
    for (const site of SITES) {
      const [certificate] = resources(stacks[`${site}-gateway`], "kong_certificate");
      assert.deepEqual(
        [certificate.certificate, certificate.private_key, certificate.snis],
        [SITE_CERTIFICATE_REFERENCES.certificate, SITE_CERTIFICATE_REFERENCES.privateKey, ["api.example.com", `${site}.api.example.com`]],
      );
      assert.doesNotMatch(JSON.stringify(stacks[`${site}-gateway`]), /private_key_pem|cert_pem|BEGIN/);
    }
  });

  it("injects the variables those references read, from the site's server secret: the chain and the key", () => {
    const kong = containers(stacks["east-infra"], "edge-east-kong").find((c) => c.name === "kong")!;
    const byName = Object.fromEntries((kong.secrets ?? []).map((s) => [s.name, s.valueFrom]));
    assert.deepEqual(
      [byName[envVariableOf(SITE_CERTIFICATE_REFERENCES.certificate)!], byName[envVariableOf(SITE_CERTIFICATE_REFERENCES.privateKey)!]],
      ["${local.pki-server-arn}:certificate_chain::", "${local.pki-server-arn}:private_key::"],
    );
  });

  it("injects them into a pilot-light standby's Admin-API-only task too, which the gateway applies through", () => {
    const pilot = synthEstate({ ...BASE, sites: [BASE.sites[0], { ...BASE.sites[1], standby: "pilot-light" }], pki: PKI }).stacks;
    const kong = containers(pilot["west-infra"], "edge-west-kong-admin-only").find((c) => c.name === "kong")!;
    assert.ok((kong.secrets ?? []).some((s) => s.name === "SITE_TLS_CERT"));
  });

  it("rolls Kong when the server or the Admin API certificate gets a new version, as for the database password", () => {
    const [rule] = resources(stacks["east-infra"], "aws_cloudwatch_event_rule");
    assert.match(rule.event_pattern as string, /"resources" = \[aws_db_instance\.\S+\.secret_arn, local\.pki-admin-arn, local\.pki-server-arn\]/);
  });

  it("stores each certificate with its chain (certificate_chain: the leaf, then the issuing chain)", () => {
    const versions = resources(stacks.pki, "aws_secretsmanager_secret_version").map((v) => v.secret_string_wo as string);
    const bundles = versions.filter((v) => /"private_key"/.test(v));
    assert.ok(bundles.length >= 4);
    for (const bundle of bundles)
      assert.match(bundle, /"certificate_chain" = "\$\{join\("\\n", \[trimspace\(tls_locally_signed_cert\.[^.]+\.cert_pem\), trimspace\(join\(/);
  });

  it("keeps the PEM path for a Vault KV store, which ECS cannot read: the gateway then reads the pki state", () => {
    const vault = synthEstate({ ...BASE, pki: { issuer: "tls", store: "vault-kv", vault: { address: "https://vault.example.com:8200" } } }).stacks;
    // (and the infra stack's, for the Admin API load balancer's name: no PKI name without Secrets Manager)
    assert.deepEqual(remoteStatesOf(vault["east-gateway"]), ["east-infra", "pki"]);
    assert.deepEqual(remoteStatesOf(vault["east-infra"]), []);
  });
});
