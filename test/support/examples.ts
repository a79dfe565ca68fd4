import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { App } from "cdktf";
import { DEFAULT_TOPOLOGY } from "../../src/topology/default-topology";
import { formatLocatedIssues } from "../../src/core/located-yaml";
import { loadTopologyFile } from "../../src/topology/load-topology";
import { resolveTopology } from "../../src/topology/resolve-topology";
import { Topology } from "../../src/ha/resolved-topology";
import { KongEstate } from "../../src/ha/kong-estate";

export const ROOT = resolve(__dirname, "..", "..");
export const TOPOLOGY_DIR = join(ROOT, "examples", "topologies");

/** Every topology the project ships: the embedded default and each file in examples/topologies. */
export function exampleTopologies(): { readonly name: string; readonly topology: Topology }[] {
  const files = readdirSync(TOPOLOGY_DIR)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
  return [
    { name: "default", topology: mustResolve("default", resolveTopology(DEFAULT_TOPOLOGY)) },
    ...files.map((file) => ({ name: file, topology: mustResolve(file, loadTopologyFile(join(TOPOLOGY_DIR, file))) })),
  ];
}

function mustResolve(name: string, result: { topology?: Topology; issues: readonly object[] }): Topology {
  if (!result.topology) throw new Error(`example ${name} is invalid:\n${formatLocatedIssues(name, result.issues as never)}`);
  return result.topology;
}

/** Synthesizes a topology into `outdir` as `cdktf synth` would; returns the stack names. */
export function synthTopology(topology: Topology, outdir: string): string[] {
  const app = new App({ outdir });
  new KongEstate(app, { topology });
  app.synth();
  return readdirSync(join(outdir, "stacks")).sort();
}
