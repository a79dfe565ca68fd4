import { Fn, Lazy, Op, Precondition } from "cdktf";
import { Construct } from "constructs";
import { skipCheckov } from "../core/checkov-suppression";
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { ConfigError } from "../core/config-error";
import { KongEdition } from "../gateway/plugins/plugin-definition";
import { envVariableOf, isCidr } from "../core/formats";
import { fargateSizeProblem } from "./fargate";
import { Issue, isToken } from "../core/schema";
import { allowDestroy } from "../core/destroy-protection";
import { KongDatabase } from "./kong-database";
import { RestartOnSecretChange } from "./restart-on-secret-change";
import { KongCertificateReferences, SITE_CERTIFICATE_REFERENCES } from "./site-certificate";
import { serviceAssumeRolePolicy } from "./service-roles";
import { KONG_PORTS, KongLoadBalancers } from "./kong-load-balancers";
import { IKongNetwork, LOG_RETENTION_DAYS } from "./kong-network";
import { ILogEncryptionKey } from "./kong-site-key";
import { ADMIN_AUTH_CONTAINER, AdminApiAuthSettings, adminApiAuthSettings, KongAdminApiAuth } from "./kong-admin-api";
import { KongClientMtls, KongLogConfiguration, KongMountPoint, KongSidecar, KongTaskSecret, secretJsonKey } from "./kong-task-extensions";
import { physicalName } from "../core/naming";

/** How many Kong tasks a site runs, and how big they are: what the HA rules compare between sites. */
export interface KongCapacity {
  readonly desiredCount: number;
  readonly minCount: number;
  readonly maxCount: number;
  readonly cpu: number;
  readonly memory: number;
}

export interface KongClusterProps {
  /** The VPC and private subnets the tasks run in. */
  readonly network: IKongNetwork;
  /** Kong's database: its endpoint and managed secret. */
  readonly database: KongDatabase;
  /** Where traffic comes from: the tasks register in its target groups. */
  readonly loadBalancers: KongLoadBalancers;
  /** Prefix of names (cluster, roles, log group, task families), e.g. `edge-east`. */
  readonly namePrefix: string;
  /** The AWS region of the site (for log configuration and ARNs). */
  readonly region: string;
  /** @default "kong" */
  readonly image?: string;
  /** @default "3.9.1" */
  readonly version?: string;
  /** Fargate CPU units. @default 1024 */
  readonly cpu?: number;
  /** Fargate memory, MiB. @default 2048 */
  readonly memory?: number;
  /** Tasks at creation (autoscaling owns the count afterwards). @default 2 */
  readonly desiredCount?: number;
  /**
   * Whether `terraform apply` waits for the service's steady state: its tasks running, and healthy in
   * every target group (each checks Kong's readiness endpoint, `/status/ready`). The site's gateway
   * stack then applies only against a Kong that answers, so `cdktf deploy '*'` needs no pause.
   * Turn off only where nothing can run tasks (an emulator).
   * @default true
   */
  readonly waitForSteadyState?: boolean;
  /**
   * Roll the services (a new ECS deployment, task by task) whenever the database's managed password
   * rotates: Kong reads it only when a task starts (`RestartOnSecretChange`). Turn it off only when
   * something else restarts Kong after each rotation.
   * @default true
   */
  readonly restartOnPasswordRotation?: boolean;
  /**
   * Also run one task with the proxy off (`KONG_PROXY_LISTEN=off`) in a service of its own, registered
   * in the Admin API target group only (never in the proxy or status groups, so health checks and
   * clients never see it). A pilot-light standby, whose proxy service runs no tasks, keeps its Admin
   * API up this way: its gateway stack has an Admin API to apply against at every deploy, and promotion
   * only scales the proxy.
   * @default false (KongSite turns it on for a pilot-light standby)
   */
  readonly adminOnlyTask?: boolean;
  /** Autoscaling floor. @default desiredCount */
  readonly minCount?: number;
  /** Autoscaling ceiling. @default max(2, 3 x desiredCount) */
  readonly maxCount?: number;
  /** Average CPU the autoscaling keeps the service at. @default 60 */
  readonly cpuTargetUtilization?: number;
  /** @default "X86_64" */
  readonly cpuArchitecture?: "X86_64" | "ARM64";
  /**
   * Days the log group keeps Kong's logs (a CloudWatch Logs retention period). A year is what audits
   * usually ask of access logs; shorten it where the volume makes that expensive and the logs are
   * kept elsewhere (Splunk).
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * KMS key of the log group, as an ARN (its key policy must let CloudWatch Logs use it for this
   * group) or as a key the cluster registers the group with (`KongSiteKey`, which `KongSite` passes).
   * @default CloudWatch Logs' own encryption
   */
  readonly logKmsKeyArn?: string | ILogEncryptionKey;
  /**
   * Keep the log group and its logs when the stack is destroyed (`skip_destroy`). Turn off only for
   * throw-away environments.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Name of the task execution role, the only principal that reads this site's secrets. The PKI stack
   * grants its secrets to this name (`siteExecutionRoleName`).
   * @default `<namePrefix>-kong-execution`
   */
  readonly executionRoleName?: string;
  /**
   * Kong Enterprise: the Secrets Manager secret holding the licence, given to Kong as
   * `KONG_LICENSE_DATA` (the execution role may read it; the licence never reaches the JSON or state).
   * @default none (Kong OSS, or Enterprise in free mode)
   */
  readonly licenseSecretArn?: string;
  /**
   * How the Admin API refuses requests without the estate's credential (see `KongAdminApiAuth`):
   * Nginx basic authentication on OSS, RBAC on Enterprise.
   * @default none: the Admin API answers any request that reaches it (the internal load balancer and
   * its security group are then the only protection)
   */
  readonly adminApiAuth?: KongAdminApiAuth;
  /** Extra Kong settings as environment (`KONG_*`); they win over the defaults. @default none */
  readonly environment?: { readonly [name: string]: string };
  /** Extra environment from secrets (certificates, tokens). @default none */
  readonly secrets?: readonly KongTaskSecret[];
  /** Containers next to Kong (log forwarders, FireLens). @default none */
  readonly sidecars?: readonly KongSidecar[];
  /** Task-storage volumes shared with sidecars. @default none */
  readonly volumes?: readonly string[];
  /** Kong's own mounts of those volumes (e.g. a file-log directory). @default none */
  readonly mountPoints?: readonly KongMountPoint[];
  /** Where Kong's stdout/stderr go. @default awslogs to `logGroup`, stream prefix `kong` */
  readonly logConfiguration?: KongLogConfiguration;
  /** OSS client mTLS on the proxy. @default off */
  readonly clientMtls?: KongClientMtls;
  /** Where Kong may open connections to upstream services. @default ["0.0.0.0/0"] */
  readonly upstreamCidrs?: readonly string[];
  /** ECS Container Insights metrics. @default true */
  readonly containerInsights?: boolean;
}

