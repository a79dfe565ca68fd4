/**
 * Drives a site's restart on a secret's new version (`RestartOnSecretChange`) against moto started
 * with `executeStateMachines`: puts the event Secrets Manager sends when AWSCURRENT moves (AWS's
 * documented `Secret Label Updated`; moto emits none), waits for the executions it starts, and reads
 * each ECS service's current deployment before and after.
 */
import { motoJson } from "./start";

/** One JSON-protocol call to moto in `region`; rejects with moto's answer if it refuses. */
async function awsJson(
  url: string,
  region: string,
  service: string,
  target: string,
  version: "1.0" | "1.1",
  request: object,
): Promise<Record<string, unknown>> {
  const { ok, status, body } = await motoJson(url, region, service, target, request, version);
  if (!ok) throw new Error(`moto refused ${target} in ${region}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** The current deployment of each ACTIVE service of an ECS cluster, by service name. */
async function serviceDeployments(url: string, region: string, cluster: string): Promise<Record<string, string>> {
  const ecs = (action: string, request: object) => awsJson(url, region, "ecs", `AmazonEC2ContainerServiceV20141113.${action}`, "1.1", request);
  const { serviceArns } = (await ecs("ListServices", { cluster })) as { serviceArns: string[] };
  const { services } = (await ecs("DescribeServices", { cluster, services: serviceArns })) as {
    services: { serviceName: string; status: string; deployments: { id: string }[] }[];
  };
  return Object.fromEntries(services.filter((s) => s.status === "ACTIVE").map((s) => [s.serviceName, s.deployments[0].id]));
}

export interface SecretRestart {
  /** The status of each execution the event started, oldest first (none when the rule did not match). */
  readonly executions: string[];
  /** From the event to the last execution's end. */
  readonly seconds: number;
  /** The cluster's ACTIVE services whose current deployment is the same after the event as before. */
  readonly notRedeployed: string[];
}

/** Each site's restart on a secret's new version is the state machine named `<prefix>-restart-on-secret`. */
const RESTART_MACHINE = "restart-on-secret";

/**
 * Puts `Secret Label Updated` (AWSCURRENT) for `secretArn` on `region`'s default bus and waits for
 * the executions it starts of the site's restart state machine: up to 30 s for them to end, and
 * `quietMs` for a rule that matches nothing to show it. Compares the ECS `cluster`'s deployments.
 */
export async function secretLabelUpdated(url: string, region: string, cluster: string, secretArn: string, quietMs = 1000): Promise<SecretRestart> {
  const states = (action: string, request: object) => awsJson(url, region, "states", `AWSStepFunctions.${action}`, "1.0", request);
  const { stateMachines } = (await states("ListStateMachines", {})) as { stateMachines: { name: string; stateMachineArn: string }[] };
  const machine = stateMachines.find((m) => m.name.endsWith(RESTART_MACHINE));
  if (!machine) throw new Error(`no state machine named *${RESTART_MACHINE} in ${region}: ${stateMachines.map((m) => m.name).join(", ")}`);
  const executions = async () =>
    (
      (await states("ListExecutions", { stateMachineArn: machine.stateMachineArn })) as {
        executions: { executionArn: string; status: string; startDate: number }[];
      }
    ).executions;
  const seen = new Set((await executions()).map((e) => e.executionArn));
  const before = await serviceDeployments(url, region, cluster);

  const started = Date.now();
  const detail = { name: secretArn.split(":").pop(), labelUpdated: "AWSCURRENT", versionId: crypto.randomUUID() };
  const entry = { Source: "aws.secretsmanager", DetailType: "Secret Label Updated", Resources: [secretArn], Detail: JSON.stringify(detail) };
  const put = (await awsJson(url, region, "events", "AWSEvents.PutEvents", "1.1", { Entries: [entry] })) as { FailedEntryCount: number };
  if (put.FailedEntryCount !== 0) throw new Error(`moto refused the event: ${JSON.stringify(put)}`);

  for (;;) {
    const fresh = (await executions()).filter((e) => !seen.has(e.executionArn)).sort((a, b) => a.startDate - b.startDate);
    const waited = Date.now() - started;
    if ((fresh.length > 0 && fresh.every((e) => e.status !== "RUNNING")) || (fresh.length === 0 && waited >= quietMs)) {
      const after = await serviceDeployments(url, region, cluster);
      const notRedeployed = Object.keys(before).filter((service) => after[service] === before[service]);
      return { executions: fresh.map((e) => e.status), seconds: waited / 1000, notRedeployed };
    }
    if (waited > 30_000) throw new Error(`the restart did not end within 30 s: ${JSON.stringify(fresh)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
