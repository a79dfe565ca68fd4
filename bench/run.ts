// `npm run bench [-- --runs 9] [--seconds 10] [--cases default,50x2,200x3,500x4] [--ways] [--token-stacks] [--keep]`
//
// Synthesizes each case with the library's app (the `app` command of cdktf.json, run directly with
// CDKTF_OUTDIR, not through the cdktf CLI) and with the baseline app (bench/baseline-app.ts: the same
// Terraform declared with plain cdktf classes, run the same way), alternating the two, at least
// `--runs` times and until the library has run for `--seconds`. Prints, as Markdown: the medians
// and the ratios (the median of each library run over the baseline run next to it, which shares its
// machine load; each app runs first every other time) with the middle half of the wall-time ratios,
// the fit of cost against services x sites, and the cost
// of importing the library (as the app loads it, and as the published package's users load it:
// tsc's output, built into the scratch folder). `--ways` compares the ways of running the app on the
// default topology. `--token-stacks` runs both apps with cdktf's token creation stacks recorded
// (CDKTF_KONG_HA_TOKEN_STACKS=1). `--keep` keeps the scratch folder (topology files, baseline plans,
// the compiled project) for `node --cpu-prof`.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_TOPOLOGY } from "../src/topology/default-topology";
import { writeBaselineApp } from "./baseline-app";
import { assertSameTerraform, readSynthesized, resourceCount, Synthesized, withOverrides } from "./check";
import { planStack, StackPlan } from "./plan";
import { linearFit, median, quartiles, spread } from "./stats";
import { generatedTopology } from "./topologies";

const root = resolve(__dirname, "..");
const { values: options } = parseArgs({
  options: {
    // At 5 the ratios moved by ±0.05 between whole runs of the bench on this 2-core machine.
    runs: { type: "string", default: "9" },
    // Small cases take a second or less: they run until the library has had this many seconds, so
    // their ratios rest on more pairs (at 9 pairs the default's ratio moved by ±0.07 between runs).
    seconds: { type: "string", default: "10" },
    cases: { type: "string", default: "default,50x2,200x3,500x4" },
    ways: { type: "boolean", default: false },
    "token-stacks": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const runs = Number(options.runs);
// Both apps keep cdktf's token creation stacks (scripts/cdktf-token-stacks.cjs), for comparison.
if (options["token-stacks"]) process.env.CDKTF_KONG_HA_TOKEN_STACKS = "1";
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${options.runs}`);
const seconds = Number(options.seconds);
if (!(seconds >= 0)) throw new Error(`--seconds must be a number of seconds, got ${options.seconds}`);
const log = (line: string) => process.stderr.write(`${line}\n`);
const work = mkdtempSync(join(tmpdir(), "kong-ha-bench-"));
process.on("exit", () => (options.keep ? log(`kept ${work}`) : rmSync(work, { recursive: true, force: true })));
// The compiled project and the generated baseline apps live here and import the project's packages.
symlinkSync(join(root, "node_modules"), join(work, "node_modules"));
const apps = join(work, "apps");
mkdirSync(apps);
const appCache = join(work, "app-cache");

interface Case {
  readonly id: string;
  readonly services: number;
  readonly sites: number;
  /** The topology file; none for the app's embedded default. */
  readonly file?: string;
}

function caseOf(id: string): Case {
  if (id === "default") return { id, services: DEFAULT_TOPOLOGY.services!.length, sites: DEFAULT_TOPOLOGY.sites.length };
  const match = /^(\d+)x(\d+)$/.exec(id);
  if (!match) throw new Error(`unknown case "${id}": use default or <services>x<sites>, e.g. 500x4`);
  const [services, sites] = [Number(match[1]), Number(match[2])];
  const file = join(work, `${id}.json`);
  writeFileSync(file, JSON.stringify(generatedTopology(services, sites)));
  return { id, services, sites, file };
}

interface Sample {
  readonly wall: number;
  readonly cpu: number;
  readonly rssMb: number;
}

let outdirs = 0;
/** Runs one app process into a fresh output folder; its wall time here, its CPU and peak RSS from bench/usage.cjs. */
function measure(command: readonly string[], env: NodeJS.ProcessEnv, keep?: (outdir: string) => void): Sample {
  const outdir = join(work, `out-${outdirs++}`);
  const usageFile = join(work, "usage.json");
  const started = process.hrtime.bigint();
  const result = spawnSync(command[0], command.slice(1), {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      // The apps' bundles (scripts/run-app.cjs) go with the scratch folder.
      CDKTF_KONG_HA_APP_CACHE: appCache,
      ...env,
      CDKTF_OUTDIR: outdir,
      CHECKPOINT_DISABLE: "1",
      BENCH_USAGE_FILE: usageFile,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require=${join(__dirname, "usage.cjs")}`,
    },
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command.join(" ")} failed (exit ${result.status}):\n${result.stderr}`);
  const usage = JSON.parse(readFileSync(usageFile, "utf8")) as { cpuSeconds: number; maxRssMb: number };
  keep?.(outdir);
  rmSync(outdir, { recursive: true, force: true });
  return { wall, cpu: usage.cpuSeconds, rssMb: usage.maxRssMb };
}

const appCommand = (JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")) as { app: string }).app.split(/\s+/);
/** The project compiled by tsc into the scratch folder (with node_modules reachable from it). */
function compile(): string {
  log("compiling with tsc");
  const lib = join(work, "lib");
  const tsc = spawnSync("npx", ["tsc", "-p", "tsconfig.json", "--outDir", lib], { cwd: root, encoding: "utf8" });
  if (tsc.status !== 0) log(`tsc reported errors (emitted anyway):\n${tsc.stdout}`);
  return lib;
}
/** Another entry run as the library's app is: cdktf.json's app command with `entry` in place of stacks/main.ts. */
function runAs(entry: string, ...args: string[]): string[] {
  if (appCommand.at(-1) !== "stacks/main.ts") throw new Error(`cdktf.json's app "${appCommand.join(" ")}" does not end with stacks/main.ts`);
  return [...appCommand.slice(0, -1), entry, ...args];
}
const libraryEnv = (c: Case): NodeJS.ProcessEnv => ({ KONG_HA_CONFIG: c.file ?? "", KONG_HA_BACKEND: "local" });

