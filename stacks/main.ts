// The app `cdktf synth` runs: a topology file (KONG_HA_CONFIG=<file>, YAML or JSON) or the embedded
// default, turned into per-site stacks. Bad input ends here with one line per problem and exit 1,
// before anything is written to cdktf.out.
import { App } from "cdktf";
import { ConfigError } from "../src/config/config-error";
import { DEFAULT_TOPOLOGY } from "../src/config/default-topology";
import { formatLocatedIssues, loadTopologyFile, LoadResult } from "../src/config/load-topology";
import { resolveTopology } from "../src/config/topology";
import { KongHaTopology } from "../src/ha/kong-ha-topology";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const file = process.env.KONG_HA_CONFIG;
const loaded: LoadResult = file ? loadTopologyFile(file) : resolveTopology(DEFAULT_TOPOLOGY);
if (!loaded.topology) fail(formatLocatedIssues(file ?? "default topology", loaded.issues));

try {
  const app = new App();
  new KongHaTopology(app, { topology: loaded.topology });
  app.synth();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
