import { Construct } from "constructs";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { ConfigError } from "../core/config-error";
import { describeValue } from "../core/schema";
import { skipCheckov } from "../core/checkov-suppression";
import { allowDestroy } from "../core/destroy-protection";

export interface LogArchiveBucketProps {
  /** Bucket name prefix (AWS appends a unique suffix). */
  readonly namePrefix: string;
  /** KMS key ARN the objects are encrypted with. */
  readonly kmsKeyArn: string;
  /**
   * Days objects are kept.
   * @default 365
   */
  readonly retentionDays?: number;
  /**
   * Refuse `terraform destroy` (`prevent_destroy`). Turn off only for throw-away environments.
   * @default true
   */
  readonly protect?: boolean;
}

/**
 * An S3 bucket for log archives and failed deliveries: SSE-KMS with a bucket key, versioned, all
 * public access blocked, TLS-only, expiring after the retention period, protected from destroy.
 */
export class LogArchiveBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: LogArchiveBucketProps) {
    super(scope, id);
    const retention = props.retentionDays ?? 365;
    if (!Number.isInteger(retention) || retention < 1) {
      throw new ConfigError([{ path: "retentionDays", message: `${describeValue(retention)} is not a positive whole number of days` }], this.node.path);
    }
    if (!/^[a-z0-9][a-z0-9.-]{0,36}$/.test(props.namePrefix)) {
      throw new ConfigError(
        [
          {
            path: "namePrefix",
            message: `${describeValue(props.namePrefix)} is not an S3 bucket name prefix (lower-case letters, digits, '.', '-'; at most 37)`,
          },
        ],
        this.node.path,
      );
    }
    this.bucket = new S3Bucket(this, "bucket", {
      bucketPrefix: props.namePrefix,
      lifecycle: props.protect === false ? undefined : { preventDestroy: true },
      forceDestroy: props.protect === false,
    });
    if (props.protect === false) allowDestroy(this);
    skipCheckov(
      this.bucket,
      {
        id: "CKV_AWS_18",
        comment:
          "An archive of failed log deliveries is not itself access-logged: that would need a log bucket for the log bucket. Reads of it are recorded only where the account turns on CloudTrail S3 data events, which the library does not.",
      },
      {
        id: "CKV_AWS_144",
        comment:
          "It holds only the deliveries that failed to reach Splunk, kept for replay in the site's region; a regional outage can lose the part not yet replayed. Accepted: replication would double the cost of a buffer whose records belong in Splunk, and the other sites do not hold copies.",
      },
      {
        id: "CKV2_AWS_62",
        comment: "Writes here are failures of the log pipeline, which the Firehose alarms already report; object events would duplicate them.",
      },
    );
    const bucket = this.bucket.id;
    new S3BucketPublicAccessBlock(this, "public-access", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketVersioningA(this, "versioning", { bucket, versioningConfiguration: { status: "Enabled" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }],
    });
    new S3BucketLifecycleConfiguration(this, "retention", {
      bucket,
      rule: [
        {
          id: "expire",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: retention }],
          noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    const tlsOnly = new DataAwsIamPolicyDocument(this, "tls-only", {
      statement: [
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          actions: ["s3:*"],
          resources: [this.bucket.arn, `${this.bucket.arn}/*`],
          principals: [{ type: "*", identifiers: ["*"] }],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
      ],
    });
    new S3BucketPolicy(this, "policy", { bucket, policy: tlsOnly.json });
  }
}
