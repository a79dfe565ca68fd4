import { Fn } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { ConfigError } from "../core/config-error";
import { isCidr } from "../core/formats";
import { Issue, isToken } from "../core/schema";
import { skipCheckov } from "../core/checkov-suppression";
import { allowDestroy } from "../core/destroy-protection";
import { ILogEncryptionKey } from "./kong-site-key";
import { physicalName } from "../core/naming";

/** Where a Kong site runs: a VPC with a private and a public subnet per AZ. */
export interface IKongNetwork extends IConstruct {
  readonly vpcId: string;
  /** The VPC's IPv4 CIDR (a token for an existing VPC). */
  readonly vpcCidrBlock: string;
  /** Kong tasks, the database and the internal Admin API load balancer. */
  readonly privateSubnetIds: string[];
  /** The public load balancer. */
  readonly publicSubnetIds: string[];
  /** The AZ of each private subnet (tokens), for the multi-AZ precondition. */
  readonly privateSubnetAvailabilityZones: string[];
  /**
   * How many AZs the subnets span when known at synth; for adopted subnets the smaller of the two
   * subnet counts (an upper bound: the apply-time precondition checks the real AZs).
   */
  readonly availabilityZoneCount: number;
}

/** NAT gateways of a new VPC: one per AZ (losing an AZ keeps egress) or a single, cheaper one. */
export const NAT_GATEWAY_MODES = ["one-per-az", "single"] as const;
export type NatGatewayMode = (typeof NAT_GATEWAY_MODES)[number];

/** What a new `KongNetwork` spans when its props leave it out. */
export const KONG_NETWORK_DEFAULTS = { availabilityZones: 2, natGateways: "one-per-az" } as const satisfies {
  readonly availabilityZones: number;
  readonly natGateways: NatGatewayMode;
};

export interface KongNetworkProps {
  /**
   * The VPC's IPv4 CIDR, /16 to /22; split into one public and one private subnet per AZ.
   * @default "10.0.0.0/16"
   */
  readonly cidrBlock?: string;
  /**
   * How many AZs the subnets span (the first N available in the region).
   * @default 2
   */
  readonly availabilityZones?: number;
  /**
   * The AZs by name, e.g. `["us-east-1a", "us-east-1b"]`, instead of the first `availabilityZones`
   * of the region: the configuration then says exactly where every subnet is.
   * @default the first `availabilityZones` available zones of the region, read at plan time (each
   *   subnet keeps the zone it was created in when that list changes later)
   */
  readonly availabilityZoneNames?: readonly string[];
  /**
   * VPC flow logs to a CloudWatch log group, or `false` for none (not recommended: they are the
   * record of every connection to and from the site, which NLB access logs do not give for TCP).
   * @default every accepted and rejected connection, kept 365 days
   */
  readonly flowLogs?: KongFlowLogsProps | false;
  /**
   * Keep the flow log group and its logs when the stack is destroyed (`skip_destroy`). Turn off only
   * for throw-away environments.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * `one-per-az`: each AZ keeps egress (image pulls, AWS APIs, upstreams) when another fails;
   * `single`: one NAT gateway, cheaper, and a single point of failure for egress.
   * @default "one-per-az"
   */
  readonly natGateways?: NatGatewayMode;
  /**
   * Prefix of the resources' Name tags.
   * @default the construct path
   */
  readonly namePrefix?: string;
}

/** Where a new VPC's flow logs go. */
export interface KongFlowLogsProps {
  /**
   * Days the log group keeps them.
   * @default 365
   */
  readonly retentionDays?: number;
  /**
   * Which connections are logged.
   * @default "ALL"
   */
  readonly trafficType?: "ALL" | "ACCEPT" | "REJECT";
  /**
   * Seconds over which a flow is aggregated into one record: 60 or 600.
   * @default 600
   */
  readonly maxAggregationIntervalSeconds?: 60 | 600;
  /**
   * KMS key of the log group; its key policy must let CloudWatch Logs use it for this group.
   * `KongSite` passes its site key (`encryptFlowLogs`).
   * @default CloudWatch Logs' own encryption, until `encryptFlowLogs` is called
   */
  readonly kmsKeyArn?: string;
}

