// Every example topology applied for real in deploy order, each against its own moto (and a Vault
// dev server for Vault PKI and KV): the pki stack first (tls, vault and aws providers), then every
// site's infra stack side by side and the global stack (what the operator creates first, and any
// existing VPC or hosted zone the example adopts, created in moto by the suite), then each site's
// gateway stack with the REAL kevholditch/kong 6.5.1 against its own Kong Admin API double
// (test/support/kong-admin-double, validating every request against Kong 3.9's published OpenAPI and
// plugin schemas, over TLS, with the authentication the estate configures), reading the applied
// states. Every stack plans again with no change but the drift kinds the embedded default pins;
// each site's stored server certificate verifies for its names; every site holds the same services,
// routes, plugins, consumers and credentials, the credentials the ones given; the gateway stacks are
// destroyed and the stacks holding protected resources refuse to be. The drills (failover,
// promotion, rotation) run on the embedded default and the promotion drill, not here.
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { KONG_ADMIN_USER } from "../../src/site/kong-admin-api";
import { pkiSecretName, siteDnsNames } from "../../src/core/naming";
import { pkiStore } from "../../src/ha/pki-settings";
import { awsOverride, createExistingNetwork, createHostedZone, createSecret, getSecret, RunningMoto, startMoto } from "../support/moto/start";
import { startVaultDev, VaultDevServer } from "../support/vault-server";
import { driftsOf, secondPlanChanges } from "./emulator-drifts";
import { catalogOf } from "../support/kong-admin-double/catalog";
import { loopbackPki, LoopbackPki, RunningAdminApiDouble, startAdminApiDouble } from "../support/kong-admin-double/start";
import { exampleTopologies, synthTopology } from "../support/examples";
import { protectedAddresses, resourceCount, StackJson } from "../support/synth";
import { runTerraformAsync } from "../support/terraform";
import { skipUnless } from "../support/tools";

const SKIP = skipUnless("rehearsal", "terraform", "openssl", "python3", "vault-server");

/**
 * The examples whose AWS half (every site's infra stack, then global) is applied too, against the
 * moto that holds their pki: what each needs there first is created by the suite. The others need
 * what moto cannot be given from here (docs/REHEARSAL.md).
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

/** What a stand-in for an infra stack's state holds for an output a gateway stack reads: the Admin API's address, which the override replaces anyway. */
function standIn(output: string): string | undefined {
  return output.endsWith("dns_name") ? "127.0.0.1" : undefined;
}

