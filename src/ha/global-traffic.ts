import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Route53HealthCheck } from "@cdktf/provider-aws/lib/route53-health-check";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { ConfigError } from "../core/config-error";
import { DOMAIN_PATTERN } from "../core/formats";
import { Issue } from "../core/schema";
import { IKongSiteEndpoint, SiteRole } from "../site/kong-site";
import { failoverTimings, FailoverTimings } from "./failover-timing";
import { PublicZoneSecurity, PublicZoneSecurityProps } from "./public-zone-security";

/** How the global name picks a site among serving ones (active-active). */
export const ACTIVE_ACTIVE_ROUTINGS = ["latency", "weighted"] as const;
/** How the global name picks a site: failover (active-passive), or an active-active policy. */
export type GlobalRouting = "failover" | (typeof ACTIVE_ACTIVE_ROUTINGS)[number];

/** How long clients may still be sent to a failed site when nothing says. */
export const DEFAULT_FAILOVER_TARGET_SECONDS = 120;

/** A site's share of traffic with weighted routing when it does not say. */
export const DEFAULT_SITE_WEIGHT = 100;

export interface GlobalTrafficEndpoint {
  /** The site (a KongSite, or `KongSite.endpointFromAttributes`). */
  readonly site: IKongSiteEndpoint;
  /** failover routing: one `primary` and one `standby`; latency and weighted routing: `active`. */
  readonly role: SiteRole;
  /**
   * Share of traffic with weighted routing (0-255).
   * @default 100
   */
  readonly weight?: number;
  /**
   * Attach a Route 53 health check, so the site leaves DNS when it fails. Turning it off on a primary
   * means it never fails over (rule KHA-HA-005).
   * @default true
   */
  readonly healthCheck?: boolean;
}

/** An existing public hosted zone. */
export interface HostedZoneAttributes {
  readonly zoneId: string;
  /** Its name, e.g. example.com: the records' names are checked against it. */
  readonly zoneName: string;
}

export interface GlobalTrafficProps {
  /** The name clients use, e.g. api.example.com. */
  readonly domain: string;
  /** How the records steer: failover (active-passive), latency or weighted (active-active). */
  readonly routing: GlobalRouting;
  /** The sites to steer between, each with its endpoint, role and health check settings. */
  readonly endpoints: readonly GlobalTrafficEndpoint[];
  /** @default a new public hosted zone named `zoneName` (delegate it from the parent zone) */
  readonly hostedZone?: HostedZoneAttributes;
  /**
   * Name of the hosted zone to create when `hostedZone` is not given: the domain or a parent of it.
   * @default domain
   */
  readonly zoneName?: string;
  /**
   * The longest a client may keep being sent to a failed site, seconds; the health-check interval,
   * failure threshold and TTL are derived from it (see `failoverTimings`).
   * @default 120
   */
  readonly failoverTargetSeconds?: number;
  /** SNS topic (us-east-1) notified when a site's health check fails. @default no alarms */
  readonly alarmTopicArn?: string;
  /** Also publish `<site>.<domain>` per site (drills, debugging, pinning a client). @default true */
  readonly siteRecords?: boolean;
  /**
   * Safeguards of the hosted zone this construct creates (not used with `hostedZone`): DNS query
   * logging, DNSSEC signing and destroy protection (`protect: false` for throw-away estates).
   * @default all on (see PublicZoneSecurity)
   */
  readonly zoneSecurity?: Omit<PublicZoneSecurityProps, "zone" | "zoneName" | "alarmTopicArn">;
}

/**
 * Route 53 steering for a Kong estate: one HTTP health check per site against Kong's readiness
 * endpoint through the site's public load balancer, and records for the global name:
 * - `failover`: PRIMARY on the primary site and SECONDARY on the standby, each with its health check;
 * - `latency`: one record per site in its region, each with its health check, so a failed site drops
 *   out and clients go to the nearest healthy one;
 * - `weighted`: one record per site with its weight and health check.
 * CNAME records get a TTL derived from the failover target; at a zone apex (domain = zone name) the
 * records are aliases to the load balancers, whose TTL AWS fixes at 60 s.
 */
