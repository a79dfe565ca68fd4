import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { Issue } from "../config/schema";
import { BackendEnvironment, selectBackend, Topology } from "../config/topology";
import { KongHaTopology } from "../ha/kong-ha-topology";
import { formatFinding } from "../rules/rule-checker";
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
  const backend = selectBackend(topology, env);
  if (backend.issues.length) throw new BackendError(backend.issues);
  const outdir = mkdtempSync(join(tmpdir(), "cdktf-kong-ha-"));
  try {
    const app = new App({ outdir });
    const estate = new KongHaTopology(app, { topology, terraformCloud: backend.backend });
    const warnings = estate.assertCompliant().map((finding) => ({ path: finding.path, message: formatFinding(finding, estate.rules.pack) }));
    app.synth();
    const plan = summarizePlan(outdir);
    return { plan: { ...plan, outdir: "" }, warnings };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The backend environment variables (KONG_HA_BACKEND, TF_CLOUD_*) are inconsistent. */
export class BackendError extends Error {
  constructor(readonly issues: readonly Issue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
    this.name = "BackendError";
  }
}