/** Kong images per edition, pinned: upgrades are deliberate (see docs/HA.md, "Upgrading Kong"). */
export const KONG_IMAGES = {
  oss: { image: "kong", version: "3.9.1" },
  enterprise: { image: "kong/kong-gateway", version: "3.9.0.1" },
} as const satisfies { readonly [edition in KongEdition]: { readonly image: string; readonly version: string } };

/** A KongCluster's task size and count when its props leave them out. */
export const KONG_CLUSTER_DEFAULTS = {
  image: KONG_IMAGES.oss.image,
  version: KONG_IMAGES.oss.version,
  cpu: 1024,
  memory: 2048,
  desiredCount: 2,
} as const;

/** The autoscaling ceiling when none is given: three times the normal count, and at least 2. */
export function defaultMaxCount(desiredCount: number): number {
  return Math.max(2, 3 * desiredCount);
}

/** Why Kong's containers keep a writable root filesystem (checkov CKV_AWS_336). */
export const KONG_WRITABLE_ROOT =
  "Kong writes its prefix (nginx configuration, pid file, sockets) under /usr/local/kong as the kong user. Fargate offers no tmpfs and its task-storage volumes are owned by root, so a read-only root would need an init container that hands a volume to the kong user; until then the root stays writable.";

const RESERVED_CONTAINERS = new Set(["kong", "kong-migrations", "kong-client-ca", ADMIN_AUTH_CONTAINER]);
const CLIENT_CA_PATH = "/kong-pki/client-ca.pem";

/**
 * Kong on ECS Fargate for one site: a cluster, a service spread over the network's private subnets
 * (one AZ each) behind the site's load balancers, CPU target-tracking autoscaling between
 * `minCount` and `maxCount`, a CloudWatch log group, a task execution role that reads only this
 * site's secrets and an (empty) task role for Kong itself.
 *
 * Database migrations: each task starts with a non-essential `kong-migrations` container running
 * `kong migrations bootstrap && kong migrations up`; Kong starts when it has exited. Kong serializes
 * migrations with a lock in the database, so several tasks starting together run them once, and
 * `up` only adds what running older nodes can live with. `kong migrations finish` (after an upgrade
 * has rolled out everywhere) is an operator step: the `<prefix>-kong-admin` task definition runs
 * any `kong` command, see docs/HA.md.
 */
export class KongCluster extends Construct {
  readonly cluster: EcsCluster;
  readonly service: EcsService;
  readonly taskDefinition: EcsTaskDefinition;
  /** One-off task definition for operator commands (`kong migrations finish`, `kong migrations list`). */
  readonly adminTaskDefinition: EcsTaskDefinition;
  /** The single proxy-less task that keeps the Admin API up (`adminOnlyTask`), when there is one. */
  readonly adminOnlyService?: EcsService;
  /**
   * What rolls the services when a secret their tasks read at start changes: the database password
   * (`restartOnPasswordRotation`) and whatever `restartOnSecretChange` adds (renewed certificates).
   */
  get secretChangeRestart(): RestartOnSecretChange | undefined {
    return this.restart;
  }
  private restart?: RestartOnSecretChange;
  readonly securityGroup: SecurityGroup;
  readonly logGroup: CloudwatchLogGroup;
  /** The role ECS uses to start tasks: pulls the image, reads the secrets, writes logs. */
  readonly executionRole: IamRole;
  /** The role Kong and its sidecars run as; no permissions unless added (`addToTaskRolePolicy`). */
  readonly taskRole: IamRole;
  readonly capacity: KongCapacity;
  readonly image: string;

