// Promotion drills of the standby levels below hot: the embedded default's standby made pilot-light,
// then warm (its PKI and logging left out, which the default's own rehearsal applies), its site
// deployed against moto with the real aws provider, its gateway stack applied through the Admin API
// the standby keeps running (a pilot-light's one proxy-less task, a warm standby's one proxy task;
// a Kong Admin API double, driven by the real kong provider), then promoted with the failover
// runbook's own `aws` commands (AWS CLI v1, pinned, against moto), then made permanent
// (`standby: hot`) with an infra apply. moto runs each ECS service at the size it asks for
// (MOTO_ECS_SERVICE_RUNNING=desired), so the waits for steady state complete; how long Fargate takes
// to start real tasks is not something moto can show.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { App } from "cdktf";
import { KongEstate } from "../../src/ha/kong-estate";
import { KONG_ADMIN_USER } from "../../src/site/kong-admin-api";
import { DEFAULT_TOPOLOGY } from "../../src/topology/default-topology";
import { resolveTopology } from "../../src/topology/resolve-topology";
import { TopologyConfig } from "../../src/topology/topology-schema";
import { loopbackPki, LoopbackPki, RunningAdminApiDouble, startAdminApiDouble } from "../support/kong-admin-double/start";
import { awsOverride, createSecret, RunningMoto, startMoto } from "../support/moto/start";
import { secretLabelUpdated } from "../support/moto/secret-restart";
import { awsShell, AwsShell, kongServices, PROMOTION_STEP, runbookCommands } from "../support/moto/aws-cli";
import { resourceCount } from "../support/synth";
import { runTerraformAsync } from "../support/terraform";
import { skipUnless } from "../support/tools";

const SKIP = skipUnless("rehearsal", "terraform", "python3", "openssl");

const ADMIN_PASSWORD = randomBytes(18).toString("base64url");
const { pki: _pki, logging: _logging, ...WITHOUT_PKI_AND_LOGGING } = DEFAULT_TOPOLOGY;
const [PRIMARY_INPUT, STANDBY_INPUT] = DEFAULT_TOPOLOGY.sites;
type Level = "pilot-light" | "warm" | "hot";
const input = (standby: Level): TopologyConfig => ({ ...WITHOUT_PKI_AND_LOGGING, sites: [PRIMARY_INPUT, { ...STANDBY_INPUT, standby }] });

/** What each standby level runs before promotion: ECS services by name, at their desired and running counts. */
const SERVICES_BEFORE: Record<"pilot-light" | "warm", Record<string, { desired: number; running: number }>> = {
  "pilot-light": { kong: { desired: 0, running: 0 }, "kong-admin-only": { desired: 1, running: 1 } },
  warm: { kong: { desired: 1, running: 1 } },
};

