import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { findings, stack } from "../../core/rules/security-helpers";

const ID = "KHA-SEC-002";

describe("KHA-SEC-002 admin-api-exposed", () => {
  it("reports the Admin API port opened to the internet, in each kind of security group rule", () => {
    const s = stack();
    new VpcSecurityGroupIngressRule(s, "v4", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 8444, toPort: 8444, cidrIpv4: "0.0.0.0/0" });
    new SecurityGroupRule(s, "v6", { securityGroupId: "sg-1", type: "ingress", protocol: "tcp", fromPort: 8000, toPort: 8002, ipv6CidrBlocks: ["::/0"] });
    new SecurityGroup(s, "inline", { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] });
    assert.deepEqual(findings(s, ID), [
      'aws_vpc_security_group_ingress_rule "v4" admits 0.0.0.0/0 to port 8444.',
      'aws_security_group_rule "v6" admits ::/0 to ports 8001, 8002.',
      'aws_security_group "inline" admits 0.0.0.0/0 to ports 8001, 8002, 8444, 8445.',
    ]);
  });

  it("judges CIDRs by the addresses they cover: 0.0.0.0/1 is as open as 0.0.0.0/0, and 10.0.0.0/8 is too wide", () => {
    const s = stack();
    new VpcSecurityGroupIngressRule(s, "half", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 8444, toPort: 8444, cidrIpv4: "0.0.0.0/1" });
    new SecurityGroupRule(s, "eight", { securityGroupId: "sg-1", type: "ingress", protocol: "tcp", fromPort: 8444, toPort: 8444, cidrBlocks: ["10.0.0.0/8"] });
    assert.deepEqual(findings(s, ID), [
      'aws_vpc_security_group_ingress_rule "half" admits 0.0.0.0/1 to port 8444.',
      'aws_security_group_rule "eight" admits 10.0.0.0/8 to port 8444.',
    ]);
  });

  it("adds up separate rules of one security group: two /9s on the Admin API port are a /8", () => {
    const s = stack();
    const group = new SecurityGroup(s, "admin", { name: "admin" });
    new VpcSecurityGroupIngressRule(s, "low", { securityGroupId: group.id, ipProtocol: "tcp", fromPort: 8444, toPort: 8444, cidrIpv4: "10.0.0.0/9" });
    new SecurityGroupRule(s, "high", {
      securityGroupId: group.id,
      type: "ingress",
      protocol: "tcp",
      fromPort: 8444,
      toPort: 8444,
      cidrBlocks: ["10.128.0.0/9"],
    });
    assert.deepEqual(findings(s, ID), [
      'security group aws_security_group.admin admits 10.0.0.0/9, 10.128.0.0/9 to port 8444 through aws_vpc_security_group_ingress_rule "low" and aws_security_group_rule "high": together cover 16777216 IPv4 addresses, a /8 or wider.',
    ]);
  });

  it("keeps rules of different security groups apart", () => {
    const s = stack();
    new VpcSecurityGroupIngressRule(s, "low", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 8444, toPort: 8444, cidrIpv4: "10.0.0.0/9" });
    new VpcSecurityGroupIngressRule(s, "high", { securityGroupId: "sg-2", ipProtocol: "tcp", fromPort: 8444, toPort: 8444, cidrIpv4: "10.128.0.0/9" });
    assert.deepEqual(findings(s, ID), []);
  });

  it("keeps ports apart: a /9 on 8444 and another on 8001 open neither to a /8", () => {
    const s = stack();
    new VpcSecurityGroupIngressRule(s, "low", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 8444, toPort: 8444, cidrIpv4: "10.0.0.0/9" });
    new VpcSecurityGroupIngressRule(s, "high", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 8001, toPort: 8001, cidrIpv4: "10.128.0.0/9" });
    assert.deepEqual(findings(s, ID), []);
  });

  it("accepts the Admin API open to a private CIDR, the proxy open to everyone, and egress", () => {
    const s = stack();
    new VpcSecurityGroupIngressRule(s, "admin", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 8444, toPort: 8444, cidrIpv4: "10.0.0.0/16" });
    new VpcSecurityGroupIngressRule(s, "proxy", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" });
    new SecurityGroupRule(s, "out", { securityGroupId: "sg-1", type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] });
    assert.deepEqual(findings(s, ID), []);
  });
});
