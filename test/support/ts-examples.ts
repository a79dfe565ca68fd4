import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { App, AppConfig } from "cdktf";
import { ROOT } from "./examples";

export const TS_EXAMPLE_DIR = join(ROOT, "examples");

/** The "import one construct into your own stack" examples: every examples/*.ts. */
export function tsExampleFiles(): string[] {
  return readdirSync(TS_EXAMPLE_DIR)
    .filter((f) => f.endsWith(".ts"))
    .sort();
}

/** Synthesizes one TS example (its exported buildApp) into a new directory; returns the cdktf.out path. */
export function synthTsExample(file: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example = require(join(TS_EXAMPLE_DIR, file)) as { buildApp?: (config?: AppConfig) => App };
  if (typeof example.buildApp !== "function") throw new Error(`examples/${file} must export buildApp(config?: AppConfig): App`);
  const outdir = join(mkdtempSync(join(tmpdir(), "ts-example-")), "cdktf.out");
  example.buildApp({ outdir }).synth();
  return outdir;
}

/** The stacks a synthesized app wrote, by name, as parsed cdk.tf.json. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function stacksOf(outdir: string): { [stack: string]: any } {
  return Object.fromEntries(
    readdirSync(join(outdir, "stacks"))
      .sort()
      .map((stack) => [stack, JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"))]),
  );
}