export interface ExistingKongNetworkProps {
  /** The existing VPC, e.g. vpc-0123456789abcdef0. */
  readonly vpcId: string;
  /** One per AZ, routed to a NAT gateway (Kong pulls its image and reaches upstreams through it). */
  readonly privateSubnetIds: readonly string[];
  /** One per AZ, routed to an internet gateway. */
  readonly publicSubnetIds: readonly string[];
}

/**
 * A small VPC for one Kong site: a public and a private subnet in each of N AZs, an internet gateway,
 * NAT gateways (one per AZ by default), and the VPC's default security group emptied so nothing
 * lands in it by accident. `KongNetwork.fromExisting` adopts a VPC and subnets by ID instead.
 */
export class KongNetwork extends Construct implements IKongNetwork {
  /** Adopts an existing VPC and its subnets; creates nothing but data sources. */
  static fromExisting(scope: Construct, id: string, props: ExistingKongNetworkProps): IKongNetwork {
    return new ExistingKongNetwork(scope, id, props);
  }

  readonly vpcId: string;
  readonly vpcCidrBlock: string;
  readonly privateSubnetIds: string[] = [];
  readonly publicSubnetIds: string[] = [];
  readonly privateSubnetAvailabilityZones: string[] = [];
  readonly availabilityZoneCount: number;
  readonly vpc: Vpc;
  readonly natGateways: NatGateway[] = [];
  /** The flow logs' log group, unless `flowLogs: false`. */
  readonly flowLogGroup?: CloudwatchLogGroup;
  /** Its name, `/kong-ha/<namePrefix>/vpc-flow-logs`. */
  readonly flowLogGroupName?: string;

