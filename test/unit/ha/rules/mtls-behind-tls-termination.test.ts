import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Testing, TerraformStack } from "cdktf";
import { testSite } from "../../site/fixtures";
import { findings } from "./fixtures";

const stack = () => new TerraformStack(Testing.app(), "east-infra");
const TLS = { publicListener: { protocol: "TLS" as const, certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" } };

describe("KHA-HA-004 mtls-behind-tls-termination", () => {
  it("accepts client mTLS behind the default TCP pass-through", () => {
    assert.deepEqual(findings(testSite(stack(), { clientCertificates: "required" }), "KHA-HA-004"), []);
  });

  it("accepts a TLS-terminating listener without client mTLS", () => {
    assert.deepEqual(findings(testSite(stack(), { loadBalancers: TLS }), "KHA-HA-004"), []);
  });

  it("flags client mTLS behind a TLS-terminating listener", () => {
    const site = testSite(stack(), { clientCertificates: "optional", loadBalancers: TLS });
    assert.deepEqual(findings(site, "KHA-HA-004"), ["site east requires client certificates, but its public listener terminates TLS: Kong never sees them."]);
  });
});
