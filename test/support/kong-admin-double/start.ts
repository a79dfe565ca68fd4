import { ChildProcess, spawn, spawnSync } from "node:child_process";
import { request } from "node:https";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../examples";
import { KONG_ADMIN_USER } from "../../../src/site/kong-admin-api";
import { stopByPid, waitForListening } from "../listening-process";

/** A certificate authority and a server certificate for 127.0.0.1, made with openssl. */
export interface LoopbackPki {
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

function openssl(args: string[], cwd: string): void {
  const run = spawnSync("openssl", args, { cwd, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`openssl ${args[0]} failed: ${run.stderr.trim().split("\n").pop()}`);
}

/** A throw-away CA and a server certificate for 127.0.0.1 and `names`, valid for a day. */
export function loopbackPki(names: readonly string[]): LoopbackPki {
  const dir = mkdtempSync(join(tmpdir(), "admin-double-pki-"));
  openssl(
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "1",
      "-subj",
      "/CN=rehearsal CA",
    ],
    dir,
  );
  openssl(
    ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"],
    dir,
  );
  const san = ["IP:127.0.0.1", ...names.map((n) => `DNS:${n}`)].join(",");
  writeFileSync(join(dir, "ext.cnf"), `subjectAltName=${san}\nextendedKeyUsage=serverAuth\n`);
  openssl(
    ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "1", "-extfile", "ext.cnf"],
    dir,
  );
  return { caFile: join(dir, "ca.pem"), certFile: join(dir, "server.pem"), keyFile: join(dir, "server.key") };
}

export interface RunningAdminApiDouble {
  readonly url: string;
  readonly pid: number;
  /** A request through the Admin API as an authenticated client that trusts the CA (`text` when the body is not JSON). */
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; json: any; text?: string }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The `Authorization` header of the Admin API's credential. */
  readonly authorization: string;
  stop(): void;
}

export interface StartOptions {
  readonly pki: LoopbackPki;
  /** The Admin API's credential: OSS, the password of its basic authentication (user `kong-admin`); Enterprise, the RBAC token. */
  readonly password: string;
  readonly edition?: "oss" | "enterprise";
}

/** Starts the Admin API double in its own process on 127.0.0.1; rejects with one line if it cannot. */
export async function startAdminApiDouble(options: StartOptions): Promise<RunningAdminApiDouble> {
  const config = {
    port: 0,
    edition: options.edition,
    tlsCertFile: options.pki.certFile,
    tlsKeyFile: options.pki.keyFile,
    ...(options.edition === "enterprise" ? { adminToken: options.password } : { basicAuth: { username: KONG_ADMIN_USER, password: options.password } }),
  };
  const authorization = `Basic ${Buffer.from(`${KONG_ADMIN_USER}:${options.password}`).toString("base64")}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", join(ROOT, "test", "support", "kong-admin-double", "main.ts")], {
    cwd: ROOT,
    env: { ...process.env, KONG_ADMIN_DOUBLE: JSON.stringify(config) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const ca = readFileSync(options.pki.caFile, "utf8");
  const url = await waitForListening(child, "the Kong Admin API double");
  return {
    url,
    pid: child.pid!,
    authorization,
    get: (path, headers = options.edition === "enterprise" ? { "kong-admin-token": options.password } : { authorization }) =>
      new Promise((done, fail) => {
        const req = request(`${url}${path}`, { ca, headers }, (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString()));
          res.on("end", () => {
            const json = /json/.test(res.headers["content-type"] ?? "") && body ? JSON.parse(body) : undefined;
            done({ status: res.statusCode ?? 0, json, ...(json === undefined && body ? { text: body } : {}) });
          });
        });
        req.on("error", fail);
        req.end();
      }),
    stop: () => stopByPid(child.pid),
  };
}
