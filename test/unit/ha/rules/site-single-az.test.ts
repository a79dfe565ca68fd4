import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Testing, TerraformStack } from "cdktf";
import { KongNetwork } from "../../../../src/site/kong-network";
import { testSite } from "../../site/fixtures";
import { findings } from "./fixtures";

const stack = () => new TerraformStack(Testing.app(), "east-infra");

describe("KHA-HA-002 site-single-az", () => {
  it("accepts a site over two AZs", () => {
    assert.deepEqual(findings(testSite(stack()), "KHA-HA-002"), []);
  });

  it("flags a new network over one AZ", () => {
    const s = stack();
    const site = testSite(s, { network: new KongNetwork(s, "network", { availabilityZones: 1 }) });
    assert.deepEqual(findings(site, "KHA-HA-002"), ["site east spans 1 availability zone: losing it takes the whole site down."]);
  });

  it("flags an adopted network with one private subnet", () => {
    const s = stack();
    const network = KongNetwork.fromExisting(s, "network", {
      vpcId: "vpc-0123456789abcdef0",
      privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1"],
      publicSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
    });
    assert.equal(findings(testSite(s, { network }), "KHA-HA-002").length, 1);
  });
});
