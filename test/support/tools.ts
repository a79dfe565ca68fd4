import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { toolchainCacheDir } from "./terraform";

/** The outside tools the terraform-backed suites need. */
export type Tool = "terraform" | "python3" | "openssl" | "vault-server";

const INSTALL: Readonly<Record<Tool, string>> = {
  terraform: "terraform >= 1.11 (https://developer.hashicorp.com/terraform/install)",
  python3: "Python 3 with venv (moto and checkov are installed from PyPI on first use)",
  openssl: "openssl",
  "vault-server": "vault >= 1.15 or OpenBao's bao on PATH (https://developer.hashicorp.com/vault/install), or Go (https://go.dev/dl) to build one",
};

function onPath(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

function present(tool: Tool): boolean {
  if (tool !== "vault-server") return onPath(tool);
  // scripts/toolchain.sh uses a vault or bao on PATH, a server it built before, or builds one with Go.
  return ["vault", "bao", "go"].some(onPath) || existsSync(join(toolchainCacheDir(), "bin", "vault"));
}

const announced = new Set<string>();

/**
 * The skip reason of a suite whose tools are not all on this machine, in one line that says what to
 * install (printed once on stderr); `false` when it can run. Under CI (`CI` set, as `.ci/run` does)
 * it is always `false`: there a missing tool must fail the suite, never skip it.
 */
export function skipUnless(suite: string, ...tools: Tool[]): string | false {
  if (process.env.CI) return false;
  const missing = tools.filter((tool) => !present(tool));
  if (!missing.length) return false;
  const reason = `${suite}: skipped: not found here: ${missing.map((tool) => INSTALL[tool]).join("; ")}. Install it to run this suite.`;
  if (!announced.has(suite)) process.stderr.write(`${reason}\n`);
  announced.add(suite);
  return reason;
}
