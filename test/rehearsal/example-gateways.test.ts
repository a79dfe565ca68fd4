// Every example topology applied for real in deploy order, each against its own moto (and a Vault
// dev server for Vault PKI and KV): the pki stack first (tls, vault and aws providers), then every
// site's infra stack side by side and the global stack (what the operator creates first, and any
// existing VPC or hosted zone the example adopts, created in moto by the suite), then each site's
// gateway stack with the REAL kevholditch/kong 6.5.1 against its own Kong Admin API double
// (test/support/kong-admin-double, validating every request against Kong 3.9's published OpenAPI and
// plugin schemas, over TLS, with the authentication the estate configures), reading the applied
// states. Every stack plans again with no change but the drift kinds the embedded default pins;
// each site's stored server certificate verifies for its names; every site holds the same services,
// routes, plugins, consumers and credentials, the credentials the ones given. Then the drills: failover
// (the primary's Admin API gone; an active-passive primary's health check held down and a standby
// below hot promoted with the failover runbook's own `aws` commands) and fail back, rotation (a
// renewal through the pki stack, Kong keeping its certificate entity; where the pki secrets are in
// Secrets Manager, each site's Kong restarted by the renewed secret's event), and destroy (the gateway
// stacks; the stacks holding protected resources refuse, and destroy everything else once those are
// released from Terraform).
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { App } from "cdktf";
import { KongEstate } from "../../src/ha/kong-estate";
import { homeSite, Topology } from "../../src/ha/resolved-topology";
import { KONG_ADMIN_USER } from "../../src/site/kong-admin-api";
import { pkiSecretName, sitePrefix, siteDnsNames } from "../../src/core/naming";
import { healthOutput } from "../../src/ha/failover-runbook";
import { GLOBAL_REGION } from "../../src/ha/global-traffic-stack";
import { pkiStore } from "../../src/ha/pki-settings";
import { awsOverride, createExistingNetwork, createHostedZone, getSecret, RunningMoto, secretArn, startMoto } from "../support/moto/start";
import { secretLabelUpdated } from "../support/moto/secret-restart";
import { createOperatorSecrets } from "../support/moto/operator-secrets";
import { startVaultDev, VaultDevServer } from "../support/vault-server";
import { driftsOf, secondPlanChanges } from "./emulator-drifts";
import { catalogOf } from "../support/kong-admin-double/catalog";
import { loopbackPki, LoopbackPki, RunningAdminApiDouble, startAdminApiDouble } from "../support/kong-admin-double/start";
import { exampleTopologies } from "../support/examples";
import { awsShell, AwsShell, HOLD_STEP, kongServices, PROMOTION_STEP, runbookCommands } from "../support/moto/aws-cli";
import { protectedAddresses, releasedBeforeDestroy, resourceCount, StackJson } from "../support/synth";
import { runTerraformAsync } from "../support/terraform";
import { skipUnless } from "../support/tools";

const SKIP = skipUnless("rehearsal", "terraform", "openssl", "python3", "vault-server");

/**
 * The examples whose AWS half (every site's infra stack, then global) is applied too, against the
 * moto that holds their pki: what each needs there first is created by the suite. Every example
 * is today; one left out would get only its pki and gateway stacks applied.
 */
const AWS_HALF_APPLIED = new Set(["active-active.yaml", "active-active-weighted.yaml", "active-passive.yaml", "enterprise-mtls.yaml"]);

/** A drift line's resource type and attribute: what the examples' pki stacks share with the default's. */
const driftKind = (line: string) => line.replace(/^(\w+)\.\S+ (\S+)$/, "$1 $2");

type RemoteStates = Record<string, { config: { path: string } }>;

/** The outputs of another stack's state that a stack reads, by the state file's path. */
function remoteOutputs(json: StackJson): Map<string, Set<string>> {
  const sources = (json.data?.terraform_remote_state ?? {}) as RemoteStates;
  const read = new Map<string, Set<string>>();
  for (const [, source, output] of JSON.stringify(json).matchAll(/data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)/g)) {
    const path = sources[source].config.path;
    read.set(path, (read.get(path) ?? new Set()).add(output));
  }
  return read;
}