/**
 * Untimed: synthesizes with the library, plans the baseline from its output and checks the baseline
 * synthesizes the same Terraform (moving what props cannot carry to overrides). Also builds both
 * apps' bundles (scripts/run-app.cjs), so the timed runs measure synth, not the bundler.
 */
function prepare(c: Case, planFile: string): { stacks: Map<string, Synthesized>; overrides: number; baseline: string[] } {
  let stacks = new Map<string, Synthesized>();
  measure(appCommand, libraryEnv(c), (outdir) => (stacks = readSynthesized(outdir)));
  let plans: StackPlan[] = [...stacks].map(([name, stack]) => planStack(name, stack.json));
  // Its own folder: the bundle is rebuilt when a folder holding a source changes, and the runs write to `work`.
  const command = runAs(writeBaselineApp(apps, c.id, plans), planFile);
  const baselineStacks = () => {
    writeFileSync(planFile, JSON.stringify(plans));
    let out = new Map<string, Synthesized>();
    measure(command, {}, (outdir) => (out = readSynthesized(outdir)));
    return out;
  };
  let baseline = baselineStacks();
  plans = plans.map((plan) => withOverrides(plan, stacks.get(plan.name)!.json, baseline.get(plan.name)?.json ?? {}));
  const overrides = plans.reduce((n, plan) => n + plan.elements.reduce((m, el) => m + Object.keys(el.overrides ?? {}).length, 0), 0);
  if (overrides) baseline = baselineStacks();
  if ([...baseline.keys()].join() !== [...stacks.keys()].join()) throw new Error(`${c.id}: the baseline's stacks are not the library's`);
  for (const [name, stack] of stacks) assertSameTerraform(name, stack.json, baseline.get(name)!.json);
  return { stacks, overrides, baseline: command };
}

interface Result {
  readonly c: Case;
  readonly stacks: Map<string, Synthesized>;
  readonly overrides: number;
  readonly library: Sample[];
  readonly baseline: Sample[];
}

function runCase(c: Case): Result {
  const planFile = join(work, `${c.id}.plan.json`);
  const { stacks, overrides, baseline } = prepare(c, planFile);
  const result: Result = { c, stacks, overrides, library: [], baseline: [] };
  const spent = () => result.library.reduce((sum, sample) => sum + sample.wall, 0);
  for (let i = 0; i < runs || spent() < seconds; i++) {
    log(`${c.id}: run ${i + 1}${i < runs ? `/${runs}` : `, ${spent().toFixed(1)} of ${seconds} s`}`);
    // Each app goes first every other run: the first of two back-to-back runs is ~1% slower here.
    const runLibrary = () => result.library.push(measure(appCommand, libraryEnv(c)));
    const runBaseline = () => result.baseline.push(measure(baseline, {}));
    for (const run of i % 2 ? [runBaseline, runLibrary] : [runLibrary, runBaseline]) run();
  }
  return result;
}