export class GlobalTraffic extends Construct {
  readonly routing: GlobalRouting;
  readonly endpoints: readonly GlobalTrafficEndpoint[];
  readonly timings: FailoverTimings;
  readonly zoneId: string;
  readonly zone?: Route53Zone;
  /** Health checks by site name (absent for an endpoint with `healthCheck: false`). */
  readonly healthChecks = new Map<string, Route53HealthCheck>();
  /** The global records by site name. */
  readonly records = new Map<string, Route53Record>();
  /** True when the records are aliases (the domain is the zone apex). */
  readonly aliasRecords: boolean;

  constructor(scope: Construct, id: string, props: GlobalTrafficProps) {
    super(scope, id);
    const issues: Issue[] = [];
    const zoneName = props.hostedZone?.zoneName ?? props.zoneName ?? props.domain;
    if (!DOMAIN_PATTERN.regex.test(props.domain)) issues.push({ path: "domain", message: `${JSON.stringify(props.domain)} is not ${DOMAIN_PATTERN.means}` });
    if (props.domain !== zoneName && !props.domain.endsWith(`.${zoneName}`)) {
      issues.push({ path: "hostedZone.zoneName", message: `${props.domain} is not in zone ${zoneName}: give the zone of the domain or of a parent` });
    }
    const names = props.endpoints.map((e) => e.site.siteName);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) issues.push({ path: `endpoints[${i}].site`, message: `site "${name}" is listed twice` });
    });
    if (props.endpoints.length < 2) issues.push({ path: "endpoints", message: `steering needs at least two sites, got ${props.endpoints.length}` });
    if (props.routing === "failover") {
      for (const role of ["primary", "standby"] as const) {
        const count = props.endpoints.filter((e) => e.role === role).length;
        if (count !== 1)
          issues.push({
            path: "endpoints",
            message: `failover routing needs exactly one ${role} (Route 53 has one ${role === "primary" ? "PRIMARY" : "SECONDARY"} record per name), got ${count}`,
          });
      }
    }
    props.endpoints.forEach((e, i) => {
      if (props.routing === "failover" && e.role === "active")
        issues.push({ path: `endpoints[${i}].role`, message: `"active" is for latency or weighted routing: use primary or standby` });
      if (props.routing !== "failover" && e.role !== "active")
        issues.push({ path: `endpoints[${i}].role`, message: `"${e.role}" is for failover routing: with ${props.routing} routing every site is active` });
      if (e.weight !== undefined && (!Number.isInteger(e.weight) || e.weight < 0 || e.weight > 255)) {
        issues.push({ path: `endpoints[${i}].weight`, message: `${e.weight} is out of range: Route 53 weights are 0 to 255` });
      }
    });
    this.aliasRecords = props.domain === zoneName;
    const target = props.failoverTargetSeconds ?? DEFAULT_FAILOVER_TARGET_SECONDS;
    const timings = failoverTimings(target, { aliasRecords: this.aliasRecords });
    if (!timings) {
      issues.push({
        path: "failoverTargetSeconds",
        message: this.aliasRecords
          ? `${target} s cannot be met with alias records at the zone apex (their TTL is 60 s): allow at least 70 s, or put the domain below the zone apex`
          : `${target} s cannot be met: Route 53 needs at least 10 s to detect a failure and resolvers 10 s of TTL; allow at least 20 s`,
      });
    }
    if (issues.length) throw new ConfigError(issues, this.node.path);
    this.timings = timings!;
    this.routing = props.routing;
    this.endpoints = props.endpoints;

    if (props.hostedZone) {
      this.zoneId = props.hostedZone.zoneId;
    } else {
      this.zone = new Route53Zone(this, "zone", { name: zoneName, comment: `Kong estate ${props.domain}`, forceDestroy: false });
      this.zoneId = this.zone.zoneId;
      new TerraformOutput(this, "name-servers", { value: this.zone.nameServers, description: `delegate ${zoneName} to these name servers` }).overrideLogicalId(
        "name-servers",
      );
      new PublicZoneSecurity(this, "zone-security", { ...props.zoneSecurity, zone: this.zone, zoneName, alarmTopicArn: props.alarmTopicArn });
    }

    for (const endpoint of props.endpoints) {
      const site = endpoint.site;
      if (endpoint.healthCheck !== false) {
        const check = new Route53HealthCheck(this, `health-${site.siteName}`, {
          type: "HTTP",
          fqdn: site.publicDnsName,
          port: site.statusPort,
          resourcePath: site.statusPath,
          requestInterval: this.timings.requestInterval,
          failureThreshold: this.timings.failureThreshold,
          measureLatency: true,
          tags: { Name: `kong ${site.siteName} (${site.region})` },
        });
        this.healthChecks.set(site.siteName, check);
        // Stable, readable output names: the runbook's commands read them.
        new TerraformOutput(this, `health-check-${site.siteName}`, {
          value: check.id,
          description: `Route 53 health check of site ${site.siteName}`,
        }).overrideLogicalId(`health-check-${site.siteName}`);
        if (props.alarmTopicArn) {
          new CloudwatchMetricAlarm(this, `health-${site.siteName}-alarm`, {
            alarmName: `kong-${props.domain}-${site.siteName}-unhealthy`,
            alarmDescription: `Kong site ${site.siteName} (${site.region}) fails its Route 53 health check: traffic has left it`,
            namespace: "AWS/Route53",
            metricName: "HealthCheckStatus",
            dimensions: { HealthCheckId: check.id },
            statistic: "Minimum",
            period: 60,
            evaluationPeriods: 1,
            threshold: 1,
            comparisonOperator: "LessThanThreshold",
            treatMissingData: "breaching",
            alarmActions: [props.alarmTopicArn],
            okActions: [props.alarmTopicArn],
          });
        }
      }
      const healthCheckId = this.healthChecks.get(site.siteName)?.id;
      this.records.set(
        site.siteName,
        new Route53Record(this, `record-${site.siteName}`, {
          zoneId: this.zoneId,
          name: props.domain,
          setIdentifier: site.siteName,
          healthCheckId,
          ...this.target(site),
          ...routingPolicy(props.routing, endpoint),
        }),
      );
      if (props.siteRecords !== false) {
        new Route53Record(this, `site-${site.siteName}`, {
          zoneId: this.zoneId,
          name: `${site.siteName}.${props.domain}`,
          type: "CNAME",
          ttl: this.timings.ttl,
          records: [site.publicDnsName],
        });
      }
    }
  }

  /** The endpoint of the primary (failover routing). */
  get primary(): GlobalTrafficEndpoint | undefined {
    return this.endpoints.find((e) => e.role === "primary");
  }

  private target(
    site: IKongSiteEndpoint,
  ): Pick<Route53Record, "type"> & { ttl?: number; records?: string[]; alias?: { name: string; zoneId: string; evaluateTargetHealth: boolean } } {
    if (this.aliasRecords) {
      // The health check decides; the load balancer's own target health would double-count.
      return { type: "A", alias: { name: site.publicDnsName, zoneId: site.publicZoneId, evaluateTargetHealth: false } };
    }
    return { type: "CNAME", ttl: this.timings.ttl, records: [site.publicDnsName] };
  }
}

function routingPolicy(routing: GlobalRouting, endpoint: GlobalTrafficEndpoint): object {
  switch (routing) {
    case "failover":
      return { failoverRoutingPolicy: { type: endpoint.role === "primary" ? "PRIMARY" : "SECONDARY" } };
    case "latency":
      return { latencyRoutingPolicy: { region: endpoint.site.region } };
    case "weighted":
      return { weightedRoutingPolicy: { weight: endpoint.weight ?? DEFAULT_SITE_WEIGHT } };
  }
}