  constructor(scope: Construct, id: string, props: KongNetworkProps = {}) {
    super(scope, id);
    const cidr = props.cidrBlock ?? "10.0.0.0/16";
    const azNames = props.availabilityZoneNames;
    const azCount = azNames ? azNames.length : (props.availabilityZones ?? KONG_NETWORK_DEFAULTS.availabilityZones);
    const issues: Issue[] = [];
    if (!isToken(cidr)) {
      const prefix = Number(cidr.split("/")[1]);
      if (!isCidr(cidr) || cidr.includes(":") || prefix < 16 || prefix > 22) {
        issues.push({ path: "cidrBlock", message: `${JSON.stringify(cidr)} is not an IPv4 /16 to /22: use e.g. 10.0.0.0/16` });
      }
    }
    if (!Number.isInteger(azCount) || azCount < 1 || azCount > 6) {
      issues.push({
        path: azNames ? "availabilityZoneNames" : "availabilityZones",
        message: `${azCount} ${azNames ? "names are" : "is"} out of range: use 2 to 6 (1 is accepted, and flagged by rule KHA-HA-002)`,
      });
    }
    if (azNames && props.availabilityZones !== undefined && props.availabilityZones !== azNames.length) {
      issues.push({
        path: "availabilityZones",
        message: `${props.availabilityZones} disagrees with the ${azNames.length} availabilityZoneNames: give one or the other`,
      });
    }
    (azNames ?? []).forEach((az, i) => {
      if (!isToken(az) && !/^[a-z]{2}(-[a-z0-9]+)+-?\d[a-z]$/.test(az)) {
        issues.push({ path: `availabilityZoneNames[${i}]`, message: `${JSON.stringify(az)} is not an availability zone name such as us-east-1a` });
      } else if (azNames!.indexOf(az) !== i) {
        issues.push({ path: `availabilityZoneNames[${i}]`, message: `${JSON.stringify(az)} is listed twice: one subnet pair per zone` });
      }
    });
    const flowLogs = props.flowLogs === false ? undefined : (props.flowLogs ?? {});
    const flowRetention = flowLogs?.retentionDays ?? 365;
    if (flowLogs && !LOG_RETENTION_DAYS.includes(flowRetention)) {
      issues.push({
        path: "flowLogs.retentionDays",
        message: `${flowRetention} is not a CloudWatch Logs retention: use one of ${LOG_RETENTION_DAYS.join(", ")}`,
      });
    }
    if (issues.length) throw new ConfigError(issues, this.node.path);
    const name = props.namePrefix ?? this.node.path.replace(/\//g, "-");

    let zoneAt: (i: number) => string;
    if (azNames) {
      zoneAt = (i) => azNames[i];
    } else {
      const zones = new DataAwsAvailabilityZones(this, "zones", {
        state: "available",
        filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
      });
      skipCheckov(zones, {
        id: "CKV_AWS_394",
        comment:
          "Only the first N zones by name are used, to place new subnets; every subnet ignores later changes to its zone, so a zone AWS adds or withdraws later never moves or replaces one (availabilityZoneNames pins the names instead).",
      });
      zoneAt = (i) => Fn.element(zones.names, i);
    }
    this.vpc = new Vpc(this, "vpc", { cidrBlock: cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: name } });
    this.vpcId = this.vpc.id;
    this.vpcCidrBlock = this.vpc.cidrBlock;
    this.availabilityZoneCount = azCount;
    // Nothing may use the default security group: it allows all traffic between its members.
    new DefaultSecurityGroup(this, "default-sg", { vpcId: this.vpc.id, tags: { Name: `${name}-default-unused` } });
    const igw = new InternetGateway(this, "igw", { vpcId: this.vpc.id, tags: { Name: name } });
    // Routes are aws_route resources, not inline `route` blocks: AWS provider 6.48 made every attribute
    // of an inline route required (odb_network_arn among them), which the bindings leave out.
    const publicRoutes = new RouteTable(this, "public-route-table", { vpcId: this.vpc.id, tags: { Name: `${name}-public` } });
    new Route(this, "public-default-route", { routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });

    const natCount = (props.natGateways ?? KONG_NETWORK_DEFAULTS.natGateways) === "single" ? 1 : azCount;
    for (let i = 0; i < azCount; i++) {
      const az = zoneAt(i);
      // /16 -> /20 subnets: public ones at the bottom of the range, private ones from the middle.
      const publicSubnet = new Subnet(this, `public-${i}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: Fn.cidrsubnet(cidr, 4, i),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${name}-public-${i}`, Tier: "public" },
        lifecycle: azNames ? undefined : { ignoreChanges: ["availability_zone"] },
      });
      new RouteTableAssociation(this, `public-${i}-routes`, { subnetId: publicSubnet.id, routeTableId: publicRoutes.id });
      this.publicSubnetIds.push(publicSubnet.id);
      if (i < natCount) {
        const eip = new Eip(this, `nat-${i}-ip`, { domain: "vpc", tags: { Name: `${name}-nat-${i}` } });
        this.natGateways.push(
          new NatGateway(this, `nat-${i}`, { allocationId: eip.id, subnetId: publicSubnet.id, tags: { Name: `${name}-nat-${i}` }, dependsOn: [igw] }),
        );
      }
    }
    for (let i = 0; i < azCount; i++) {
      const privateSubnet = new Subnet(this, `private-${i}`, {
        vpcId: this.vpc.id,
        availabilityZone: zoneAt(i),
        cidrBlock: Fn.cidrsubnet(cidr, 4, 8 + i),
        tags: { Name: `${name}-private-${i}`, Tier: "private" },
        lifecycle: azNames ? undefined : { ignoreChanges: ["availability_zone"] },
      });
      const routes = new RouteTable(this, `private-${i}-route-table`, { vpcId: this.vpc.id, tags: { Name: `${name}-private-${i}` } });
      new Route(this, `private-${i}-default-route`, {
        routeTableId: routes.id,
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: this.natGateways[Math.min(i, natCount - 1)].id,
      });
      new RouteTableAssociation(this, `private-${i}-routes`, { subnetId: privateSubnet.id, routeTableId: routes.id });
      this.privateSubnetIds.push(privateSubnet.id);
      this.privateSubnetAvailabilityZones.push(privateSubnet.availabilityZone);
    }
    if (props.protect === false) allowDestroy(this);
    if (flowLogs) {
      this.flowLogGroupName = `/kong-ha/${name}/vpc-flow-logs`;
      this.flowLogGroup = this.addFlowLogs(name, this.flowLogGroupName, flowLogs, flowRetention, props.protect !== false);
    }
  }

  /**
   * Encrypts the flow log group with `key` (and lets CloudWatch Logs use the key for it), unless it
   * already has a key. `KongSite` calls this with its site key.
   */
  encryptFlowLogs(key: ILogEncryptionKey): void {
    if (!this.flowLogGroup || this.flowLogGroup.kmsKeyIdInput !== undefined) return;
    key.allowLogGroup(this.flowLogGroupName!);
    this.flowLogGroup.kmsKeyId = key.arn;
  }

  private addFlowLogs(name: string, groupName: string, props: KongFlowLogsProps, retentionDays: number, protect: boolean): CloudwatchLogGroup {
    const group = new CloudwatchLogGroup(this, "flow-logs", {
      name: groupName,
      retentionInDays: retentionDays,
      kmsKeyId: props.kmsKeyArn,
      skipDestroy: protect,
    });
    const account = new DataAwsCallerIdentity(this, "account");
    const trust = new DataAwsIamPolicyDocument(this, "flow-logs-trust", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["vpc-flow-logs.amazonaws.com"] }],
          // Only flow logs of this account may assume the role (confused deputy).
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [account.accountId] }],
        },
      ],
    });
    const role = new IamRole(this, "flow-logs-role", {
      name: physicalName([name, "vpc-flow-logs"], 64),
      description: `VPC flow logs of ${name} to ${groupName}`,
      assumeRolePolicy: trust.json,
    });
    const write = new DataAwsIamPolicyDocument(this, "flow-logs-write", {
      statement: [{ actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], resources: [group.arn, `${group.arn}:*`] }],
    });
    new IamRolePolicy(this, "flow-logs-policy", { name: "write-flow-logs", role: role.id, policy: write.json });
    new FlowLog(this, "flow-log", {
      vpcId: this.vpc.id,
      trafficType: props.trafficType ?? "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: group.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: props.maxAggregationIntervalSeconds ?? 600,
      tags: { Name: `${name}-flow-logs` },
    });
    return group;
  }
}

