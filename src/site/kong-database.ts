import { Construct } from "constructs";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SecretsmanagerSecretRotation } from "@cdktf/provider-aws/lib/secretsmanager-secret-rotation";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { ConfigError } from "../core/config-error";
import { Issue } from "../core/schema";
import { protectFromDestroy } from "../core/destroy-protection";
import { IKongNetwork } from "./kong-network";
import { physicalName } from "../core/naming";

/** A KongDatabase's settings when its props leave them out. */
export const KONG_DATABASE_DEFAULTS = {
  instanceClass: "db.t4g.medium",
  engineVersion: "16",
  allocatedStorage: 20,
  backupRetentionDays: 7,
  multiAz: true,
  deletionProtection: true,
  passwordRotationDays: 30,
} as const;

export interface KongDatabaseProps {
  /** The VPC and private subnets the database lives in. */
  readonly network: IKongNetwork;
  /** RDS identifier (1-63 characters, letters, digits, '-'). */
  readonly identifier: string;
  /** @default "db.t4g.medium" */
  readonly instanceClass?: string;
  /**
   * Postgres major (or major.minor) version.
   * @default "16"
   */
  readonly engineVersion?: string;
  /**
   * GiB of gp3 storage; autoscaling grows it up to 5 times this.
   * @default 20
   */
  readonly allocatedStorage?: number;
  /** @default 7 */
  readonly backupRetentionDays?: number;
  /**
   * A synchronous standby in a second AZ; RDS fails over to it in about one to two minutes.
   * @default true
   */
  readonly multiAz?: boolean;
  /**
   * Refuse to delete the database: RDS deletion protection (console, API) and Terraform's
   * `prevent_destroy` (a plan that would destroy or replace it fails). Turn off only for throw-away
   * test estates.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * The same switch as `protect` (the topology's `database.deletionProtection`); give one or the other.
   * @default protect
   */
  readonly deletionProtection?: boolean;
  /**
   * Seconds between RDS Enhanced Monitoring samples of the OS (1, 5, 10, 15, 30 or 60), or 0 for
   * none. The metrics land in CloudWatch Logs (`RDSOSMetrics`), a few MB a day per instance.
   * @default 60
   */
  readonly monitoringIntervalSeconds?: number;
  /**
   * Days between rotations of the RDS-managed master password. Kong reads the password when a task
   * starts; `KongCluster` rolls its tasks after each rotation (`restartOnPasswordRotation`).
   * @default 30
   */
  readonly passwordRotationDays?: number;
  /**
   * KMS key for storage, the managed secret and Performance Insights. `KongSite` passes its site key.
   * Changing it replaces the database (RDS cannot re-encrypt in place).
   * @default the AWS managed keys (aws/rds, aws/secretsmanager)
   */
  readonly kmsKeyArn?: string;
}

/**
 * Kong's Postgres on RDS: Multi-AZ, encrypted, automated backups, deletion protection (and
 * `prevent_destroy`), TLS forced, Enhanced Monitoring and Performance Insights,
 * and a master password RDS generates and keeps in Secrets Manager (`manage_master_user_password`), so
 * it never appears in the synthesized JSON or the Terraform state. Reachable only from the security
 * groups given to `allowFrom`.
 */
export class KongDatabase extends Construct {
  readonly instance: DbInstance;
  readonly securityGroup: SecurityGroup;
  /** ARN of the Secrets Manager secret holding `{"username", "password"}`. */
  readonly secretArn: string;
  readonly databaseName = "kong";
  readonly port = 5432;
  /** The customer-managed key of the storage and the password secret, when one was given. */
  readonly kmsKeyArn?: string;

