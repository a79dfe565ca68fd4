import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SfnStateMachine } from "@cdktf/provider-aws/lib/sfn-state-machine";
import { Fn, Lazy } from "cdktf";
import { Construct } from "constructs";
import { skipCheckov } from "../core/checkov-suppression";
import { ConfigError } from "../core/config-error";
import { physicalName } from "../core/naming";
import { serviceAssumeRolePolicy } from "./service-roles";

export interface RestartOnSecretChangeProps {
  /** Prefix of the rule, state machine and role names, e.g. `edge-east`. */
  readonly namePrefix: string;
  /**
   * The secrets the tasks read at start and must read again, by ARN in the rule's region (e.g.
   * `KongDatabase.secretArn`, a certificate's replica); more with `addSecret`.
   */
  readonly secretArns: readonly string[];
  /** The cluster the services run in. */
  readonly cluster: EcsCluster;
  /** The services to roll, one after the other, when the secret gets a new current value. */
  readonly services: readonly EcsService[];
}

/**
 * Rolls ECS services when a secret their tasks read at start gets a new current value: ECS injects
 * secrets only when a task starts. Kong reads its database password (`KONG_PG_PASSWORD`) that way,
 * and the RDS-managed master password rotates on a schedule: without a new deployment, every
 * connection Kong opens after a rotation is refused. A renewed certificate (the proxy's, through
 * Kong's `env` vault, or the Admin API's) would likewise be served only by tasks started after it.
 *
 * Secrets Manager sends `Secret Label Updated` to the default EventBridge bus when `AWSCURRENT`
 * moves to a new version (no CloudTrail trail needed). A rule on it starts a Step Functions state
 * machine whose tasks call `ecs:UpdateService` with `forceNewDeployment` on each service in turn:
 * ECS replaces the tasks one by one, as in any deployment, so the gateway keeps serving. No code to
 * ship: the state machine calls the ECS API through its AWS SDK integration.
 */
export class RestartOnSecretChange extends Construct {
  readonly rule: CloudwatchEventRule;
  readonly stateMachine: SfnStateMachine;
  private readonly secretArns: string[];

  constructor(scope: Construct, id: string, props: RestartOnSecretChangeProps) {
    super(scope, id);
    const problems = [];
    if (!props.services.length) problems.push({ path: "services", message: "names no service to restart" });
    if (!props.secretArns.length) problems.push({ path: "secretArns", message: "names no secret to watch" });
    if (problems.length) throw new ConfigError(problems, this.node.path);
    this.secretArns = [...props.secretArns];
    const prefix = props.namePrefix;
    const account = new DataAwsCallerIdentity(this, "account");

    const machineRole = new IamRole(this, "machine-role", {
      name: physicalName([prefix, "restart-on-secret"], 64),
      description: `Rolls the ECS services of ${prefix} when their secret rotates`,
      assumeRolePolicy: serviceAssumeRolePolicy("states.amazonaws.com", account.accountId),
    });
    new IamRolePolicy(this, "machine-policy", {
      name: "update-services",
      role: machineRole.id,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["ecs:UpdateService"], Resource: props.services.map((service) => service.id) }],
      }),
    });
    // State names are plain text (a service's configured name), never a token: they are JSON keys.
    const stateName = (service: EcsService, i: number) => `Restart ${service.nameInput ?? `service ${i + 1}`}`;
    const steps = props.services.map((service, i) => ({
      name: stateName(service, i),
      state: {
        Type: "Task",
        Resource: "arn:aws:states:::aws-sdk:ecs:updateService",
        Parameters: { Cluster: props.cluster.arn, Service: service.name, ForceNewDeployment: true },
        ...(i + 1 < props.services.length ? { Next: stateName(props.services[i + 1], i + 1) } : { End: true }),
      },
    }));
    this.stateMachine = new SfnStateMachine(this, "machine", {
      name: physicalName([prefix, "restart-on-secret"], 80),
      roleArn: machineRole.arn,
      definition: Fn.jsonencode({
        Comment: "Roll the services whose tasks read the secret at start",
        StartAt: steps[0].name,
        States: Object.fromEntries(steps.map((step) => [step.name, step.state])),
      }),
    });
    skipCheckov(
      this.stateMachine,
      {
        id: "CKV_AWS_284",
        comment: "One ECS API call per service a few times a year: there is nothing for X-Ray to trace that the execution history does not show.",
      },
      {
        id: "CKV_AWS_285",
        comment:
          "A Standard state machine keeps every execution's history, inputs and errors for 90 days without log delivery; the restarts also show in the ECS service's events.",
      },
    );

    const eventsRole = new IamRole(this, "events-role", {
      name: physicalName([prefix, "restart-on-secret-events"], 64),
      description: `Lets EventBridge start the restart of ${prefix}'s services`,
      assumeRolePolicy: serviceAssumeRolePolicy("events.amazonaws.com", account.accountId),
    });
    new IamRolePolicy(this, "events-policy", {
      name: "start-restart",
      role: eventsRole.id,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["states:StartExecution"], Resource: this.stateMachine.arn }],
      }),
    });
    this.rule = new CloudwatchEventRule(this, "rule", {
      name: physicalName([prefix, "secret-rotated"], 64),
      description: `A new current value of a secret ${prefix}'s tasks read at start`,
      // Built at synth, after every addSecret.
      eventPattern: Lazy.stringValue({
        produce: () =>
          Fn.jsonencode({
            source: ["aws.secretsmanager"],
            "detail-type": ["Secret Label Updated"],
            resources: [...this.secretArns],
            detail: { labelUpdated: ["AWSCURRENT"] },
          }),
      }),
    });
    new CloudwatchEventTarget(this, "target", { rule: this.rule.name, arn: this.stateMachine.arn, roleArn: eventsRole.arn });
  }

  /** Also restart when this secret (an ARN in the rule's region) gets a new current value. */
  addSecret(secretArn: string): void {
    if (!this.secretArns.includes(secretArn)) this.secretArns.push(secretArn);
  }
}