const fixed = (n: number, digits = 2) => n.toFixed(digits);
const of = (samples: readonly Sample[], key: keyof Sample) => median(samples.map((s) => s[key]));
/** Medians of both, and the median of the run-by-run ratios: each pair ran back to back, under the same load. */
function compare(r: Result, key: keyof Sample, digits: number): string {
  const ratio = median(ratios(r, key));
  return `${fixed(of(r.library, key), digits)} / ${fixed(of(r.baseline, key), digits)} (**${fixed(ratio)}**)`;
}
const ratios = (r: Result, key: keyof Sample) => r.library.map((sample, i) => sample[key] / r.baseline[i][key]);

function table(results: readonly Result[]): string {
  const rows = results.map((r) => {
    const stacks = [...r.stacks.values()];
    const resources = stacks.reduce((n, s) => n + resourceCount(s), 0);
    const largest = Math.max(...stacks.map(resourceCount));
    const mb = stacks.reduce((n, s) => n + s.bytes, 0) / 1e6;
    const spreads = `±${fixed(100 * spread(r.library.map((s) => s.wall)), 0)}% / ±${fixed(100 * spread(r.baseline.map((s) => s.wall)), 0)}%`;
    const middle = quartiles(ratios(r, "wall"))
      .map((q) => fixed(q))
      .join("–");
    return `| ${r.c.id} | ${r.c.services} × ${r.c.sites} | ${stacks.length} | ${resources} | ${largest} | ${fixed(mb)} | ${r.library.length} | ${compare(r, "wall", 2)} | ${middle} | ${spreads} | ${compare(r, "cpu", 2)} | ${compare(r, "rssMb", 0)} |`;
  });
  return [
    "| case | services × sites | stacks | resources | largest stack | MB | runs | wall s: library / baseline (ratio) | middle half of the wall ratios | wall spread | CPU s (ratio) | peak RSS MB (ratio) |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

/** Resources per stack kind (`<site>-infra` for every site's infra stack, ...), per case. */
function stackSizes(results: readonly Result[]): string {
  const kindOf = (stack: string) => stack.replace(/^.*-(?=[a-z]+$)/, "<site>-");
  const kinds = [...new Set(results.flatMap((r) => [...r.stacks.keys()].map(kindOf)))];
  const rows = results.map((r) => {
    const cells = kinds.map((kind) => {
      const sizes = [...r.stacks].filter(([name]) => kindOf(name) === kind).map(([, stack]) => resourceCount(stack));
      if (!sizes.length) return "–";
      const [min, max] = [Math.min(...sizes), Math.max(...sizes)];
      return `${min === max ? min : `${min}–${max}`}${sizes.length > 1 ? ` × ${sizes.length}` : ""}`;
    });
    return `| ${r.c.id} | ${cells.join(" | ")} |`;
  });
  return [`| resources per stack | ${kinds.map((k) => `\`${k}\``).join(" | ")} |`, `|---|${kinds.map(() => "---|").join("")}`, ...rows].join("\n");
}

function fits(results: readonly Result[]): string {
  const generated = results.filter((r) => r.c.file);
  if (generated.length < 2) return "(the fit needs two generated cases)";
  return (["library", "baseline"] as const)
    .map((who) => {
      const line = (key: keyof Sample) => linearFit(generated.map((r) => [r.c.services * r.c.sites, of(r[who], key)]));
      const term = (key: keyof Sample, unit: string, slopeUnit: string) => {
        const fit = line(key);
        return `${fixed(fit.intercept)} ${unit} + ${fixed(1000 * fit.slope)} ${slopeUnit} × services·sites (R² ${fixed(fit.r2, 3)})`;
      };
      return `- ${who}: wall ≈ ${term("wall", "s", "ms")}; CPU ≈ ${term("cpu", "s", "ms")}; peak RSS ≈ ${term("rssMb", "MB", "KB")}`;
    })
    .join("\n");
}

type ImportCost = { [phase in "start" | "cdktf" | "library"]: { wall: number; cpu: number } };
function importCost(label: string, command: readonly string[]): string {
  const run = () => {
    const result = spawnSync(command[0], command.slice(1), { cwd: root, encoding: "utf8", env: { ...process.env, CDKTF_KONG_HA_APP_CACHE: appCache } });
    if (result.status !== 0) throw new Error(`${command.join(" ")} failed:\n${result.stderr}`);
    return JSON.parse(result.stdout) as ImportCost;
  };
  run(); // untimed: builds the bundle, warms tsx's cache
  const samples = Array.from({ length: runs }, run);
  const cell = (phase: keyof ImportCost) => `${fixed(median(samples.map((s) => s[phase].wall)), 0)} / ${fixed(median(samples.map((s) => s[phase].cpu)), 0)}`;
  return `| \`${label}\` | ${cell("start")} | ${cell("cdktf")} | ${cell("library")} |`;
}

/** `--ways`: the ways of running the app, on the default topology. */
function appWays(lib: string): string {
  const c = caseOf("default");
  const tsx = ["node", "--require", "tsx/cjs", "stacks/main.ts"];
  const variants: [string, string, readonly string[], NodeJS.ProcessEnv?][] = [
    ["node --import tsx stacks/main.ts", "(tsx's ESM loader, source maps on)", ["node", "--import", "tsx", "stacks/main.ts"], { CDKTF_KONG_HA_DEBUG: "1" }],
    [tsx.join(" "), "(source maps on)", tsx, { CDKTF_KONG_HA_DEBUG: "1" }],
    [tsx.join(" "), "(source maps off)", tsx],
    [tsx.join(" "), "with tsx's cache off (a fresh clone)", tsx, { TSX_DISABLE_CACHE: "1" }],
    ["node lib/stacks/main.js", "(tsc output)", ["node", join(lib, "stacks/main.js")]],
    [appCommand.join(" "), "(cdktf.json)", appCommand],
    [appCommand.join(" "), "with CDKTF_KONG_HA_TOKEN_STACKS=1 (cdktf's token stacks recorded)", appCommand, { CDKTF_KONG_HA_TOKEN_STACKS: "1" }],
    [appCommand.join(" "), "after a change (bundle rebuilt)", appCommand, { CDKTF_KONG_HA_APP_CACHE: "" }],
  ];
  const rows = variants.map(([shown, note, command, env]) => {
    const cold = env?.CDKTF_KONG_HA_APP_CACHE === "";
    if (!cold) measure(command, { ...libraryEnv(c), ...env }); // untimed: builds the bundle, warms the caches
    const samples = Array.from({ length: runs }, () => {
      // An empty cache folder per run: the bundle is built first, as after any edit.
      const fresh = cold ? { CDKTF_KONG_HA_APP_CACHE: mkdtempSync(join(work, "app-cache-")) } : {};
      return measure(command, { ...libraryEnv(c), ...env, ...fresh });
    });
    return `| \`${shown}\` ${note} | ${fixed(of(samples, "wall"))} | ${fixed(of(samples, "cpu"))} | ${fixed(of(samples, "rssMb"), 0)} |`;
  });
  return ["| app command, default topology | wall s | CPU s | peak RSS MB |", "|---|---|---|---|", ...rows].join("\n");
}

const lib = compile();
const startLoad = loadavg();
const results = options.cases.split(",").map((id) => runCase(caseOf(id.trim())));
const load = (l: number[]) => l.map((n) => n.toFixed(1)).join(" ");
const output = [
  `At least ${runs} runs per case and ${seconds} s of the library's; medians; ${cpus().length} CPUs, load average ${load(startLoad)} at the start, ${load(loadavg())} at the end.`,
  "",
  table(results),
  "",
  stackSizes(results),
  "",
  "Cost against services × sites (least squares over the generated cases):",
  fits(results),
  "",
  "| import cost, ms wall / CPU | start-up | `cdktf` | library entry point |",
  "|---|---|---|---|",
  importCost(`${appCommand.slice(0, -1).join(" ")} bench/import-cost.ts (bundled, as the app loads it)`, runAs("bench/import-cost.ts")),
  importCost("node lib/bench/import-cost.js (tsc output, what the published package's users load)", ["node", join(lib, "bench/import-cost.js")]),
  importCost("node --require tsx/cjs bench/import-cost.ts (the sources through tsx)", ["node", "--require", "tsx/cjs", "bench/import-cost.ts"]),
  ...(options.ways ? ["", appWays(lib)] : []),
];
const overrides = results.filter((r) => r.overrides).map((r) => `${r.c.id}: ${r.overrides}`);
if (overrides.length) output.push("", `Attributes the baseline sets with addOverride: ${overrides.join(", ")}.`);
process.stdout.write(`${output.join("\n")}\n`);