  private readonly props: KongClusterProps;
  private readonly environment: { [name: string]: string } = {};
  private readonly secrets: KongTaskSecret[] = [];
  private readonly sidecars: KongSidecar[] = [];
  private readonly volumes: string[] = [];
  private readonly mountPoints: KongMountPoint[] = [];
  private readonly readableSecrets = new Set<string>();
  private readonly secretKeys = new Set<string>();
  private readonly taskRoleStatements: object[] = [];
  private mtls?: KongClientMtls;
  private readonly adminAuth?: AdminApiAuthSettings;

  constructor(scope: Construct, id: string, props: KongClusterProps) {
    super(scope, id);
    this.props = props;
    const cpu = props.cpu ?? KONG_CLUSTER_DEFAULTS.cpu;
    const memory = props.memory ?? KONG_CLUSTER_DEFAULTS.memory;
    const desiredCount = props.desiredCount ?? KONG_CLUSTER_DEFAULTS.desiredCount;
    const minCount = props.minCount ?? desiredCount;
    const maxCount = props.maxCount ?? defaultMaxCount(desiredCount);
    const capacity: KongCapacity = { desiredCount, minCount, maxCount, cpu, memory };
    const executionRoleName = props.executionRoleName ?? `${props.namePrefix}-kong-execution`;
    const retention = props.logRetentionDays ?? 365;
    const issues = propsIssues(props, capacity, executionRoleName, retention);
    if (issues.length) throw new ConfigError(issues, this.node.path);
    this.capacity = capacity;
    this.image = `${props.image ?? KONG_CLUSTER_DEFAULTS.image}:${props.version ?? KONG_CLUSTER_DEFAULTS.version}`;
    Object.assign(this.environment, props.environment ?? {});
    this.secrets.push(...(props.secrets ?? []));
    if (props.licenseSecretArn !== undefined) this.secrets.push({ name: "KONG_LICENSE_DATA", valueFrom: props.licenseSecretArn });
    this.sidecars.push(...(props.sidecars ?? []));
    this.volumes.push(...(props.volumes ?? []));
    this.mountPoints.push(...(props.mountPoints ?? []));

    if (props.protect === false) allowDestroy(this);
    this.logGroup = this.createLogGroup(retention);
    this.securityGroup = this.createSecurityGroup();
    const roles = this.createRoles(executionRoleName);
    this.executionRole = roles.executionRole;
    this.taskRole = roles.taskRole;

    if (props.clientMtls) this.enableClientMtls(props.clientMtls);
    if (props.adminApiAuth) {
      this.adminAuth = adminApiAuthSettings(props.adminApiAuth);
      this.grantSecretRead(props.adminApiAuth.secretArn);
      if (this.adminAuth.initContainer) this.usePkiVolume();
    }

    this.cluster = new EcsCluster(this, "cluster", {
      name: props.namePrefix,
      setting: [{ name: "containerInsights", value: props.containerInsights === false ? "disabled" : "enabled" }],
    });
    const taskDefinitions = this.createTaskDefinitions();
    this.taskDefinition = taskDefinitions.kong;
    this.adminTaskDefinition = taskDefinitions.admin;
    for (const task of [this.taskDefinition, this.adminTaskDefinition]) skipCheckov(task, { id: "CKV_AWS_336", comment: KONG_WRITABLE_ROOT });
    this.service = this.createService();
    if (props.adminOnlyTask) this.adminOnlyService = this.createAdminOnlyService();
    this.createAutoscaling();
    if (props.restartOnPasswordRotation !== false) this.restartOnSecretChange(props.database.secretArn);
  }

  /**
   * Rolls the Kong services (a new ECS deployment, task by task) whenever this secret (an ARN in the
   * site's region) gets a new current value: tasks read their secrets only when they start. One
   * EventBridge rule and state machine per cluster serve every secret (`RestartOnSecretChange`).
   */
  restartOnSecretChange(secretArn: string): void {
    if (this.restart) return this.restart.addSecret(secretArn);
    this.restart = new RestartOnSecretChange(this, "restart-on-secret-change", {
      namePrefix: this.props.namePrefix,
      secretArns: [secretArn],
      cluster: this.cluster,
      services: [this.service, ...(this.adminOnlyService ? [this.adminOnlyService] : [])],
    });
  }

  /**
   * Serves a certificate kept in Secrets Manager (a bundle with `certificate_chain` and `private_key`,
   * such as the pki stack's `<site>/server`) on the proxy without its key reaching Terraform: ECS
   * injects both into the Kong container (`SITE_TLS_CERT`, `SITE_TLS_KEY`), a kong_certificate holds
   * only the references Kong's `env` vault resolves (`SITE_CERTIFICATE_REFERENCES`), and the services
   * roll when the secret gets a new version. Returns those references.
   */
  addProxyCertificate(secretArn: string): KongCertificateReferences {
    this.addSecret({ name: envVariableOf(SITE_CERTIFICATE_REFERENCES.certificate)!, ...secretJsonKey(secretArn, "certificate_chain") });
    this.addSecret({ name: envVariableOf(SITE_CERTIFICATE_REFERENCES.privateKey)!, ...secretJsonKey(secretArn, "private_key") });
    this.restartOnSecretChange(secretArn);
    return SITE_CERTIFICATE_REFERENCES;
  }

