import { Fn } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { ConfigError } from "../config/config-error";
import { isCidr } from "../config/formats";
import { Issue, isToken } from "../config/schema";

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
   * `one-per-az`: each AZ keeps egress (image pulls, AWS APIs, upstreams) when another fails;
   * `single`: one NAT gateway, cheaper, and a single point of failure for egress.
   * @default "one-per-az"
   */
  readonly natGateways?: "one-per-az" | "single";
  /**
   * Prefix of the resources' Name tags.
   * @default the construct path
   */
  readonly namePrefix?: string;
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

  constructor(scope: Construct, id: string, props: KongNetworkProps = {}) {
    super(scope, id);
    const cidr = props.cidrBlock ?? "10.0.0.0/16";
    const azCount = props.availabilityZones ?? 2;
    const issues: Issue[] = [];
    if (!isToken(cidr)) {
      const prefix = Number(cidr.split("/")[1]);
      if (!isCidr(cidr) || cidr.includes(":") || prefix < 16 || prefix > 22) {
        issues.push({ path: "cidrBlock", message: `${JSON.stringify(cidr)} is not an IPv4 /16 to /22: use e.g. 10.0.0.0/16` });
      }
    }
    if (!Number.isInteger(azCount) || azCount < 1 || azCount > 6) {
      issues.push({ path: "availabilityZones", message: `${azCount} is out of range: use 2 to 6 (1 is accepted, and flagged by rule KHA-HA-002)` });
    }
    if (issues.length) throw new ConfigError(issues, this.node.path);
    const name = props.namePrefix ?? this.node.path.replace(/\//g, "-");

    const zones = new DataAwsAvailabilityZones(this, "zones", {
      state: "available",
      filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
    });
    this.vpc = new Vpc(this, "vpc", { cidrBlock: cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: name } });
    this.vpcId = this.vpc.id;
    this.vpcCidrBlock = this.vpc.cidrBlock;
    this.availabilityZoneCount = azCount;
    // Nothing may use the default security group: it allows all traffic between its members.
    new DefaultSecurityGroup(this, "default-sg", { vpcId: this.vpc.id, tags: { Name: `${name}-default-unused` } });
    const igw = new InternetGateway(this, "igw", { vpcId: this.vpc.id, tags: { Name: name } });
    const publicRoutes = new RouteTable(this, "public-route-table", {
      vpcId: this.vpc.id,
      route: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
      tags: { Name: `${name}-public` },
    });

    const natCount = (props.natGateways ?? "one-per-az") === "single" ? 1 : azCount;
    for (let i = 0; i < azCount; i++) {
      const az = Fn.element(zones.names, i);
      // /16 -> /20 subnets: public ones at the bottom of the range, private ones from the middle.
      const publicSubnet = new Subnet(this, `public-${i}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: Fn.cidrsubnet(cidr, 4, i),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${name}-public-${i}`, Tier: "public" },
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
        availabilityZone: Fn.element(zones.names, i),
        cidrBlock: Fn.cidrsubnet(cidr, 4, 8 + i),
        tags: { Name: `${name}-private-${i}`, Tier: "private" },
      });
      const routes = new RouteTable(this, `private-${i}-route-table`, {
        vpcId: this.vpc.id,
        route: [{ cidrBlock: "0.0.0.0/0", natGatewayId: this.natGateways[Math.min(i, natCount - 1)].id }],
        tags: { Name: `${name}-private-${i}` },
      });
      new RouteTableAssociation(this, `private-${i}-routes`, { subnetId: privateSubnet.id, routeTableId: routes.id });
      this.privateSubnetIds.push(privateSubnet.id);
      this.privateSubnetAvailabilityZones.push(privateSubnet.availabilityZone);
    }
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
    this.privateSubnetAvailabilityZones = props.privateSubnetIds.map(
      (subnet, i) => new DataAwsSubnet(this, `private-${i}`, { id: subnet }).availabilityZone,
    );
    this.availabilityZoneCount = Math.min(props.privateSubnetIds.length, props.publicSubnetIds.length);
  }
}
