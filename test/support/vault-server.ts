import { ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { toolchainEnv } from "./terraform";

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface VaultDevServer {
  readonly address: string;
  readonly token: string;
  /** GET/PUT/... against the server's API with the root token; returns the parsed JSON body (or undefined). */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: { [key: string]: unknown } | undefined }>;
  stop(): Promise<void>;
}

/**
 * Starts `vault server -dev` on 127.0.0.1 (built by scripts/toolchain.sh --with-vault-server) with
 * a random root token, and waits until it is unsealed. Nothing listens beyond loopback.
 */
export async function startVaultDev(): Promise<VaultDevServer> {
  const env = toolchainEnv({ vaultServer: true });
  const bin = env.VAULT_BIN;
  if (!bin) throw new Error("no Vault server binary: run `bash scripts/toolchain.sh --with-vault-server`");
  const port = await freePort();
  const token = `root-${randomBytes(12).toString("hex")}`;
  const address = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(bin, ["server", "-dev", `-dev-listen-address=127.0.0.1:${port}`, `-dev-root-token-id=${token}`, "-dev-no-store-token"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, VAULT_DISABLE_MLOCK: "true" },
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${address}/v1/${path}`, {
      method,
      headers: { "X-Vault-Token": token, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as { [key: string]: unknown }) : undefined };
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vault server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await api("GET", "sys/health")).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`vault server did not become healthy within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    address,
    token,
    api,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}
