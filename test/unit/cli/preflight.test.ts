import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { after, before, describe, it } from "node:test";
import { runCliAsync } from "../../../src/cli/cli";
import { AdminApiDouble } from "../../support/kong-admin-double/admin-api-double";
import { loopbackPki, LoopbackPki } from "../../support/kong-admin-double/start";

// `preflight` against a Kong Admin API double served over TLS on loopback: each problem a gateway
// apply would meet is one line, named before the apply.

const PASSWORD = "admin-password-of-24-chr";

describe("cdktf-kong-ha preflight", () => {
  let pki: LoopbackPki;
  const doubles: AdminApiDouble[] = [];
  let guarded = "";
  let open = "";
  let old = "";

  async function serve(options: ConstructorParameters<typeof AdminApiDouble>[0]): Promise<string> {
    const double = new AdminApiDouble({ tls: { cert: readFileSync(pki.certFile, "utf8"), key: readFileSync(pki.keyFile, "utf8") }, ...options });
    doubles.push(double);
    return double.listen(0);
  }

  before(async () => {
    pki = loopbackPki([]);
    guarded = await serve({ basicAuth: { username: "kong-admin", password: PASSWORD } });
    open = await serve({});
    old = await serve({ basicAuth: { username: "kong-admin", password: PASSWORD }, version: "3.8.1" });
  });
  after(() => Promise.all(doubles.map((d) => d.close())));

  async function preflight(url: string, env: NodeJS.ProcessEnv = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCliAsync(["preflight", "--site", "east", "--url", url], {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: { SSL_CERT_FILE: pki.caFile, KONG_ADMIN_USERNAME: "kong-admin", KONG_ADMIN_PASSWORD: PASSWORD, ...env },
      cwd: process.cwd(),
    });
    return { code, stdout: out.join(""), lines: err.join("").trim().split("\n").filter(Boolean) };
  }

  it("passes a reachable, trusted, protected Admin API of the expected version with one line", async () => {
    const run = await preflight(guarded);
    assert.equal(run.code, 0, run.lines.join("\n"));
    assert.match(
      run.stdout,
      /^east https:\/\/127\.0\.0\.1:\d+: reachable, trusted \(SSL_CERT_FILE .*\), refuses anonymous requests, accepts KONG_ADMIN_PASSWORD, Kong 3\.9\.1\n$/,
    );
  });

  it("names a certificate the run does not trust, and sends no credential over it", async () => {
    const run = await preflight(guarded, { SSL_CERT_FILE: undefined });
    assert.equal(run.code, 1);
    assert.equal(run.lines.length, 1);
    assert.match(run.lines[0], /certificate not trusted .* add the estate CA to SSL_CERT_FILE/);
  });

  it("names an Admin API that cannot be reached", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const run = await preflight(`https://127.0.0.1:${port}`);
    assert.equal(run.code, 1);
    assert.match(run.lines.join("\n"), /not reachable from here \(ECONNREFUSED/);
  });

  it("names an Admin API that answers without credentials", async () => {
    const run = await preflight(open);
    assert.equal(run.code, 1);
    assert.match(run.lines.join("\n"), /answers 200 to a request without credentials: anyone who reaches it can rewrite the gateway/);
  });

  it("names a credential the Admin API refuses", async () => {
    const run = await preflight(guarded, { KONG_ADMIN_PASSWORD: "not-the-admin-password" });
    assert.equal(run.code, 1);
    assert.match(run.lines.join("\n"), /refuses the credential in KONG_ADMIN_PASSWORD \(HTTP 401\)/);
  });

  it("names a run with no credential in its environment", async () => {
    const run = await preflight(guarded, { KONG_ADMIN_PASSWORD: undefined });
    assert.equal(run.code, 1);
    assert.match(run.lines.join("\n"), /no Admin API credential in the environment: set KONG_ADMIN_USERNAME=kong-admin and KONG_ADMIN_PASSWORD/);
  });

  it("names a Kong version other than the estate's", async () => {
    const run = await preflight(old);
    assert.equal(run.code, 1);
    assert.match(run.lines.join("\n"), /runs Kong 3\.8\.1, the estate expects 3\.9\.x/);
  });

  it("refuses plain http before connecting", async () => {
    const run = await preflight("http://127.0.0.1:1");
    assert.deepEqual([run.code, run.lines], [1, ["east http://127.0.0.1:1: not https: the Admin API credential would travel in clear"]]);
  });

  it("says which sites exist when --site names none", async () => {
    const err: string[] = [];
    const code = await runCliAsync(["preflight", "--site", "north"], { stdout: () => {}, stderr: (t) => err.push(t), env: {}, cwd: process.cwd() });
    assert.equal(code, 2);
    assert.match(err.join(""), /--site "north" is not a site of the estate \(east, west\)/);
  });
});
