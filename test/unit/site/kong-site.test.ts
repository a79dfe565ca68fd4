import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Testing, TerraformStack } from "cdktf";
import { KongSite } from "../../../src/site/kong-site";
import { configErrorOf } from "../../support/synth";
import { testSite } from "./fixtures";

function site(props: Parameters<typeof testSite>[1] = {}): KongSite {
  return testSite(new TerraformStack(Testing.app(), "test"), props);
}

describe("KongSite", () => {
  it("knows its capacity, AZs and endpoint for global steering", () => {
    const s = site();
    assert.deepEqual([s.capacity.desiredCount, s.availabilityZoneCount, s.statusPort, s.statusPath], [2, 2, 8100, "/status/ready"]);
  });

  it("makes a standby hot unless told otherwise", () => {
    assert.equal(site({ role: "standby" }).standbyLevel, "hot");
  });

  it("refuses a standby level on a site that is not a standby", () => {
    const error = configErrorOf((scope) => testSite(scope as TerraformStack, { role: "primary", standbyLevel: "warm" }));
    assert.equal(error.message, "test/kong: standbyLevel: only a standby site has a standby level (this one is primary)");
  });

  it("requires client certificates when OSS client mTLS is on", () => {
    const s = site({ cluster: { clientMtls: { verify: "on", caBundle: { valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:ca-AbCdEf" } } } });
    assert.deepEqual([s.requiresClientCertificates, s.terminatesTls], [true, false]);
  });

  it("adopts a site built elsewhere for steering", () => {
    const endpoint = KongSite.endpointFromAttributes({ siteName: "legacy", region: "eu-west-1", publicDnsName: "legacy.example.net", publicZoneId: "Z2IFOLAFXWLO4F" });
    assert.deepEqual([endpoint.statusPort, endpoint.statusPath, endpoint.capacity], [8100, "/status/ready", undefined]);
  });
});
