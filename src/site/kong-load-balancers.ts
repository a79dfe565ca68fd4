import { cidrRange, tooWideProblem } from "../core/cidr";
import { Construct } from "constructs";
import { DataAwsEc2ManagedPrefixList } from "@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { ConfigError } from "../core/config-error";
import { DOMAIN_PATTERN, isCidr } from "../core/formats";
import { Issue, isToken } from "../core/schema";
import { skipCheckov } from "../core/checkov-suppression";
import { IKongNetwork } from "./kong-network";
import { physicalName } from "../core/naming";

/** Kong's listeners inside a task. */
export const KONG_PORTS = {
  /** The proxy, TLS, behind PROXY protocol v2 from the public load balancer. */
  proxy: 8443,
  /** The Admin API, TLS. */
  admin: 8444,
  /** The status API (plain HTTP): `/status/ready` answers 200 once the node can serve. */
  status: 8100,
} as const;

/** The health endpoint of the status API (Kong 3.3+). */
export const KONG_READY_PATH = "/status/ready";

/**
 * How the public load balancer listens on 443. `TCP` (the default) passes TLS through to Kong, which
 * is what client mTLS needs; `TLS` terminates it at the NLB with an ACM certificate and re-encrypts to
 * Kong, so Kong never sees a client certificate (rule KHA-HA-004 refuses that combination).
 */
export type PublicListener = { readonly protocol: "TCP" } | { readonly protocol: "TLS"; readonly certificateArn: string; readonly sslPolicy?: string };

/**
 * What is wrong with a set of Admin API CIDRs, judged on the addresses they cover (not as strings):
 * IPv6 blocks (the Admin API's security group rules take IPv4), and a set that together covers the
 * internet or a /8 and wider (0.0.0.0/1 plus 128.0.0.0/1 is 0.0.0.0/0). Whoever reaches the Admin API
 * controls the gateway. Shared by KongLoadBalancers and the topology file.
 */
export function adminCidrsProblems(cidrs: readonly string[], path: string): Issue[] {
  const issues: Issue[] = [];
  const literal = cidrs.filter((c) => !isToken(c));
  cidrs.forEach((cidr, i) => {
    if (!isToken(cidr) && cidrRange(cidr)?.family === "ipv6") {
      issues.push({ path: `${path}[${i}]`, message: `${cidr} is IPv6: the Admin API load balancer's rules take IPv4 CIDRs` });
    }
  });
  const wide = tooWideProblem(literal);
  if (wide) {
    issues.push({
      path,
      message: `${literal.join(", ")} ${wide}: they would open Kong's Admin API (full control of the gateway) that wide; list the CIDRs that run Terraform`,
    });
  }
  return issues;
}

export interface KongLoadBalancersProps {
  /** The VPC and subnets: public ones for the proxy load balancer, private ones for the Admin API. */
  readonly network: IKongNetwork;
  /** Prefix of the load balancer and target group names, e.g. `edge-east`. */
  readonly namePrefix: string;
  /**
   * CIDRs allowed to the Admin API listener (the machines that run Terraform).
   * @default the VPC's CIDR
   */
  readonly adminCidrs?: readonly string[];
  /**
   * CIDRs allowed to the public proxy listener on 443.
   * @default ["0.0.0.0/0"]
   */
  readonly clientCidrs?: readonly string[];
  /** @default { protocol: "TCP" } (TLS pass-through) */
  readonly publicListener?: PublicListener;
  /**
   * The AWS region, for the Route 53 health checkers' managed prefix list
   * (`com.amazonaws.<region>.route53-healthchecks`), the only sources allowed to the status listener.
   */
  readonly region: string;
  /**
   * A DNS name for the Admin API inside the VPC (e.g. `kong-admin.east.api.example.com`, the name its
   * certificate carries, so the kong provider can verify it): a private hosted zone of exactly that
   * name, associated with the site's VPC, whose apex is an alias of the internal load balancer. Only
   * that name is answered privately; the rest of the domain resolves as before.
   * @default none: the Admin API is reached by the load balancer's own DNS name
   */
  readonly adminDnsName?: string;
  /**
   * Seconds a deregistering task keeps its connections (rolling deploys, scale-in).
   * @default 60
   */
  readonly deregistrationDelaySeconds?: number;
  /**
   * Load balancer deletion protection: a plan that deletes or replaces one fails, and the console
   * and API refuse too. Turn off only for throw-away environments.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Access logs of the public load balancer, to an S3 bucket in the site's region whose policy lets
   * ELB log delivery write (see the AWS docs). NLB access logs record TLS listeners only, so they
   * are worth having with `publicListener: { protocol: "TLS" }`; with TCP pass-through Kong's own
   * logs and the VPC flow logs are the record.
   * @default none
   */
  readonly accessLogs?: { readonly bucket: string; readonly prefix?: string };
}

