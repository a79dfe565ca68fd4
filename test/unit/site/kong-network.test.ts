import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KongNetwork } from "../../../src/site/kong-network";
import { configErrorOf, resources, StackJson, synthStack } from "../../support/synth";
import { TerraformElement, TerraformStack, Testing } from "cdktf";
import { checkovSkipsOf } from "../../../src/core/checkov-suppression";

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
    const routes = resources(json, "aws_route").filter((r) => r.nat_gateway_id !== undefined);
    assert.deepEqual([resources(json, "aws_nat_gateway").length, routes.length, new Set(routes.map((r) => r.nat_gateway_id)).size], [1, 2, 1]);
  });

  it("routes with aws_route resources, never inline route blocks (AWS provider 6.48 requires every field of those)", () => {
    const json = network();
    assert.deepEqual(
      resources(json, "aws_route_table").map((t) => t.route),
      [undefined, undefined, undefined],
    );
    assert.deepEqual(
      resources(json, "aws_route")
        .map((r) => [r.destination_cidr_block, r.gateway_id !== undefined ? "internet gateway" : "NAT gateway"])
        .sort(),
      [
        ["0.0.0.0/0", "NAT gateway"],
        ["0.0.0.0/0", "NAT gateway"],
        ["0.0.0.0/0", "internet gateway"],
      ],
    );
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
    const error = configErrorOf((scope) =>
      KongNetwork.fromExisting(scope, "network", { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: [], publicSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1"] }),
    );
    assert.equal(error.message, "test/network: privateSubnetIds: needs at least one subnet (one per AZ; two AZs or more for HA)");
  });

  it("logs every connection of the VPC to a log group kept 365 days and on destroy", () => {
    const json = network();
    const [flowLog, group] = [resources(json, "aws_flow_log")[0], resources(json, "aws_cloudwatch_log_group")[0]];
    assert.deepEqual(
      [flowLog.traffic_type, flowLog.log_destination_type, group.name, group.retention_in_days, group.skip_destroy],
      ["ALL", "cloud-watch-logs", "/kong-ha/edge-east/vpc-flow-logs", 365, true],
    );
  });

  it("lets the flow logs role write only to its log group, and only flow logs of this account assume it", () => {
    const json = network();
    const policies = Object.values(json.data.aws_iam_policy_document) as StackJson[];
    const trust = policies.find((p) => p.statement[0].actions.includes("sts:AssumeRole"))!.statement[0];
    const write = policies.find((p) => p.statement[0].actions.includes("logs:PutLogEvents"))!.statement[0];
    assert.deepEqual(
      [trust.principals[0].identifiers, trust.condition[0].variable, write.resources],
      [["vpc-flow-logs.amazonaws.com"], "aws:SourceAccount", write.resources],
    );
    assert.match(
      write.resources.join(" "),
      /^\$\{aws_cloudwatch_log_group\.network_flow-logs_\w+\.arn\} \$\{aws_cloudwatch_log_group\.network_flow-logs_\w+\.arn\}:\*$/,
    );
  });

  it("encrypts the flow logs with a key given later, and registers the group with it", () => {
    const allowed: string[] = [];
    const json = synthStack((stack) => {
      new AwsProvider(stack, "aws", { region: "us-east-1" });
      new KongNetwork(stack, "network", { namePrefix: "edge-east" }).encryptFlowLogs({
        arn: "arn:aws:kms:us-east-1:123456789012:key/site",
        allowLogGroup: (name) => allowed.push(name),
      });
    });
    assert.deepEqual(
      [resources(json, "aws_cloudwatch_log_group")[0].kms_key_id, allowed],
      ["arn:aws:kms:us-east-1:123456789012:key/site", ["/kong-ha/edge-east/vpc-flow-logs"]],
    );
  });

  it("can do without flow logs", () => {
    const json = network({ flowLogs: false });
    assert.deepEqual([resources(json, "aws_flow_log").length, resources(json, "aws_cloudwatch_log_group").length], [0, 0]);
  });

  it("lets the flow log group go with the stack under protect: false", () => {
    assert.equal(resources(network({ protect: false }), "aws_cloudwatch_log_group")[0].skip_destroy, false);
  });

  it("keeps each subnet in its zone when the region's list of zones changes", () => {
    const json = network();
    assert.deepEqual(
      new Set(resources(json, "aws_subnet").map((s) => JSON.stringify(s.lifecycle))),
      new Set([JSON.stringify({ ignore_changes: ["availability_zone"] })]),
    );
    const zones = new KongNetwork(new TerraformStack(Testing.app(), "t"), "network").node.findChild("zones") as TerraformElement;
    assert.deepEqual(
      checkovSkipsOf(zones).map((s) => s.id),
      ["CKV_AWS_394"],
    );
  });

  it("pins the subnets to named zones without reading the region's list", () => {
    const json = network({ availabilityZoneNames: ["us-east-1a", "us-east-1c", "us-east-1d"] });
    const azs = resources(json, "aws_subnet").map((s) => s.availability_zone);
    assert.deepEqual(
      [[...new Set(azs)].sort(), json.data.aws_availability_zones, resources(json, "aws_subnet")[0].lifecycle],
      [["us-east-1a", "us-east-1c", "us-east-1d"], undefined, undefined],
    );
  });

  it("refuses a zone name twice, and a count that disagrees with the names", () => {
    const error = configErrorOf((scope) => new KongNetwork(scope, "network", { availabilityZones: 3, availabilityZoneNames: ["us-east-1a", "us-east-1a"] }));
    assert.equal(
      error.message,
      'test/network: availabilityZones: 3 disagrees with the 2 availabilityZoneNames: give one or the other\ntest/network: availabilityZoneNames[1]: "us-east-1a" is listed twice: one subnet pair per zone',
    );
  });

  it("refuses a flow log retention CloudWatch Logs does not offer", () => {
    const error = configErrorOf((scope) => new KongNetwork(scope, "network", { flowLogs: { retentionDays: 100 } }));
    assert.match(error.message, /^test\/network: flowLogs.retentionDays: 100 is not a CloudWatch Logs retention: use one of 1, 3, 5/);
  });
});
