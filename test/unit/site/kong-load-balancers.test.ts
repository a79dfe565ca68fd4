import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KongLoadBalancers, KongLoadBalancersProps } from "../../../src/site/kong-load-balancers";
import { KongNetwork } from "../../../src/site/kong-network";
import { TerraformStack, Testing } from "cdktf";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { checkovSkipsOf } from "../../../src/core/checkov-suppression";
import { configErrorOf, resources, StackJson, synthOf, synthStack } from "../../support/synth";

function lbs(props: Partial<KongLoadBalancersProps> = {}): StackJson {
  return synthStack((stack) => {
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const network = new KongNetwork(stack, "network");
    new KongLoadBalancers(stack, "lbs", { network, namePrefix: "edge-east", region: "us-east-1", ...props });
  });
}

function byName(json: StackJson, type: string, name: string): StackJson {
  const found = resources(json, type).find((r) => r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  return found;
}

/** The listener whose load balancer is `lb` and port is `port`. */
function listener(json: StackJson, lb: string, port: number): StackJson {
  const lbRef = Object.entries(json.resource.aws_lb).find(([, r]) => (r as StackJson).name === lb)![0];
  const found = resources(json, "aws_lb_listener").find((l) => l.port === port && l.load_balancer_arn.includes(lbRef));
  if (!found) throw new Error(`no listener ${lb}:${port}`);
  return found;
}

function targetGroupOf(json: StackJson, l: StackJson): StackJson {
  const ref = /aws_lb_target_group\.([^.]+)\.arn/.exec(l.default_action[0].target_group_arn)![1];
  return json.resource.aws_lb_target_group[ref];
}

describe("KongLoadBalancers", () => {
  const json = lbs();

  it("puts the proxy on an internet-facing network load balancer", () => {
    const lb = byName(json, "aws_lb", "edge-east-pub");
    assert.deepEqual([lb.load_balancer_type, lb.internal], ["network", false]);
  });

  it("passes TLS through on 443: a TCP listener, no certificate", () => {
    const l = listener(json, "edge-east-pub", 443);
    assert.deepEqual([l.protocol, l.certificate_arn, l.ssl_policy], ["TCP", undefined, undefined]);
  });

  it("forwards 443 to Kong's TLS proxy port 8443 with PROXY protocol v2, so Kong sees client addresses", () => {
    const tg = targetGroupOf(json, listener(json, "edge-east-pub", 443));
    assert.deepEqual([tg.protocol, tg.port, tg.proxy_protocol_v2, tg.target_type], ["TCP", 8443, true, "ip"]);
  });

  it("judges every target by Kong's /status/ready on 8100", () => {
    const checks = resources(json, "aws_lb_target_group").map((tg) => [tg.health_check.protocol, tg.health_check.port, tg.health_check.path]);
    assert.deepEqual(checks, Array(3).fill(["HTTP", "8100", "/status/ready"]));
  });

  it("exposes the Admin API only on an internal load balancer, port 8444", () => {
    const lb = byName(json, "aws_lb", "edge-east-adm");
    const l = listener(json, "edge-east-adm", 8444);
    assert.deepEqual([lb.internal, l.protocol, targetGroupOf(json, l).port], [true, "TCP", 8444]);
  });

  it("does not listen for the Admin API on the public load balancer", () => {
    const publicPorts = resources(json, "aws_lb_listener")
      .filter((l) => l.load_balancer_arn.includes("_public_"))
      .map((l) => l.port)
      .sort();
    assert.deepEqual(publicPorts, [443, 8100]);
  });

  it("opens the Admin API to the VPC's CIDR by default", () => {
    const rules = resources(json, "aws_vpc_security_group_ingress_rule").filter((r) => r.from_port === 8444);
    assert.deepEqual(
      rules.map((r) => r.cidr_ipv4.replace(/_[0-9A-F]{8}\./, ".")),
      ["${aws_vpc.network_vpc.cidr_block}"],
    );
  });

  it("opens the Admin API to exactly the configured CIDRs", () => {
    const rules = resources(lbs({ adminCidrs: ["10.8.0.0/16", "192.0.2.10/32"] }), "aws_vpc_security_group_ingress_rule").filter((r) => r.from_port === 8444);
    assert.deepEqual(
      rules.map((r) => r.cidr_ipv4),
      ["10.8.0.0/16", "192.0.2.10/32"],
    );
  });

  it("lets only Route 53 health checkers reach the status listener", () => {
    const rule = resources(json, "aws_vpc_security_group_ingress_rule").find((r) => r.from_port === 8100)!;
    const prefixList = Object.values(json.data.aws_ec2_managed_prefix_list)[0] as StackJson;
    assert.deepEqual(
      [rule.cidr_ipv4, prefixList.name, rule.prefix_list_id.includes("route53-health-checkers")],
      [undefined, "com.amazonaws.us-east-1.route53-healthchecks", true],
    );
  });

  it("refuses an Admin API open to every network", () => {
    const error = configErrorOf(
      (scope) => new KongLoadBalancers(scope, "lbs", { network: new KongNetwork(scope, "n"), namePrefix: "x", region: "us-east-1", adminCidrs: ["0.0.0.0/0"] }),
    );
    assert.equal(
      error.message,
      "test/lbs: adminCidrs: 0.0.0.0/0 together cover every IPv4 address (the whole internet): they would open Kong's Admin API (full control of the gateway) that wide; list the CIDRs that run Terraform",
    );
  });

  it("terminates TLS with an ACM certificate only when asked", () => {
    const tls = lbs({ publicListener: { protocol: "TLS", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" } });
    const l = listener(tls, "edge-east-pub", 443);
    assert.deepEqual([l.protocol, l.certificate_arn, targetGroupOf(tls, l).protocol], ["TLS", "arn:aws:acm:us-east-1:123456789012:certificate/abc", "TLS"]);
  });

  it("protects both load balancers from deletion by default", () => {
    assert.deepEqual(
      resources(lbs(), "aws_lb").map((lb) => lb.enable_deletion_protection),
      [true, true],
    );
  });

  it("lets protect: false delete them", () => {
    assert.deepEqual(
      resources(lbs({ protect: false }), "aws_lb").map((lb) => lb.enable_deletion_protection),
      [false, false],
    );
  });

  it("records why TCP-only load balancers have no access logs, and logs a TLS listener when given a bucket", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const tcp = new KongLoadBalancers(stack, "tcp", { network: new KongNetwork(stack, "network"), namePrefix: "a", region: "us-east-1" });
    const tls = new KongLoadBalancers(stack, "tls", {
      network: new KongNetwork(stack, "network2"),
      namePrefix: "b",
      region: "us-east-1",
      publicListener: { protocol: "TLS", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x" },
      accessLogs: { bucket: "edge-nlb-logs", prefix: "east" },
    });
    const ids = (lb: Lb) => checkovSkipsOf(lb).map((s) => s.id);
    assert.deepEqual(
      [ids(tcp.publicLoadBalancer), ids(tcp.adminLoadBalancer), ids(tls.publicLoadBalancer), ids(tls.adminLoadBalancer)],
      [["CKV_AWS_91"], ["CKV_AWS_91"], [], ["CKV_AWS_91"]],
    );
    const logged = resources(synthOf(stack), "aws_lb").find((lb) => lb.name === "b-pub")!;
    assert.deepEqual(logged.access_logs, { bucket: "edge-nlb-logs", enabled: true, prefix: "east" });
  });

  it("refuses an access log prefix with AWSLogs in it", () => {
    const error = configErrorOf(
      (scope) =>
        new KongLoadBalancers(scope, "lbs", {
          network: new KongNetwork(scope, "n"),
          namePrefix: "a",
          region: "us-east-1",
          accessLogs: { bucket: "b", prefix: "AWSLogs" },
        }),
    );
    assert.equal(error.message, "test/lbs: accessLogs: needs a bucket name, and a prefix without AWSLogs (ELB adds that part itself)");
  });
});