  /** The client mTLS settings, when enabled (props or `enableClientMtls`). */
  get clientMtls(): KongClientMtls | undefined {
    return this.mtls;
  }

  /**
   * Turns on OSS client mTLS on the proxy: an init container writes the CA bundle secret to task
   * storage, and nginx verifies client certificates against it (see `KongClientMtls`).
   */
  enableClientMtls(mtls: KongClientMtls): void {
    if (this.mtls) throw new ConfigError([{ path: "clientMtls", message: "is already enabled" }], this.node.path);
    this.mtls = mtls;
    this.usePkiVolume();
    this.grantSecretRead(mtls.caBundle.secretArn ?? baseSecretArn(mtls.caBundle.valueFrom));
    Object.assign(this.environment, {
      KONG_NGINX_PROXY_SSL_VERIFY_CLIENT: mtls.verify,
      KONG_NGINX_PROXY_SSL_CLIENT_CERTIFICATE: CLIENT_CA_PATH,
      KONG_NGINX_PROXY_SSL_VERIFY_DEPTH: String(mtls.verifyDepth ?? 3),
    });
  }

  /** The task-storage volume init containers write certificates and password files to, read-only for Kong. */
  private usePkiVolume(): void {
    if (this.volumes.includes("kong-pki")) return;
    this.addVolume("kong-pki");
    this.mountPoints.push({ sourceVolume: "kong-pki", containerPath: "/kong-pki", readOnly: true });
  }

  /** Sets a Kong setting (`KONG_*`) or any variable in the Kong container; wins over the defaults. */
  addEnvironment(name: string, value: string): void {
    this.environment[name] = value;
  }

  /** Adds a variable read from a secret at task start, and lets the execution role read that secret. */
  addSecret(secret: KongTaskSecret): void {
    this.secrets.push(secret);
  }

  /** Adds a container next to Kong in every task. */
  addSidecar(sidecar: KongSidecar): void {
    if (RESERVED_CONTAINERS.has(sidecar.name) || this.sidecars.some((s) => s.name === sidecar.name)) {
      throw new ConfigError([{ path: "name", message: `container name "${sidecar.name}" is already used in the Kong task` }], this.node.path);
    }
    this.sidecars.push(sidecar);
  }

  /** Adds a task-storage volume for Kong and its sidecars to share. */
  addVolume(name: string): void {
    if (!this.volumes.includes(name)) this.volumes.push(name);
  }

  /** Mounts a volume into the Kong container. */
  addMountPoint(mountPoint: KongMountPoint): void {
    this.mountPoints.push(mountPoint);
  }

  /** Lets the execution role read a secret (Secrets Manager or SSM parameter ARN). */
  grantSecretRead(secretArn: string): void {
    this.readableSecrets.add(secretArn);
  }

  /**
   * Lets the execution role decrypt, through Secrets Manager only, the secrets encrypted with a
   * customer-managed key (the database password secret under the site key, for example).
   */
  grantDecryptSecrets(kmsKeyArn: string): void {
    this.secretKeys.add(kmsKeyArn);
  }

  /** Adds an IAM statement to the task role (what Kong and sidecars may call at run time). */
  addToTaskRolePolicy(statement: {
    readonly Effect: "Allow" | "Deny";
    readonly Action: string | readonly string[];
    readonly Resource: string | readonly string[];
  }): void {
    this.taskRoleStatements.push(statement);
  }

  /** The log group of every container in the cluster's tasks, registered with the site key when there is one. */
  private createLogGroup(retention: number): CloudwatchLogGroup {
    const props = this.props;
    const logKey = props.logKmsKeyArn;
    const logGroupName = `/kong-ha/${props.namePrefix}`;
    if (logKey !== undefined && typeof logKey !== "string") logKey.allowLogGroup(logGroupName);
    return new CloudwatchLogGroup(this, "logs", {
      name: logGroupName,
      retentionInDays: retention,
      kmsKeyId: typeof logKey === "string" ? logKey : logKey?.arn,
      skipDestroy: props.protect !== false,
    });
  }

