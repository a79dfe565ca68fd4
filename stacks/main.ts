// The app `cdktf synth` runs: a topology file (KONG_HA_CONFIG=<file>, YAML or JSON) or the embedded
// default, turned into the estate's stacks. Bad input, a bad backend setting or a topology rule error
// ends here with one line per problem and exit 1, before anything is written to cdktf.out. Rule
// warnings are printed and synth goes on. The failover runbook is written next to the stacks.
//
// State: local files by default; Terraform Cloud when the topology has a terraformCloud section or
// KONG_HA_BACKEND=cloud (TF_CLOUD_ORGANIZATION, TF_CLOUD_PROJECT, TF_CLOUD_HOSTNAME and
// KONG_HA_WORKSPACE_PREFIX fill what the file leaves out); KONG_HA_BACKEND=local forces local state.
// `cdktf synth` runs this file bundled (scripts/run-app.cjs), without source maps. Run through tsx
// directly (`node --require tsx/cjs stacks/main.ts`), source maps are on, and cdktf records a stack
// trace for every token it creates: mapping those frames costs ~15% of a synth's CPU
// (docs/PERFORMANCE.md). Bad input never needs a trace (it ends in located error lines);
// CDKTF_KONG_HA_DEBUG=1 keeps them mapped.
if (!process.env.CDKTF_KONG_HA_DEBUG) process.setSourceMapsEnabled(false);
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import { ConfigError, formatIssues } from "../src/core/config-error";
import { DEFAULT_TOPOLOGY } from "../src/topology/default-topology";
import { formatLocatedIssues } from "../src/core/located-yaml";
import { loadTopologyFile, LoadResult } from "../src/topology/load-topology";
import { resolveTopology } from "../src/topology/resolve-topology";
import { BackendError, buildEstate } from "../src/app/build-estate";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const file = process.env.KONG_HA_CONFIG;
const loaded: LoadResult = file ? loadTopologyFile(file) : resolveTopology(DEFAULT_TOPOLOGY);
if (!loaded.topology) fail(formatLocatedIssues(file ?? "default topology", loaded.issues));

// cdktf's App creates its output directory when constructed; a rule error must leave none behind.
const outdir = process.env.CDKTF_OUTDIR || "cdktf.out";
const freshOutdir = !existsSync(outdir);
try {
  const app = new App();
  const { estate, warnings } = buildEstate(app, loaded.topology, process.env);
  for (const warning of warnings) process.stderr.write(`warning: ${warning.path}: ${warning.message}\n`);
  app.synth();
  writeFileSync(join(app.outdir, "RUNBOOK.md"), estate.runbook());
} catch (error) {
  // Nothing is left behind on failure, whatever the failure: a half-written cdktf.out is worse than none.
  if (freshOutdir) rmSync(outdir, { recursive: true, force: true });
  if (error instanceof ConfigError || error instanceof BackendError) {
    fail(error instanceof BackendError ? formatIssues(error.issues, "backend") : error.message);
  }
  throw error;
}
