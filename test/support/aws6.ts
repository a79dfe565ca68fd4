/**
 * hashicorp/aws 6 for the validate-aws6 suite, from wherever this machine has it:
 *
 * - registry mode (the toolchain's env.json says `CDKTF_KONG_HA_PROVIDERS=registry`): `terraform init`
 *   installs the version the bindings pin (6.25.0 for `@cdktf/provider-aws` 21.22.1); nothing to do.
 * - mirror mode: scripts/toolchain.sh `--with-aws6` / `--aws6-only` builds one from the Go module
 *   proxy (`CDKTF_KONG_HA_AWS6_VERSION`, 6.47.1) into the mirror. The stacks pin another 6.x, so each
 *   stack gets an override file (`aws6_override.tf.json`) that asks for the built one.
 *
 * While a build runs (`state/aws6.pid` names a live process, as when .ci/run starts it in the
 * background), the suite waits for it until `CDKTF_KONG_HA_AWS6_DEADLINE` (seconds since the epoch,
 * set by .ci/run); past that, or with no deadline, it skips with one line. With no binary and no build,
 * it skips with one line saying what to run, or, under CI (where .ci/run started the build), fails.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { toolchainEnv } from "./terraform";

export type Aws6 =
  /** Validate as synthesized, or with `override` written next to each stack. */
  | { readonly kind: "ready"; readonly override?: object; readonly source: string }
  | { readonly kind: "skip"; readonly reason: string }
  | { readonly kind: "fail"; readonly reason: string };

const POLL_MS = 15_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function builtBinary(cache: string, version: string): string | undefined {
  const dir = join(cache, "mirror", "registry.terraform.io", "hashicorp", "aws", version);
  if (!existsSync(dir)) return undefined;
  for (const platform of readdirSync(dir)) {
    const file = join(dir, platform, `terraform-provider-aws_v${version}`);
    if (existsSync(file)) return file;
  }
  return undefined;
}

function buildPid(cache: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(cache, "state", "aws6.pid"), "utf8").trim());
    return pid > 0 && alive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Where hashicorp/aws 6 comes from on this machine, waiting for a running build when allowed. */
export function aws6Provider(env: NodeJS.ProcessEnv = toolchainEnv(), pollMs = POLL_MS): Aws6 {
  if (env.CDKTF_KONG_HA_PROVIDERS === "registry") return { kind: "ready", source: "registry.terraform.io" };
  const cache = env.CDKTF_KONG_HA_CACHE ?? "";
  const version = env.CDKTF_KONG_HA_AWS6_VERSION;
  if (!version) return { kind: "fail", reason: "the toolchain's env.json names no CDKTF_KONG_HA_AWS6_VERSION: run bash scripts/toolchain.sh" };
  const deadline = Number(process.env.CDKTF_KONG_HA_AWS6_DEADLINE) * 1000 || 0;
  let pid = buildPid(cache);
  while (!builtBinary(cache, version) && pid && Date.now() + pollMs < deadline) {
    sleep(pollMs);
    pid = buildPid(cache);
  }
  const binary = builtBinary(cache, version);
  const override = { terraform: { required_providers: { aws: { source: "aws", version } } } };
  if (binary) return { kind: "ready", override, source: binary };
  const log = join(cache, "logs", "build-aws6.log");
  if (pid) {
    return {
      kind: "skip",
      reason: `hashicorp/aws ${version} is still being built (pid ${pid}, log ${log})${deadline ? " and was not ready in time" : ""}; the suite runs once it is`,
    };
  }
  if (process.env.CI) return { kind: "fail", reason: `hashicorp/aws ${version} was not built (no binary, no build running); see ${log}` };
  return {
    kind: "skip",
    reason: `hashicorp/aws ${version} is not built here: run bash scripts/toolchain.sh --with-aws6 (cold: about 26 min, 9.4 GB of memory), or run where registry.terraform.io answers`,
  };
}

/** Writes the override that points a synthesized stack at the built provider, when there is one. */
export function pointAtAws6(stackDir: string, aws6: Aws6): void {
  if (aws6.kind === "ready" && aws6.override) writeFileSync(join(stackDir, "aws6_override.tf.json"), `${JSON.stringify(aws6.override, null, 2)}\n`);
}
