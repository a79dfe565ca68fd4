// The app `cdktf synth` runs: a topology file (KONG_HA_CONFIG=<file>, YAML or JSON) or the embedded
// default, turned into the estate's stacks. Bad input, a bad backend setting or a topology rule error
// ends here with one line per problem and exit 1, before anything is written to cdktf.out. Rule
// warnings are printed and synth goes on. The failover runbook is written next to the stacks.
//
// State: local files by default; Terraform Cloud when the topology has a terraformCloud section or
// KONG_HA_BACKEND=cloud (TF_CLOUD_ORGANIZATION, TF_CLOUD_PROJECT, TF_CLOUD_HOSTNAME and
// KONG_HA_WORKSPACE_PREFIX fill what the file leaves out); KONG_HA_BACKEND=local forces local state.
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import { ConfigError, formatIssues } from "../src/config/config-error";
import { DEFAULT_TOPOLOGY } from "../src/config/default-topology";
import { formatLocatedIssues, loadTopologyFile, LoadResult } from "../src/config/load-topology";
import { resolveTopology, selectBackend } from "../src/config/topology";
import { KongHaTopology } from "../src/ha/kong-ha-topology";
import { formatFinding } from "../src/rules/rule-checker";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const file = process.env.KONG_HA_CONFIG;
const loaded: LoadResult = file ? loadTopologyFile(file) : resolveTopology(DEFAULT_TOPOLOGY);
if (!loaded.topology) fail(formatLocatedIssues(file ?? "default topology", loaded.issues));
const backend = selectBackend(loaded.topology, process.env);
if (backend.issues.length) fail(formatIssues(backend.issues, "backend"));

// cdktf's App creates its output directory when constructed; a rule error must leave none behind.
const outdir = process.env.CDKTF_OUTDIR || "cdktf.out";
const freshOutdir = !existsSync(outdir);
try {
  const app = new App();
  const estate = new KongHaTopology(app, { topology: loaded.topology, terraformCloud: backend.backend });
  for (const warning of estate.assertCompliant()) {
    process.stderr.write(`warning: ${warning.path}: ${formatFinding(warning, estate.rules.pack)}\n`);
  }
  app.synth();
  writeFileSync(join(app.outdir, "RUNBOOK.md"), estate.runbook());
} catch (error) {
  if (error instanceof ConfigError) {
    if (freshOutdir) rmSync(outdir, { recursive: true, force: true });
    fail(error.message);
  }
  throw error;
}
