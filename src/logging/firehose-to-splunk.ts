import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogStream } from "@cdktf/provider-aws/lib/cloudwatch-log-stream";
import { CloudwatchLogSubscriptionFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-subscription-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KinesisFirehoseDeliveryStream } from "@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream";
import { ConfigError } from "../core/config-error";
import { describeValue, Issue, isToken, s } from "../core/schema";
import { allowDestroy } from "../core/destroy-protection";
import { LogArchiveBucket } from "./log-archive-bucket";

/** A CloudWatch log group, by name and ARN (e.g. the Kong tasks' group from the site infrastructure). */
export interface ILogGroup {
  readonly name: string;
  readonly arn: string;
}

/** A Secrets Manager secret, by ARN. */
export interface ISecretReference {
  readonly arn: string;
}

export interface FirehoseToSplunkProps {
  /** Stream name, also the prefix of the roles, alarms and bucket. */
  readonly name: string;
  /** The log group whose events go to Splunk (at most 2 subscription filters per group: this takes one). */
  readonly logGroup: ILogGroup;
  /**
   * Events to send.
   * @default "" (all events)
   */
  readonly filterPattern?: string;
  /** The HEC URL Firehose posts to, e.g. `https://http-inputs-firehose-acme.splunkcloud.com:443`. */
  readonly hecEndpoint: string;
  /**
   * `Raw` sends each log message as is (Kong's JSON lines); `Event` wraps it for the event endpoint.
   * @default "Raw"
   */
  readonly hecEndpointType?: "Raw" | "Event";
  /**
   * The secret holding the HEC token (JSON `{"hec_token": "..."}`, as Firehose expects). The token
   * never appears in the configuration or the state.
   */
  readonly hecTokenSecret: ISecretReference;
  /** KMS key encrypting that secret, the stream and the backup bucket. */
  readonly kmsKeyArn: string;
  /**
   * Seconds Firehose waits for Splunk's indexer acknowledgement before it retries (180-600).
   * @default 300
   */
  readonly hecAcknowledgmentTimeout?: number;
  /**
   * Seconds Firehose retries a failed delivery before the events go to the backup bucket (0-7200).
   * @default 3600
   */
  readonly retryDuration?: number;
  /**
   * Which events the bucket receives.
   * @default "FailedEventsOnly"
   */
  readonly s3BackupMode?: "FailedEventsOnly" | "AllEvents";
  /**
   * SNS topic ARNs notified when deliveries fail.
   * @default none (the alarms still change state)
   */
  readonly alarmActions?: readonly string[];
  /**
   * Days the backup bucket keeps events.
   * @default 365
   */
  readonly backupRetentionDays?: number;
  /**
   * Refuse `terraform destroy` of the backup bucket (`prevent_destroy`) and keep the delivery-error
   * log group on destroy (`skip_destroy`). Turn off only for throw-away environments.
   * @default true
   */
  readonly protect?: boolean;
}

const firehosePropsSchema = s
  .object({
    name: s.string({ minLength: 1 }),
    logGroup: s.object({ name: s.string({ minLength: 1 }), arn: s.string({ minLength: 1 }) }).passthrough(),
    filterPattern: s.optional(s.string()),
    hecEndpoint: s.string({ minLength: 1 }),
    hecEndpointType: s.optional(s.enum(["Raw", "Event"])),
    hecTokenSecret: s.object({ arn: s.string({ minLength: 1 }) }).passthrough(),
    kmsKeyArn: s.string({ minLength: 1 }),
    hecAcknowledgmentTimeout: s.optional(s.integer()),
    retryDuration: s.optional(s.integer()),
    s3BackupMode: s.optional(s.enum(["FailedEventsOnly", "AllEvents"])),
    alarmActions: s.optional(s.array(s.string({ minLength: 1 }))),
    backupRetentionDays: s.optional(s.integer()),
    protect: s.optional(s.boolean()),
  })
  .passthrough();

