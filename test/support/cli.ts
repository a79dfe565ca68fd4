import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../src/cli/cli";
import { ROOT } from "./examples";

/** What one CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process, from the repository root unless `cwd` says otherwise. */
export function cli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliRun {
  let stdout = "";
  let stderr = "";
  const code = runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: options.env ?? { PATH: process.env.PATH },
    cwd: options.cwd ?? ROOT,
  });
  return { code, stdout, stderr };
}

/** Runs the package's bin script as a user would, in a child process. */
export function cliProcess(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [join(ROOT, "bin", "cdktf-kong-ha.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env },
    encoding: "utf8",
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Writes `text` to a new temporary file named `name` and returns its path. */
export function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "cli-")), name);
  writeFileSync(file, text);
  return file;
}

/** The README's broken topology: a region that is not one (line 6) and a URL with a bad protocol (line 8). */
export const BROKEN_TOPOLOGY = [
  "name: edge",
  "mode: active-passive",
  "domain: api.example.com",
  "sites:",
  "  - { name: east, region: us-east-1, role: primary }",
  "  - { name: west, region: moon-1, role: standby }",
  "services:",
  "  - { name: a, url: 'ftp://x' }",
  "",
].join("\n");
