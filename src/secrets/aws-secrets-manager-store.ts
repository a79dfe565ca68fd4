import { Fn } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsIamSessionContext } from "@cdktf/provider-aws/lib/data-aws-iam-session-context";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsReplicaKey } from "@cdktf/provider-aws/lib/kms-replica-key";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretPolicy } from "@cdktf/provider-aws/lib/secretsmanager-secret-policy";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { ConfigError } from "../core/config-error";
import { isAwsRegion } from "../core/formats";
import { describeValue, Issue, isToken } from "../core/schema";
import { skipCheckov, skipKeyPolicyChecks } from "../core/checkov-suppression";
import { allowDestroy } from "../core/destroy-protection";
import { ISecretStore, StoredSecret, writeOnlyVersion } from "./secret-store";

/** A region secrets are replicated to, with the AWS provider configured for it. */
export interface SecretReplica {
  readonly region: string;
  /** An AWS provider for that region: the KMS replica key is created there. */
  readonly provider: AwsProvider;
}

export interface AwsSecretsManagerStoreProps {
  /**
   * Prefix of every secret's name.
   * @default "kong/"
   */
  readonly namePrefix?: string;
  /**
   * Regions to replicate every secret to (each other site's region), each with its provider.
   * @default none
   */
  readonly replicas?: readonly SecretReplica[];
  /**
   * IAM principal ARNs allowed to read secret values (e.g. each site's ECS task execution role).
   * Everyone else is denied `GetSecretValue` by the secrets' resource policy.
   */
  readonly readers: readonly string[];
  /**
   * Narrower readers for some secrets, by the name given to `store`: only these (and the
   * administrators) may read that secret, instead of `readers`. E.g. a site's server key readable by
   * that site's execution role alone; an empty list leaves a secret to the administrators.
   * @default every secret readable by `readers`
   */
  readonly secretReaders?: { readonly [name: string]: readonly string[] };
  /**
   * Other principals that may read values: the role that runs Terraform for this stack (the provider
   * reads secret versions on every plan) and break-glass administrators. Every principal that is
   * neither a reader of a secret nor one of these is denied `GetSecretValue` on it.
   * @default the role (or user) running Terraform: `aws_iam_session_context` of the caller, so a
   * run by another role is refused until it is named here
   */
  readonly administrators?: readonly string[];
  /**
   * Days a deleted secret can be restored.
   * @default 30
   */
  readonly recoveryWindowInDays?: number;
  /**
   * Refuse `terraform destroy` of the KMS key and the secrets (`prevent_destroy`). Turn off only for
   * throw-away environments.
   * @default true
   */
  readonly protect?: boolean;
}

/**
 * AWS Secrets Manager as a secret store: a customer-managed multi-region KMS key with rotation, a
 * replica of every secret (and of the key) in every other site's region, and a resource policy that
 * lets only the named readers get values. Values are written with `secret_string_wo`, so they stay out
 * of the secret version's state.
 */
export class AwsSecretsManagerStore extends Construct implements ISecretStore {
  readonly kind = "aws-secrets-manager" as const;
  readonly key: KmsKey;
  readonly replicaKeys: ReadonlyMap<string, KmsReplicaKey>;
  private readonly props: AwsSecretsManagerStoreProps;