const assumedBy = (scope: Construct, id: string, service: string, account?: string) =>
  new DataAwsIamPolicyDocument(scope, id, {
    statement: [
      {
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: [service] }],
        ...(account ? { condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [account] }] } : {}),
      },
    ],
  });

/**
 * CloudWatch Logs -> Kinesis Data Firehose -> Splunk HEC, losing nothing: the subscription filter
 * feeds the stream; Firehose decompresses the CloudWatch envelope (gzip) and extracts each message
 * before Splunk sees it; failed events (or all) land in an encrypted, versioned S3 bucket after the
 * retry window; alarms fire when deliveries to Splunk fail or fall behind.
 */
export class FirehoseToSplunk extends Construct {
  readonly stream: KinesisFirehoseDeliveryStream;
  readonly backupBucket: LogArchiveBucket;
  readonly alarms: CloudwatchMetricAlarm[] = [];

  constructor(scope: Construct, id: string, props: FirehoseToSplunkProps) {
    super(scope, id);
    const issues: Issue[] = [];
    if (!firehosePropsSchema.check(props, "", issues)) throw new ConfigError(issues, this.node.path);
    const ack = props.hecAcknowledgmentTimeout ?? 300;
    const retry = props.retryDuration ?? 3600;
    if (!Number.isInteger(ack) || ack < 180 || ack > 600)
      issues.push({ path: "hecAcknowledgmentTimeout", message: `${describeValue(ack)} must be between 180 and 600 seconds (Firehose's range)` });
    if (!Number.isInteger(retry) || retry < 0 || retry > 7200)
      issues.push({ path: "retryDuration", message: `${describeValue(retry)} must be between 0 and 7200 seconds (Firehose's range)` });
    if (typeof props.hecEndpoint !== "string" || (!isToken(props.hecEndpoint) && !/^https:\/\/[^\s/]+(:\d+)?\/?$/.test(props.hecEndpoint))) {
      issues.push({ path: "hecEndpoint", message: `${describeValue(props.hecEndpoint)} must be an https URL with no path: Firehose adds the HEC path itself` });
    }
    if (typeof props.name !== "string" || !/^[a-zA-Z0-9_.-]{1,52}$/.test(props.name))
      issues.push({ path: "name", message: `${describeValue(props.name)} is not a stream name (letters, digits, '_', '.', '-'; at most 52)` });
    if (issues.length) throw new ConfigError(issues, this.node.path);

    if (props.protect === false) allowDestroy(this);
    this.backupBucket = new LogArchiveBucket(this, "backup", {
      namePrefix: `${props.name.toLowerCase().replace(/[^a-z0-9.-]/g, "-")}-failed-`,
      kmsKeyArn: props.kmsKeyArn,
      retentionDays: props.backupRetentionDays,
      protect: props.protect,
    });
    const bucketArn = this.backupBucket.bucket.arn;

    // Firehose's own errors (e.g. Splunk refusing events) go to a log group of their own.
    const errors = new CloudwatchLogGroup(this, "delivery-errors", {
      name: `/aws/kinesisfirehose/${props.name}`,
      retentionInDays: 365,
      kmsKeyId: props.kmsKeyArn,
      skipDestroy: props.protect !== false,
    });
    const errorStream = new CloudwatchLogStream(this, "delivery-errors-splunk", { logGroupName: errors.name, name: "SplunkDelivery" });

    const firehoseRole = new IamRole(this, "firehose-role", {
      name: `${props.name}-firehose`,
      assumeRolePolicy: assumedBy(this, "firehose-trust", "firehose.amazonaws.com").json,
    });
    const firehoseAccess = new DataAwsIamPolicyDocument(this, "firehose-access", {
      statement: [
        {
          sid: "WriteBackups",
          actions: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"],
          resources: [bucketArn, `${bucketArn}/*`],
        },
        { sid: "ReadHecToken", actions: ["secretsmanager:GetSecretValue"], resources: [props.hecTokenSecret.arn] },
        { sid: "UseKey", actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: [props.kmsKeyArn] },
        { sid: "LogErrors", actions: ["logs:PutLogEvents"], resources: [`${errors.arn}:*`] },
      ],
    });
    new IamRolePolicy(this, "firehose-policy", { role: firehoseRole.id, name: "deliver-to-splunk", policy: firehoseAccess.json });

    this.stream = new KinesisFirehoseDeliveryStream(this, "stream", {
      name: props.name,
      destination: "splunk",
      serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: props.kmsKeyArn },
      splunkConfiguration: {
        hecEndpoint: props.hecEndpoint,
        hecEndpointType: props.hecEndpointType ?? "Raw",
        hecAcknowledgmentTimeout: ack,
        retryDuration: retry,
        s3BackupMode: props.s3BackupMode ?? "FailedEventsOnly",
        secretsManagerConfiguration: { enabled: true, secretArn: props.hecTokenSecret.arn, roleArn: firehoseRole.arn },
        processingConfiguration: {
          enabled: true,
          processors: [
            { type: "Decompression", parameters: [{ parameterName: "CompressionFormat", parameterValue: "GZIP" }] },
            { type: "CloudWatchLogProcessing", parameters: [{ parameterName: "DataMessageExtraction", parameterValue: "true" }] },
          ],
        },
        cloudwatchLoggingOptions: { enabled: true, logGroupName: errors.name, logStreamName: errorStream.name },
        s3Configuration: {
          roleArn: firehoseRole.arn,
          bucketArn,
          prefix: "failed/",
          errorOutputPrefix: "errors/!{firehose:error-output-type}/",
          compressionFormat: "GZIP",
          kmsKeyArn: props.kmsKeyArn,
        },
      },
    });

