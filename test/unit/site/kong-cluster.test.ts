import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KongSiteProps } from "../../../src/site/kong-site";
import { KongSite } from "../../../src/site/kong-site";
import { configErrorOf, resources, StackJson, synthStack } from "../../support/synth";
import { containers, env, testSite } from "./fixtures";

function site(props: Partial<KongSiteProps> = {}, extend?: (site: KongSite) => void): StackJson {
  return synthStack((stack) => {
    const s = testSite(stack, props);
    extend?.(s);
  });
}

const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:edge/east/server-AbCdEf";

describe("KongCluster", () => {
  const json = site();
  const [kong, migrations] = containers(json);
  const service = resources(json, "aws_ecs_service")[0];

  it("runs Kong on Fargate in the private subnets without public addresses", () => {
    assert.deepEqual(
      [service.launch_type, service.network_configuration.assign_public_ip, service.network_configuration.subnets.length],
      ["FARGATE", false, 2],
    );
  });

  it("registers the tasks in the proxy, status and admin target groups", () => {
    assert.deepEqual(service.load_balancer.map((lb: StackJson) => lb.container_port).sort(), [8100, 8443, 8444]);
  });

  it("makes the apply wait until the tasks run and pass Kong's readiness check in every target group", () => {
    assert.equal(service.wait_for_steady_state, true);
    const groups = resources(json, "aws_lb_target_group");
    assert.deepEqual(
      groups.map((g) => g.health_check.path),
      groups.map(() => "/status/ready"),
    );
  });

  it("lets an emulator that runs no tasks turn the wait off", () => {
    assert.equal(resources(site({ cluster: { waitForSteadyState: false } }), "aws_ecs_service")[0].wait_for_steady_state, false);
  });

  it("listens for the proxy with TLS and PROXY protocol, the Admin API with TLS and status in plain HTTP", () => {
    const e = env(kong);
    assert.deepEqual(
      [e.KONG_PROXY_LISTEN, e.KONG_ADMIN_LISTEN, e.KONG_STATUS_LISTEN, e.KONG_REAL_IP_HEADER],
      ["0.0.0.0:8443 ssl proxy_protocol", "0.0.0.0:8444 ssl", "0.0.0.0:8100", "proxy_protocol"],
    );
  });

  it("runs migrations in a container Kong waits for, so several tasks starting together are safe", () => {
    assert.deepEqual(
      [migrations.name, migrations.essential, migrations.command, kong.dependsOn?.[0]],
      ["kong-migrations", false, ["sh", "-c", "kong migrations bootstrap && kong migrations up"], { containerName: "kong-migrations", condition: "COMPLETE" }],
    );
  });

  it("keeps an operator task definition for kong migrations finish", () => {
    assert.deepEqual(containers(json, "edge-east-kong-admin")[0].command, ["kong", "migrations", "list"]);
  });

  it("reads the database credentials from the RDS-managed secret at task start", () => {
    assert.deepEqual(
      kong.secrets?.map((s) => s.name),
      ["KONG_PG_USER", "KONG_PG_PASSWORD"],
    );
    assert.match(kong.secrets![1].valueFrom, /master_user_secret\[0\]\.secret_arn\}:password::$/);
  });

  it("lets the execution role read this site's database secret and nothing else", () => {
    const policy = JSON.parse(resources(json, "aws_iam_role_policy").find((p) => p.name === "kong-execution")!.policy);
    const secrets = policy.Statement.find((s: StackJson) => s.Sid === "SiteSecrets");
    assert.deepEqual(secrets.Resource, ["${aws_db_instance.kong_database_instance_0AC04E18.master_user_secret[0].secret_arn}"]);
  });

  it("gives Kong Enterprise its licence from Secrets Manager as KONG_LICENSE_DATA, readable by the execution role only", () => {
    const LICENSE = "arn:aws:secretsmanager:us-east-1:123456789012:secret:kong/license-AbCdEf";
    const withLicence = site({ cluster: { licenseSecretArn: LICENSE } });
    const [kongWithLicence] = containers(withLicence);
    assert.deepEqual(
      kongWithLicence.secrets?.find((s) => s.name === "KONG_LICENSE_DATA"),
      { name: "KONG_LICENSE_DATA", valueFrom: LICENSE },
    );
    assert.equal(env(kongWithLicence).KONG_LICENSE_DATA, undefined);
    const policy = JSON.parse(resources(withLicence, "aws_iam_role_policy").find((p) => p.name === "kong-execution")!.policy);
    assert.ok(policy.Statement.find((s: StackJson) => s.Sid === "SiteSecrets").Resource.includes(LICENSE));
  });

  it("names the execution role as the PKI stack expects by default", () => {
    assert.ok(resources(json, "aws_iam_role").some((r) => r.name === "edge-east-kong-execution"));
  });

  it("scales on CPU between the floor and the ceiling, and leaves the count to autoscaling", () => {
    const target = resources(json, "aws_appautoscaling_target")[0];
    assert.deepEqual([target.min_capacity, target.max_capacity, service.desired_count, service.lifecycle.ignore_changes], [2, 6, 2, ["desired_count"]]);
  });

  it("checks at apply time that the private subnets span two AZs", () => {
    assert.match(service.lifecycle.precondition[0].condition, /^\$\{\(length\(distinct\(\[aws_subnet\..*availability_zone.*\]\)\) >= 2\)\}$/);
  });

  it("lets tasks in only from the load balancers' security groups", () => {
    const sg = resources(json, "aws_security_group").find((g) => g.name === "edge-east-kong-tasks")!;
    assert.deepEqual(
      sg.ingress.map((r: StackJson) => [r.from_port, r.cidr_blocks ?? []]),
      [
        [8443, []],
        [8444, []],
        [8100, []],
      ],
    );
  });

  it("adds environment, secrets and sidecars through its extension points", () => {
    const extended = site({}, (s) => {
      s.cluster.addEnvironment("KONG_LOG_LEVEL", "info");
      s.cluster.addSecret({ name: "KONG_SSL_CERT", valueFrom: `${SECRET}:certificate::` });
      s.cluster.addVolume("kong-logs");
      s.cluster.addMountPoint({ sourceVolume: "kong-logs", containerPath: "/var/log/kong-splunk" });
      s.cluster.addSidecar({
        name: "splunk-uf",
        image: "splunk/universalforwarder:9.4",
        mountPoints: [{ sourceVolume: "kong-logs", containerPath: "/logs", readOnly: true }],
      });
    });
    const all = containers(extended);
    const policy = JSON.parse(resources(extended, "aws_iam_role_policy").find((p) => p.name === "kong-execution")!.policy);
    assert.deepEqual(
      [
        env(all[0]).KONG_LOG_LEVEL,
        all[0].secrets?.at(-1),
        all.map((c) => c.name),
        policy.Statement.find((s: StackJson) => s.Sid === "SiteSecrets").Resource[1],
        resources(extended, "aws_ecs_task_definition").find((t) => t.family === "edge-east-kong")!.volume,
      ],
      ["info", { name: "KONG_SSL_CERT", valueFrom: `${SECRET}:certificate::` }, ["kong", "kong-migrations", "splunk-uf"], SECRET, [{ name: "kong-logs" }]],
    );
  });

  it("delivers a client CA bundle from a secret to nginx for OSS client mTLS", () => {
    const mtls = site({ cluster: { clientMtls: { verify: "on", caBundle: { valueFrom: `${SECRET}:ca_chain::` } } } });
    const [k, , init] = containers(mtls);
    assert.deepEqual(
      [env(k).KONG_NGINX_PROXY_SSL_VERIFY_CLIENT, env(k).KONG_NGINX_PROXY_SSL_CLIENT_CERTIFICATE, init.name, k.dependsOn?.[1]],
      ["on", "/kong-pki/client-ca.pem", "kong-client-ca", { containerName: "kong-client-ca", condition: "SUCCESS" }],
    );
  });

  it("refuses a task size Fargate does not offer", () => {
    const error = configErrorOf((scope) => testSite(scope as never, { cluster: { cpu: 512, memory: 8192 } }));
    assert.equal(error.message, "test/kong/cluster: memory: 8192 MiB is not a Fargate memory size for 512 CPU units: use 1024 to 4096 MiB in steps of 1024");
  });

  it("refuses a sidecar that takes a library container's name", () => {
    const error = configErrorOf((scope) => testSite(scope as never, { cluster: { sidecars: [{ name: "kong", image: "x" }] } }));
    assert.equal(error.message, 'test/kong/cluster: sidecars[0].name: "kong" is taken by the library\'s own containers');
  });

  it("keeps Kong's logs a year, encrypted with the site key, and on destroy", () => {
    const group = resources(json, "aws_cloudwatch_log_group").find((g) => g.name === "/kong-ha/edge-east")!;
    assert.deepEqual([group.retention_in_days, group.skip_destroy], [365, true]);
    assert.match(group.kms_key_id, /^\$\{aws_kms_key\.kong_key_\w+\.arn\}$/);
  });

  it("lets the execution role decrypt the database secret's key, through Secrets Manager only", () => {
    const policy = JSON.parse(resources(json, "aws_iam_role_policy").find((p) => p.name === "kong-execution")!.policy);
    const statement = policy.Statement.find((s: StackJson) => s.Sid === "SiteSecretKeys");
    assert.deepEqual(
      [statement.Action, statement.Condition],
      ["kms:Decrypt", { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } }],
    );
    assert.match(statement.Resource[0], /^\$\{aws_kms_key\.kong_key_\w+\.arn\}$/);
  });

  it("refuses a log retention CloudWatch Logs does not offer", () => {
    const error = configErrorOf((scope) => testSite(scope as never, { cluster: { logRetentionDays: 42 } }));
    assert.match(error.message, /^test\/kong\/cluster: logRetentionDays: 42 is not a CloudWatch Logs retention/);
  });
});
