// The Kong half of every example topology applied for real: each site's gateway stack, with the REAL
// kevholditch/kong 6.5.1, against its own Kong Admin API double (test/support/kong-admin-double,
// validating every request against Kong 3.9's published OpenAPI and plugin schemas, over TLS, with
// the authentication the estate configures). Then a second plan changes nothing, and every site holds
// the same services, routes, plugins, consumers and credentials, the credentials the ones given.
// The AWS half of the examples is not applied here (embedded-default.test.ts applies the default's;
// the examples' infra stacks differ in what moto would have to hold first: an existing VPC, Firehose
// and forwarder secrets, Terraform Cloud). A gateway stack that reads another stack's state gets a
// stand-in state holding only the outputs it reads: its infra stack's Admin API address (which the
// override replaces) and, with store vault-kv, the pki stack's server certificate (a loopback one).
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { KONG_ADMIN_USER } from "../../src/site/kong-admin-api";
import { catalogOf } from "../support/kong-admin-double/catalog";
import { loopbackPki, LoopbackPki, RunningAdminApiDouble, startAdminApiDouble } from "../support/kong-admin-double/start";
import { exampleTopologies, synthTopology } from "../support/examples";
import { StackJson } from "../support/synth";
import { runTerraformAsync } from "../support/terraform";
import { skipUnless } from "../support/tools";

const SKIP = skipUnless("rehearsal", "terraform", "openssl");

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

/**
 * What a stand-in for another stack's state holds for an output a gateway stack reads: the Admin
 * API's address (which the override replaces anyway), and, with store `vault-kv` (ECS cannot read
 * Vault, so the gateway takes its certificate from the pki state; docs/PKI.md), the certificate, key
 * and chain, here the loopback PKI's (the e2e suite applies the real pki stack against Vault).
 */
function standIn(output: string, pki: LoopbackPki): string | undefined {
  if (output.endsWith("dns_name")) return "127.0.0.1";
  if (output.endsWith("private_key")) return readFileSync(pki.keyFile, "utf8");
  if (output.endsWith("ca_chain")) return readFileSync(pki.caFile, "utf8");
  if (output.endsWith("certificate")) return readFileSync(pki.certFile, "utf8");
  return undefined;
}

for (const { name, topology } of exampleTopologies().filter((e) => e.name !== "default")) {
  describe(`rehearsal: ${name}'s gateway stacks applied against Kong Admin API doubles`, { skip: SKIP }, () => {
    const outdir = join(mkdtempSync(join(tmpdir(), "rehearsal-example-")), "cdktf.out");
    const sites = topology.sites.map((s) => s.name);
    const doubles = new Map<string, RunningAdminApiDouble>();
    const secret = randomBytes(18).toString("base64url");
    const variables: Record<string, string> = {};
    let pki: LoopbackPki;
    const stackDir = (site: string) => join(outdir, "stacks", `${site}-gateway`);
    const stackJson = (site: string): StackJson => JSON.parse(readFileSync(join(stackDir(site), "cdk.tf.json"), "utf8"));

    const terraform = async (site: string, args: string[]) => {
      const auth = topology.edition === "enterprise" ? { KONG_ADMIN_TOKEN: secret } : { KONG_ADMIN_USERNAME: KONG_ADMIN_USER, KONG_ADMIN_PASSWORD: secret };
      const run = await runTerraformAsync(stackDir(site), [...args, "-no-color", "-input=false"], { SSL_CERT_FILE: pki.caFile, ...auth, ...variables });
      return { code: run.code, out: `${run.stdout}${run.stderr}` };
    };

    before(async () => {
      synthTopology(topology, outdir);
      // Every variable a client credential is given by, once for the whole estate: the same value at every site.
      for (const variable of Object.keys((stackJson(sites[0]).variable ?? {}) as object)) {
        variables[`TF_VAR_${variable}`] = randomBytes(12).toString("hex");
      }
      pki = loopbackPki(sites.map((site) => `kong-admin.${site}.${topology.domain}`));
      // A stand-in for each state a gateway stack reads (infra, and pki with store vault-kv, which
      // every site reads), holding only the outputs read.
      const states = new Map<string, Record<string, object>>();
      for (const site of sites) {
        for (const [path, outputs] of remoteOutputs(stackJson(site))) {
          const file = resolve(stackDir(site), path);
          const held = states.get(file) ?? {};
          for (const output of outputs) {
            const value = standIn(output, pki);
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
        writeFileSync(join(stackDir(site), "rehearsal_override.tf.json"), JSON.stringify({ provider: { kong: [{ kong_admin_uri: double.url }] } }));
      }
      for (const site of sites) {
        const init = await terraform(site, ["init"]);
        assert.equal(init.code, 0, init.out);
      }
    });

    after(() => {
      for (const double of doubles.values()) double.stop();
    });

    it("applies every site's gateway stack, then a second plan changes nothing", async () => {
      for (const site of sites) {
        const apply = await terraform(site, ["apply", "-auto-approve"]);
        assert.equal(apply.code, 0, apply.out);
        const plan = await terraform(site, ["plan", "-detailed-exitcode"]);
        assert.equal(plan.code, 0, plan.out);
      }
    });

    it("every site holds the same services, routes, plugins, consumers and credentials, each credential the one given", async () => {
      const [first, ...others] = await Promise.all(sites.map((site) => catalogOf(doubles.get(site)!)));
      assert.ok(first.services.length > 0 && first.routes.length > 0);
      for (const other of others) assert.deepEqual(other, first);
      assert.equal(
        first.keys.length,
        Object.keys(stackJson(sites[0]).resource.kong_consumer_key_auth ?? {}).length,
        "every key-auth credential the stack declares",
      );
      const given = new Set(Object.values(variables));
      for (const { key } of first.keys) assert.ok(given.has(key as string), `a key Kong holds is not one of the variables given: ${String(key)}`);
    });
  });
}
