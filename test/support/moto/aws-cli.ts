// The failover runbook's own `aws` commands, run as an operator's shell would run them, with the AWS
// CLI (v1, pinned; scripts/install-awscli.sh) pointed at moto.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { ROOT } from "../examples";

/** A shell run: its exit code, stdout and stderr merged, and how long it took. */
export interface ShellRun {
  readonly code: number;
  readonly out: string;
  readonly seconds: number;
}

/** Runs shell text (`bash -euo pipefail`) against one moto, in `cwd` (default: this process's). */
export type AwsShell = (text: string, cwd?: string) => Promise<ShellRun>;

/** Installs the pinned AWS CLI once (cached) and returns a shell whose `aws` talks to the moto at `motoUrl`. */
export function awsShell(motoUrl: string): AwsShell {
  const install = spawnSync("bash", [join(ROOT, "scripts", "install-awscli.sh")], { encoding: "utf8" });
  assert.equal(install.status, 0, `the AWS CLI could not be installed from PyPI: ${install.stderr}`);
  const awsCli = install.stdout.trim();
  return (text, cwd) => {
    const started = Date.now();
    return new Promise((resolve) => {
      const child = spawn("bash", ["-euo", "pipefail", "-c", text], {
        cwd,
        env: {
          PATH: `${dirname(awsCli)}:${process.env.PATH}`,
          HOME: process.env.HOME,
          AWS_ENDPOINT_URL: motoUrl,
          AWS_ACCESS_KEY_ID: "rehearsal",
          AWS_SECRET_ACCESS_KEY: "rehearsal",
          AWS_DEFAULT_OUTPUT: "json",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (out += d.toString()));
      child.on("close", (code) => resolve({ code: code ?? 1, out, seconds: (Date.now() - started) / 1000 }));
    });
  };
}

/** The shell block of a runbook section, as an operator would paste it. */
export function runbookCommands(runbook: string, heading: string): string {
  const section = runbook.slice(runbook.indexOf(heading));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  assert.ok(section.length < runbook.length && block, `the runbook has no commands under "${heading}"`);
  return block[1];
}

/** The runbook's heading for promoting a standby below hot to the primary's size. */
export const PROMOTION_STEP = "### 2. Make sure the standby can carry the load";

/** The runbook's heading for holding traffic off an active-passive primary by inverting its health check. */
export const HOLD_STEP = "### 4. Hold traffic on the standby (a flapping primary)";

/** desiredCount and runningCount of a site's active Kong ECS services (a deleted one stays INACTIVE). */
export async function kongServices(shell: AwsShell, region: string, cluster: string): Promise<Record<string, { desired: number; running: number }>> {
  const run = await shell(`aws ecs describe-services --region ${region} --cluster ${cluster} --services kong kong-admin-only`);
  assert.equal(run.code, 0, run.out);
  const described = JSON.parse(run.out).services as { serviceName: string; status: string; desiredCount: number; runningCount: number }[];
  return Object.fromEntries(described.filter((s) => s.status === "ACTIVE").map((s) => [s.serviceName, { desired: s.desiredCount, running: s.runningCount }]));
}