/** Synthesizes a topology into `outdir` as `cdktf synth` would; returns the estate's failover runbook. */
function synthEstate(topology: Topology, outdir: string): string {
  const app = new App({ outdir });
  const estate = new KongEstate(app, { topology });
  app.synth();
  return estate.runbook();
}

/** A PEM certificate's serial (the first certificate of a chain), as openssl prints it. */
function serialOf(pem: string): string {
  const run = spawnSync("openssl", ["x509", "-noout", "-serial"], { input: pem, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim();
}

/** What a stand-in for an infra stack's state holds for an output a gateway stack reads: the Admin API's address, which the override replaces anyway. */
function standIn(output: string): string | undefined {
  return output.endsWith("dns_name") ? "127.0.0.1" : undefined;
}

/** `CDKTF_KONG_HA_REHEARSAL_EXAMPLES=active-passive.yaml,...` rehearses only those examples (default: every one); the others are reported skipped. */
const CHOSEN = process.env.CDKTF_KONG_HA_REHEARSAL_EXAMPLES?.split(",").map((file) => file.trim());
const UNKNOWN = CHOSEN?.filter((file) => !exampleTopologies().some((e) => e.name === file)) ?? [];
if (UNKNOWN.length) throw new Error(`CDKTF_KONG_HA_REHEARSAL_EXAMPLES names no example: ${UNKNOWN.join(", ")} (examples/topologies holds the files)`);

for (const { name, topology } of exampleTopologies().filter((e) => e.name !== "default")) {
  const chosen = !CHOSEN || CHOSEN.includes(name) || `not among CDKTF_KONG_HA_REHEARSAL_EXAMPLES=${CHOSEN.join(",")}`;
  describe(`rehearsal: ${name} applied in deploy order`, { skip: SKIP || (chosen === true ? false : chosen) }, () => {
    const outdir = join(mkdtempSync(join(tmpdir(), "rehearsal-example-")), "cdktf.out");
    const sites = topology.sites.map((s) => s.name);
    /** The site failed over from: an active-passive estate's primary, else the first site. */
    const primary = homeSite(topology);
    const standby = topology.sites.find((s) => s.role === "standby");
    /** What is synthesized (the example with the IDs moto chose for what it adopts), and its runbook. */
    let synthesized: Topology;
    let runbook: string;
    /** The runbook's `aws` commands against the estate's moto, when its AWS half is applied. */
    let shell: AwsShell | undefined;
    const doubles = new Map<string, RunningAdminApiDouble>();
    const secret = randomBytes(18).toString("base64url");
    const variables: Record<string, string> = {};
    let pki: LoopbackPki;
    let moto: RunningMoto | undefined;
    let vault: VaultDevServer | undefined;
    const report: string[] = [];
    /** Whether the pki stack applies against moto (its aws provider) rather than Vault alone. */
    let pkiOnMoto = false;
    const stackDir = (stack: string) => join(outdir, "stacks", stack);
    const stackJson = (stack: string): StackJson => JSON.parse(readFileSync(join(stackDir(stack), "cdk.tf.json"), "utf8"));
    const gatewayJson = (site: string) => stackJson(`${site}-gateway`);
    const pkiJson = () => stackJson("pki");

    const terraform = async (stack: string, args: string[]) => {
      const auth = topology.edition === "enterprise" ? { KONG_ADMIN_TOKEN: secret } : { KONG_ADMIN_USERNAME: KONG_ADMIN_USER, KONG_ADMIN_PASSWORD: secret };
      // `state`, `show` and `output` take neither flag.
      const flags = ["state", "show", "output"].includes(args[0]) ? [] : ["-no-color", "-input=false"];
      const started = Date.now();
      const run = await runTerraformAsync(stackDir(stack), [...args, ...flags], {
        SSL_CERT_FILE: pki.caFile,
        ...auth,
        ...variables,
        ...(vault ? { VAULT_TOKEN: vault.token } : {}),
      });
      return { code: run.code, out: `${run.stdout}${run.stderr}`, seconds: (Date.now() - started) / 1000 };
    };

    /** A site's server bundle as its store holds it: Secrets Manager in the site's region, or Vault KV. */
    async function storedServerBundle(site: string): Promise<{ certificate: string; ca_chain: string; certificate_chain: string }> {
      if (pkiStore(topology.pki!) === "aws-secrets-manager")
        return JSON.parse(await getSecret(moto!.url, topology.sites.find((s) => s.name === site)!.region, pkiSecretName(topology, `${site}/server`)));
      const { status, json } = await vault!.api("GET", `${topology.pki!.vault!.kvPath ?? "kong"}/data/${site}/server`);
      assert.equal(status, 200, `${site}/server is not in Vault KV`);
      return (json as { data: { data: { certificate: string; ca_chain: string; certificate_chain: string } } }).data.data;
    }

    /** A site's stored server bundle verifies, against its stored chain, for each of the site's names. */
    function verifiesForSite(site: string, bundle: { ca_chain: string; certificate_chain: string }): void {
      const dir = mkdtempSync(join(tmpdir(), "rehearsal-example-cert-"));
      writeFileSync(join(dir, "chain.pem"), bundle.ca_chain);
      writeFileSync(join(dir, "leaf.pem"), bundle.certificate_chain);
      for (const host of siteDnsNames(topology, site)) {
        const verify = spawnSync("openssl", ["verify", "-CAfile", join(dir, "chain.pem"), "-verify_hostname", host, join(dir, "leaf.pem")], {
          encoding: "utf8",
        });
        assert.equal(verify.status, 0, `${site} for ${host}: ${verify.stdout}${verify.stderr}`);
      }
    }

    /** Points a site's gateway stack at a (new) Admin API double. */
    async function startDouble(site: string): Promise<void> {
      const double = await startAdminApiDouble({ pki, password: secret, edition: topology.edition });
      doubles.set(site, double);
      writeFileSync(join(stackDir(`${site}-gateway`), "rehearsal_override.tf.json"), JSON.stringify({ provider: { kong: [{ kong_admin_uri: double.url }] } }));
    }

    /** Whether the primary's Route 53 health check is inverted (held down), read with the AWS CLI as an operator would. */
    async function primaryHealthCheckInverted(): Promise<boolean> {
      const id = await terraform("global", ["output", "-raw", healthOutput(primary)]);
      assert.equal(id.code, 0, id.out);
      const run = await shell!(`aws route53 get-health-check --region ${GLOBAL_REGION} --health-check-id ${id.out.trim()}`);
      assert.equal(run.code, 0, run.out);
      return JSON.parse(run.out).HealthCheck.HealthCheckConfig.Inverted === true;
    }

    /** The runbook's step 4 (hold traffic on the standby) in two halves: invert the primary's health check, and revert it. */
    const holdCommands = () => runbookCommands(runbook, HOLD_STEP).split(/^# \.\.\..*$/m);

    before(async () => {
      const regions = [...new Set(topology.sites.map((s) => s.region))];
      // Each ECS service reports the tasks it asks for, so an infra apply's wait for steady state ends.
      if (AWS_HALF_APPLIED.has(name)) moto = await startMoto(regions, "desired", { executeStateMachines: true });
      // A site that adopts an existing VPC gets one in moto, with the IDs moto chose in place of the file's.
      const sitesHere = await Promise.all(
        topology.sites.map(async (site) =>
          moto && site.network.kind === "existing"
            ? { ...site, network: { kind: "existing" as const, ...(await createExistingNetwork(moto.url, site.region)) } }
            : site,
        ),
      );
      // So does an estate that adopts an existing hosted zone.
      const dns = moto && topology.dns.hostedZoneId ? { ...topology.dns, hostedZoneId: await createHostedZone(moto.url, topology.dns.zoneName) } : topology.dns;
      synthesized = { ...topology, sites: sitesHere, dns };
      runbook = synthEstate(synthesized, outdir);
      if (moto) shell = awsShell(moto.url);
      // Every variable a client credential is given by, once for the whole estate: the same value at every site.
      for (const variable of Object.keys((gatewayJson(sites[0]).variable ?? {}) as object)) {
        variables[`TF_VAR_${variable}`] = randomBytes(12).toString("hex");
      }
      pki = loopbackPki(sites.map((site) => `kong-admin.${site}.${topology.domain}`));
      if (topology.pki) {
        // The pki stack's providers, pointed at the stand-ins by an override file (never by library code).
        const providers = pkiJson().provider as { aws?: { region: string; alias?: string }[]; vault?: object[] };
        const override: { provider: Record<string, object[]> } = { provider: {} };
        if (providers.aws) {
          pkiOnMoto = true;
          moto ??= await startMoto(regions, "desired", { executeStateMachines: true });
          Object.assign(override.provider, (awsOverride(moto.url, providers.aws) as { provider: object }).provider);
        }
        if (providers.vault) {
          vault = await startVaultDev();
          override.provider.vault = [{ address: vault.address }];
        }
        writeFileSync(join(stackDir("pki"), "rehearsal_override.tf.json"), JSON.stringify(override));
        const init = await terraform("pki", ["init"]);
        assert.equal(init.code, 0, init.out);
      }
      for (const site of sites) {
        const init = await terraform(`${site}-gateway`, ["init"]);
        assert.equal(init.code, 0, init.out);
      }
    });

    after(async () => {
      for (const double of doubles.values()) double.stop();
      moto?.stop();
      await vault?.stop();
      if (report.length) process.stderr.write(`rehearsal (${name}): ${report.join("; ")}\n`);
    });

    if (topology.pki) {
      it("applies the pki stack first, against moto or a Vault dev server, and a second plan changes only the default's pki drift kinds", async () => {
        const started = Date.now();
        const apply = await terraform("pki", ["apply", "-auto-approve"]);
        assert.equal(apply.code, 0, apply.out);
        const count = resourceCount(pkiJson());
        assert.match(apply.out, new RegExp(`Apply complete! Resources: ${count} added, 0 changed, 0 destroyed`));
        report.push(`pki: ${count} resources in ${((Date.now() - started) / 1000).toFixed(0)} s against ${pkiOnMoto ? "moto" : "Vault"}`);
        const changes = await secondPlanChanges((args) => terraform("pki", args));
        const pinned = new Set(driftsOf("pki").map(driftKind));
        assert.deepEqual(
          changes.filter((line) => !pinned.has(driftKind(line))),
          [],
          "every change of the second plan is of a kind the default's pki pins",
        );
        if (!pkiOnMoto) assert.deepEqual(changes, [], "without moto there is no emulator to drift");
      });

      it("each site's server certificate, read back from its store, verifies for the site's names against the stored chain", async () => {
        for (const site of sites) verifiesForSite(site, await storedServerBundle(site));
      });
    }

    if (AWS_HALF_APPLIED.has(name)) {
      it("applies every site's infra stack side by side, then global, against moto; second plans change only the default's drift kinds", async () => {
        assert.ok(moto, "the estate's moto");
        await createOperatorSecrets(moto.url, topology, secret, readFileSync(pki.caFile, "utf8"));
        const infra = sites.map((site) => `${site}-infra`);
        for (const stack of [...infra, "global"]) {
          const json = JSON.parse(readFileSync(join(stackDir(stack), "cdk.tf.json"), "utf8")) as StackJson;
          writeFileSync(join(stackDir(stack), "rehearsal_override.tf.json"), JSON.stringify(awsOverride(moto.url, json.provider.aws)));
          const init = await terraform(stack, ["init"]);
          assert.equal(init.code, 0, init.out);
        }
        const pinned = new Set([...driftsOf("infra"), ...driftsOf("global")].map(driftKind));
        const applyStacks = async (stacks: string[]) => {
          const started = Date.now();
          const runs = await Promise.all(stacks.map((stack) => terraform(stack, ["apply", "-auto-approve"])));
          stacks.forEach((stack, i) => {
            assert.equal(runs[i].code, 0, `${stack}:\n${runs[i].out}`);
            const count = resourceCount(stackJson(stack));
            assert.match(runs[i].out, new RegExp(`Apply complete! Resources: ${count} added, 0 changed, 0 destroyed`));
            report.push(`${stack}: ${count} resources`);
          });
          report.push(`${stacks.join(" + ")} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
          for (const stack of stacks) {
            const changes = await secondPlanChanges((args) => terraform(stack, args));
            assert.deepEqual(
              changes.filter((line) => !pinned.has(driftKind(line))),
              [],
              `${stack}: every change of the second plan is of a kind the default pins`,
            );
          }
        };
        await applyStacks(infra);
        await applyStacks(["global"]);
      });
    }

    it("applies every site's gateway stack, then a second plan changes nothing", async () => {
      // A stand-in for each state a gateway stack reads that no apply here wrote (its infra stack's),
      // holding only the outputs read.
      const states = new Map<string, Record<string, object>>();
      for (const site of sites) {
        for (const [path, outputs] of remoteOutputs(gatewayJson(site))) {
          const file = resolve(stackDir(`${site}-gateway`), path);
          if (existsSync(file)) continue;
          const held = states.get(file) ?? {};
          for (const output of outputs) {
            const value = standIn(output);
            assert.ok(value !== undefined, `${site}-gateway reads ${output} from ${path}, which has no stand-in here`);
            held[output] = { value, type: "string" };
          }
          states.set(file, held);
        }
      }
      for (const [file, outputs] of states) {
        writeFileSync(file, JSON.stringify({ version: 4, terraform_version: "1.11.0", serial: 1, lineage: randomUUID(), resources: [], outputs }));
      }
      for (const site of sites) await startDouble(site);
      for (const site of sites) {
        const apply = await terraform(`${site}-gateway`, ["apply", "-auto-approve"]);
        assert.equal(apply.code, 0, apply.out);
        const plan = await terraform(`${site}-gateway`, ["plan", "-detailed-exitcode"]);
        assert.equal(plan.code, 0, plan.out);
      }
    });

    it("every site holds the same services, routes, plugins, consumers and credentials, each credential the one given", async () => {
      const [first, ...others] = await Promise.all(sites.map((site) => catalogOf(doubles.get(site)!)));
      assert.ok(first.services.length > 0 && first.routes.length > 0);
      for (const other of others) assert.deepEqual(other, first);
      assert.equal(
        first.keys.length,
        Object.keys(gatewayJson(sites[0]).resource.kong_consumer_key_auth ?? {}).length,
        "every key-auth credential the stack declares",
      );
      const given = new Set(Object.values(variables));
      for (const { key } of first.keys) assert.ok(given.has(key as string), `a key Kong holds is not one of the variables given: ${String(key)}`);
    });

    const globalDriftKinds = new Set(driftsOf("global").map(driftKind));
    const holdsPrimaryDown = () => shell !== undefined && topology.mode === "active-passive";

    it("failover drill: the primary's Admin API gone (an active-passive primary's health check held down, and a standby below hot promoted, with the runbook's own commands); every other site serves the primary's catalog and credentials, and its gateway stack has nothing to change", async () => {
      const catalog = await catalogOf(doubles.get(primary.name)!);
      doubles.get(primary.name)!.stop();
      const cwd = dirname(outdir);
      if (holdsPrimaryDown()) {
        const [hold] = holdCommands();
        const run = await shell!(hold, cwd);
        assert.equal(run.code, 0, `${hold}\n${run.out}`);
        assert.equal(await primaryHealthCheckInverted(), true, "the runbook's step 4 holds the primary's health check down");
        // As the runbook says: the inversion shows as drift on the global stack until it is reverted.
        const changes = await secondPlanChanges((args) => terraform("global", args));
        const unpinned = changes.filter((line) => !globalDriftKinds.has(driftKind(line)));
        assert.equal(unpinned.length, 1, unpinned.join("\n"));
        assert.match(unpinned[0], /^aws_route53_health_check\.\S+ invert_healthcheck$/);
      }
      if (shell && standby && standby.standby !== "hot") {
        const promote = runbookCommands(runbook, PROMOTION_STEP);
        const run = await shell(promote, cwd);
        assert.equal(run.code, 0, `${promote}\n${run.out}`);
        report.push(`promotion of the ${standby.standby} ${standby.name} (runbook step 2): ${run.seconds.toFixed(1)} s`);
        const services = await kongServices(shell, standby.region, sitePrefix(topology, standby.name));
        assert.deepEqual(services.kong, { desired: primary.kong.desiredCount, running: primary.kong.desiredCount });
      }
      for (const site of sites.filter((name) => name !== primary.name)) {
        const plan = await terraform(`${site}-gateway`, ["plan", "-detailed-exitcode"]);
        assert.equal(plan.code, 0, plan.out);
        assert.deepEqual(await catalogOf(doubles.get(site)!), catalog, `${site} serves the primary's catalog and credentials`);
      }
    });

    it("fail back: the primary's Admin API returns empty (a rebuilt database) and one gateway apply restores the same catalog and credentials; the runbook's revert lets an active-passive primary's health check count again", async () => {
      await startDouble(primary.name);
      const run = await terraform(`${primary.name}-gateway`, ["apply", "-auto-approve"]);
      assert.equal(run.code, 0, run.out);
      assert.match(run.out, new RegExp(`Apply complete! Resources: ${resourceCount(gatewayJson(primary.name))} added, 0 changed, 0 destroyed`));
      report.push(`fail back of ${primary.name}: ${run.seconds.toFixed(1)} s`);
      const other = sites.find((name) => name !== primary.name)!;
      assert.deepEqual(await catalogOf(doubles.get(primary.name)!), await catalogOf(doubles.get(other)!));
      if (holdsPrimaryDown()) {
        const [, revert] = holdCommands();
        const reverted = await shell!(revert, dirname(outdir));
        assert.equal(reverted.code, 0, `${revert}\n${reverted.out}`);
        assert.equal(await primaryHealthCheckInverted(), false);
        const changes = await secondPlanChanges((args) => terraform("global", args));
        assert.deepEqual(
          changes.filter((line) => !globalDriftKinds.has(driftKind(line))),
          [],
          "global plans only the pinned drift kinds again",
        );
      }
    });

    if (topology.pki) {
      it("rotation drill: a renewal replaces every site's server certificate, which verifies for the site's names; Kong keeps its certificate entities (by reference: nothing to change; from the pki state: updated in place to the new serial), and no client credential changes", async () => {
        /** Each Kong certificate of a site: its id, whether it holds references, and the serial of what it holds otherwise. */
        const kongCertificates = async (site: string) =>
          ((await doubles.get(site)!.get("/certificates")).json.data as { id: string; cert: string }[])
            .map((c) => ({ id: c.id, serial: c.cert.startsWith("{vault://") ? "by reference" : serialOf(c.cert) }))
            .sort((a, b) => a.id.localeCompare(b.id));
        const was = new Map<string, { serial: string; kong: { id: string; serial: string }[]; keys: unknown }>();
        for (const site of sites) {
          const kong = await kongCertificates(site);
          assert.ok(kong.length > 0, `${site}: Kong holds no certificate`);
          was.set(site, { serial: serialOf((await storedServerBundle(site)).certificate), kong, keys: (await catalogOf(doubles.get(site)!)).keys });
        }
        // The renewal: what an apply inside the early-renewal window does, brought forward by shortening the validity.
        runbook = synthEstate({ ...synthesized, pki: { ...synthesized.pki!, certificateValidityHours: 48, earlyRenewalHours: 24 } }, outdir);
        const renewal = await terraform("pki", ["apply", "-auto-approve"]);
        assert.equal(renewal.code, 0, renewal.out);
        report.push(`rotation (pki apply): ${renewal.seconds.toFixed(0)} s`);
        for (const site of sites) {
          const before = was.get(site)!;
          const bundle = await storedServerBundle(site);
          const serial = serialOf(bundle.certificate);
          assert.notEqual(serial, before.serial, `${site}: the stored server certificate renewed`);
          verifiesForSite(site, bundle);
          const byReference = before.kong.every((c) => c.serial === "by reference");
          const plan = await terraform(`${site}-gateway`, ["plan", "-detailed-exitcode"]);
          if (byReference) {
            assert.equal(plan.code, 0, `${site}: Kong's certificate holds references, yet the gateway plan changes:\n${plan.out}`);
          } else {
            assert.equal(plan.code, 2, plan.out);
            const apply = await terraform(`${site}-gateway`, ["apply", "-auto-approve"]);
            assert.equal(apply.code, 0, apply.out);
            assert.match(apply.out, /Apply complete! Resources: 0 added, [1-9]\d* changed, 0 destroyed/);
          }
          const after = await kongCertificates(site);
          assert.deepEqual(
            after.map((c) => c.id),
            before.kong.map((c) => c.id),
            `${site}: Kong kept its certificate entities`,
          );
          if (!byReference)
            assert.ok(after.some((c) => c.serial === serial) && !after.some((c) => c.serial === before.serial), `${site}: Kong holds the new serial only`);
          assert.deepEqual((await catalogOf(doubles.get(site)!)).keys, before.keys, `${site}: no client credential changed`);
        }
      });
    }

    // Where each site's infra reads the pki secrets from Secrets Manager, a renewed certificate's new
    // version restarts the site's Kong by itself (RestartOnSecretChange); with Vault KV, ECS cannot
    // read the store and the renewal runbook restarts it (docs/PKI.md).
    if (topology.pki && AWS_HALF_APPLIED.has(name) && pkiStore(topology.pki) === "aws-secrets-manager") {
      for (const site of topology.sites) {
        it(`${site.name}: the renewed server certificate's new version, in the site's region, rolls every Kong service of the site by itself`, async () => {
          const cluster = await terraform(`${site.name}-infra`, ["output", "-raw", "ecs-cluster"]);
          assert.equal(cluster.code, 0, cluster.out);
          const server = await secretArn(moto!.url, site.region, pkiSecretName(topology, `${site.name}/server`));
          const restart = await secretLabelUpdated(moto!.url, site.region, cluster.out.trim(), server);
          assert.deepEqual(restart.executions, ["SUCCEEDED"]);
          assert.deepEqual(restart.notRedeployed, []);
          report.push(`${site.name} renewal to redeployed services: ${restart.seconds.toFixed(1)} s`);
        });
      }
    }

    it("destroys every gateway stack, leaving its Admin API empty; every applied stack that holds protected resources refuses to destroy and destroys nothing", async () => {
      for (const site of sites) {
        const run = await terraform(`${site}-gateway`, ["destroy", "-auto-approve"]);
        assert.equal(run.code, 0, run.out);
        for (const path of ["/services", "/routes", "/plugins", "/consumers", "/upstreams", "/certificates"]) {
          assert.deepEqual((await doubles.get(site)!.get(path)).json.data, [], `${site}: ${path} is not empty after destroy`);
        }
      }
      const applied = [...(topology.pki ? ["pki"] : []), ...(AWS_HALF_APPLIED.has(name) ? [...sites.map((site) => `${site}-infra`), "global"] : [])];
      const holdsProtected = (stack: string) => protectedAddresses(stackJson(stack)).length > 0;
      for (const stack of applied.filter(holdsProtected)) {
        const run = await terraform(stack, ["destroy", "-auto-approve"]);
        assert.notEqual(run.code, 0, `${stack} was destroyed although it holds protected resources`);
        assert.match(run.out, /has\s+lifecycle\.prevent_destroy\s+set/);
        assert.doesNotMatch(run.out, /Destroying\.\.\./);
      }
    });
    it("destroys everything else once the protected resources are released from Terraform (kept in AWS and Vault): global, then every site's infra side by side, then pki", async () => {
      const applied = new Set([...(topology.pki ? ["pki"] : []), ...(AWS_HALF_APPLIED.has(name) ? [...sites.map((site) => `${site}-infra`), "global"] : [])]);
      const release = async (stack: string) => {
        const released = releasedBeforeDestroy(stackJson(stack));
        if (released.length) {
          const rm = await terraform(stack, ["state", "rm", ...released]);
          assert.equal(rm.code, 0, rm.out);
        }
        const run = await terraform(stack, ["destroy", "-auto-approve"]);
        assert.equal(run.code, 0, `${stack}:\n${run.out}`);
        assert.match(run.out, new RegExp(`Destroy complete! Resources: ${resourceCount(stackJson(stack)) - released.length} destroyed`), stack);
        return run.seconds;
      };
      for (const group of [["global"], sites.map((site) => `${site}-infra`), ["pki"]]) {
        const stacks = group.filter((stack) => applied.has(stack));
        if (!stacks.length) continue;
        const seconds = await Promise.all(stacks.map(release));
        report.push(`${stacks.join(" + ")} destroyed in ${Math.max(...seconds).toFixed(0)} s`);
      }
    });
  });
}