  /** The tasks' security group and its egress rules; opens the database and the load balancers to it. */
  private createSecurityGroup(): SecurityGroup {
    const { namePrefix: prefix, network, database, loadBalancers, upstreamCidrs } = this.props;
    // Task security group: in only from the load balancers, out to the database, AWS APIs and upstreams.
    const securityGroup = new SecurityGroup(this, "sg", {
      name: `${prefix}-kong-tasks`,
      description: `Kong ${prefix} tasks: from the site's load balancers only`,
      vpcId: network.vpcId,
      ingress: [
        {
          description: "proxy from the public NLB",
          protocol: "tcp",
          fromPort: KONG_PORTS.proxy,
          toPort: KONG_PORTS.proxy,
          securityGroups: [loadBalancers.publicSecurityGroup.id],
        },
        {
          description: "Admin API from the internal NLB",
          protocol: "tcp",
          fromPort: KONG_PORTS.admin,
          toPort: KONG_PORTS.admin,
          securityGroups: [loadBalancers.adminSecurityGroup.id],
        },
        {
          description: "status API (health checks) from both NLBs",
          protocol: "tcp",
          fromPort: KONG_PORTS.status,
          toPort: KONG_PORTS.status,
          securityGroups: [loadBalancers.publicSecurityGroup.id, loadBalancers.adminSecurityGroup.id],
        },
      ],
      tags: { Name: `${prefix}-kong-tasks` },
    });
    new VpcSecurityGroupEgressRule(this, "out-database", {
      securityGroupId: securityGroup.id,
      referencedSecurityGroupId: database.securityGroup.id,
      ipProtocol: "tcp",
      fromPort: database.port,
      toPort: database.port,
      description: "Kong's Postgres",
    });
    new VpcSecurityGroupEgressRule(this, "out-https", {
      securityGroupId: securityGroup.id,
      cidrIpv4: "0.0.0.0/0",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "image registry, AWS APIs (Secrets Manager, CloudWatch Logs) and HTTPS upstreams",
    });
    (upstreamCidrs ?? ["0.0.0.0/0"]).forEach((cidr, i) => {
      new VpcSecurityGroupEgressRule(this, `out-upstreams-${i}`, {
        securityGroupId: securityGroup.id,
        ...(cidr.includes(":") ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
        ipProtocol: "tcp",
        fromPort: 1,
        toPort: 65535,
        description: "upstream services on any port",
      });
    });
    database.allowFrom("kong-tasks", securityGroup.id, `Kong ${prefix} tasks`);
    loadBalancers.allowTo(securityGroup.id);
    return securityGroup;
  }

  /**
   * The execution and task roles, assumable only by ECS for this account, and their (lazily built)
   * policies; the execution role may read the database secret and decrypt it with its key.
   */
  private createRoles(executionRoleName: string): { executionRole: IamRole; taskRole: IamRole } {
    const { namePrefix: prefix, database } = this.props;
    const account = new DataAwsCallerIdentity(this, "account");
    // Only ECS tasks acting for this account may assume the roles.
    const assume = serviceAssumeRolePolicy("ecs-tasks.amazonaws.com", account.accountId);
    const executionRole = new IamRole(this, "execution-role", {
      name: executionRoleName,
      description: `Starts Kong ${prefix} tasks: image, this site's secrets, logs`,
      assumeRolePolicy: assume,
    });
    const taskRole = new IamRole(this, "task-role", {
      name: physicalName([prefix, "kong-task"], 64),
      description: `Kong ${prefix} at run time (no permissions by default)`,
      assumeRolePolicy: assume,
    });
    this.grantSecretRead(database.secretArn);
    if (database.kmsKeyArn) this.grantDecryptSecrets(database.kmsKeyArn);
    new IamRolePolicy(this, "execution-policy", {
      name: "kong-execution",
      role: executionRole.id,
      policy: Lazy.stringValue({ produce: () => JSON.stringify(this.executionPolicy()) }),
    });
    new IamRolePolicy(this, "task-policy", {
      name: "kong-task",
      role: taskRole.id,
      policy: Lazy.stringValue({ produce: () => JSON.stringify(this.taskPolicy()) }),
    });
    return { executionRole, taskRole };
  }

  /** The Kong task definition and the admin one: same size, roles and image, containers built at synthesis. */
  /** What every task definition of the cluster shares: Fargate, size, roles, platform. */
  private taskSettings() {
    return {
      cpu: String(this.capacity.cpu),
      memory: String(this.capacity.memory),
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: this.taskRole.arn,
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: this.props.cpuArchitecture ?? "X86_64" },
    };
  }

  /** What every service of the cluster shares: Fargate in the private subnets, rolling deploys, tags. */
  private serviceSettings() {
    const { network } = this.props;
    return {
      cluster: this.cluster.id,
      launchType: "FARGATE",
      platformVersion: "LATEST",
      networkConfiguration: { subnets: network.privateSubnetIds, securityGroups: [this.securityGroup.id], assignPublicIp: false },
      // Migrations and Kong's start take a while on a fresh database.
      healthCheckGracePeriodSeconds: 120,
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      waitForSteadyState: this.props.waitForSteadyState ?? true,
      propagateTags: "SERVICE",
      enableEcsManagedTags: true,
      dependsOn: this.props.loadBalancers.listeners,
    };
  }

  private createTaskDefinitions(): { kong: EcsTaskDefinition; admin: EcsTaskDefinition } {
    const prefix = this.props.namePrefix;
    const taskSettings = this.taskSettings();
    const kong = new EcsTaskDefinition(this, "task", {
      family: `${prefix}-kong`,
      ...taskSettings,
      containerDefinitions: Lazy.stringValue({ produce: () => JSON.stringify(this.containerDefinitions()) }),
      volume: Lazy.anyValue({ produce: () => this.volumes.map((name) => ({ name })) }) as never,
    });
    const admin = new EcsTaskDefinition(this, "admin-task", {
      family: `${prefix}-kong-admin`,
      ...taskSettings,
      containerDefinitions: Lazy.stringValue({ produce: () => JSON.stringify(this.adminContainerDefinitions()) }),
    });
    return { kong, admin };
  }

