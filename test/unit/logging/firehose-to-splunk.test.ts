import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FirehoseToSplunk, FirehoseToSplunkProps } from "../../../src/logging/firehose-to-splunk";
import { configErrorOf, resources, StackJson, synthStack } from "../../support/synth";

const PROPS: FirehoseToSplunkProps = {
  name: "kong-east",
  logGroup: { name: "/ecs/kong-east", arn: "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/kong-east" },
  hecEndpoint: "https://http-inputs-firehose-acme.splunkcloud.com",
  hecTokenSecret: { arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:splunk-hec-AbCdEf" },
  kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/0000",
};

function synthFirehose(props: Partial<FirehoseToSplunkProps> = {}): StackJson {
  return synthStack((stack) => new FirehoseToSplunk(stack, "to-splunk", { ...PROPS, ...props }));
}

describe("FirehoseToSplunk", () => {
  it("subscribes the log group to the stream", () => {
    const json = synthFirehose();
    const filter = resources(json, "aws_cloudwatch_log_subscription_filter")[0];
    assert.equal(filter.log_group_name, "/ecs/kong-east");
    assert.match(filter.destination_arn, /aws_kinesis_firehose_delivery_stream\.to-splunk_stream_[0-9A-F]+\.arn/);
  });

  it("delivers to Splunk with the token from Secrets Manager, never in clear", () => {
    const splunk = resources(synthFirehose(), "aws_kinesis_firehose_delivery_stream")[0].splunk_configuration;
    assert.equal(splunk.hec_token, undefined);
    assert.deepEqual([splunk.secrets_manager_configuration.enabled, splunk.secrets_manager_configuration.secret_arn], [true, PROPS.hecTokenSecret.arn]);
    assert.deepEqual(
      [splunk.hec_endpoint, splunk.hec_endpoint_type, splunk.hec_acknowledgment_timeout, splunk.retry_duration],
      [PROPS.hecEndpoint, "Raw", 300, 3600],
    );
  });

  it("unwraps the CloudWatch envelope (gzip, then message extraction) before Splunk", () => {
    const processors = resources(synthFirehose(), "aws_kinesis_firehose_delivery_stream")[0].splunk_configuration.processing_configuration.processors;
    assert.deepEqual(
      processors.map((p: StackJson) => p.type),
      ["Decompression", "CloudWatchLogProcessing"],
    );
  });

  it("backs failed events up to an encrypted, versioned, private bucket", () => {
    const json = synthFirehose();
    const s3 = resources(json, "aws_kinesis_firehose_delivery_stream")[0].splunk_configuration;
    assert.equal(s3.s3_backup_mode, "FailedEventsOnly");
    assert.equal(
      resources(json, "aws_s3_bucket_server_side_encryption_configuration")[0].rule[0].apply_server_side_encryption_by_default.sse_algorithm,
      "aws:kms",
    );
    assert.equal(resources(json, "aws_s3_bucket_versioning")[0].versioning_configuration.status, "Enabled");
    assert.equal(resources(json, "aws_s3_bucket_public_access_block")[0].restrict_public_buckets, true);
    assert.equal(resources(json, "aws_s3_bucket")[0].lifecycle.prevent_destroy, true);
  });

  it("can back up all events", () => {
    assert.equal(
      resources(synthFirehose({ s3BackupMode: "AllEvents" }), "aws_kinesis_firehose_delivery_stream")[0].splunk_configuration.s3_backup_mode,
      "AllEvents",
    );
  });

  it("alarms on failing and late deliveries and on failing backups", () => {
    const alarms = resources(synthFirehose({ alarmActions: ["arn:aws:sns:us-east-1:123456789012:oncall"] }), "aws_cloudwatch_metric_alarm");
    assert.deepEqual(alarms.map((a) => a.metric_name).sort(), ["DeliveryToS3.Success", "DeliveryToSplunk.DataFreshness", "DeliveryToSplunk.Success"]);
    assert.deepEqual(alarms[0].alarm_actions, ["arn:aws:sns:us-east-1:123456789012:oncall"]);
  });

  it("refuses an acknowledgement timeout outside Firehose's 180-600", () => {
    assert.match(
      configErrorOf((scope) => new FirehoseToSplunk(scope, "f", { ...PROPS, hecAcknowledgmentTimeout: 60 })).message,
      /hecAcknowledgmentTimeout: 60 must be between 180 and 600/,
    );
  });

  it("refuses a retry duration above 7200", () => {
    assert.match(
      configErrorOf((scope) => new FirehoseToSplunk(scope, "f", { ...PROPS, retryDuration: 9000 })).message,
      /retryDuration: 9000 must be between 0 and 7200/,
    );
  });

  it("refuses a HEC endpoint with a path", () => {
    assert.match(
      configErrorOf((scope) => new FirehoseToSplunk(scope, "f", { ...PROPS, hecEndpoint: "https://splunk.example.com/services/collector" })).message,
      /hecEndpoint: .* must be an https URL with no path/,
    );
  });
});
