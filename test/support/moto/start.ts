import { ChildProcess, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../examples";
import { freePort } from "../vault-server";
import { stopByPid, waitForListening } from "../listening-process";

/** moto in server mode on 127.0.0.1 (test/support/moto/server.py), started by the rehearsal. */
export interface RunningMoto {
  readonly url: string;
  readonly pid: number;
  /** The moto version the drift list was pinned against. */
  readonly version: string;
  stop(): void;
}

export const MOTO_VERSION = "5.2.5";

/** Every AWS service endpoint the synthesized stacks use, all pointed at moto. */
const SERVICES = [
  "acm",
  "acmpca",
  "appautoscaling",
  "cloudwatch",
  "ec2",
  "ecs",
  "elbv2",
  "events",
  "firehose",
  "iam",
  "kms",
  "logs",
  "rds",
  "route53",
  "s3",
  "s3control",
  "secretsmanager",
  "sfn",
  "sns",
  "ssm",
  "sts",
];

/**
 * The aws providers' override for a stack: each provider block the stack declares (default and
 * aliased), with its own region, every endpoint on moto and moto's fixed keys.
 */
export function awsOverride(url: string, providers: readonly { readonly region: string; readonly alias?: string }[]): object {
  return {
    provider: {
      aws: providers.map(({ region, alias }) => ({
        ...(alias ? { alias } : {}),
        region,
        access_key: "rehearsal",
        secret_key: "rehearsal",
        skip_credentials_validation: true,
        skip_metadata_api_check: "true",
        s3_use_path_style: true,
        endpoints: [Object.fromEntries(SERVICES.map((s) => [s, url]))],
      })),
    },
  };
}

/**
 * The environment a terraform run against moto needs besides the override: S3 Control prefixes its
 * host with the account ID (`123456789012.127.0.0.1:<port>`), which no resolver knows, so plain-HTTP
 * requests go through moto itself as their proxy (it serves them by path). Go never proxies requests
 * to 127.0.0.1, so every other endpoint is reached directly. AWS provider 6 reads a bucket's tags
 * through S3 Control.
 */
export function awsClientEnv(url: string): NodeJS.ProcessEnv {
  return { HTTP_PROXY: url, http_proxy: url, NO_PROXY: "", no_proxy: "" };
}

/**
 * Installs moto (scripts/install-moto.sh, cached) and starts it; rejects with one line if it cannot.
 * moto runs no containers: its ECS services report `runningTasks` tasks running (moto's own
 * MOTO_ECS_SERVICE_RUNNING), or with `"desired"` each service the tasks it asks for (server.py), so
 * an apply that waits for a service's steady state can complete. With `executeStateMachines`,
 * EventBridge rules start their Step Functions targets and moto runs them (server.py).
 */
export async function startMoto(
  regions: readonly string[],
  runningTasks: number | "desired",
  options: { readonly executeStateMachines?: boolean } = {},
): Promise<RunningMoto> {
  const install = spawnSync("bash", [join(ROOT, "scripts", "install-moto.sh")], { encoding: "utf8" });
  if (install.status !== 0) {
    throw new Error(`moto ${MOTO_VERSION} could not be installed from PyPI (python3 -m venv + pip): ${install.stderr.trim().split("\n").pop()}`);
  }
  const python = install.stdout.trim();
  const port = await freePort();
  const child: ChildProcess = spawn(python, [join(ROOT, "test", "support", "moto", "server.py"), String(port), ...regions], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MOTO_ECS_SERVICE_RUNNING: String(runningTasks),
      MOTO_EXECUTE_STATE_MACHINES: String(options.executeStateMachines === true),
    },
  });
  const url = await waitForListening(child, "moto");
  return { url, pid: child.pid!, version: MOTO_VERSION, stop: () => stopByPid(child.pid) };
}

