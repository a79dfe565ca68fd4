import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { Issue } from "../core/schema";
import { BackendEnvironment } from "../app/backend";
import { Topology } from "../ha/resolved-topology";
import { buildEstate } from "../app/build-estate";
import { PlanSummary, summarizePlan } from "./plan-summary";

/** The estate a topology becomes, as `cdktf synth` would write it (nothing is kept on disk). */
export interface SynthesizedEstate {
  /** The stacks, in apply order, with what each holds. */
  readonly plan: PlanSummary;
  /** Topology rule warnings (`[KHA-...] message`), one line each; rule errors throw a ConfigError. */
  readonly warnings: readonly Issue[];
}

/**
 * Builds the estate of a validated topology exactly as the app does (backend from the topology and
 * `env`, the rule pack, every stack) and synthesizes it into a temporary directory that is removed
 * afterwards. Construct-level problems throw a ConfigError, as they would in `cdktf synth`.
 */
export function synthesizeEstate(topology: Topology, env: BackendEnvironment = {}): SynthesizedEstate {
  const outdir = mkdtempSync(join(tmpdir(), "cdktf-kong-ha-"));
  try {
    const app = new App({ outdir });
    const { warnings } = buildEstate(app, topology, env);
    app.synth();
    const plan = summarizePlan(outdir);
    return { plan: { ...plan, outdir: "" }, warnings };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export { BackendError } from "../app/build-estate";