  constructor(scope: Construct, id: string, props: KongDatabaseProps) {
    super(scope, id);
    const issues: Issue[] = [];
    if (!/^[a-zA-Z][a-zA-Z0-9-]{0,62}$/.test(props.identifier) || props.identifier.endsWith("-") || props.identifier.includes("--")) {
      issues.push({
        path: "identifier",
        message: `${JSON.stringify(props.identifier)} is not an RDS identifier (a letter, then letters, digits, single '-'; at most 63)`,
      });
    }
    const retention = props.backupRetentionDays ?? KONG_DATABASE_DEFAULTS.backupRetentionDays;
    if (!Number.isInteger(retention) || retention < 1 || retention > 35) {
      issues.push({ path: "backupRetentionDays", message: `${retention} is out of range: RDS keeps 1 to 35 days (0 would turn backups off)` });
    }
    const storage = props.allocatedStorage ?? KONG_DATABASE_DEFAULTS.allocatedStorage;
    if (!Number.isInteger(storage) || storage < 20) issues.push({ path: "allocatedStorage", message: `${storage} is out of range: gp3 starts at 20 GiB` });
    const rotation = props.passwordRotationDays ?? KONG_DATABASE_DEFAULTS.passwordRotationDays;
    if (!Number.isInteger(rotation) || rotation < 1 || rotation > 365) {
      issues.push({ path: "passwordRotationDays", message: `${rotation} is out of range: use 1 to 365` });
    }
    if (props.protect !== undefined && props.deletionProtection !== undefined && props.protect !== props.deletionProtection) {
      issues.push({ path: "deletionProtection", message: `${props.deletionProtection} contradicts protect: ${props.protect}: give one of them` });
    }
    const monitoring = props.monitoringIntervalSeconds ?? 60;
    if (![0, 1, 5, 10, 15, 30, 60].includes(monitoring)) {
      issues.push({ path: "monitoringIntervalSeconds", message: `${monitoring} is not an Enhanced Monitoring interval: use 0 (off), 1, 5, 10, 15, 30 or 60` });
    }
    if (issues.length) throw new ConfigError(issues, this.node.path);
    const protect = props.protect ?? props.deletionProtection ?? KONG_DATABASE_DEFAULTS.deletionProtection;
    this.kmsKeyArn = props.kmsKeyArn;
    const engineVersion = props.engineVersion ?? KONG_DATABASE_DEFAULTS.engineVersion;
    const family = `postgres${engineVersion.split(".")[0]}`;

    this.securityGroup = new SecurityGroup(this, "sg", {
      name: `${props.identifier}-db`,
      description: `Kong Postgres ${props.identifier}: Kong tasks only`,
      vpcId: props.network.vpcId,
      tags: { Name: `${props.identifier}-db` },
    });
    const subnets = new DbSubnetGroup(this, "subnets", {
      name: props.identifier,
      description: `Kong Postgres ${props.identifier}`,
      subnetIds: props.network.privateSubnetIds,
    });
    const parameters = new DbParameterGroup(this, "parameters", {
      name: `${props.identifier}-${family}`,
      family,
      description: `Kong Postgres ${props.identifier}: TLS only, slow statements logged`,
      parameter: [
        { name: "rds.force_ssl", value: "1" },
        { name: "log_min_duration_statement", value: "1000" },
      ],
      lifecycle: { createBeforeDestroy: true },
    });
    const monitoringRole = monitoring > 0 ? this.monitoringRole(props.identifier) : undefined;
    this.instance = new DbInstance(this, "instance", {
      identifier: props.identifier,
      engine: "postgres",
      engineVersion,
      instanceClass: props.instanceClass ?? KONG_DATABASE_DEFAULTS.instanceClass,
      allocatedStorage: storage,
      maxAllocatedStorage: storage * 5,
      storageType: "gp3",
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      dbName: this.databaseName,
      username: "kong",
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.kmsKeyArn,
      port: this.port,
      multiAz: props.multiAz ?? KONG_DATABASE_DEFAULTS.multiAz,
      dbSubnetGroupName: subnets.name,
      parameterGroupName: parameters.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      publiclyAccessible: false,
      backupRetentionPeriod: retention,
      backupWindow: "03:00-04:00",
      maintenanceWindow: "sun:04:30-sun:05:30",
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      deletionProtection: protect,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${props.identifier}-final`,
      autoMinorVersionUpgrade: true,
      enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.kmsKeyArn,
      monitoringInterval: monitoring,
      monitoringRoleArn: monitoringRole?.arn,
      iamDatabaseAuthenticationEnabled: true,
      applyImmediately: false,
    });
    protectFromDestroy(this.instance, protect);
    this.secretArn = this.instance.masterUserSecret.get(0).secretArn;
    // RDS rotates its managed secret every 7 days unless told otherwise; Kong only reads it at start.
    new SecretsmanagerSecretRotation(this, "password-rotation", {
      secretId: this.secretArn,
      rotationRules: { automaticallyAfterDays: rotation },
    });
  }

  /** The role RDS Enhanced Monitoring publishes OS metrics with (AWS's managed policy for it). */
  private monitoringRole(identifier: string): IamRole {
    const partition = new DataAwsPartition(this, "partition");
    const trust = new DataAwsIamPolicyDocument(this, "monitoring-trust", {
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["monitoring.rds.amazonaws.com"] }] }],
    });
    const role = new IamRole(this, "monitoring-role", {
      name: physicalName([identifier, "rds-monitoring"], 64),
      description: `RDS Enhanced Monitoring of ${identifier}`,
      assumeRolePolicy: trust.json,
    });
    new IamRolePolicyAttachment(this, "monitoring-policy", {
      role: role.name,
      policyArn: `arn:${partition.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
    });
    return role;
  }

  /** Hostname of the database endpoint (follows a Multi-AZ failover). */
  get address(): string {
    return this.instance.address;
  }

  /** Lets a security group (Kong's tasks) connect on 5432; nothing else can. */
  allowFrom(id: string, securityGroupId: string, description: string): void {
    new VpcSecurityGroupIngressRule(this, `from-${id}`, {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: securityGroupId,
      ipProtocol: "tcp",
      fromPort: this.port,
      toPort: this.port,
      description,
    });
  }
}