for (const { name, topology } of exampleTopologies().filter((e) => e.name !== "default")) {
  describe(`rehearsal: ${name} applied in deploy order`, { skip: SKIP }, () => {
    const outdir = join(mkdtempSync(join(tmpdir(), "rehearsal-example-")), "cdktf.out");
    const sites = topology.sites.map((s) => s.name);
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
    const gatewayJson = (site: string): StackJson => JSON.parse(readFileSync(join(stackDir(`${site}-gateway`), "cdk.tf.json"), "utf8"));
    const pkiJson = (): StackJson => JSON.parse(readFileSync(join(stackDir("pki"), "cdk.tf.json"), "utf8"));

    const terraform = async (stack: string, args: string[]) => {
      const auth = topology.edition === "enterprise" ? { KONG_ADMIN_TOKEN: secret } : { KONG_ADMIN_USERNAME: KONG_ADMIN_USER, KONG_ADMIN_PASSWORD: secret };
      const flags = args[0] === "show" ? [] : ["-no-color", "-input=false"];
      const run = await runTerraformAsync(stackDir(stack), [...args, ...flags], {
        SSL_CERT_FILE: pki.caFile,
        ...auth,
        ...variables,
        ...(vault ? { VAULT_TOKEN: vault.token } : {}),
      });
      return { code: run.code, out: `${run.stdout}${run.stderr}` };
    };

    /** A site's server bundle as its store holds it: Secrets Manager in the site's region, or Vault KV. */
    async function storedServerBundle(site: string): Promise<{ certificate: string; ca_chain: string; certificate_chain: string }> {
      if (pkiStore(topology.pki!) === "aws-secrets-manager")
        return JSON.parse(await getSecret(moto!.url, topology.sites.find((s) => s.name === site)!.region, pkiSecretName(topology, `${site}/server`)));
      const { status, json } = await vault!.api("GET", `${topology.pki!.vault!.kvPath ?? "kong"}/data/${site}/server`);
      assert.equal(status, 200, `${site}/server is not in Vault KV`);
      return (json as { data: { data: { certificate: string; ca_chain: string; certificate_chain: string } } }).data.data;
    }

    before(async () => {
      const regions = [...new Set(topology.sites.map((s) => s.region))];
      // Each ECS service reports the tasks it asks for, so an infra apply's wait for steady state ends.
      if (AWS_HALF_APPLIED.has(name)) moto = await startMoto(regions, "desired");
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
      synthTopology({ ...topology, sites: sitesHere, dns }, outdir);
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
          moto ??= await startMoto(regions, "desired");
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
        for (const site of sites) {
          const bundle = await storedServerBundle(site);
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
      });
    }

    if (AWS_HALF_APPLIED.has(name)) {
      it("applies every site's infra stack side by side, then global, against moto; second plans change only the default's drift kinds", async () => {
        assert.ok(moto, "the estate's moto");
        // What the operator creates before the first deploy, in each site's region: the Admin API
        // credential, the Splunk tokens the HEC and Firehose paths name, and the forwarder's password
        // and the indexers' CA the file-log path names.
        const { fileLog, splunkHec, firehose } = topology.logging ?? {};
        for (const site of topology.sites) {
          await createSecret(moto.url, site.region, site.kong.adminCredentialSecret, secret);
          if (splunkHec) await createSecret(moto.url, site.region, splunkHec.authorizationSecret, `Splunk ${randomBytes(12).toString("hex")}`);
          if (firehose) await createSecret(moto.url, site.region, firehose.hecTokenSecret, randomBytes(16).toString("hex"));
          if (fileLog?.forwarderPasswordSecret) await createSecret(moto.url, site.region, fileLog.forwarderPasswordSecret, randomBytes(16).toString("hex"));
          if (fileLog?.indexerCaSecret) await createSecret(moto.url, site.region, fileLog.indexerCaSecret, readFileSync(pki.caFile, "utf8"));
        }
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
            const count = resourceCount(JSON.parse(readFileSync(join(stackDir(stack), "cdk.tf.json"), "utf8")));
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
      for (const site of sites) {
        const double = await startAdminApiDouble({ pki, password: secret, edition: topology.edition });
        doubles.set(site, double);
        writeFileSync(
          join(stackDir(`${site}-gateway`), "rehearsal_override.tf.json"),
          JSON.stringify({ provider: { kong: [{ kong_admin_uri: double.url }] } }),
        );
      }
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

    it("destroys every gateway stack, leaving its Admin API empty; every applied stack that holds protected resources refuses to destroy and destroys nothing", async () => {
      for (const site of sites) {
        const run = await terraform(`${site}-gateway`, ["destroy", "-auto-approve"]);
        assert.equal(run.code, 0, run.out);
        for (const path of ["/services", "/routes", "/plugins", "/consumers", "/upstreams", "/certificates"]) {
          assert.deepEqual((await doubles.get(site)!.get(path)).json.data, [], `${site}: ${path} is not empty after destroy`);
        }
      }
      const applied = [...(topology.pki ? ["pki"] : []), ...(AWS_HALF_APPLIED.has(name) ? [...sites.map((site) => `${site}-infra`), "global"] : [])];
      const holdsProtected = (stack: string) => protectedAddresses(JSON.parse(readFileSync(join(stackDir(stack), "cdk.tf.json"), "utf8"))).length > 0;
      for (const stack of applied.filter(holdsProtected)) {
        const run = await terraform(stack, ["destroy", "-auto-approve"]);
        assert.notEqual(run.code, 0, `${stack} was destroyed although it holds protected resources`);
        assert.match(run.out, /has\s+lifecycle\.prevent_destroy\s+set/);
        assert.doesNotMatch(run.out, /Destroying\.\.\./);
      }
    });
  });
}