/** Why a load balancer with TCP listeners only has no access logs (checkov CKV_AWS_91). */
const TCP_ONLY_ACCESS_LOGS =
  "NLB access logs cover TLS listeners only and this load balancer has TCP listeners only (TLS passes through to Kong), so they would stay empty; Kong logs each request. Connections are recorded by VPC flow logs only where they are on: the library turns them on for the VPCs it creates, not for an adopted one.";

/**
 * The entry points of a Kong site:
 * - a public Network Load Balancer, TCP 443 -> Kong's proxy with PROXY protocol v2 (TLS reaches Kong,
 *   so client certificates do too, and Kong sees the client's address), and TCP 8100 -> Kong's status
 *   API, open only to Route 53 health checkers, for the global health checks;
 * - an internal Network Load Balancer, TCP 8444 -> the Admin API, reachable only from `adminCidrs`.
 * Both carry security groups, so the tasks only accept traffic that came through them.
 */
export class KongLoadBalancers extends Construct {
  readonly publicLoadBalancer: Lb;
  readonly adminLoadBalancer: Lb;
  readonly proxyTargetGroup: LbTargetGroup;
  readonly statusTargetGroup: LbTargetGroup;
  readonly adminTargetGroup: LbTargetGroup;
  readonly publicSecurityGroup: SecurityGroup;
  readonly adminSecurityGroup: SecurityGroup;
  readonly publicListenerProtocol: "TCP" | "TLS";
  /** The three listeners; ECS services must wait for them (a target group needs a listener first). */
  readonly listeners: LbListener[] = [];
  /** Port of the public status listener that Route 53 checks. */
  readonly statusPort = KONG_PORTS.status;
  readonly statusPath = KONG_READY_PATH;

