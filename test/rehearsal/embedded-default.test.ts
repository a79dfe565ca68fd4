// Deploy rehearsal of the embedded default: its stacks applied in `cdktf deploy` order with the real
// terraform CLI and the real providers, against stand-ins on 127.0.0.1: moto for AWS (each
// `<site>-infra`), and per site a Kong Admin API double (test/support/kong-admin-double: built from
// Kong 3.9's published OpenAPI and schemas, not Kong) served over TLS from a throw-away CA and
// protected by the Admin API password the estate configures (Nginx basic authentication, user
// kong-admin; the password is the secret the infra stacks read), driven by the REAL kevholditch/kong 6.5.1. Then: a second plan (no changes
// but the pinned emulator drifts), the catalog read back through both Admin APIs (the same services,
// routes, plugins and consumer credentials at both sites), the refusals (no key, untrusted
// certificate), and destroy. Endpoints reach the stacks only through override files written here.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { App } from "cdktf";
import { KongEstate } from "../../src/ha/kong-estate";
import { DEFAULT_TOPOLOGY } from "../../src/topology/default-topology";
import { resolveTopology } from "../../src/topology/resolve-topology";
import { loopbackPki, LoopbackPki, RunningAdminApiDouble, startAdminApiDouble } from "../support/kong-admin-double/start";
import { catalogOf as readCatalog } from "../support/kong-admin-double/catalog";
import { awsOverride, getSecret, RunningMoto, secretArn, startMoto } from "../support/moto/start";
import { createOperatorSecrets } from "../support/moto/operator-secrets";
import { secretLabelUpdated } from "../support/moto/secret-restart";
import { KONG_ADMIN_USER } from "../../src/site/kong-admin-api";
import { protectedAddresses, releasedBeforeDestroy, resourceCount, StackJson } from "../support/synth";
import { runTerraformAsync } from "../support/terraform";
import { driftsOf, secondPlanChanges } from "./emulator-drifts";
import { ContainerSecret, referencedVariable, resolveEnvReference, taskEnvironment } from "../support/kong-admin-double/task-environment";
import { skipUnless } from "../support/tools";

const SKIP = skipUnless("rehearsal", "terraform", "python3", "openssl");

const ADMIN_PASSWORD = randomBytes(18).toString("base64url");
const CLIENT_KEY = randomBytes(18).toString("base64url");
const { topology } = resolveTopology(DEFAULT_TOPOLOGY);
const SITES = topology!.sites.map((s) => s.name);
/** The stacks applied against moto, in deploy order. */
const AWS_STACKS = ["pki", ...SITES.map((site) => `${site}-infra`), "global"];

interface Run {
  readonly code: number;
  readonly out: string;
  readonly seconds: number;
}

