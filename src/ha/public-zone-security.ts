import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogResourcePolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Route53HostedZoneDnssec } from "@cdktf/provider-aws/lib/route53-hosted-zone-dnssec";
import { Route53KeySigningKey } from "@cdktf/provider-aws/lib/route53-key-signing-key";
import { Route53QueryLog } from "@cdktf/provider-aws/lib/route53-query-log";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { ConfigError } from "../core/config-error";
import { skipKeyPolicyChecks } from "../core/checkov-suppression";
import { allowDestroy, protectFromDestroy } from "../core/destroy-protection";
import { LOG_RETENTION_DAYS } from "../site/kong-network";
import { KongSiteKey } from "../site/kong-site-key";

export interface PublicZoneSecurityProps {
  /** The public hosted zone the library created (in a stack whose AWS provider is in us-east-1). */
  readonly zone: Route53Zone;
  /** The zone's name, e.g. example.com. */
  readonly zoneName: string;
  /**
   * Days the DNS query logs are kept, or `false` for no query logging.
   * @default 365
   */
  readonly queryLogRetentionDays?: number | false;
  /**
   * DNSSEC signing of the zone. Signing alone changes nothing for resolvers: validation starts when
   * the DS record (output `dnssec-ds-record`) is added to the parent zone. From then on the signing
   * key must never be disabled or deleted, or validating resolvers stop resolving the domain.
   * @default true
   */
  readonly dnssec?: boolean;
  /** SNS topic notified when DNSSEC signing needs attention. @default no alarms */
  readonly alarmTopicArn?: string;
  /**
   * Refuse `terraform destroy` of the zone, its signing key and DNSSEC (`prevent_destroy`) and keep the
   * query logs on destroy: a new zone gets new name servers, so the parent's delegation (and its DS
   * record) would point at nothing. Turn off only for throw-away environments.
   * @default true
   */
  readonly protect?: boolean;
}

/**
 * The safeguards of a public hosted zone: DNS query logging to an encrypted CloudWatch log group,
 * DNSSEC signing with a KMS key-signing key, and destroy protection. Route 53 requires the log group
 * and the signing key in us-east-1.
 */
export class PublicZoneSecurity extends Construct {
  readonly queryLogGroup?: CloudwatchLogGroup;
  readonly keySigningKey?: Route53KeySigningKey;