  /** The Fargate service of Kong tasks in the private subnets, registered in the load balancers' target groups. */
  private createService(): EcsService {
    const { namePrefix: prefix, network, loadBalancers } = this.props;
    return new EcsService(this, "service", {
      ...this.serviceSettings(),
      name: "kong",
      taskDefinition: this.taskDefinition.arn,
      desiredCount: this.capacity.desiredCount,
      loadBalancer: [
        { targetGroupArn: loadBalancers.proxyTargetGroup.arn, containerName: "kong", containerPort: KONG_PORTS.proxy },
        { targetGroupArn: loadBalancers.statusTargetGroup.arn, containerName: "kong", containerPort: KONG_PORTS.status },
        { targetGroupArn: loadBalancers.adminTargetGroup.arn, containerName: "kong", containerPort: KONG_PORTS.admin },
      ],
      availabilityZoneRebalancing: "ENABLED",
      // Autoscaling owns the task count once the service exists.
      lifecycle: { ignoreChanges: ["desired_count"], precondition: multiAzPrecondition(network, prefix) },
    });
  }

  /**
   * One task of Kong with the proxy off, for the Admin API only: its own task definition (the same
   * containers, `KONG_PROXY_LISTEN=off`) and service, registered in the admin target group alone.
   */
  private createAdminOnlyService(): EcsService {
    const { namePrefix: prefix, loadBalancers } = this.props;
    const task = new EcsTaskDefinition(this, "admin-only-task", {
      family: `${prefix}-kong-admin-only`,
      ...this.taskSettings(),
      containerDefinitions: Lazy.stringValue({ produce: () => JSON.stringify(this.containerDefinitions({ KONG_PROXY_LISTEN: "off" })) }),
      volume: Lazy.anyValue({ produce: () => this.volumes.map((name) => ({ name })) }) as never,
    });
    skipCheckov(task, { id: "CKV_AWS_336", comment: KONG_WRITABLE_ROOT });
    return new EcsService(this, "admin-only-service", {
      ...this.serviceSettings(),
      name: "kong-admin-only",
      taskDefinition: task.arn,
      desiredCount: 1,
      loadBalancer: [{ targetGroupArn: loadBalancers.adminTargetGroup.arn, containerName: "kong", containerPort: KONG_PORTS.admin }],
    });
  }

