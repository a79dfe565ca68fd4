import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformCloudBackend } from "./kong-ha-stack";
import { Topology } from "./resolved-topology";
import { IKongSiteEndpoint } from "../site/kong-site";
import { GlobalTraffic } from "./global-traffic";
import { KongHaStack } from "./kong-ha-stack";
import { QuorumComponent } from "./quorum-component";
import { MANAGED_BY } from "../core/naming";

/** Route 53 is global; its health-check metrics and alarms live in us-east-1. */
export const GLOBAL_REGION = "us-east-1";

export interface GlobalTrafficStackProps {
  /** The validated topology: domain, DNS zone, failover settings and the sites to steer between. */
  readonly topology: Topology;
  /** Each site's endpoint by site name (normally the KongSite of its infra stack). */
  readonly sites: ReadonlyMap<string, IKongSiteEndpoint>;
  /** @default local state */
  readonly terraformCloud?: TerraformCloudBackend;
}

/**
 * `global`: the Route 53 side of the estate (GlobalTraffic: health checks and failover, latency or
 * weighted records) plus the quorum placements the topology declares, for the HA rules.
 */
export class GlobalTrafficStack extends KongHaStack {
  readonly traffic: GlobalTraffic;
  readonly quorum: QuorumComponent[];

  constructor(scope: Construct, id: string, props: GlobalTrafficStackProps) {
    super(scope, id, { terraformCloud: props.terraformCloud });
    const { topology } = props;
    new AwsProvider(this, "aws", {
      region: GLOBAL_REGION,
      defaultTags: [{ tags: { "kong-ha:estate": topology.name, "managed-by": MANAGED_BY } }],
    });
    this.traffic = new GlobalTraffic(this, "traffic", {
      domain: topology.domain,
      routing: topology.failover.routing,
      hostedZone: topology.dns.hostedZoneId ? { zoneId: topology.dns.hostedZoneId, zoneName: topology.dns.zoneName } : undefined,
      zoneName: topology.dns.zoneName,
      failoverTargetSeconds: topology.failover.targetSeconds,
      alarmTopicArn: topology.failover.alarmTopicArn,
      zoneSecurity: { protect: topology.protect },
      endpoints: topology.sites.map((site) => ({ site: props.sites.get(site.name)!, role: site.role, weight: site.weight })),
    });
    this.quorum = topology.quorum.map((q) => new QuorumComponent(this, `quorum-${q.name}`, { component: q.name, sites: q.sites, witness: q.witness }));
  }
}
