// Deploy rehearsal, gateway half: the embedded default's `<site>-gateway` stacks applied in deploy
// order with the real terraform CLI and the REAL kevholditch/kong 6.5.1 provider, each against its own
// Kong Admin API double (test/support/kong-admin-double: built from Kong 3.9's published OpenAPI and
// schemas, not Kong) served over TLS from a throw-away CA and protected by an API key. Then: a second
// plan with no changes, the catalog read back through both Admin APIs (the same services, routes,
// plugins and consumer credentials at both sites), the refusals (no key, untrusted certificate), and
// destroy. Endpoints reach the stacks only through override files written here.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { App } from "cdktf";
import { KongEstate } from "../../src/ha/kong-estate";
import { DEFAULT_TOPOLOGY } from "../../src/topology/default-topology";
import { resolveTopology } from "../../src/topology/resolve-topology";
import { loopbackPki, LoopbackPki, RunningAdminApiDouble, startAdminApiDouble } from "../support/kong-admin-double/start";
import { toolchainEnv } from "../support/terraform";

const API_KEY = randomBytes(18).toString("base64url");
const CLIENT_KEY = randomBytes(18).toString("base64url");
const SITES = ["east", "west"] as const;

interface Run {
  readonly code: number;
  readonly out: string;
  readonly seconds: number;
}

