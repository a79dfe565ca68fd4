import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { KongSiteProps } from "../../../src/site/kong-site";
import { RestartOnSecretChange } from "../../../src/site/restart-on-secret-change";
import { configErrorOf, resources, StackJson, synthStack } from "../../support/synth";
import { containers, testSite } from "./fixtures";

// Kong reads its database password when a task starts; RDS rotates it. Each site rolls its Kong
// services when the password's current version changes, without anyone running a command.

function site(props: Partial<KongSiteProps> = {}): StackJson {
  return synthStack((stack) => testSite(stack, props));
}

/** The one resource of `type` (the test estates have one restart each). */
const only = (json: StackJson, type: string): StackJson => {
  const found = resources(json, type);
  assert.equal(found.length, 1, `${type}: ${found.length} resources`);
  return found[0];
};

const json = site();

describe("RestartOnSecretChange: the database password's rotation rolls Kong", () => {
  it("listens for the password secret's current version moving (Secrets Manager's own event, no CloudTrail)", () => {
    const pattern = only(json, "aws_cloudwatch_event_rule").event_pattern as string;
    assert.match(pattern, /^\$\{jsonencode\(\{/);
    assert.match(pattern, /"source" = \["aws\.secretsmanager"\]/);
    assert.match(pattern, /"detail-type" = \["Secret Label Updated"\]/);
    assert.match(pattern, /"labelUpdated" = \["AWSCURRENT"\]/);
    assert.match(pattern, /"resources" = \[aws_db_instance\.[^.]+\.master_user_secret\[0\]\.secret_arn\]/);
  });

  it("starts a state machine that forces a new deployment of the Kong service", () => {
    const machine = only(json, "aws_sfn_state_machine");
    const target = only(json, "aws_cloudwatch_event_target");
    assert.match(target.arn as string, /aws_sfn_state_machine\.[^.]+\.arn/);
    const definition = machine.definition as string;
    assert.match(definition, /"Resource" = "arn:aws:states:::aws-sdk:ecs:updateService"/);
    assert.match(definition, /"ForceNewDeployment" = true/);
    assert.match(definition, /"Service" = aws_ecs_service\.[^.]+\.name/);
    assert.match(definition, /"End" = true/);
  });

  it("lets the state machine update only the site's services, and EventBridge only start that machine", () => {
    const policies = resources(json, "aws_iam_role_policy").filter((p) => ["update-services", "start-restart"].includes(p.name as string));
    const byName = Object.fromEntries(policies.map((p) => [p.name, p.policy as string]));
    assert.match(byName["update-services"], /"Action" = \["ecs:UpdateService"\]/);
    assert.match(byName["update-services"], /"Resource" = \[aws_ecs_service\.[^.]+\.id\]/);
    assert.match(byName["start-restart"], /"Action" = \["states:StartExecution"\]/);
    assert.match(byName["start-restart"], /"Resource" = aws_sfn_state_machine\.[^.]+\.arn/);
  });

  it("has each role assumable only by its service for this account", () => {
    const roles = resources(json, "aws_iam_role").filter((r) => /restart-on-secret/.test(r.name as string));
    const trusted = roles.map((r) => JSON.parse(r.assume_role_policy as string).Statement[0]);
    assert.deepEqual(trusted.map((s: StackJson) => (s.Principal as { Service: string }).Service).sort(), ["events.amazonaws.com", "states.amazonaws.com"]);
    for (const statement of trusted) assert.ok((statement.Condition as { StringEquals: object }).StringEquals["aws:SourceAccount" as never]);
  });

  it("rolls the admin-only service of a pilot-light standby too, after the proxy service", () => {
    const pilot = site({ role: "standby", standbyLevel: "pilot-light", cluster: { desiredCount: 0, minCount: 0, maxCount: 6 } });
    const definition = only(pilot, "aws_sfn_state_machine").definition as string;
    assert.match(definition, /"StartAt" = "Restart kong"/);
    assert.match(definition, /"Next" = "Restart kong-admin-only"/);
  });

  it("can be turned off (restartOnPasswordRotation: false) when something else restarts Kong", () => {
    const off = site({ cluster: { restartOnPasswordRotation: false } });
    assert.deepEqual([resources(off, "aws_cloudwatch_event_rule").length, resources(off, "aws_sfn_state_machine").length], [0, 0]);
  });

  it("refuses a restart with no service to roll and no secret to watch, both at their paths", () => {
    const error = configErrorOf((scope) => {
      new RestartOnSecretChange(scope, "restart", { namePrefix: "x", secretArns: [], cluster: new EcsCluster(scope, "c", { name: "c" }), services: [] });
    });
    assert.deepEqual(
      error.issues.map((i) => i.path),
      ["services", "secretArns"],
    );
  });

  it("watches every secret the cluster adds with one rule and one machine, each secret once", () => {
    const json = synthStack((stack) => {
      const kong = testSite(stack, {});
      kong.cluster.restartOnSecretChange("arn:aws:secretsmanager:us-east-1:111122223333:secret:edge/east/admin-AbCdEf");
      kong.cluster.restartOnSecretChange("arn:aws:secretsmanager:us-east-1:111122223333:secret:edge/east/admin-AbCdEf");
    });
    const pattern = only(json, "aws_cloudwatch_event_rule").event_pattern as string;
    assert.match(
      pattern,
      /"resources" = \[aws_db_instance\.\S+\.secret_arn, "arn:aws:secretsmanager:us-east-1:111122223333:secret:edge\/east\/admin-AbCdEf"\]/,
    );
    only(json, "aws_sfn_state_machine");
  });

  it("serves a proxy certificate from a secret: ECS injects the chain and key that Kong's env vault references read, and a renewal rolls Kong", () => {
    const arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:edge/east/server-AbCdEf";
    let references: { certificate: string; privateKey: string } | undefined;
    const json = synthStack((stack) => {
      references = testSite(stack, { cluster: { restartOnPasswordRotation: false } }).cluster.addProxyCertificate(arn);
    });
    assert.deepEqual(references, { certificate: "{vault://env/site-tls-cert}", privateKey: "{vault://env/site-tls-key}" });
    const kong = containers(json).find((c) => c.name === "kong")!;
    assert.deepEqual(
      (kong.secrets ?? []).filter((s) => s.name.startsWith("SITE_TLS")).map((s) => [s.name, s.valueFrom]),
      [
        ["SITE_TLS_CERT", `${arn}:certificate_chain::`],
        ["SITE_TLS_KEY", `${arn}:private_key::`],
      ],
    );
    assert.match(only(json, "aws_cloudwatch_event_rule").event_pattern as string, new RegExp(`"resources" = \\["${arn.replace(/\//g, "\\/")}"\\]`));
  });
});
