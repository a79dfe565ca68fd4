import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KongNetwork } from "../../../src/site/kong-network";
import { configErrorOf, resources, synthStack } from "../../support/synth";

function network(props = {}) {
  return synthStack((stack) => {
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    new KongNetwork(stack, "network", { namePrefix: "edge-east", ...props });
  });
}

describe("KongNetwork", () => {
  it("creates a public and a private subnet in each of two AZs by default", () => {
    const subnets = resources(network(), "aws_subnet");
    assert.deepEqual(subnets.map((s) => s.tags.Tier).sort(), ["private", "private", "public", "public"]);
  });

  it("splits the CIDR into /20s: public from the bottom, private from the middle", () => {
    const cidrs = resources(network({ cidrBlock: "10.4.0.0/16" }), "aws_subnet").map((s) => s.cidr_block);
    assert.deepEqual(cidrs.sort(), [
      '${cidrsubnet("10.4.0.0/16", 4, 0)}',
      '${cidrsubnet("10.4.0.0/16", 4, 1)}',
      '${cidrsubnet("10.4.0.0/16", 4, 8)}',
      '${cidrsubnet("10.4.0.0/16", 4, 9)}',
    ]);
  });

  it("spreads subnets over the region's available AZs", () => {
    const azs = resources(network({ availabilityZones: 3 }), "aws_subnet").map((s) => s.availability_zone);
    assert.equal(new Set(azs).size, 3);
  });

  it("gives each AZ its own NAT gateway by default", () => {
    assert.equal(resources(network(), "aws_nat_gateway").length, 2);
  });

  it("shares one NAT gateway with natGateways single", () => {
    const json = network({ natGateways: "single" });
    const routes = resources(json, "aws_route_table").filter((t) => t.tags.Name.includes("private"));
    assert.deepEqual([resources(json, "aws_nat_gateway").length, new Set(routes.map((t) => t.route[0].nat_gateway_id)).size], [1, 1]);
  });

  it("empties the VPC's default security group", () => {
    const sg = resources(network(), "aws_default_security_group")[0];
    assert.deepEqual([sg.ingress, sg.egress], [undefined, undefined]);
  });

  it("adopts an existing VPC without creating one", () => {
    const json = synthStack((stack) => {
      new AwsProvider(stack, "aws", { region: "us-east-1" });
      KongNetwork.fromExisting(stack, "network", {
        vpcId: "vpc-0123456789abcdef0",
        privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
        publicSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
      });
    });
    const vpc = Object.values(json.data.aws_vpc)[0] as { id: string };
    assert.deepEqual([json.resource, Object.keys(json.data.aws_subnet).length, vpc.id], [undefined, 2, "vpc-0123456789abcdef0"]);
  });

  it("refuses a CIDR with no room for a subnet pair per AZ", () => {
    const error = configErrorOf((scope) => new KongNetwork(scope, "network", { cidrBlock: "10.0.0.0/26" }));
    assert.equal(error.message, 'test/network: cidrBlock: "10.0.0.0/26" is not an IPv4 /16 to /22: use e.g. 10.0.0.0/16');
  });

  it("refuses an adopted network without subnets", () => {
    const error = configErrorOf((scope) => KongNetwork.fromExisting(scope, "network", { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: [], publicSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1"] }));
    assert.equal(error.message, "test/network: privateSubnetIds: needs at least one subnet (one per AZ; two AZs or more for HA)");
  });
});