for (const level of ["pilot-light", "warm"] as const) {
  const topology = resolveTopology(input(level)).topology!;
  const primary = topology.sites.find((s) => s.role === "primary")!;
  const standby = topology.sites.find((s) => s.role === "standby")!;
  const INFRA = `${standby.name}-infra`;
  const GATEWAY = `${standby.name}-gateway`;

  describe(`rehearsal: a ${level} standby deployed, then promoted with the runbook's own commands`, { skip: SKIP }, () => {
    const outdir = join(mkdtempSync(join(tmpdir(), `rehearsal-${level}-`)), "cdktf.out");
    let moto: RunningMoto | undefined;
    let double: RunningAdminApiDouble | undefined;
    let pki: LoopbackPki;
    let shell: AwsShell;
    let runbook: string;
    const report: string[] = [];
    const stackDir = (stack: string) => join(outdir, "stacks", stack);

    function synth(standbyLevel: Level): KongEstate {
      const app = new App({ outdir });
      const estate = new KongEstate(app, { topology: resolveTopology(input(standbyLevel)).topology! });
      app.synth();
      return estate;
    }

    async function terraform(stack: string, args: string[]) {
      const started = Date.now();
      const run = await runTerraformAsync(stackDir(stack), [...args, "-no-color", "-input=false"], {
        SSL_CERT_FILE: pki.caFile,
        KONG_ADMIN_USERNAME: KONG_ADMIN_USER,
        KONG_ADMIN_PASSWORD: ADMIN_PASSWORD,
        TF_VAR_demo_app_api_key: `${level}-drill-key`,
      });
      return { code: run.code, out: `${run.stdout}${run.stderr}`, seconds: (Date.now() - started) / 1000 };
    }

    /** desiredCount and runningCount of the standby's active Kong ECS services, through the AWS CLI. */
    const services = () => kongServices(shell, standby.region, `${topology.name}-${standby.name}`);

    before(async () => {
      runbook = synth(level).runbook();
      moto = await startMoto([standby.region], "desired", { executeStateMachines: true });
      shell = awsShell(moto.url);
      await createSecret(moto.url, standby.region, standby.kong.adminCredentialSecret, ADMIN_PASSWORD);
      pki = loopbackPki([`kong-admin.${standby.name}.${topology.domain}`]);
      double = await startAdminApiDouble({ pki, password: ADMIN_PASSWORD });
      const writeOverrides = () => {
        const providers = JSON.parse(readFileSync(join(stackDir(INFRA), "cdk.tf.json"), "utf8")).provider.aws;
        writeFileSync(join(stackDir(INFRA), "rehearsal_override.tf.json"), JSON.stringify(awsOverride(moto!.url, providers)));
        writeFileSync(join(stackDir(GATEWAY), "rehearsal_override.tf.json"), JSON.stringify({ provider: { kong: [{ kong_admin_uri: double!.url }] } }));
      };
      writeOverrides();
      for (const stack of [INFRA, GATEWAY]) {
        const init = await terraform(stack, ["init"]);
        assert.equal(init.code, 0, init.out);
      }
    });

    after(() => {
      moto?.stop();
      double?.stop();
      if (report.length) process.stderr.write(`rehearsal (${level} promotion): ${report.join("; ")}\n`);
    });

    it(`applies the ${level} site: ${level === "warm" ? "its proxy service runs one task" : "its proxy service runs no task, its Admin-API-only service one"}`, async () => {
      const run = await terraform(INFRA, ["apply", "-auto-approve"]);
      assert.equal(run.code, 0, run.out);
      const count = resourceCount(JSON.parse(readFileSync(join(stackDir(INFRA), "cdk.tf.json"), "utf8")));
      assert.match(run.out, new RegExp(`Apply complete! Resources: ${count} added, 0 changed, 0 destroyed`));
      report.push(`${INFRA} (${level}): ${count} resources in ${run.seconds.toFixed(0)} s`);
      assert.deepEqual(await services(), SERVICES_BEFORE[level]);
    });

    it("applies its gateway stack through the standby's running Admin API: the catalog is in place before any promotion", async () => {
      const run = await terraform(GATEWAY, ["apply", "-auto-approve"]);
      assert.equal(run.code, 0, run.out);
      const names = ((await double!.get("/services")).json.data as { name: string }[]).map((s) => s.name).sort();
      assert.deepEqual(names, topology.catalog.services!.map((s) => s.name).sort());
    });

    it("a new current database password rolls the site's Kong services by itself: EventBridge starts the restart machine, which redeploys them", async () => {
      const cluster = `${topology.name}-${standby.name}`;
      const described = await shell(`aws rds describe-db-instances --region ${standby.region}`);
      assert.equal(described.code, 0, described.out);
      const [database] = JSON.parse(described.out).DBInstances as { MasterUserSecret: { SecretArn: string } }[];

      const unrelated = await secretLabelUpdated(
        moto!.url,
        standby.region,
        cluster,
        `arn:aws:secretsmanager:${standby.region}:123456789012:secret:unrelated-AbCdEf`,
      );
      assert.deepEqual(unrelated.executions, [], "another secret's new version restarts nothing");

      const restart = await secretLabelUpdated(moto!.url, standby.region, cluster, database.MasterUserSecret.SecretArn);
      assert.deepEqual(restart.executions, ["SUCCEEDED"]);
      assert.deepEqual(restart.notRedeployed, []);
      report.push(`database password rotation to redeployed services: ${restart.seconds.toFixed(1)} s`);
    });

    it("promotion: the runbook's step 2, run as written, scales the proxy to the primary's size and waits until it is stable", async () => {
      const commands = runbookCommands(runbook, PROMOTION_STEP);
      assert.match(commands, /aws ecs update-service .* --desired-count \d+/);
      const run = await shell(commands);
      assert.equal(run.code, 0, `${commands}\n${run.out}`);
      report.push(`promotion (runbook step 2 against moto): ${run.seconds.toFixed(1)} s`);
      assert.deepEqual((await services()).kong, { desired: primary.kong.desiredCount, running: primary.kong.desiredCount });
      const targets = await shell(`aws application-autoscaling describe-scalable-targets --region ${standby.region} --service-namespace ecs`);
      const kong = (JSON.parse(targets.out).ScalableTargets as { ResourceId: string; MinCapacity: number }[]).find((t) => t.ResourceId.endsWith("/kong"));
      assert.equal(kong?.MinCapacity, primary.kong.desiredCount);
    });

    it("the promoted standby's gateway stack has nothing to change (the runbook's step 3)", async () => {
      const plan = await terraform(GATEWAY, ["plan", "-detailed-exitcode"]);
      assert.equal(plan.code, 0, plan.out);
    });

    it("making it permanent (standby: hot, then an infra apply) applies over the promoted site and keeps it at the primary's size", async () => {
      synth("hot");
      const run = await terraform(INFRA, ["apply", "-auto-approve"]);
      assert.equal(run.code, 0, run.out);
      report.push(`${INFRA} made hot: ${run.seconds.toFixed(0)} s`);
      const after = await services();
      assert.equal(after.kong.desired, primary.kong.desiredCount);
      assert.equal(after["kong-admin-only"], undefined, "a hot standby keeps no Admin-API-only service");
    });
  });
}