  constructor(scope: Construct, id: string, props: AwsSecretsManagerStoreProps) {
    super(scope, id);
    const issues: Issue[] = [];
    if (!props.readers.length)
      issues.push({ path: "readers", message: "needs at least one principal ARN allowed to read the secrets (e.g. the ECS task execution roles)" });
    props.readers.forEach((arn, i) => {
      if (!isToken(arn) && !/^arn:aws[a-z-]*:iam::\d{12}:(role|user|root)/.test(arn))
        issues.push({ path: `readers[${i}]`, message: `${describeValue(arn)} is not an IAM principal ARN` });
    });
    const seen = new Set<string>();
    (props.replicas ?? []).forEach((replica, i) => {
      if (!isToken(replica.region) && !isAwsRegion(replica.region))
        issues.push({ path: `replicas[${i}].region`, message: `${describeValue(replica.region)} is not an AWS region` });
      if (seen.has(replica.region)) issues.push({ path: `replicas[${i}].region`, message: `${describeValue(replica.region)} is listed twice` });
      seen.add(replica.region);
    });
    const recovery = props.recoveryWindowInDays ?? 30;
    if (recovery !== 0 && (recovery < 7 || recovery > 30))
      issues.push({ path: "recoveryWindowInDays", message: `${describeValue(recovery)} must be 0 (immediate) or between 7 and 30` });
    if (issues.length) throw new ConfigError(issues, this.node.path);
    this.props = props;
    const lifecycle = props.protect === false ? undefined : { preventDestroy: true };
    if (props.protect === false) allowDestroy(this);

    const account = new DataAwsCallerIdentity(this, "account");
    const keyPolicy = new DataAwsIamPolicyDocument(this, "key-policy", {
      statement: [
        {
          sid: "AccountAdministers",
          actions: ["kms:*"],
          resources: ["*"],
          principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${account.accountId}:root`] }],
        },
        {
          // Readers are matched by condition, not named as principals: AWS refuses a policy naming a
          // role that does not exist yet, and the sites' execution roles are created after this stack.
          sid: "ReadersDecryptThroughSecretsManager",
          actions: ["kms:Decrypt", "kms:DescribeKey"],
          resources: ["*"],
          principals: [{ type: "AWS", identifiers: ["*"] }],
          condition: [
            { test: "StringLike", variable: "kms:ViaService", values: ["secretsmanager.*.amazonaws.com"] },
            { test: "StringEquals", variable: "kms:CallerAccount", values: [account.accountId] },
            { test: "ArnLike", variable: "aws:PrincipalArn", values: [...props.readers] },
          ],
        },
      ],
    });
    skipKeyPolicyChecks(keyPolicy);
    this.key = new KmsKey(this, "key", {
      description: "Kong secrets (managed by cdktf-kong-ha)",
      multiRegion: true,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: keyPolicy.json,
      lifecycle,
    });
    new KmsAlias(this, "alias", {
      name: `alias/${(props.namePrefix ?? "kong/").replace(/[^A-Za-z0-9/_-]/g, "-").replace(/\/+$/, "")}-secrets`,
      targetKeyId: this.key.keyId,
    });
    const replicaKeys = new Map<string, KmsReplicaKey>();
    for (const replica of props.replicas ?? []) {
      replicaKeys.set(
        replica.region,
        new KmsReplicaKey(this, `key-${replica.region}`, {
          provider: replica.provider,
          primaryKeyArn: this.key.arn,
          description: `Kong secrets replica in ${replica.region} (managed by cdktf-kong-ha)`,
          deletionWindowInDays: 30,
          policy: keyPolicy.json,
          lifecycle,
        }),
      );
    }
    this.replicaKeys = replicaKeys;
    this.administrators = props.administrators?.length
      ? [...props.administrators]
      : [new DataAwsIamSessionContext(this, "runner", { arn: account.arn }).issuerArn];
  }

  /** Principals (besides the readers) that may read every value. */
  private readonly administrators: readonly string[];
  /** One resource policy per distinct set of readers. */
  private readonly policies = new Map<string, DataAwsIamPolicyDocument>();

  /**
   * The resource policy of a secret read by `readers`. Readers get values through their own IAM
   * policy (same account); this policy only keeps everyone else out, by condition, so it holds
   * before the readers' roles exist.
   */
  private policyFor(readers: readonly string[]): DataAwsIamPolicyDocument {
    const key = JSON.stringify(readers);
    const existing = this.policies.get(key);
    if (existing) return existing;
    const id = this.policies.size === 0 ? "secret-policy" : `secret-policy-${this.policies.size + 1}`;
    const policy = new DataAwsIamPolicyDocument(this, id, {
      statement: [
        {
          sid: "NobodyElseGetsValues",
          effect: "Deny",
          actions: ["secretsmanager:GetSecretValue"],
          resources: ["*"],
          principals: [{ type: "AWS", identifiers: ["*"] }],
          condition: [{ test: "StringNotLike", variable: "aws:PrincipalArn", values: [...readers, ...this.administrators] }],
        },
      ],
    });
    skipCheckov(policy, {
      id: "CKV_AWS_356",
      comment: 'This is a secret\'s resource policy: the resource "*" means the secret it is attached to and nothing else.',
    });
    this.policies.set(key, policy);
    return policy;
  }

  store(id: string, name: string, values: { readonly [key: string]: string }, versionSource: string): StoredSecret {
    const secret = new SecretsmanagerSecret(this, id, {
      name: `${this.props.namePrefix ?? "kong/"}${name}`,
      description: `Kong secret ${name} (managed by cdktf-kong-ha)`,
      kmsKeyId: this.key.arn,
      recoveryWindowInDays: this.props.recoveryWindowInDays ?? 30,
      replica: (this.props.replicas ?? []).map((replica) => ({ region: replica.region, kmsKeyId: this.replicaKeys.get(replica.region)!.arn })),
      lifecycle: this.props.protect === false ? undefined : { preventDestroy: true },
    });
    skipCheckov(secret, {
      id: "CKV2_AWS_57",
      comment: "The values are certificates that Terraform re-issues before they expire (early renewal); a rotation Lambda would fight that lifecycle.",
    });
    const readers = this.props.secretReaders?.[name] ?? this.props.readers;
    new SecretsmanagerSecretPolicy(this, `${id}-policy`, { secretArn: secret.arn, policy: this.policyFor(readers).json, blockPublicPolicy: true });
    new SecretsmanagerSecretVersion(this, `${id}-value`, {
      secretId: secret.id,
      secretStringWo: Fn.jsonencode(values),
      secretStringWoVersion: writeOnlyVersion(versionSource),
    });
    return { name, reference: secret.arn };
  }
}
