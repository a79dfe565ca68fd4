import { spawnSync, SpawnSyncReturns } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./examples";

/** The `app` command of cdktf.json, as words: what `cdktf synth` runs. */
export function appCommand(): string[] {
  const { app } = JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { app: string };
  return app.split(/\s+/);
}

/** Runs the app exactly as `cdktf synth` does (cdktf.json's command, from the repository root), with `env` added. */
export function runAppCommand(env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  const [command, ...args] = appCommand();
  return spawnSync(command === "node" ? process.execPath : command, args, {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env },
    encoding: "utf8",
  });
}
