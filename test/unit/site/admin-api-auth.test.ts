import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { KongSiteProps } from "../../../src/site/kong-site";
import { ADMIN_PASSWORD_FILE } from "../../../src/site/kong-admin-api";
import { resources, StackJson, synthStack } from "../../support/synth";
import { containers, env, testSite } from "./fixtures";

const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:edge/kong-admin-AbCdEf";

function site(props: Partial<KongSiteProps["cluster"]> = {}, extra: Partial<KongSiteProps> = {}): StackJson {
  return synthStack((stack) => testSite(stack, { ...extra, cluster: { ...props } }));
}

const oss = site({ adminApiAuth: { kind: "basic", secretArn: SECRET } });
const enterprise = site({ adminApiAuth: { kind: "rbac", secretArn: SECRET } });

/** Runs the init container's own command with sh, the password file redirected to a scratch directory. */
function runInit(credential: string): { code: number; stderr: string; file: string } {
  const init = containers(oss).find((c) => c.name === "kong-admin-auth")!;
  const dir = mkdtempSync(join(tmpdir(), "admin-auth-"));
  const file = join(dir, "admin-api.htpasswd");
  const script = (init.command as string[])[2].split(ADMIN_PASSWORD_FILE).join(file);
  const run = spawnSync("sh", ["-c", script], { env: { PATH: process.env.PATH, KONG_ADMIN_CREDENTIAL: credential }, encoding: "utf8" });
  return { code: run.status ?? -1, stderr: run.stderr, file };
}

describe("the Admin API refuses requests without the estate's credential", () => {
  it("OSS: Nginx basic authentication in the Admin API's server block, from the password file", () => {
    const kong = containers(oss)[0];
    assert.deepEqual([env(kong).KONG_NGINX_ADMIN_AUTH_BASIC, env(kong).KONG_NGINX_ADMIN_AUTH_BASIC_USER_FILE], ['"Kong Admin API"', ADMIN_PASSWORD_FILE]);
  });

  it("OSS: Kong starts only after the init container wrote the password file from the secret", () => {
    const [kong, , init] = containers(oss);
    assert.deepEqual(
      [init.name, init.secrets, kong.dependsOn],
      [
        "kong-admin-auth",
        [{ name: "KONG_ADMIN_CREDENTIAL", valueFrom: SECRET }],
        [
          { containerName: "kong-migrations", condition: "COMPLETE" },
          { containerName: "kong-admin-auth", condition: "SUCCESS" },
        ],
      ],
    );
  });

  it("OSS: the init container writes kong-admin's line in Nginx's password file format", () => {
    const run = runInit("a-credential-of-24-chars");
    assert.equal(run.code, 0, run.stderr);
    assert.equal(readFileSync(run.file, "utf8"), "kong-admin:{PLAIN}a-credential-of-24-chars\n");
  });

  it("OSS: the init container refuses a credential shorter than 16 characters, so Kong never starts open", () => {
    const run = runInit("short");
    assert.deepEqual([run.code, run.stderr.trim()], [1, "the Admin API credential secret is shorter than 16 characters"]);
  });

  it("OSS: the init container refuses a credential of several lines (a secret stored with its newline)", () => {
    const run = runInit("a-credential-of-24-chars\n");
    assert.deepEqual([run.code, run.stderr.trim()], [1, "the Admin API credential secret holds several lines: store one line"]);
  });

  it("Enterprise: RBAC on, and migrations seed kong_admin's token from the secret", () => {
    const [kong, migrations] = containers(enterprise);
    assert.equal(env(kong).KONG_ENFORCE_RBAC, "on");
    assert.deepEqual(
      (migrations.secrets ?? []).filter((s: { name: string }) => s.name === "KONG_PASSWORD"),
      [{ name: "KONG_PASSWORD", valueFrom: SECRET }],
    );
    assert.equal(
      containers(enterprise).some((c) => c.name === "kong-admin-auth"),
      false,
    );
  });

  it("lets the execution role read the credential secret, and nothing reads it into the JSON", () => {
    const policy = JSON.parse(resources(oss, "aws_iam_role_policy").find((p) => p.name.endsWith("execution") || /SiteSecrets/.test(p.policy))!.policy);
    const secrets = policy.Statement.find((s: { Sid: string }) => s.Sid === "SiteSecrets").Resource;
    assert.ok(secrets.includes(SECRET), JSON.stringify(secrets));
  });

  it("protects the admin-only task of a pilot-light standby the same way", () => {
    const pilot = site(
      { adminApiAuth: { kind: "basic", secretArn: SECRET }, desiredCount: 0, minCount: 0, maxCount: 6 },
      { role: "standby", standbyLevel: "pilot-light" },
    );
    const [kong] = containers(pilot, "edge-east-kong-admin-only");
    assert.equal(env(kong).KONG_NGINX_ADMIN_AUTH_BASIC_USER_FILE, ADMIN_PASSWORD_FILE);
  });

  it("leaves the Admin API as it was without adminApiAuth (the construct alone)", () => {
    assert.equal(env(containers(site())[0]).KONG_NGINX_ADMIN_AUTH_BASIC, undefined);
  });
});
