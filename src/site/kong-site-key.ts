import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { ConfigError } from "../core/config-error";
import { skipKeyPolicyChecks } from "../core/checkov-suppression";
import { protectFromDestroy } from "../core/destroy-protection";

/** A KMS key that CloudWatch Logs may use for named log groups. */
export interface ILogEncryptionKey {
  /** The key's ARN. */
  readonly arn: string;
  /** Lets CloudWatch Logs use the key for the log group named `logGroupName` (and only for the groups allowed so). */
  allowLogGroup(logGroupName: string): void;
}

export interface KongSiteKeyProps {
  /** Prefix of the alias (`alias/kong-ha/<namePrefix>`), e.g. `edge-east`. */
  readonly namePrefix: string;
  /** The site's AWS region (CloudWatch Logs' service principal is regional). */
  readonly region: string;
  /**
   * The key's description.
   * @default "Kong site <namePrefix>: database and logs (managed by cdktf-kong-ha)"
   */
  readonly description?: string;
  /**
   * Refuse `terraform destroy` of the key (`prevent_destroy`): everything it encrypts (the database,
   * its snapshots, the logs) is unreadable once it is gone. Turn off only for throw-away estates.
   * @default true
   */
  readonly protect?: boolean;
}

/**
 * One customer-managed KMS key per site, rotated yearly, for what the site stores: the database
 * (storage, Performance Insights, the RDS-managed password secret) and the log groups (Kong's logs,
 * VPC flow logs). The key policy is AWS's default (the account administers the key through IAM) plus
 * CloudWatch Logs for the log groups registered with `allowLogGroup`, and nothing else; RDS and
 * Secrets Manager use it on behalf of callers whose IAM policies allow it.
 */
export class KongSiteKey extends Construct implements ILogEncryptionKey {
  readonly key: KmsKey;
  readonly arn: string;
  private readonly logGroupArns: string[] = [];
  private readonly logGroupArnPrefix: string;

  constructor(scope: Construct, id: string, props: KongSiteKeyProps) {
    super(scope, id);
    if (!/^[a-zA-Z0-9/_-]{1,200}$/.test(props.namePrefix)) {
      throw new ConfigError(
        [{ path: "namePrefix", message: `${JSON.stringify(props.namePrefix)} is not usable in a KMS alias (letters, digits, '/', '_', '-')` }],
        this.node.path,
      );
    }
    const account = new DataAwsCallerIdentity(this, "account");
    const partition = new DataAwsPartition(this, "partition");
    this.logGroupArnPrefix = `arn:${partition.partition}:logs:${props.region}:${account.accountId}:log-group:`;
    const policy = new DataAwsIamPolicyDocument(this, "policy", {
      statement: [
        {
          sid: "AccountAdministers",
          actions: ["kms:*"],
          resources: ["*"],
          principals: [{ type: "AWS", identifiers: [`arn:${partition.partition}:iam::${account.accountId}:root`] }],
        },
        {
          sid: "CloudWatchLogsEncryptsTheSiteLogGroups",
          actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          resources: ["*"],
          principals: [{ type: "Service", identifiers: [`logs.${props.region}.amazonaws.com`] }],
          condition: [
            {
              test: "ArnEquals",
              variable: "kms:EncryptionContext:aws:logs:arn",
              values: Lazy.listValue({ produce: () => (this.logGroupArns.length ? this.logGroupArns : [`${this.logGroupArnPrefix}none`]) }),
            },
          ],
        },
      ],
    });
    skipKeyPolicyChecks(policy);
    const protect = props.protect !== false;
    this.key = new KmsKey(this, "key", {
      description: props.description ?? `Kong site ${props.namePrefix}: database and logs (managed by cdktf-kong-ha)`,
      enableKeyRotation: true,
      deletionWindowInDays: protect ? 30 : 7,
      policy: policy.json,
    });
    protectFromDestroy(this.key, props.protect);
    this.arn = this.key.arn;
    new KmsAlias(this, "alias", { name: `alias/kong-ha/${props.namePrefix}`, targetKeyId: this.key.keyId });
  }

  allowLogGroup(logGroupName: string): void {
    const arn = `${this.logGroupArnPrefix}${logGroupName}`;
    if (!this.logGroupArns.includes(arn)) this.logGroupArns.push(arn);
  }
}