  constructor(scope: Construct, id: string, props: PublicZoneSecurityProps) {
    super(scope, id);
    const retention = props.queryLogRetentionDays ?? 365;
    if (retention !== false && !LOG_RETENTION_DAYS.includes(retention)) {
      throw new ConfigError(
        [{ path: "queryLogRetentionDays", message: `${retention} is not a CloudWatch Logs retention: use one of ${LOG_RETENTION_DAYS.join(", ")}` }],
        this.node.path,
      );
    }
    const protect = props.protect !== false;
    if (!protect) allowDestroy(this);
    protectFromDestroy(props.zone, props.protect);
    const account = new DataAwsCallerIdentity(this, "account");
    const partition = new DataAwsPartition(this, "partition");
    const zoneArn = `arn:${partition.partition}:route53:::hostedzone/${props.zone.zoneId}`;
    const label = props.zoneName.replace(/[^A-Za-z0-9_-]/g, "-");

    if (retention !== false) {
      const key = new KongSiteKey(this, "query-log-key", {
        namePrefix: `${label}-dns-query-logs`,
        region: "us-east-1",
        description: `DNS query logs of ${props.zoneName} (managed by cdktf-kong-ha)`,
        protect: props.protect,
      });
      const name = `/aws/route53/${props.zoneName}`;
      key.allowLogGroup(name);
      this.queryLogGroup = new CloudwatchLogGroup(this, "query-logs", { name, retentionInDays: retention, kmsKeyId: key.arn, skipDestroy: protect });
      const policy = new DataAwsIamPolicyDocument(this, "query-log-policy", {
        statement: [
          {
            sid: "Route53WritesThisZonesQueryLogs",
            actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
            resources: [`${this.queryLogGroup.arn}:*`],
            principals: [{ type: "Service", identifiers: ["route53.amazonaws.com"] }],
            condition: [
              { test: "ArnLike", variable: "aws:SourceArn", values: [zoneArn] },
              { test: "StringEquals", variable: "aws:SourceAccount", values: [account.accountId] },
            ],
          },
        ],
      });
      const resourcePolicy = new CloudwatchLogResourcePolicy(this, "query-log-resource-policy", {
        policyName: `route53-query-logs-${label}`,
        policyDocument: policy.json,
      });
      new Route53QueryLog(this, "query-log", { zoneId: props.zone.zoneId, cloudwatchLogGroupArn: this.queryLogGroup.arn, dependsOn: [resourcePolicy] });
    }

    if (props.dnssec !== false) {
      const keyPolicy = new DataAwsIamPolicyDocument(this, "dnssec-key-policy", {
        statement: [
          {
            sid: "AccountAdministers",
            actions: ["kms:*"],
            resources: ["*"],
            principals: [{ type: "AWS", identifiers: [`arn:${partition.partition}:iam::${account.accountId}:root`] }],
          },
          {
            sid: "Route53DnssecSigns",
            actions: ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"],
            resources: ["*"],
            principals: [{ type: "Service", identifiers: ["dnssec-route53.amazonaws.com"] }],
            condition: [
              { test: "StringEquals", variable: "aws:SourceAccount", values: [account.accountId] },
              { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:${partition.partition}:route53:::hostedzone/*`] },
            ],
          },
          {
            sid: "Route53DnssecGrants",
            actions: ["kms:CreateGrant"],
            resources: ["*"],
            principals: [{ type: "Service", identifiers: ["dnssec-route53.amazonaws.com"] }],
            condition: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
          },
        ],
      });
      skipKeyPolicyChecks(keyPolicy);
      const signingKey = new KmsKey(this, "dnssec-key", {
        description: `DNSSEC key-signing key of ${props.zoneName} (managed by cdktf-kong-ha)`,
        customerMasterKeySpec: "ECC_NIST_P256",
        keyUsage: "SIGN_VERIFY",
        deletionWindowInDays: protect ? 30 : 7,
        policy: keyPolicy.json,
      });
      protectFromDestroy(signingKey, props.protect);
      this.keySigningKey = new Route53KeySigningKey(this, "ksk", {
        hostedZoneId: props.zone.id,
        keyManagementServiceArn: signingKey.arn,
        name: "kong_ha_ksk",
        status: "ACTIVE",
      });
      protectFromDestroy(this.keySigningKey, props.protect);
      const signing = new Route53HostedZoneDnssec(this, "dnssec", {
        hostedZoneId: this.keySigningKey.hostedZoneId,
        signingStatus: "SIGNING",
        dependsOn: [this.keySigningKey],
      });
      protectFromDestroy(signing, props.protect);
      new TerraformOutput(this, "dnssec-ds-record", {
        value: this.keySigningKey.dsRecord,
        description: `add this DS record for ${props.zoneName} to the parent zone to turn DNSSEC validation on`,
      }).overrideLogicalId("dnssec-ds-record");
      if (props.alarmTopicArn) {
        for (const [metric, what] of [
          ["DNSSECInternalFailure", "Route 53 cannot sign the zone"],
          ["DNSSECKeySigningKeysNeedingAction", "a key-signing key needs action (its KMS key is disabled, deleted or not usable)"],
        ] as const) {
          new CloudwatchMetricAlarm(this, `${metric}-alarm`, {
            alarmName: `dnssec-${props.zoneName}-${metric}`,
            alarmDescription: `DNSSEC of ${props.zoneName}: ${what}`,
            namespace: "AWS/Route53",
            metricName: metric,
            dimensions: { HostedZoneId: props.zone.zoneId },
            statistic: "Maximum",
            period: 300,
            evaluationPeriods: 1,
            threshold: 0,
            comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "notBreaching",
            alarmActions: [props.alarmTopicArn],
            okActions: [props.alarmTopicArn],
          });
        }
      }
    }
  }
}
