import { App } from "cdktf";
import { Issue } from "../core/schema";
import { BackendEnvironment, selectBackend } from "./backend";
import { Topology } from "../ha/resolved-topology";
import { formatFinding } from "../core/rules/rule-checker";
import { KongEstate } from "../ha/kong-estate";

/** The backend environment variables (KONG_HA_BACKEND, TF_CLOUD_*) do not fit the topology. */
export class BackendError extends Error {
  constructor(readonly issues: readonly Issue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
    this.name = "BackendError";
  }
}

/** An estate built into an app, with the topology rules' warnings. */
export interface BuiltEstate {
  readonly estate: KongEstate;
  /** Rule warnings, one per finding (`[KHA-...] message`); rule errors throw a ConfigError. */
  readonly warnings: readonly Issue[];
}

/**
 * Builds the estate of a validated topology into `app` exactly as `cdktf synth` does: the backend
 * chosen from the topology and `env`, every stack, and the rule pack checked up front (errors throw
 * a ConfigError listing every finding; warnings are returned). Shared by stacks/main.ts and the CLI,
 * so a clean `check` means a clean synth.
 */
export function buildEstate(app: App, topology: Topology, env: BackendEnvironment): BuiltEstate {
  const backend = selectBackend(topology, env);
  if (backend.issues.length) throw new BackendError(backend.issues);
  const estate = new KongEstate(app, { topology, terraformCloud: backend.backend });
  const warnings = estate.assertCompliant().map((finding) => ({ path: finding.path, message: formatFinding(finding, estate.rules.pack) }));
  return { estate, warnings };
}