describe("rehearsal: the embedded default's gateway stacks against Kong Admin API doubles", () => {
  const outdir = join(mkdtempSync(join(tmpdir(), "rehearsal-gateway-")), "cdktf.out");
  const doubles = new Map<string, RunningAdminApiDouble>();
  let pki: LoopbackPki;
  const applied = new Map<string, Run>();

  const stackDir = (site: string) => join(outdir, "stacks", `${site}-gateway`);

  function terraform(site: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
    const started = Date.now();
    const result = spawnSync("terraform", [...args, "-no-color", "-input=false"], {
      cwd: stackDir(site),
      env: {
        ...toolchainEnv(),
        SSL_CERT_FILE: pki.caFile,
        KONG_API_KEY: API_KEY,
        TF_VAR_demo_app_api_key: CLIENT_KEY,
        TF_IN_AUTOMATION: "1",
        CHECKPOINT_DISABLE: "1",
        ...env,
      },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: result.status ?? -1, out: `${result.stdout}${result.stderr}`, seconds: (Date.now() - started) / 1000 };
  }

  /**
   * The infra half is not applied in this rehearsal yet: the outputs a gateway stack reads from its
   * `<site>-infra` state (the Admin API load balancer's DNS name, which the override then replaces)
   * are written as a real state file by terraform itself, from a configuration of just those outputs.
   */
  function writeInfraOutputs(site: string): void {
    const stack = JSON.parse(readFileSync(join(stackDir(site), "cdk.tf.json"), "utf8"));
    for (const [name, data] of Object.entries(stack.data?.terraform_remote_state ?? {}) as [string, { config: { path: string } }][]) {
      const outputs = new Set(
        [...readFileSync(join(stackDir(site), "cdk.tf.json"), "utf8").matchAll(new RegExp(`terraform_remote_state\\.${name}\\.outputs\\.([\\w-]+)`, "g"))].map(
          (m) => m[1],
        ),
      );
      const dir = mkdtempSync(join(tmpdir(), "rehearsal-infra-outputs-"));
      writeFileSync(
        join(dir, "main.tf.json"),
        JSON.stringify({
          terraform: { backend: { local: { path: resolve(stackDir(site), data.config.path) } } },
          output: Object.fromEntries([...outputs].map((o) => [o, { value: `${o}.${site}.rehearsal.invalid` }])),
        }),
      );
      const init = spawnSync("terraform", ["init", "-input=false", "-no-color"], { cwd: dir, env: toolchainEnv(), encoding: "utf8" });
      assert.equal(init.status, 0, init.stderr);
      const apply = spawnSync("terraform", ["apply", "-auto-approve", "-input=false", "-no-color"], { cwd: dir, env: toolchainEnv(), encoding: "utf8" });
      assert.equal(apply.status, 0, apply.stderr);
    }
  }

  before(async () => {
    const { topology, issues } = resolveTopology(DEFAULT_TOPOLOGY);
    assert.deepEqual(issues, []);
    const app = new App({ outdir });
    new KongEstate(app, { topology: topology! });
    app.synth();
    pki = loopbackPki(SITES.map((site) => `kong-admin.${site}.${topology!.domain}`));
    for (const site of SITES) {
      const double = await startAdminApiDouble({ pki, apiKey: API_KEY });
      doubles.set(site, double);
      // The only change to the synthesized stack: where its Admin API is, as Terraform's override file.
      writeFileSync(join(stackDir(site), "rehearsal_override.tf.json"), JSON.stringify({ provider: { kong: [{ kong_admin_uri: double.url }] } }));
      writeInfraOutputs(site);
      const init = terraform(site, ["init"]);
      assert.equal(init.code, 0, init.out);
    }
  });

  after(() => {
    for (const double of doubles.values()) double.stop();
  });

  it("writes a gateway stack per site and nothing in them points at the doubles", () => {
    assert.deepEqual(
      readdirSync(join(outdir, "stacks"))
        .filter((s) => s.endsWith("-gateway"))
        .sort(),
      ["east-gateway", "west-gateway"],
    );
  });

  for (const site of SITES) {
    it(`${site}-gateway: applies with the real kong provider over verified TLS and the Admin API key`, () => {
      const run = terraform(site, ["apply", "-auto-approve"]);
      applied.set(site, run);
      assert.equal(run.code, 0, run.out);
      assert.match(run.out, /Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
    });
  }

  for (const site of SITES) {
    it(`${site}-gateway: plans no changes after the apply`, () => {
      const run = terraform(site, ["plan", "-detailed-exitcode"]);
      assert.equal(run.code, 0, `expected no changes (exit 0), got exit ${run.code}:\n${run.out}`);
    });
  }

  /** What a client of the site sees, read back through its Admin API (ids and timestamps dropped). */
  async function catalogOf(site: string) {
    const double = doubles.get(site)!;
    const list = async (path: string) => {
      const { status, json } = await double.get(path);
      assert.equal(status, 200, `${path}: ${JSON.stringify(json)}`);
      return json.data as Record<string, unknown>[];
    };
    const names = new Map<string, string>();
    for (const e of [...(await list("/services")), ...(await list("/routes")), ...(await list("/consumers"))]) {
      names.set(e.id as string, (e.name ?? e.username) as string);
    }
    const plain = (e: Record<string, unknown>) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(e)) {
        if (["id", "created_at", "updated_at", "tags"].includes(k)) continue;
        out[k] = v && typeof v === "object" && "id" in v ? names.get((v as { id: string }).id) : v;
      }
      return out;
    };
    const sorted = async (path: string) => (await list(path)).map(plain).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const consumers = await list("/consumers");
    return {
      services: await sorted("/services"),
      routes: await sorted("/routes"),
      plugins: await sorted("/plugins"),
      consumers: consumers.map(plain),
      keys: (await Promise.all(consumers.map((c) => list(`/consumers/${c.id}/key-auth`)))).flat().map(plain),
      acls: (await Promise.all(consumers.map((c) => list(`/consumers/${c.id}/acls`)))).flat().map(plain),
    };
  }

  it("both sites hold the same services, routes, plugins, consumers and credentials", async () => {
    const [east, west] = [await catalogOf("east"), await catalogOf("west")];
    assert.ok(east.services.length > 0 && east.routes.length > 0 && east.plugins.length > 0);
    assert.deepEqual(west, east);
  });

  it("both sites hold the client's key as given, not one Kong generated", async () => {
    for (const site of SITES) assert.deepEqual((await catalogOf(site)).keys, [{ consumer: "demo-app", key: CLIENT_KEY }]);
  });

  it("the Admin API refuses a request without its key, and one with a wrong key", async () => {
    const double = doubles.get("east")!;
    assert.deepEqual(await double.get("/services", {}), { status: 401, json: { message: "No API key found in request" } });
    assert.deepEqual(await double.get("/services", { apikey: "wrong" }), { status: 401, json: { message: "Invalid authentication credentials" } });
  });

  it("the provider refuses an Admin API whose certificate it cannot verify", () => {
    const run = terraform("east", ["plan"], { SSL_CERT_FILE: "/dev/null", SSL_CERT_DIR: "/nonexistent" });
    assert.notEqual(run.code, 0);
    assert.match(run.out, /certificate signed by unknown authority|x509/);
  });

  for (const site of [...SITES].reverse()) {
    it(`${site}-gateway: destroys, leaving its Admin API empty`, async () => {
      const run = terraform(site, ["destroy", "-auto-approve"]);
      assert.equal(run.code, 0, run.out);
      const double = doubles.get(site)!;
      for (const path of ["/services", "/routes", "/plugins", "/consumers", "/upstreams", "/certificates"]) {
        assert.deepEqual((await double.get(path)).json.data, [], `${path} is not empty after destroy`);
      }
    });
  }

  after(() => {
    const times = [...applied].map(([site, run]) => `${site}-gateway ${run.seconds.toFixed(1)} s`);
    if (times.length) process.stderr.write(`rehearsal: gateway applies: ${times.join(", ")}\n`);
  });
});