describe("rehearsal: the embedded default, applied in deploy order against moto and Kong Admin API doubles", { skip: SKIP }, () => {
  const outdir = join(mkdtempSync(join(tmpdir(), "rehearsal-default-")), "cdktf.out");
  const doubles = new Map<string, RunningAdminApiDouble>();
  let moto: RunningMoto | undefined;
  let pki: LoopbackPki;
  const report: string[] = [];

  const stackDir = (stack: string) => join(outdir, "stacks", stack);
  const stackJson = (stack: string): StackJson => JSON.parse(readFileSync(join(stackDir(stack), "cdk.tf.json"), "utf8"));

  /** terraform in a stack's directory, with the stand-ins' trust, keys and variables; output merged. */
  async function terraform(stack: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
    const started = Date.now();
    // `state` and `show` take neither flag.
    const flags = ["state", "show"].includes(args[0]) ? [] : ["-no-color", "-input=false"];
    const run = await runTerraformAsync(stackDir(stack), [...args, ...flags], {
      SSL_CERT_FILE: pki.caFile,
      KONG_ADMIN_USERNAME: KONG_ADMIN_USER,
      KONG_ADMIN_PASSWORD: ADMIN_PASSWORD,
      TF_VAR_demo_app_api_key: CLIENT_KEY,
      ...env,
    });
    return { code: run.code, out: `${run.stdout}${run.stderr}`, seconds: (Date.now() - started) / 1000 };
  }

  /** Applies stacks side by side; each must succeed. Records time and resource count for the report. */
  async function applyAll(stacks: readonly string[]): Promise<void> {
    const runs = await Promise.all(stacks.map((stack) => terraform(stack, ["apply", "-auto-approve"])));
    stacks.forEach((stack, i) => {
      assert.equal(runs[i].code, 0, `${stack}:\n${runs[i].out}`);
      const count = resourceCount(stackJson(stack));
      assert.match(runs[i].out, new RegExp(`Apply complete! Resources: ${count} added, 0 changed, 0 destroyed`));
      report.push(`${stack}: ${count} resources in ${runs[i].seconds.toFixed(0)} s`);
    });
  }

  const planChanges = (stack: string) => secondPlanChanges((args) => terraform(stack, args));

  before(async () => {
    assert.ok(topology);
    const app = new App({ outdir });
    new KongEstate(app, { topology: topology! });
    app.synth();
    moto = await startMoto(
      topology!.sites.map((s) => s.region),
      Math.max(...topology!.sites.map((s) => s.kong.desiredCount)),
      { executeStateMachines: true },
    );
    await createOperatorSecrets(moto.url, topology!, ADMIN_PASSWORD);
    pki = loopbackPki(SITES.map((site) => `kong-admin.${site}.${topology!.domain}`));
    for (const stack of AWS_STACKS) {
      const providers = stackJson(stack).provider.aws as { region: string; alias?: string }[];
      writeFileSync(join(stackDir(stack), "rehearsal_override.tf.json"), JSON.stringify(awsOverride(moto.url, providers)));
    }
    for (const site of topology!.sites) {
      const double = await startAdminApiDouble({ pki, password: ADMIN_PASSWORD });
      doubles.set(site.name, double);
      writeFileSync(
        join(stackDir(`${site.name}-gateway`), "rehearsal_override.tf.json"),
        JSON.stringify({ provider: { kong: [{ kong_admin_uri: double.url }] } }),
      );
    }
    // One init at a time: terraform's plugin cache is not safe for concurrent installs.
    for (const stack of ["pki", ...SITES.flatMap((site) => [`${site}-infra`, `${site}-gateway`]), "global"]) {
      const init = await terraform(stack, ["init"]);
      assert.equal(init.code, 0, init.out);
    }
  });

  after(() => {
    moto?.stop();
    for (const double of doubles.values()) double.stop();
    if (report.length) process.stderr.write(`rehearsal (embedded default): ${report.join("; ")}\n`);
  });

  it("applies the pki stack against moto first: the CA, each site's certificates, stored in Secrets Manager", async () => {
    await applyAll(["pki"]);
  });

  it("applies every site's infra stack against moto (side by side: neither depends on the other)", async () => {
    await applyAll(SITES.map((site) => `${site}-infra`));
  });

  it("applies every site's gateway stack with the real kong provider over verified TLS and the Admin API password", async () => {
    await applyAll(SITES.map((site) => `${site}-gateway`));
  });

  it("applies the global stack last: the zone with DNSSEC and query logging, a health check and a failover record per site", async () => {
    await applyAll(["global"]);
    const show = await terraform("global", ["show", "-json"]);
    assert.equal(show.code, 0, show.out);
    const resources: { type: string; values: Record<string, unknown> }[] = JSON.parse(show.out).values.root_module.resources;
    const records = resources.filter((r) => r.type === "aws_route53_record" && r.values.name === topology!.domain);
    const checks = new Set(resources.filter((r) => r.type === "aws_route53_health_check").map((r) => r.values.id));
    assert.deepEqual(records.map((r) => (r.values.failover_routing_policy as { type: string }[])[0].type).sort(), ["PRIMARY", "SECONDARY"]);
    const primary = records.find((r) => (r.values.failover_routing_policy as { type: string }[])[0].type === "PRIMARY")!;
    assert.ok(checks.has(primary.values.health_check_id), "the primary's record is tied to its health check");
    assert.equal(resources.find((r) => r.type === "aws_route53_hosted_zone_dnssec")?.values.signing_status, "SIGNING");
  });

  it("global: a second plan changes only the pinned emulator drifts", async () => {
    assert.deepEqual(await planChanges("global"), driftsOf("global"));
  });

  it("pki: a second plan changes only the pinned emulator drifts", async () => {
    assert.deepEqual(await planChanges("pki"), driftsOf("pki"));
  });

  for (const site of SITES) {
    it(`${site}: the Admin API certificate, read from Secrets Manager in the site's region as ECS reads it, verifies for kong-admin.${site}.<domain> against the stored chain`, async () => {
      const bundle = JSON.parse(await getSecret(moto!.url, topology!.sites.find((s) => s.name === site)!.region, `${topology!.name}/${site}/admin`));
      const ca = JSON.parse(await getSecret(moto!.url, topology!.sites.find((s) => s.name === site)!.region, `${topology!.name}/ca`)).ca_chain;
      const dir = mkdtempSync(join(tmpdir(), "rehearsal-admin-cert-"));
      writeFileSync(join(dir, "cert.pem"), bundle.certificate);
      writeFileSync(join(dir, "chain.pem"), ca);
      const verify = spawnSync(
        "openssl",
        ["verify", "-CAfile", join(dir, "chain.pem"), "-verify_hostname", `kong-admin.${site}.${topology!.domain}`, join(dir, "cert.pem")],
        {
          encoding: "utf8",
        },
      );
      assert.equal(verify.status, 0, `${verify.stdout}${verify.stderr}`);
    });

    it(`${site}-infra: a second plan changes only the pinned emulator drifts`, async () => {
      assert.deepEqual(await planChanges(`${site}-infra`), driftsOf("infra"));
    });

    it(`${site}-gateway: a second plan changes nothing`, async () => {
      assert.deepEqual(await planChanges(`${site}-gateway`), []);
    });
  }

  const catalogOf = (site: string) => readCatalog(doubles.get(site)!);

  it("both sites hold the same services, routes, plugins, consumers and credentials", async () => {
    const [first, ...others] = await Promise.all(SITES.map(catalogOf));
    assert.ok(first.services.length > 0 && first.routes.length > 0 && first.plugins.length > 0);
    for (const other of others) assert.deepEqual(other, first);
  });

  it("both sites hold the client's key as given, not one Kong generated", async () => {
    for (const site of SITES) assert.deepEqual((await catalogOf(site)).keys, [{ consumer: "demo-app", key: CLIENT_KEY }]);
  });

  it("failover drill: with the primary's Admin API gone, the standby serves the primary's catalog and credentials, and its gateway stack has nothing to change", async () => {
    const [primary, standby] = SITES;
    const before = await catalogOf(primary);
    doubles.get(primary)!.stop();
    // The runbook's check for the standby (step 3): its gateway stack plans no changes.
    const started = Date.now();
    const plan = await terraform(`${standby}-gateway`, ["plan", "-detailed-exitcode"]);
    assert.equal(plan.code, 0, plan.out);
    assert.deepEqual(await catalogOf(standby), before);
    report.push(`failover check of ${standby}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it("fail back: the primary's Admin API returns empty (a rebuilt database), and one gateway apply restores the same catalog and credentials", async () => {
    const [primary, standby] = SITES;
    const double = await startAdminApiDouble({ pki, password: ADMIN_PASSWORD });
    doubles.set(primary, double);
    writeFileSync(join(stackDir(`${primary}-gateway`), "rehearsal_override.tf.json"), JSON.stringify({ provider: { kong: [{ kong_admin_uri: double.url }] } }));
    const run = await terraform(`${primary}-gateway`, ["apply", "-auto-approve"]);
    assert.equal(run.code, 0, run.out);
    assert.match(run.out, new RegExp(`Apply complete! Resources: ${resourceCount(stackJson(`${primary}-gateway`))} added, 0 changed, 0 destroyed`));
    assert.deepEqual(await catalogOf(primary), await catalogOf(standby));
    report.push(`fail back of ${primary}: ${run.seconds.toFixed(1)} s`);
  });

  /** A PEM certificate's serial, as openssl prints it. */
  function serialOf(pem: string): string {
    const run = spawnSync("openssl", ["x509", "-noout", "-serial"], { input: pem, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout.trim();
  }

  /** The secrets ECS hands a site's Kong container, read from the infra stack's applied task definition. */
  async function kongContainerSecrets(site: string): Promise<ContainerSecret[]> {
    const show = await terraform(`${site}-infra`, ["show", "-json"]);
    assert.equal(show.code, 0, show.out);
    const resources: { type: string; values: { family?: string; container_definitions?: string } }[] = JSON.parse(show.out).values.root_module.resources;
    const task = resources.find((r) => r.type === "aws_ecs_task_definition" && r.values.family === `${topology!.name}-${site}-kong`);
    assert.ok(task, `${site}-infra has no Kong task definition`);
    const kong = (JSON.parse(task.values.container_definitions!) as { name: string; secrets?: ContainerSecret[] }[]).find((c) => c.name === "kong")!;
    return kong.secrets ?? [];
  }

  /** Each Kong certificate of a site as a task started now would serve it: references resolved from its secrets. */
  async function servedCertificates(site: string) {
    const certificates = (await doubles.get(site)!.get("/certificates")).json.data as { id: string; cert: string; key: string }[];
    // Only the secrets the references name (moto keeps no value for the RDS-managed password).
    const wanted = new Set(certificates.flatMap((c) => [c.cert, c.key]).map((reference) => referencedVariable(reference).variable));
    const secrets = (await kongContainerSecrets(site)).filter((s) => wanted.has(s.name));
    const env = await taskEnvironment(secrets, (region, arn) => getSecret(moto!.url, region, arn));
    return certificates.map((c) => ({
      id: c.id,
      cert: c.cert,
      key: c.key,
      serial: serialOf(resolveEnvReference(c.cert, env)),
      keyResolves: /-----BEGIN PRIVATE KEY-----/.test(resolveEnvReference(c.key, env)),
    }));
  }

  it("Kong's certificate holds references that a started task resolves, from its own region's secret, to the site's server certificate", async () => {
    for (const site of SITES) {
      const [served] = await servedCertificates(site);
      assert.deepEqual([served.cert, served.key, served.keyResolves], ["{vault://env/site-tls-cert}", "{vault://env/site-tls-key}", true]);
      const region = topology!.sites.find((s) => s.name === site)!.region;
      const stored = JSON.parse(await getSecret(moto!.url, region, `${topology!.name}/${site}/server`));
      assert.equal(served.serial, serialOf(stored.certificate), `${site}: the resolved chain starts with the site's server certificate`);
    }
  });

  it("no certificate key reaches a gateway or infra state: only the pki state holds keys", async () => {
    for (const stack of [...SITES.flatMap((site) => [`${site}-infra`, `${site}-gateway`]), "pki"]) {
      const show = await terraform(stack, ["show", "-json"]);
      assert.equal(show.code, 0, show.out);
      assert.equal(/PRIVATE KEY-----/.test(show.out), stack === "pki", `${stack}: private key in its state`);
    }
  });

  it("rotation drill: a renewal replaces every certificate and leaf key; a gateway apply changes nothing (Kong keeps the same certificate entity), a restarted task serves the new serial, the Admin API certificate in Secrets Manager renews, and no client credential changes", async () => {
    const adminSerial = async (site: string) =>
      serialOf(JSON.parse(await getSecret(moto!.url, topology!.sites.find((s) => s.name === site)!.region, `${topology!.name}/${site}/admin`)).certificate);
    const serverKey = async (site: string) =>
      JSON.parse(await getSecret(moto!.url, topology!.sites.find((s) => s.name === site)!.region, `${topology!.name}/${site}/server`)).private_key as string;
    const before = new Map(
      await Promise.all(
        SITES.map(
          async (site) =>
            [
              site,
              { kong: await servedCertificates(site), admin: await adminSerial(site), key: await serverKey(site), keys: (await catalogOf(site)).keys },
            ] as const,
        ),
      ),
    );
    // The renewal: what an apply inside the early-renewal window does, brought forward by shortening the validity.
    const renewed = resolveTopology({ ...DEFAULT_TOPOLOGY, pki: { ...DEFAULT_TOPOLOGY.pki!, certificateValidityHours: 48, earlyRenewalHours: 24 } }).topology!;
    const app = new App({ outdir });
    new KongEstate(app, { topology: renewed });
    app.synth();
    const started = Date.now();
    const pkiRun = await terraform("pki", ["apply", "-auto-approve"]);
    assert.equal(pkiRun.code, 0, pkiRun.out);
    report.push(`rotation (pki apply): ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const gateways = await Promise.all(SITES.map((site) => terraform(`${site}-gateway`, ["plan", "-detailed-exitcode"])));
    for (const run of gateways) assert.equal(run.code, 0, `a gateway plan after the renewal is not empty:\n${run.out}`);
    for (const site of SITES) {
      const after = await servedCertificates(site);
      const was = before.get(site)!;
      assert.deepEqual(
        after.map((c) => c.id),
        was.kong.map((c) => c.id),
        `${site}: the Kong certificate kept its id`,
      );
      assert.notDeepEqual(
        after.map((c) => c.serial),
        was.kong.map((c) => c.serial),
        `${site}: a task started after the renewal serves a new serial`,
      );
      assert.notEqual(await adminSerial(site), was.admin, `${site}: the Admin API certificate renewed in Secrets Manager`);
      assert.notEqual(await serverKey(site), was.key, `${site}: the server certificate came with a new private key`);
      assert.deepEqual((await catalogOf(site)).keys, was.keys, `${site}: the client's key did not change`);
    }
  });

  for (const site of SITES) {
    it(`${site}: the renewed certificate's new version in the site's region rolls its Kong services by itself, so Kong serves it without a manual step`, async () => {
      const region = topology!.sites.find((s) => s.name === site)!.region;
      const server = await secretArn(moto!.url, region, `${topology!.name}/${site}/server`);
      const restart = await secretLabelUpdated(moto!.url, region, `${topology!.name}-${site}`, server);
      assert.deepEqual(restart.executions, ["SUCCEEDED"]);
      assert.deepEqual(restart.notRedeployed, []);
      report.push(`${site} server certificate renewal to redeployed services: ${restart.seconds.toFixed(1)} s`);
    });
  }

  it("the Admin API refuses a request without its password, and one with a wrong password", async () => {
    const double = doubles.get(SITES[0])!;
    const wrong = `Basic ${Buffer.from(`${KONG_ADMIN_USER}:wrong`).toString("base64")}`;
    assert.deepEqual([(await double.get("/services", {})).status, (await double.get("/services", { authorization: wrong })).status], [401, 401]);
  });

  it("the gateway plan fails, naming the refusal, when the run has no Admin API password", async () => {
    const run = await terraform(`${SITES[0]}-gateway`, ["plan"], { KONG_ADMIN_USERNAME: "", KONG_ADMIN_PASSWORD: "" });
    assert.notEqual(run.code, 0);
    assert.match(run.out, /401/);
  });

  it("the provider refuses an Admin API whose certificate it cannot verify", async () => {
    const run = await terraform(`${SITES[0]}-gateway`, ["plan"], { SSL_CERT_FILE: "/dev/null", SSL_CERT_DIR: "/nonexistent" });
    assert.notEqual(run.code, 0);
    assert.match(run.out, /certificate signed by unknown authority|x509/);
  });

  it("destroys every gateway stack, leaving its Admin API empty", async () => {
    const runs = await Promise.all(SITES.map((site) => terraform(`${site}-gateway`, ["destroy", "-auto-approve"])));
    for (const [i, site] of SITES.entries()) {
      assert.equal(runs[i].code, 0, runs[i].out);
      for (const path of ["/services", "/routes", "/plugins", "/consumers", "/upstreams", "/certificates"]) {
        assert.deepEqual((await doubles.get(site)!.get(path)).json.data, [], `${site}: ${path} is not empty after destroy`);
      }
    }
  });

  it("refuses to destroy the pki stack while its CA and store are protected, and destroys nothing", async () => {
    const run = await terraform("pki", ["destroy", "-auto-approve"]);
    assert.notEqual(run.code, 0);
    assert.match(run.out, /has\s+lifecycle\.prevent_destroy\s+set/);
    assert.doesNotMatch(run.out, /Destroying\.\.\./);
  });

  it("refuses to destroy an infra stack that holds protected resources, naming them, and destroys nothing", async () => {
    const stack = `${SITES[0]}-infra`;
    const kept = protectedAddresses(stackJson(stack));
    assert.ok(kept.length > 0);
    const run = await terraform(stack, ["destroy", "-auto-approve"]);
    assert.notEqual(run.code, 0);
    const refused = [...run.out.matchAll(/Resource (\S+) has\s+lifecycle\.prevent_destroy\s+set/g)].map((m) => m[1]);
    // Terraform stops planning at the first protected resource it meets: nothing is destroyed.
    assert.ok(refused.length > 0 && refused.every((a) => kept.includes(a)), run.out);
    assert.doesNotMatch(run.out, /Destroying\.\.\./);
  });

  it("destroys everything else once the protected resources are released from Terraform (kept in AWS)", async () => {
    for (const stack of ["global", ...SITES.map((site) => `${site}-infra`), "pki"]) {
      const released = releasedBeforeDestroy(stackJson(stack));
      const rm = await terraform(stack, ["state", "rm", ...released]);
      assert.equal(rm.code, 0, rm.out);
      const run = await terraform(stack, ["destroy", "-auto-approve"]);
      assert.equal(run.code, 0, run.out);
      assert.match(run.out, new RegExp(`Destroy complete! Resources: ${resourceCount(stackJson(stack)) - released.length} destroyed`));
    }
  });
});
