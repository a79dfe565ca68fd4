/**
 * The terraform CLI for test suites, wired to the offline toolchain that scripts/toolchain.sh
 * prepares (provider mirror, CLI config, plugin cache, Vault server binary). See docs/TOOLCHAIN.md.
 *
 * - `CDKTF_KONG_HA_CACHE` chooses the cache (default `~/.cache/cdktf-kong-ha`).
 * - When registry.terraform.io answers (the script probes it; `CDKTF_KONG_HA_USE_REGISTRY=1` or `=0`
 *   decides instead), env.json says `CDKTF_KONG_HA_PROVIDERS=registry`: terraform installs the real
 *   providers from the registry, and only a Vault server may come from the toolchain.
 * - A `TF_CLI_CONFIG_FILE` in the environment that names a missing file is dropped: terraform would
 *   otherwise stop on it.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";

export interface ToolchainOptions {
  /** Also make sure the Vault server binary is built (`VAULT_BIN`). @default false */
  readonly vaultServer?: boolean;
}

export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ValidateResult {
  readonly ok: boolean;
  /** One line per error diagnostic: summary, detail, address and source range. */
  readonly errors: string[];
  /** One line per warning diagnostic, same format as errors. */
  readonly warnings: string[];
}

let cached: { env: NodeJS.ProcessEnv; toolchain: Record<string, string> } | undefined;

/** The toolchain cache directory (where env.json lives). */
export function toolchainCacheDir(): string {
  return resolve(process.env.CDKTF_KONG_HA_CACHE || join(homedir(), ".cache", "cdktf-kong-ha"));
}

function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, "scripts", "toolchain.sh"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`scripts/toolchain.sh not found above ${__dirname}`);
    dir = parent;
  }
}

function readToolchainJson(file: string): Record<string, string> | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined; // half-written or corrupt: the script rewrites it
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === "string") out[key] = value;
  }
  return out;
}

/** Usable as is: every file it names still exists, and it has what `options` ask for. */
function usable(toolchain: Record<string, string> | undefined, options: ToolchainOptions): boolean {
  if (!toolchain) return false;
  if (toolchain.TF_CLI_CONFIG_FILE && !existsSync(toolchain.TF_CLI_CONFIG_FILE)) return false;
  if (toolchain.VAULT_BIN && !existsSync(toolchain.VAULT_BIN)) return false;
  // Registry or mirror, a Vault server is the script's to find or build (it says what to install).
  if (options.vaultServer && !toolchain.VAULT_BIN) return false;
  return true;
}

