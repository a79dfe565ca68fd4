import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { GlobalTraffic, GlobalTrafficProps } from "../../../src/ha/global-traffic";
import { DEFAULT_RULE_PACK } from "../../../src/ha/default-rule-pack";
import { PROTECT_FALSE_REASON } from "../../../src/core/destroy-protection";
import { RuleChecker } from "../../../src/core/rules/rule-checker";
import { KongSite } from "../../../src/site/kong-site";
import { configErrorOf, resources, StackJson, synthOf } from "../../support/synth";

const site = (siteName: string, region: string) =>
  KongSite.endpointFromAttributes({ siteName, region, publicDnsName: `${siteName}-pub.elb.${region}.amazonaws.com`, publicZoneId: "Z26RNL4JYFTOTI" });

function build(props: Partial<GlobalTrafficProps> = {}): { stack: TerraformStack; json: StackJson } {
  const stack = new TerraformStack(Testing.app(), "global");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new GlobalTraffic(stack, "traffic", {
    domain: "api.example.com",
    routing: "failover",
    endpoints: [
      { site: site("east", "us-east-1"), role: "primary" },
      { site: site("west", "us-west-2"), role: "standby" },
    ],
    ...props,
  });
  return { stack, json: synthOf(stack) };
}

describe("PublicZoneSecurity (the hosted zone GlobalTraffic creates)", () => {
  const { json } = build();

  it("refuses to destroy the zone: a new one would have new name servers", () => {
    assert.deepEqual(resources(json, "aws_route53_zone")[0].lifecycle, { prevent_destroy: true });
  });

  it("logs DNS queries to an encrypted log group kept a year and on destroy", () => {
    const group = resources(json, "aws_cloudwatch_log_group")[0];
    const queryLog = resources(json, "aws_route53_query_log")[0];
    assert.deepEqual([group.name, group.retention_in_days, group.skip_destroy], ["/aws/route53/api.example.com", 365, true]);
    assert.match(group.kms_key_id, /^\$\{aws_kms_key\.traffic_zone-security_query-log-key_\w+\.arn\}$/);
    assert.match(queryLog.cloudwatch_log_group_arn, /^\$\{aws_cloudwatch_log_group\.traffic_zone-security_query-logs_\w+\.arn\}$/);
    assert.equal(queryLog.depends_on.length, 1);
  });

  it("lets Route 53 write the query logs of this zone only", () => {
    const doc = (Object.values(json.data.aws_iam_policy_document) as StackJson[]).find((d) => d.statement[0].sid === "Route53WritesThisZonesQueryLogs")!;
    const statement = doc.statement[0];
    assert.deepEqual(
      [statement.principals[0].identifiers, statement.actions, statement.condition.map((c: StackJson) => c.variable)],
      [["route53.amazonaws.com"], ["logs:CreateLogStream", "logs:PutLogEvents"], ["aws:SourceArn", "aws:SourceAccount"]],
    );
    assert.match(statement.condition[0].values[0], /:route53:::hostedzone\/\$\{aws_route53_zone\.traffic_zone_\w+\.zone_id\}$/);
  });

  it("signs the zone with DNSSEC through a protected ECC key and outputs the DS record for the parent", () => {
    const key = resources(json, "aws_kms_key").find((k) => k.key_usage === "SIGN_VERIFY")!;
    const [ksk, dnssec] = [resources(json, "aws_route53_key_signing_key")[0], resources(json, "aws_route53_hosted_zone_dnssec")[0]];
    assert.deepEqual(
      [key.customer_master_key_spec, key.lifecycle, ksk.status, ksk.lifecycle, dnssec.signing_status, dnssec.lifecycle, Object.keys(json.output)],
      [
        "ECC_NIST_P256",
        { prevent_destroy: true },
        "ACTIVE",
        { prevent_destroy: true },
        "SIGNING",
        { prevent_destroy: true },
        ["dnssec-ds-record", "health-check-east", "health-check-west", "name-servers"],
      ],
    );
  });

  it("lets only Route 53's DNSSEC service of this account sign with the key", () => {
    const doc = (Object.values(json.data.aws_iam_policy_document) as StackJson[]).find((d) =>
      d.statement.some((s: StackJson) => s.sid === "Route53DnssecSigns"),
    )!;
    const signs = doc.statement.find((s: StackJson) => s.sid === "Route53DnssecSigns");
    assert.deepEqual(
      [signs.principals[0].identifiers, signs.actions, signs.condition.map((c: StackJson) => c.variable)],
      [["dnssec-route53.amazonaws.com"], ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"], ["aws:SourceAccount", "aws:SourceArn"]],
    );
  });

  it("alarms on DNSSEC trouble when there is an alarm topic", () => {
    const alarms = resources(build({ alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:ops" }).json, "aws_cloudwatch_metric_alarm").map((a) => a.metric_name);
    assert.deepEqual(alarms.filter((m) => m.startsWith("DNSSEC")).sort(), ["DNSSECInternalFailure", "DNSSECKeySigningKeysNeedingAction"]);
  });

  it("can leave query logging and DNSSEC off", () => {
    const { json: off } = build({ zoneSecurity: { queryLogRetentionDays: false, dnssec: false } });
    assert.deepEqual(
      ["aws_route53_query_log", "aws_route53_key_signing_key", "aws_kms_key", "aws_cloudwatch_log_group"].map((t) => resources(off, t).length),
      [0, 0, 0, 0],
    );
  });

  it("makes everything destroyable with protect: false, recorded for the rules", () => {
    const { stack, json: open } = build({ zoneSecurity: { protect: false } });
    assert.deepEqual(
      [
        resources(open, "aws_route53_zone")[0].lifecycle,
        resources(open, "aws_kms_key").map((k) => k.lifecycle),
        resources(open, "aws_cloudwatch_log_group")[0].skip_destroy,
      ],
      [undefined, [undefined, undefined], false],
    );
    const findings = new RuleChecker(DEFAULT_RULE_PACK).check(stack).filter((f) => f.ruleId.startsWith("KHA-SEC-"));
    assert.ok(findings.length > 0 && findings.every((f) => f.suppressedBecause === PROTECT_FALSE_REASON), JSON.stringify(findings));
  });

  it("adds nothing to a hosted zone it did not create", () => {
    const { json: adopted } = build({ hostedZone: { zoneId: "Z0123456789ABCDEFGHIJ", zoneName: "example.com" } });
    assert.deepEqual([resources(adopted, "aws_route53_query_log").length, resources(adopted, "aws_kms_key").length], [0, 0]);
  });

  it("refuses a query log retention CloudWatch Logs does not offer", () => {
    const error = configErrorOf((scope) => {
      new GlobalTraffic(scope, "traffic", {
        domain: "api.example.com",
        routing: "failover",
        endpoints: [
          { site: site("east", "us-east-1"), role: "primary" },
          { site: site("west", "us-west-2"), role: "standby" },
        ],
        zoneSecurity: { queryLogRetentionDays: 10 },
      });
    });
    assert.match(error.message, /^test\/traffic\/zone-security: queryLogRetentionDays: 10 is not a CloudWatch Logs retention/);
  });

  it("leaves the library's own zone with no security finding", () => {
    const { stack } = build();
    assert.deepEqual(
      new RuleChecker(DEFAULT_RULE_PACK).check(stack).filter((f) => f.ruleId.startsWith("KHA-SEC-")),
      [],
    );
  });
});