  /** The service's autoscaling target (`minCount` to `maxCount` tasks) and its CPU target-tracking policy. */
  private createAutoscaling(): void {
    const scaling = new AppautoscalingTarget(this, "scaling", {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: `service/${this.cluster.name}/${this.service.name}`,
      minCapacity: this.capacity.minCount,
      maxCapacity: this.capacity.maxCount,
    });
    new AppautoscalingPolicy(this, "cpu-scaling", {
      name: `${this.props.namePrefix}-kong-cpu`,
      policyType: "TargetTrackingScaling",
      serviceNamespace: scaling.serviceNamespace,
      scalableDimension: scaling.scalableDimension,
      resourceId: scaling.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: this.props.cpuTargetUtilization ?? 60,
        predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
        scaleOutCooldown: 60,
        scaleInCooldown: 300,
      },
    });
  }

  private allSecrets(): KongTaskSecret[] {
    const sidecarSecrets = this.sidecars.flatMap((s) => [...(s.secrets ?? []), ...(s.logConfiguration?.secretOptions ?? [])]);
    return [...this.secrets, ...sidecarSecrets, ...(this.props.logConfiguration?.secretOptions ?? [])];
  }

  private executionPolicy(): object {
    for (const secret of this.allSecrets()) this.readableSecrets.add(secret.secretArn ?? baseSecretArn(secret.valueFrom));
    const arns = [...this.readableSecrets];
    const ssm = arns.filter((a) => !isToken(a) && a.includes(":ssm:"));
    const secretsManager = arns.filter((a) => !ssm.includes(a));
    const statements: object[] = [
      { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${this.logGroup.arn}:*` },
      { Sid: "SiteSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secretsManager },
    ];
    if (ssm.length) statements.push({ Sid: "SiteParameters", Effect: "Allow", Action: "ssm:GetParameters", Resource: ssm });
    if (this.secretKeys.size) {
      statements.push({
        Sid: "SiteSecretKeys",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: [...this.secretKeys],
        Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${this.props.region}.amazonaws.com` } },
      });
    }
    const ecr = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/(.+)$/.exec(this.props.image ?? "");
    if (ecr) {
      statements.push(
        { Sid: "EcrLogin", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
        {
          Sid: "EcrPull",
          Effect: "Allow",
          Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
          Resource: `arn:aws:ecr:${ecr[2]}:${ecr[1]}:repository/${ecr[3]}`,
        },
      );
    }
    return { Version: "2012-10-17", Statement: statements };
  }

  /** The task role's policy: the statements added with `addToTaskRolePolicy`, or a deny-all while there are none. */
  private taskPolicy(): object {
    return {
      Version: "2012-10-17",
      Statement: this.taskRoleStatements.length ? this.taskRoleStatements : [{ Sid: "NothingYet", Effect: "Deny", Action: "*", Resource: "*" }],
    };
  }

  private logConfiguration(streamPrefix: string, custom?: KongLogConfiguration): object {
    const config = custom ?? {
      logDriver: "awslogs",
      options: { "awslogs-group": this.logGroup.name, "awslogs-region": this.props.region, "awslogs-stream-prefix": streamPrefix },
    };
    return {
      logDriver: config.logDriver,
      options: config.options,
      secretOptions: config.secretOptions?.map((s) => ({ name: s.name, valueFrom: s.valueFrom })),
    };
  }

  /** Image, database settings and secrets shared by Kong, its migrations and the admin task. */
  private kongBase(name: string, streamPrefix: string): object {
    const db = this.props.database;
    const environment: { [name: string]: string } = {
      KONG_DATABASE: "postgres",
      KONG_PG_HOST: db.address,
      KONG_PG_PORT: String(db.port),
      KONG_PG_DATABASE: db.databaseName,
      KONG_PG_SSL: "on",
      KONG_PG_SSL_REQUIRED: "on",
      KONG_ANONYMOUS_REPORTS: "off",
    };
    return {
      name,
      image: this.image,
      environment: toNameValue(environment),
      secrets: [
        { name: "KONG_PG_USER", valueFrom: `${db.secretArn}:username::` },
        { name: "KONG_PG_PASSWORD", valueFrom: `${db.secretArn}:password::` },
      ],
      logConfiguration: this.logConfiguration(streamPrefix),
    };
  }

  private containerDefinitions(overrides: { readonly [name: string]: string } = {}): object[] {
    const workers = Math.max(1, Math.round((this.props.cpu ?? 1024) / 1024));
    const environment: { [name: string]: string } = {
      KONG_PROXY_LISTEN: `0.0.0.0:${KONG_PORTS.proxy} ssl proxy_protocol`,
      KONG_ADMIN_LISTEN: `0.0.0.0:${KONG_PORTS.admin} ssl`,
      KONG_STATUS_LISTEN: `0.0.0.0:${KONG_PORTS.status}`,
      KONG_ADMIN_GUI_LISTEN: "off",
      // Only the NLBs reach the proxy port (security group), so the PROXY protocol header is trusted.
      KONG_REAL_IP_HEADER: "proxy_protocol",
      KONG_TRUSTED_IPS: "0.0.0.0/0,::/0",
      KONG_PROXY_ACCESS_LOG: "/dev/stdout",
      KONG_ADMIN_ACCESS_LOG: "/dev/stdout",
      KONG_PROXY_ERROR_LOG: "/dev/stderr",
      KONG_ADMIN_ERROR_LOG: "/dev/stderr",
      // nginx's "auto" counts the host's CPUs, not the task's.
      KONG_NGINX_WORKER_PROCESSES: String(workers),
      ...this.adminAuth?.environment,
      ...this.environment,
      ...overrides,
    };
    const base = this.kongBase("kong", "kong") as { environment: object[]; secrets: object[] };
    const dependsOn: object[] = [{ containerName: "kong-migrations", condition: "COMPLETE" }];
    const migrations = this.kongBase("kong-migrations", "migrations") as { secrets: object[] };
    const containers: object[] = [
      {
        ...migrations,
        secrets: [...migrations.secrets, ...(this.adminAuth?.migrationSecrets ?? [])],
        essential: false,
        command: ["sh", "-c", "kong migrations bootstrap && kong migrations up"],
      },
    ];
    // Init containers of the Kong image that write to the kong-pki volume as root; Kong waits for each to succeed.
    const pkiInit = (name: string, streamPrefix: string, command: readonly string[], secrets: readonly { name: string; valueFrom: string }[]) => {
      containers.push({
        name,
        image: this.image,
        essential: false,
        user: "0",
        command,
        secrets,
        mountPoints: [{ sourceVolume: "kong-pki", containerPath: "/kong-pki", readOnly: false }],
        logConfiguration: this.logConfiguration(streamPrefix),
      });
      dependsOn.push({ containerName: name, condition: "SUCCESS" });
    };
    const auth = this.adminAuth?.initContainer;
    if (auth) pkiInit(auth.name, auth.name, auth.command, auth.secrets);
    if (this.mtls) {
      const command = ["sh", "-c", `printf '%s\\n' "$CLIENT_CA_BUNDLE" > ${CLIENT_CA_PATH} && chmod 0644 ${CLIENT_CA_PATH}`];
      pkiInit("kong-client-ca", "client-ca", command, [{ name: "CLIENT_CA_BUNDLE", valueFrom: this.mtls.caBundle.valueFrom }]);
    }
    for (const sidecar of this.sidecars) {
      if (sidecar.startBeforeKong) dependsOn.push({ containerName: sidecar.name, condition: sidecar.startBeforeKong });
      containers.push({
        name: sidecar.name,
        image: sidecar.image,
        essential: sidecar.essential ?? false,
        cpu: sidecar.cpu,
        memory: sidecar.memory,
        entryPoint: sidecar.entryPoint,
        command: sidecar.command,
        user: sidecar.user,
        environment: sidecar.environment ? toNameValue(sidecar.environment) : undefined,
        secrets: sidecar.secrets?.map((s) => ({ name: s.name, valueFrom: s.valueFrom })),
        mountPoints: sidecar.mountPoints?.map((m) => ({ sourceVolume: m.sourceVolume, containerPath: m.containerPath, readOnly: m.readOnly ?? false })),
        portMappings: sidecar.ports?.map((port) => ({ containerPort: port, protocol: "tcp" })),
        healthCheck: sidecar.healthCheck ? { command: sidecar.healthCheck, interval: 10, timeout: 5, retries: 3, startPeriod: 10 } : undefined,
        firelensConfiguration: sidecar.firelensConfiguration,
        logConfiguration: this.logConfiguration(sidecar.name, sidecar.logConfiguration),
      });
    }
    containers.unshift({
      ...base,
      essential: true,
      environment: toNameValue(environment),
      secrets: [...base.secrets, ...this.secrets.map((s) => ({ name: s.name, valueFrom: s.valueFrom }))],
      portMappings: [KONG_PORTS.proxy, KONG_PORTS.admin, KONG_PORTS.status].map((port) => ({ containerPort: port, protocol: "tcp" })),
      mountPoints: this.mountPoints.map((m) => ({ sourceVolume: m.sourceVolume, containerPath: m.containerPath, readOnly: m.readOnly ?? false })),
      dependsOn,
      healthCheck: { command: ["CMD", "kong", "health"], interval: 10, timeout: 5, retries: 3, startPeriod: 60 },
      ulimits: [{ name: "nofile", softLimit: 65536, hardLimit: 65536 }],
      stopTimeout: 30,
      logConfiguration: this.logConfiguration("kong", this.props.logConfiguration),
    });
    return containers;
  }

  /** The admin task's one container: Kong with its database settings, running the `kong` command given per run. */
  private adminContainerDefinitions(): object[] {
    return [
      {
        ...this.kongBase("kong", "admin"),
        essential: true,
        // Override the command per run: ["kong", "migrations", "finish"], ["kong", "migrations", "list"], ...
        command: ["kong", "migrations", "list"],
      },
    ];
  }
}