/** One JSON-protocol call to moto in `region` (`target`: the X-Amz-Target, e.g. `AWSEvents.PutEvents`): its HTTP status and answer. */
export async function motoJson(
  url: string,
  region: string,
  service: string,
  target: string,
  request: object,
  version: "1.0" | "1.1" = "1.1",
): Promise<{ ok: boolean; status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": `application/x-amz-json-${version}`,
      "x-amz-target": target,
      // moto reads the region from the credential scope; it does not check the signature.
      authorization: `AWS4-HMAC-SHA256 Credential=rehearsal/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(request),
  });
  return { ok: res.ok, status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** One Secrets Manager call to moto in `region`: its HTTP status and answer. */
function secretsManager(url: string, region: string, action: string, request: object) {
  return motoJson(url, region, "secretsmanager", `secretsmanager.${action}`, request);
}

/**
 * Creates a Secrets Manager secret in moto, as an operator does before the first deploy (for example
 * the Admin API credential the infra stacks read by name), optionally replicated to other regions.
 * Rejects with moto's answer if it refuses.
 */
export async function createSecret(url: string, region: string, name: string, value: string, replicaRegions: readonly string[] = []): Promise<string> {
  const replicas = replicaRegions.length ? { AddReplicaRegions: replicaRegions.map((Region) => ({ Region })) } : {};
  const { ok, status, body } = await secretsManager(url, region, "CreateSecret", { Name: name, SecretString: value, ...replicas });
  if (!ok || typeof body.ARN !== "string") throw new Error(`moto refused CreateSecret ${name} in ${region}: ${status} ${JSON.stringify(body)}`);
  return body.ARN;
}

/** A secret's value from moto in `region`, as ECS reads it at task start (GetSecretValue). */
export async function getSecret(url: string, region: string, name: string): Promise<string> {
  const { ok, status, body } = await secretsManager(url, region, "GetSecretValue", { SecretId: name });
  if (!ok || typeof body.SecretString !== "string") throw new Error(`moto has no value for ${name} in ${region}: ${status} ${JSON.stringify(body)}`);
  return body.SecretString;
}

/** A secret's ARN in `region`, by name: in a replica's region, the replica's own ARN (DescribeSecret). */
export async function secretArn(url: string, region: string, name: string): Promise<string> {
  const { ok, status, body } = await secretsManager(url, region, "DescribeSecret", { SecretId: name });
  if (!ok || typeof body.ARN !== "string") throw new Error(`moto has no secret ${name} in ${region}: ${status} ${JSON.stringify(body)}`);
  return body.ARN;
}

/** One EC2 call to moto in `region` (EC2's query protocol); rejects with moto's answer if refused. */
async function ec2(url: string, region: string, action: string, params: Record<string, string>): Promise<string> {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `AWS4-HMAC-SHA256 Credential=rehearsal/20260101/${region}/ec2/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new URLSearchParams({ Action: action, Version: "2016-11-15", ...params }).toString(),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`moto refused ${action} in ${region}: ${res.status} ${text}`);
  return text;
}

/** The first `<tag>` value of an EC2 XML answer. */
function xmlValue(xml: string, tag: string): string {
  const value = new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(xml)?.[1];
  if (!value) throw new Error(`no ${tag} in moto's answer: ${xml.slice(0, 300)}`);
  return value;
}

/**
 * What a site that adopts an existing VPC expects to find: a VPC with an internet gateway, and two
 * private and two public subnets over two AZs. Returns their IDs (moto chooses them).
 */
export async function createExistingNetwork(
  url: string,
  region: string,
  cidr = "10.99.0.0/16",
): Promise<{ vpcId: string; privateSubnetIds: string[]; publicSubnetIds: string[] }> {
  const vpcId = xmlValue(await ec2(url, region, "CreateVpc", { CidrBlock: cidr }), "vpcId");
  const gateway = xmlValue(await ec2(url, region, "CreateInternetGateway", {}), "internetGatewayId");
  await ec2(url, region, "AttachInternetGateway", { InternetGatewayId: gateway, VpcId: vpcId });
  const base = cidr.split(".").slice(0, 2).join(".");
  const subnet = async (third: number, zone: string) =>
    xmlValue(await ec2(url, region, "CreateSubnet", { VpcId: vpcId, CidrBlock: `${base}.${third}.0/24`, AvailabilityZone: `${region}${zone}` }), "subnetId");
  return {
    vpcId,
    privateSubnetIds: [await subnet(1, "a"), await subnet(2, "b")],
    publicSubnetIds: [await subnet(101, "a"), await subnet(102, "b")],
  };
}

/** A public hosted zone for `name`, as an estate that adopts an existing zone expects; returns its ID (moto chooses it). */
export async function createHostedZone(url: string, name: string): Promise<string> {
  const res = await fetch(`${url}/2013-04-01/hostedzone`, {
    method: "POST",
    headers: {
      "content-type": "application/xml",
      authorization: "AWS4-HMAC-SHA256 Credential=rehearsal/20260101/us-east-1/route53/aws4_request, SignedHeaders=host, Signature=0",
    },
    body: `<?xml version="1.0" encoding="UTF-8"?><CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Name>${name}</Name><CallerReference>${Date.now()}</CallerReference></CreateHostedZoneRequest>`,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`moto refused CreateHostedZone ${name}: ${res.status} ${text}`);
  return xmlValue(text, "Id").replace(/^\/hostedzone\//, "");
}