class ExistingKongNetwork extends Construct implements IKongNetwork {
  readonly vpcId: string;
  readonly vpcCidrBlock: string;
  readonly privateSubnetIds: string[];
  readonly publicSubnetIds: string[];
  readonly privateSubnetAvailabilityZones: string[];
  readonly availabilityZoneCount: number;

  constructor(scope: Construct, id: string, props: ExistingKongNetworkProps) {
    super(scope, id);
    const issues: Issue[] = [];
    if (!isToken(props.vpcId) && !/^vpc-[0-9a-f]{8,17}$/.test(props.vpcId)) {
      issues.push({ path: "vpcId", message: `${JSON.stringify(props.vpcId)} is not a VPC ID such as vpc-0123456789abcdef0` });
    }
    for (const key of ["privateSubnetIds", "publicSubnetIds"] as const) {
      if (props[key].length === 0) issues.push({ path: key, message: "needs at least one subnet (one per AZ; two AZs or more for HA)" });
      props[key].forEach((subnet, i) => {
        if (!isToken(subnet) && !/^subnet-[0-9a-f]{8,17}$/.test(subnet)) {
          issues.push({ path: `${key}[${i}]`, message: `${JSON.stringify(subnet)} is not a subnet ID such as subnet-0123456789abcdef0` });
        }
      });
    }
    if (issues.length) throw new ConfigError(issues, this.node.path);
    const vpc = new DataAwsVpc(this, "vpc", { id: props.vpcId });
    this.vpcId = props.vpcId;
    this.vpcCidrBlock = vpc.cidrBlock;
    this.privateSubnetIds = [...props.privateSubnetIds];
    this.publicSubnetIds = [...props.publicSubnetIds];
    this.privateSubnetAvailabilityZones = props.privateSubnetIds.map((subnet, i) => new DataAwsSubnet(this, `private-${i}`, { id: subnet }).availabilityZone);
    this.availabilityZoneCount = Math.min(props.privateSubnetIds.length, props.publicSubnetIds.length);
  }
}

/** The retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
