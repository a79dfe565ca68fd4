import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TerraformStack, Testing } from "cdktf";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { resources } from "../../support/synth";
import { containers } from "../site/fixtures";
import { BASE, synthEstate } from "./estate";
import { ConfigError } from "../../../src/core/config-error";
import { statefulResourceUnprotected } from "../../../src/core/rules/stateful-resource-unprotected";
import { KongLoadBalancers } from "../../../src/site/kong-load-balancers";
import { KongNetwork } from "../../../src/site/kong-network";

// The Admin API serves a certificate from the estate's PKI, under the name it carries inside the
// VPC, so the kong provider verifies it (no tls_skip_verify anywhere).

const PKI = { issuer: "tls", store: "aws-secrets-manager" };
const { stacks } = synthEstate({ ...BASE, pki: PKI });

describe("the Admin API's certificate from the estate PKI", () => {
  it("issues each site an Admin API certificate for kong-admin.<site>.<domain>", () => {
    const requests = resources(stacks.pki, "tls_cert_request").filter((r) => (r.dns_names ?? []).some((n: string) => n.startsWith("kong-admin.")));
    assert.deepEqual(requests.map((r) => r.dns_names).sort(), [["kong-admin.east.api.example.com"], ["kong-admin.west.api.example.com"]]);
  });

  it("stores it as <site>/admin in the secret store", () => {
    const names = resources(stacks.pki, "aws_secretsmanager_secret").map((s) => s.name);
    assert.ok(names.includes("edge/east/admin") && names.includes("edge/west/admin"), JSON.stringify(names));
  });

  it("hands Kong the chain and key of its own site's copy, as PEM in KONG_ADMIN_SSL_CERT and _KEY", () => {
    const kong = containers(stacks["west-infra"], "edge-west-kong").find((c) => c.name === "kong")!;
    const admin = (kong.secrets ?? []).filter((s) => s.name.startsWith("KONG_ADMIN_SSL"));
    assert.deepEqual(
      admin.map((s) => [s.name, s.valueFrom]),
      [
        ["KONG_ADMIN_SSL_CERT", "${local.pki-admin-arn}:certificate_chain::"],
        ["KONG_ADMIN_SSL_CERT_KEY", "${local.pki-admin-arn}:private_key::"],
      ],
    );
    // Found by name with the site's own (us-west-2) provider: the replica there.
    assert.equal(stacks["west-infra"].data.aws_secretsmanager_secrets["pki-admin"].filter[0].values[0], "edge/west/admin");
  });

  it("names the Admin API kong-admin.<site>.<domain> inside the VPC: a private zone of that name aliasing the internal load balancer", () => {
    const [zone] = resources(stacks["east-infra"], "aws_route53_zone");
    const [record] = resources(stacks["east-infra"], "aws_route53_record");
    assert.deepEqual(
      [zone.name, zone.vpc.length, record.name, record.type, /aws_lb\.kong_load-balancers_admin/.test(record.alias.name)],
      ["kong-admin.east.api.example.com", 1, "kong-admin.east.api.example.com", "A", true],
    );
  });

  it("points the gateway stack's kong provider at that name, the one the certificate carries", () => {
    assert.deepEqual(stacks["east-gateway"].provider.kong, [{ kong_admin_uri: "https://kong-admin.east.api.example.com:8444" }]);
  });

  it("leaves an estate without a PKI at the load balancer's own name (Kong's self-signed certificate)", () => {
    const plain = synthEstate(BASE).stacks;
    assert.deepEqual(resources(plain["east-infra"], "aws_route53_zone"), []);
    assert.match(plain["east-gateway"].provider.kong[0].kong_admin_uri, /^https:\/\/\$\{.*\}:8444$/);
  });

  it("leaves a Vault KV store out of it: ECS cannot read Vault", () => {
    const vault = synthEstate({ ...BASE, pki: { issuer: "tls", store: "vault-kv", vault: { address: "https://vault.example.com:8200" } } }).stacks;
    const kong = containers(vault["east-infra"]).find((c) => c.name === "kong")!;
    assert.equal(
      (kong.secrets ?? []).some((s) => s.name === "KONG_ADMIN_SSL_CERT"),
      false,
    );
  });
});

describe("KongLoadBalancers.adminDnsName", () => {
  function loadBalancers(adminDnsName: string): KongLoadBalancers {
    const stack = new TerraformStack(Testing.app(), "test");
    const network = new KongNetwork(stack, "network", { cidrBlock: "10.0.0.0/16", availabilityZones: 2, namePrefix: "edge-east" });
    return new KongLoadBalancers(stack, "lb", { network, namePrefix: "edge-east", region: "us-east-1", adminDnsName });
  }

  it("refuses a value that is not a DNS name, at its path", () => {
    assert.throws(
      () => loadBalancers("kong admin"),
      (e: unknown) => e instanceof ConfigError && e.issues[0].path === "adminDnsName" && /is not a DNS domain/.test(e.issues[0].message),
    );
  });

  it("is not a stateful zone for KHA-SEC-001 (a private zone has no delegation to lose)", () => {
    const zone = loadBalancers("kong-admin.east.api.example.com").adminZone!;
    assert.ok(zone instanceof Route53Zone);
    assert.equal(statefulResourceUnprotected.appliesTo(zone), false);
  });
});