function runToolchainScript(options: ToolchainOptions): void {
  const args = [join(repoRoot(), "scripts", "toolchain.sh")];
  if (options.vaultServer) args.push("--with-vault-server");
  // The script reports on stderr; keep stdout (the test runner's channel) clean.
  const result = spawnSync("bash", args, { stdio: ["ignore", 2, "inherit"], env: process.env });
  if (result.error) throw new Error(`could not run ${args.join(" ")}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(
      `${args.join(" ")} failed (exit ${result.status ?? result.signal}); see its message above. ` +
        "With registry access it only looks for a Vault server: CDKTF_KONG_HA_USE_REGISTRY=1 skips its probe.",
    );
  }
}

/**
 * `process.env` plus the toolchain's env.json (TF_CLI_CONFIG_FILE, TF_PLUGIN_CACHE_DIR,
 * KONG_PROVIDER_KIND, VAULT_BIN, ...). Runs `bash scripts/toolchain.sh` once, synchronously, when
 * env.json is missing or stale. Cached for the life of the process.
 */
export function toolchainEnv(options: ToolchainOptions = {}): NodeJS.ProcessEnv {
  if (cached && usable(cached.toolchain, options)) return { ...cached.env };

  const file = join(toolchainCacheDir(), "env.json");
  let toolchain = readToolchainJson(file);
  if (!usable(toolchain, options)) {
    runToolchainScript(options);
    toolchain = readToolchainJson(file);
    if (!toolchain) throw new Error(`scripts/toolchain.sh succeeded but ${file} is missing or not a JSON object`);
  }
  const tc = toolchain ?? {};
  const inherited = { ...process.env };
  if (inherited.TF_CLI_CONFIG_FILE && !existsSync(inherited.TF_CLI_CONFIG_FILE)) delete inherited.TF_CLI_CONFIG_FILE;
  cached = { env: { ...inherited, ...tc }, toolchain: tc };
  return { ...cached.env };
}

/** The toolchain environment of a non-interactive terraform run, with `extra` on top. */
function terraformEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...toolchainEnv(), TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1", ...extra };
}

/**
 * `runTerraform` without blocking the event loop, for suites whose stand-ins run in this process
 * or whose independent stacks apply side by side; `extra` adds to the environment.
 */
export function runTerraformAsync(dir: string, args: string[], extra: NodeJS.ProcessEnv = {}): Promise<TerraformResult> {
  return new Promise((resolve) => {
    const child = spawn("terraform", args, { cwd: dir, env: terraformEnv(extra), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ code: 127, stdout, stderr: `${stderr}${error.code === "ENOENT" ? "terraform is not on PATH" : error.message}\n` }),
    );
    child.on("close", (code, signal) => resolve({ code: code ?? 128, stdout, stderr: signal ? `${stderr}terraform killed by ${signal}\n` : stderr }));
  });
}

/** Runs `terraform <args>` in `dir` with the toolchain environment, non-interactively. */
export function runTerraform(dir: string, args: string[]): TerraformResult {
  const result = spawnSync("terraform", args, {
    cwd: dir,
    env: terraformEnv(),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) {
    const reason = (result.error as NodeJS.ErrnoException).code === "ENOENT" ? "terraform is not on PATH" : result.error.message;
    return { code: 127, stdout: result.stdout ?? "", stderr: `${result.stderr ?? ""}${reason}\n` };
  }
  return {
    code: result.status ?? 128,
    stdout: result.stdout,
    stderr: result.signal ? `${result.stderr}terraform killed by ${result.signal}\n` : result.stderr,
  };
}

interface Pos {
  line?: number;
  column?: number;
}
interface Diagnostic {
  severity?: string;
  summary?: string;
  detail?: string;
  address?: string;
  range?: { filename?: string; start?: Pos };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** `summary: detail [address] (file:line:column)` on one line. */
export function formatDiagnostic(d: Diagnostic): string {
  let line = oneLine(d.summary ?? "(no summary)");
  if (d.detail) line += `: ${oneLine(d.detail)}`;
  if (d.address) line += ` [${d.address}]`;
  if (d.range?.filename) {
    const start = d.range.start;
    line += ` (${d.range.filename}${start?.line ? `:${start.line}` : ""}${start?.column ? `:${start.column}` : ""})`;
  }
  return line;
}

function lastLines(text: string, n: number): string {
  return oneLine(text.trim().split("\n").slice(-n).join(" "));
}

/**
 * `terraform init -backend=false` then `terraform validate -json` in a synthesized stack directory.
 * A failed init is reported as one error.
 */
export function validateStackDir(dir: string): ValidateResult {
  const init = runTerraform(dir, ["init", "-backend=false", "-input=false", "-no-color"]);
  if (init.code !== 0) {
    return { ok: false, errors: [`terraform init failed (exit ${init.code}): ${lastLines(init.stderr || init.stdout, 12)}`], warnings: [] };
  }
  const validate = runTerraform(dir, ["validate", "-json", "-no-color"]);
  let parsed: { valid?: boolean; diagnostics?: Diagnostic[] };
  try {
    parsed = JSON.parse(validate.stdout) as typeof parsed;
  } catch {
    return {
      ok: false,
      errors: [`terraform validate printed no JSON (exit ${validate.code}): ${lastLines(validate.stderr || validate.stdout, 12)}`],
      warnings: [],
    };
  }
  const diagnostics = parsed.diagnostics ?? [];
  const errors = diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic);
  const warnings = diagnostics.filter((d) => d.severity === "warning").map(formatDiagnostic);
  if (validate.code !== 0 && errors.length === 0) {
    errors.push(`terraform validate exited ${validate.code}: ${lastLines(validate.stderr, 12)}`);
  }
  return { ok: parsed.valid === true && errors.length === 0 && validate.code === 0, errors, warnings };
}