    const logsRole = new IamRole(this, "logs-role", {
      name: `${props.name}-logs`,
      assumeRolePolicy: assumedBy(this, "logs-trust", "logs.amazonaws.com").json,
    });
    const logsAccess = new DataAwsIamPolicyDocument(this, "logs-access", {
      statement: [{ actions: ["firehose:PutRecord", "firehose:PutRecordBatch"], resources: [this.stream.arn] }],
    });
    new IamRolePolicy(this, "logs-policy", { role: logsRole.id, name: "put-into-firehose", policy: logsAccess.json });
    new CloudwatchLogSubscriptionFilter(this, "subscription", {
      name: `${props.name}-to-splunk`,
      logGroupName: props.logGroup.name,
      filterPattern: props.filterPattern ?? "",
      destinationArn: this.stream.arn,
      roleArn: logsRole.arn,
    });

    const alarm = (suffix: string, metricName: string, comparisonOperator: string, threshold: number, statistic: string, description: string) =>
      this.alarms.push(
        new CloudwatchMetricAlarm(this, `alarm-${suffix}`, {
          alarmName: `${props.name}-${suffix}`,
          alarmDescription: description,
          namespace: "AWS/Firehose",
          metricName,
          dimensions: { DeliveryStreamName: this.stream.name },
          statistic,
          period: 300,
          evaluationPeriods: 3,
          datapointsToAlarm: 2,
          threshold,
          comparisonOperator,
          treatMissingData: "notBreaching",
          alarmActions: props.alarmActions ? [...props.alarmActions] : undefined,
          okActions: props.alarmActions ? [...props.alarmActions] : undefined,
        }),
      );
    alarm(
      "splunk-delivery-failing",
      "DeliveryToSplunk.Success",
      "LessThanThreshold",
      0.99,
      "Average",
      "Less than 99% of deliveries to Splunk succeed: events are retried, then backed up to S3",
    );
    alarm(
      "splunk-delivery-late",
      "DeliveryToSplunk.DataFreshness",
      "GreaterThanThreshold",
      Math.max(600, Math.floor(retry / 2)),
      "Maximum",
      "The oldest undelivered event is getting old: Splunk is slow or down",
    );
    alarm(
      "backup-failing",
      "DeliveryToS3.Success",
      "LessThanThreshold",
      1,
      "Minimum",
      "Failed events could not be written to the backup bucket: they are being lost",
    );
  }
}