/** `arn:...:secret:name-AbCdEf:key::` -> `arn:...:secret:name-AbCdEf` (tokens are kept whole). */
export function baseSecretArn(valueFrom: string): string {
  if (isToken(valueFrom) || !valueFrom.startsWith("arn:")) return valueFrom;
  const parts = valueFrom.split(":");
  return parts[2] === "secretsmanager" ? parts.slice(0, 7).join(":") : valueFrom;
}

function toNameValue(environment: { readonly [name: string]: string }): { name: string; value: string }[] {
  return Object.keys(environment)
    .sort()
    .map((name) => ({ name, value: environment[name] }));
}

/** What is wrong with a cluster's props (task size and count, sidecar names, CIDRs, role name, retention). */
function propsIssues(props: KongClusterProps, capacity: KongCapacity, executionRoleName: string, retention: number): Issue[] {
  const { cpu, memory, desiredCount, minCount, maxCount } = capacity;
  const issues: Issue[] = [];
  const sizeProblem = fargateSizeProblem(cpu, memory);
  if (sizeProblem) issues.push({ path: "memory", message: sizeProblem });
  if (!(minCount <= desiredCount && desiredCount <= maxCount && maxCount >= 1 && minCount >= 0)) {
    issues.push({
      path: "desiredCount",
      message: `needs 0 <= minCount (${minCount}) <= desiredCount (${desiredCount}) <= maxCount (${maxCount}), maxCount >= 1`,
    });
  }
  for (const [i, sidecar] of (props.sidecars ?? []).entries()) {
    if (RESERVED_CONTAINERS.has(sidecar.name)) {
      issues.push({ path: `sidecars[${i}].name`, message: `"${sidecar.name}" is taken by the library's own containers` });
    }
  }
  (props.upstreamCidrs ?? []).forEach((cidr, i) => {
    if (!isToken(cidr) && !isCidr(cidr)) issues.push({ path: `upstreamCidrs[${i}]`, message: `${JSON.stringify(cidr)} is not a CIDR block` });
  });
  if (executionRoleName.length > 64) {
    issues.push({ path: "executionRoleName", message: `"${executionRoleName}" is longer than IAM's 64 characters: shorten the estate or site name` });
  }
  if (!LOG_RETENTION_DAYS.includes(retention)) {
    issues.push({ path: "logRetentionDays", message: `${retention} is not a CloudWatch Logs retention: use one of ${LOG_RETENTION_DAYS.join(", ")}` });
  }
  return issues;
}

/** The service's precondition that the private subnets span two AZs, when the network has two or more. */
function multiAzPrecondition(network: IKongNetwork, prefix: string): Precondition[] | undefined {
  return network.availabilityZoneCount >= 2
    ? [
        {
          condition: Op.gte(Fn.lengthOf(Fn.distinct(network.privateSubnetAvailabilityZones)), 2),
          errorMessage: `Kong ${prefix}: the private subnets must span at least two availability zones`,
        },
      ]
    : undefined;
}