  constructor(scope: Construct, id: string, props: KongLoadBalancersProps) {
    super(scope, id);
    const issues: Issue[] = [];
    const checkCidrs = (key: "adminCidrs" | "clientCidrs", cidrs: readonly string[] | undefined) =>
      (cidrs ?? []).forEach((cidr, i) => {
        if (!isToken(cidr) && !isCidr(cidr)) issues.push({ path: `${key}[${i}]`, message: `${JSON.stringify(cidr)} is not a CIDR block such as 10.0.0.0/16` });
      });
    checkCidrs("adminCidrs", props.adminCidrs);
    checkCidrs("clientCidrs", props.clientCidrs);
    issues.push(...adminCidrsProblems(props.adminCidrs ?? [], "adminCidrs"));
    if (props.adminCidrs && props.adminCidrs.length === 0) issues.push({ path: "adminCidrs", message: "is empty: leave it out for the VPC's CIDR" });
    const listener = props.publicListener ?? { protocol: "TCP" };
    if (listener.protocol === "TLS" && !listener.certificateArn)
      issues.push({ path: "publicListener.certificateArn", message: "is required for a TLS listener" });
    if (props.accessLogs && (!props.accessLogs.bucket || /AWSLogs/.test(props.accessLogs.prefix ?? ""))) {
      issues.push({ path: "accessLogs", message: "needs a bucket name, and a prefix without AWSLogs (ELB adds that part itself)" });
    }
    const adminName = props.adminDnsName;
    if (adminName !== undefined && !isToken(adminName) && !DOMAIN_PATTERN.regex.test(adminName)) {
      issues.push({ path: "adminDnsName", message: `${JSON.stringify(adminName)} is not ${DOMAIN_PATTERN.means}` });
    }
    if (issues.length) throw new ConfigError(issues, this.node.path);
    this.publicListenerProtocol = listener.protocol;
    const name = (suffix: string) => physicalName([props.namePrefix, suffix], 32);
    const { network } = props;
    const delay = String(props.deregistrationDelaySeconds ?? 60);

    this.publicSecurityGroup = new SecurityGroup(this, "public-sg", {
      name: `${props.namePrefix}-public-nlb`,
      description: `Kong ${props.namePrefix} public NLB: clients on 443, Route 53 health checkers on ${KONG_PORTS.status}`,
      vpcId: network.vpcId,
      tags: { Name: `${props.namePrefix}-public-nlb` },
    });
    this.adminSecurityGroup = new SecurityGroup(this, "admin-sg", {
      name: `${props.namePrefix}-admin-nlb`,
      description: `Kong ${props.namePrefix} Admin API NLB: Terraform CIDRs on ${KONG_PORTS.admin}`,
      vpcId: network.vpcId,
      tags: { Name: `${props.namePrefix}-admin-nlb` },
    });
    (props.clientCidrs ?? ["0.0.0.0/0"]).forEach((cidr, i) => {
      new VpcSecurityGroupIngressRule(this, `public-in-443-${i}`, {
        securityGroupId: this.publicSecurityGroup.id,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        ...(cidr.includes(":") ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
        description: "clients to the Kong proxy (TLS passes through)",
      });
    });
    const checkers = new DataAwsEc2ManagedPrefixList(this, "route53-health-checkers", { name: `com.amazonaws.${props.region}.route53-healthchecks` });
    new VpcSecurityGroupIngressRule(this, "public-in-status", {
      securityGroupId: this.publicSecurityGroup.id,
      ipProtocol: "tcp",
      fromPort: KONG_PORTS.status,
      toPort: KONG_PORTS.status,
      prefixListId: checkers.id,
      description: "Route 53 health checkers to Kong's status API",
    });
    (props.adminCidrs ?? [network.vpcCidrBlock]).forEach((cidr, i) => {
      new VpcSecurityGroupIngressRule(this, `admin-in-${i}`, {
        securityGroupId: this.adminSecurityGroup.id,
        ipProtocol: "tcp",
        fromPort: KONG_PORTS.admin,
        toPort: KONG_PORTS.admin,
        cidrIpv4: cidr,
        description: "Terraform runs to Kong's Admin API",
      });
    });

    const deletionProtection = props.protect !== false;
    this.publicLoadBalancer = new Lb(this, "public", {
      name: name("pub"),
      loadBalancerType: "network",
      internal: false,
      subnets: network.publicSubnetIds,
      securityGroups: [this.publicSecurityGroup.id],
      enableCrossZoneLoadBalancing: true,
      enableDeletionProtection: deletionProtection,
      accessLogs: props.accessLogs ? { enabled: true, bucket: props.accessLogs.bucket, prefix: props.accessLogs.prefix } : undefined,
      tags: { Name: name("pub") },
    });
    if (!props.accessLogs && listener.protocol === "TCP") skipCheckov(this.publicLoadBalancer, { id: "CKV_AWS_91", comment: TCP_ONLY_ACCESS_LOGS });
    this.adminLoadBalancer = new Lb(this, "admin", {
      name: name("adm"),
      loadBalancerType: "network",
      internal: true,
      subnets: network.privateSubnetIds,
      securityGroups: [this.adminSecurityGroup.id],
      enableCrossZoneLoadBalancing: true,
      enableDeletionProtection: deletionProtection,
      tags: { Name: name("adm") },
    });
    skipCheckov(this.adminLoadBalancer, { id: "CKV_AWS_91", comment: TCP_ONLY_ACCESS_LOGS });

    // Every target group judges a task by /status/ready, so a node that lost its database or has not
    // loaded its configuration yet takes no traffic on any port.
    const readiness = {
      enabled: true,
      protocol: "HTTP",
      port: String(KONG_PORTS.status),
      path: KONG_READY_PATH,
      matcher: "200",
      interval: 10,
      timeout: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 2,
    };
    this.proxyTargetGroup = new LbTargetGroup(this, "proxy", {
      name: name("proxy"),
      port: KONG_PORTS.proxy,
      protocol: listener.protocol,
      targetType: "ip",
      vpcId: network.vpcId,
      proxyProtocolV2: true,
      connectionTermination: true,
      deregistrationDelay: delay,
      healthCheck: readiness,
      tags: { Name: name("proxy") },
    });
    this.statusTargetGroup = new LbTargetGroup(this, "status", {
      name: name("status"),
      port: KONG_PORTS.status,
      protocol: "TCP",
      targetType: "ip",
      vpcId: network.vpcId,
      deregistrationDelay: "10",
      healthCheck: readiness,
      tags: { Name: name("status") },
    });
    this.adminTargetGroup = new LbTargetGroup(this, "admin-targets", {
      name: name("admin"),
      port: KONG_PORTS.admin,
      protocol: "TCP",
      targetType: "ip",
      vpcId: network.vpcId,
      deregistrationDelay: "10",
      healthCheck: readiness,
      tags: { Name: name("admin") },
    });

    this.listeners.push(
      new LbListener(this, "public-443", {
        loadBalancerArn: this.publicLoadBalancer.arn,
        port: 443,
        protocol: listener.protocol,
        ...(listener.protocol === "TLS"
          ? { certificateArn: listener.certificateArn, sslPolicy: listener.sslPolicy ?? "ELBSecurityPolicy-TLS13-1-2-2021-06" }
          : {}),
        defaultAction: [{ type: "forward", targetGroupArn: this.proxyTargetGroup.arn }],
      }),
    );
    this.listeners.push(
      new LbListener(this, "public-status", {
        loadBalancerArn: this.publicLoadBalancer.arn,
        port: KONG_PORTS.status,
        protocol: "TCP",
        defaultAction: [{ type: "forward", targetGroupArn: this.statusTargetGroup.arn }],
      }),
    );
    this.listeners.push(
      new LbListener(this, "admin-8444", {
        loadBalancerArn: this.adminLoadBalancer.arn,
        port: KONG_PORTS.admin,
        protocol: "TCP",
        defaultAction: [{ type: "forward", targetGroupArn: this.adminTargetGroup.arn }],
      }),
    );
    this.adminDnsName = props.adminDnsName;
    if (props.adminDnsName !== undefined) this.createAdminName(props.adminDnsName, props.network.vpcId);
  }

  /** The Admin API's name inside the VPC (`adminDnsName`), when it has one. */
  readonly adminDnsName?: string;

  /** True when the public listener terminates TLS (a client certificate cannot reach Kong). */
  get terminatesTls(): boolean {
    return this.publicListenerProtocol === "TLS";
  }

  /** `https://<adminDnsName or the internal NLB's DNS name>:8444`: the Admin API for the gateway stack. */
  get adminUrl(): string {
    return `https://${this.adminDnsName ?? this.adminLoadBalancer.dnsName}:${KONG_PORTS.admin}`;
  }

  /** The private hosted zone that names the Admin API (`adminDnsName`), when there is one. */
  get adminZone(): Route53Zone | undefined {
    return this.node.tryFindChild("admin-zone") as Route53Zone | undefined;
  }

  /** The private zone of `adminDnsName` and its apex alias of the internal load balancer. */
  private createAdminName(name: string, vpcId: string): void {
    const zone = new Route53Zone(this, "admin-zone", {
      name,
      comment: "the Kong Admin API's name inside the VPC",
      vpc: [{ vpcId }],
    });
    new Route53Record(this, "admin-alias", {
      zoneId: zone.zoneId,
      name,
      type: "A",
      alias: { name: this.adminLoadBalancer.dnsName, zoneId: this.adminLoadBalancer.zoneId, evaluateTargetHealth: true },
    });
  }

  /**
   * Lets the load balancers reach Kong's security group: the public one on the proxy and status
   * ports, the internal one on the admin and status ports (health checks come from the NLB too).
   */
  allowTo(taskSecurityGroupId: string): void {
    const rules: [string, string, number][] = [
      ["public-to-proxy", this.publicSecurityGroup.id, KONG_PORTS.proxy],
      ["public-to-status", this.publicSecurityGroup.id, KONG_PORTS.status],
      ["admin-to-admin", this.adminSecurityGroup.id, KONG_PORTS.admin],
      ["admin-to-status", this.adminSecurityGroup.id, KONG_PORTS.status],
    ];
    for (const [ruleId, from, port] of rules) {
      new VpcSecurityGroupEgressRule(this, ruleId, {
        securityGroupId: from,
        referencedSecurityGroupId: taskSecurityGroupId,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description: `to Kong tasks on ${port}`,
      });
    }
  }
}
