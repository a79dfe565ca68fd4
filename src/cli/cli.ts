import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join, resolve } from "node:path";
import { ConfigError } from "../core/config-error";
import { fileReadProblem } from "../core/located-yaml";
import { formatLocatedIssues, LocatedIssue } from "../core/located-yaml";
import type { Issue } from "../core/schema";
import { loadTopologyFile } from "../topology/load-topology";
import { Topology } from "../ha/resolved-topology";
import { deckFragmentYaml, importDeckFile } from "../deck/deck-import";
import { BackendError, synthesizeEstate } from "./estate";
import { estateDiagram, findMermaidRenderer } from "./diagram";
import { formatPlanSummary, PlanSummaryError, summarizePlan } from "./plan-summary";
import { topologyJsonSchemaText } from "./topology-json-schema";
import { preflightSite, PreflightTarget } from "./preflight";
import { DEFAULT_TOPOLOGY } from "../topology/default-topology";
import { resolveTopology } from "../topology/resolve-topology";
import { DEFAULT_KONG_VERSION } from "../gateway/plugins/kong-plugins";
import { siteAdminUrl } from "../ha/site-gateway-stack";
import { adminApiAuthKind } from "../site/kong-admin-api";
import { renderRenewalWorkflow } from "../ha/renewal-workflow";
import { selectBackend } from "../app/backend";

/** Exit codes of the CLI (documented in src/cli/README.md and `--help`). */
export const EXIT = {
  /** Done: the file is valid, the output was written. */
  ok: 0,
  /** The input has problems (each printed as `<file>:<line>:<col> <path>: <message>`). */
  invalid: 1,
  /** The command line is wrong: unknown command or option, missing argument. */
  usage: 2,
  /** A tool the command needs is not installed (the Mermaid renderer for `diagram --svg`). */
  missingTool: 3,
  /** A bug in the library: the message says what failed; CDKTF_KONG_HA_DEBUG=1 prints the stack trace. */
  internal: 4,
} as const;

/** Where the CLI reads and writes; `process` by default, replaced in tests. */
export interface CliContext {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

const USAGE = `Usage: cdktf-kong-ha <command> [options]

Commands:
  check <topology-file>...      validate topology files and build their stacks in memory; print every
                                problem as <file>:<line>:<col> <path>: <message>
  diagram <topology-file>       print the estate as a Mermaid flowchart: sites, roles, traffic policy,
                                stacks and their dependencies
      --svg                     render it to <topology-file name>.svg instead (needs mmdc from
                                @mermaid-js/mermaid-cli)
      -o, --output <file>       where --svg writes
      --markdown                wrap the Mermaid text in a \`\`\`mermaid fence, for READMEs and PRs
  plan-summary [<cdktf.out>]    resources per stack and type of a synthesized app, in apply order
      --json                    the same as JSON
  import-deck <kong.yaml>       convert a decK file to the topology's catalog sections (YAML on stdout);
                                secrets become sensitive Terraform variables, never copied
      --edition oss|enterprise  the edition to check plugins against (default oss)
      --skip-unsupported        drop what the library cannot express, with a warning each
  renewal-workflow [<topology>] a GitHub Actions workflow that renews the estate's certificates on a
                                schedule inside their renewal window (Terraform Cloud state only)
      -o, --output <file>       where to write it (default: stdout)
  schema                        print the topology file's JSON Schema
  preflight [<topology-file>]   before a gateway apply: is each site's Admin API reachable, trusted,
                                refusing anonymous requests, accepting the run's credential and
                                running the expected Kong version (one line per problem)
      --site <name>             only this site
      --url <admin url>         the Admin API to check (default: the site's adminUrl, else
                                https://kong-admin.<site>.<domain>:8444)

Options: -h, --help (also: help <command>), -v, --version

Exit codes: 0 done, 1 the input has problems, 2 wrong command line, 3 a needed tool is not installed,
4 internal error (CDKTF_KONG_HA_DEBUG=1 shows the stack trace).
More: \`cdktf-kong-ha help <command>\`, and the package README.`;

const COMMAND_USAGE: { [command: string]: string } = {
  check: `Usage: cdktf-kong-ha check <topology-file>...

Validates each file (schema, cross-field rules, plugin configs, topology rules) and builds its stacks
in memory as \`cdktf synth\` would, writing nothing. A valid file prints one summary line; every
problem prints as <file>:<line>:<col> <path>: <message>. Exit 0 when every file is valid, else 1.
The backend environment (KONG_HA_BACKEND, TF_CLOUD_ORGANIZATION, ...) is read as the app reads it.`,
  diagram: `Usage: cdktf-kong-ha diagram <topology-file> [--markdown] [--svg [-o <file.svg>]]

Prints a Mermaid flowchart of the estate: clients and the traffic policy, each site with its region,
role and stacks, the estate-wide stacks, and arrows in apply order between stacks. Paste it into a
Markdown file (GitHub renders \`\`\`mermaid blocks) or https://mermaid.live. --svg renders it with mmdc
(npm i -D @mermaid-js/mermaid-cli); without mmdc it exits 3 and says so.`,
  "plan-summary": `Usage: cdktf-kong-ha plan-summary [<cdktf.out>] [--json]

Reads a synthesized app (default ./cdktf.out; JSON or --hcl output) and prints its stacks in apply
order with their resources and data sources by type, and the TF_VAR_ variables each needs.`,
  "import-deck": `Usage: cdktf-kong-ha import-deck <kong.yaml> [--edition oss|enterprise] [--skip-unsupported] [-o <file>]

Converts a decK file (services, routes, upstreams, targets, consumers with key-auth, basic-auth, ACL
and JWT credentials, plugins, certificates) into the topology's catalog sections, printed as YAML
(or written to -o). Keys, passwords and private keys are never copied: each becomes a sensitive
Terraform variable ({ variable: <name> }), listed at the top of the output. What the library cannot
express is an error at its line and column; --skip-unsupported drops it with a warning instead.`,
  preflight: `Usage: cdktf-kong-ha preflight [<topology-file>] [--site <name>] [--url <admin url>]

Checks each site's Admin API as its gateway stack's kong provider will call it, from this machine and
with this environment: reachable; its certificate trusted (SSL_CERT_FILE when set, else the system's
CAs, as the provider reads them); a request without credentials refused; the credential of the run
accepted (OSS: KONG_ADMIN_USERNAME/KONG_ADMIN_PASSWORD; Enterprise: KONG_ADMIN_TOKEN); the Kong version
the estate expects. Without a file it checks the embedded default (or KONG_HA_CONFIG). Prints one line
per site that passes and one line per problem; exit 0 when every site passes, else 1.`,
  "renewal-workflow": `Usage: cdktf-kong-ha renewal-workflow [<topology-file>] [-o <file>]

Prints a GitHub Actions workflow that keeps the estate's certificates renewed: on a schedule chosen from
pki.earlyRenewalHours (weekly, daily or hourly: at least 4 runs inside the renewal window) it runs
\`cdktf deploy pki\`, which re-issues every certificate inside its window. With the Secrets Manager store,
each site's Kong rolls itself when its certificates change; with Vault KV a second job applies the
gateway stacks. The stacks' state must be in Terraform Cloud (the topology's terraformCloud section, or
KONG_HA_BACKEND=cloud with TF_CLOUD_ORGANIZATION, as for cdktf synth). Without a file it uses the
embedded default (or KONG_HA_CONFIG). Commit the output as .github/workflows/kong-ha-renewal.yml.`,
  schema: `Usage: cdktf-kong-ha schema

Prints the JSON Schema of the topology file (draft 2020-12), the one published as
schema/topology.schema.json. Editors use it through "# yaml-language-server: $schema=<path>".`,
};

class UsageError extends Error {}

interface Parsed {
  readonly positional: string[];
  readonly flags: Set<string>;
  readonly values: Map<string, string>;
}

/** Splits arguments into positionals, flags and `--name value` options, refusing unknown ones. */
function parseArgs(args: readonly string[], flags: readonly string[], valued: { readonly [name: string]: string }): Parsed {
  const parsed: Parsed = { positional: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("-") || arg === "-") {
      parsed.positional.push(arg);
      continue;
    }
    const [rawName, inline] = arg.split(/=(.*)/s, 2);
    const name = valued[rawName] ?? rawName;
    if (Object.values(valued).includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`${rawName} needs a value`);
      parsed.values.set(name, value);
    } else if (flags.includes(name) && inline === undefined) {
      parsed.flags.add(name);
    } else {
      throw new UsageError(`unknown option ${rawName}`);
    }
  }
  return parsed;
}

function version(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "cdktf-kong-ha") return pkg.version ?? "unknown";
    }
    if (dirname(dir) === dir) return "unknown";
  }
}

function problems(file: string, issues: readonly LocatedIssue[]): string {
  return `${formatLocatedIssues(file, issues)}\n`;
}

/** A construct-level ConfigError as `<file> <path>: <message>` lines (the construct path stands for the place). */
function configErrorLines(file: string, error: ConfigError): string {
  return `${error.issues.map((issue) => `${file} ${error.source}${issue.path ? ` ${issue.path}` : ""}: ${issue.message}`).join("\n")}\n`;
}

function summaryLine(file: string, topology: Topology, stacks: number): string {
  const sites = topology.sites.map((site) => `${site.name} ${site.role}`).join(", ");
  const catalog = topology.catalog;
  const count = (n: number | undefined, word: string) => `${n ?? 0} ${word}${n === 1 ? "" : "s"}`;
  return (
    `${file}: valid: estate "${topology.name}", ${topology.mode}, ${topology.edition}, sites ${sites}; ` +
    `${count(catalog.services?.length, "service")}, ${count(catalog.consumers?.length, "consumer")}, ` +
    `${count(catalog.plugins?.length, "global plugin")}; ${count(stacks, "stack")}\n`
  );
}

/** Loads a topology file and synthesizes it, printing problems. Returns undefined after printing them. */
function loadAndSynthesize(file: string, ctx: CliContext) {
  const loaded = loadTopologyFile(resolve(ctx.cwd, file));
  if (!loaded.topology) {
    ctx.stderr(problems(file, loaded.issues));
    return undefined;
  }
  try {
    return { topology: loaded.topology, ...synthesizeEstate(loaded.topology, ctx.env) };
  } catch (error) {
    if (error instanceof ConfigError) ctx.stderr(configErrorLines(file, error));
    else if (error instanceof BackendError) ctx.stderr(error.issues.map((i) => `${file} ${i.path}: ${i.message}\n`).join(""));
    else throw error;
    return undefined;
  }
}

function check(args: readonly string[], ctx: CliContext): number {
  const { positional } = parseArgs(args, [], {});
  if (!positional.length) throw new UsageError("check needs at least one topology file");
  let code: number = EXIT.ok;
  for (const file of positional) {
    const estate = loadAndSynthesize(file, ctx);
    if (!estate) {
      code = EXIT.invalid;
      continue;
    }
    for (const warning of estate.warnings) ctx.stderr(`${file} warning: ${warning.path}: ${warning.message}\n`);
    ctx.stdout(summaryLine(file, estate.topology, estate.plan.stacks.length));
  }
  return code;
}

function diagram(args: readonly string[], ctx: CliContext): number {
  const { positional, flags, values } = parseArgs(args, ["--svg", "--markdown"], { "-o": "--output", "--output": "--output" });
  if (positional.length !== 1) throw new UsageError("diagram takes one topology file");
  if (values.has("--output") && !flags.has("--svg")) throw new UsageError("-o/--output goes with --svg");
  const file = positional[0];
  // The arguments first: a missing file is reported before a missing tool.
  try {
    accessSync(file, constants.R_OK);
  } catch (error) {
    ctx.stderr(`${file} ${fileReadProblem(error)}\n`);
    return EXIT.invalid;
  }
  let renderer: string | undefined;
  if (flags.has("--svg")) {
    renderer = findMermaidRenderer(ctx.env, ctx.cwd);
    if (!renderer) {
      ctx.stderr(
        "diagram --svg needs the Mermaid renderer mmdc, which is not installed: `npm i -D @mermaid-js/mermaid-cli` " +
          "(it downloads a headless Chromium), or run `cdktf-kong-ha diagram <file>` and paste the text into https://mermaid.live\n",
      );
      return EXIT.missingTool;
    }
  }
  const estate = loadAndSynthesize(file, ctx);
  if (!estate) return EXIT.invalid;
  const text = estateDiagram(estate.topology, estate.plan.stacks);
  if (!renderer) {
    ctx.stdout(flags.has("--markdown") ? `\`\`\`mermaid\n${text}\`\`\`\n` : text);
    return EXIT.ok;
  }
  const output = resolve(ctx.cwd, values.get("--output") ?? `${basename(file, extname(file))}.svg`);
  const scratch = mkdtempSync(join(tmpdir(), "cdktf-kong-ha-diagram-"));
  try {
    const input = join(scratch, "estate.mmd");
    writeFileSync(input, text);
    const run = spawnSync(renderer, ["-i", input, "-o", output], { env: ctx.env, encoding: "utf8" });
    if (run.error || run.status !== 0) {
      ctx.stderr(`${renderer} failed (${run.error?.message ?? `exit ${run.status}`}): ${(run.stderr ?? "").trim().split("\n").slice(-3).join(" ")}\n`);
      return EXIT.missingTool;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  ctx.stdout(`wrote ${output}\n`);
  return EXIT.ok;
}

function planSummary(args: readonly string[], ctx: CliContext): number {
  const { positional, flags } = parseArgs(args, ["--json"], {});
  if (positional.length > 1) throw new UsageError("plan-summary takes one cdktf output directory");
  const outdir = positional[0] ?? "cdktf.out";
  try {
    const summary = { ...summarizePlan(resolve(ctx.cwd, outdir)), outdir };
    ctx.stdout(flags.has("--json") ? `${JSON.stringify(summary, null, 2)}\n` : `${formatPlanSummary(summary)}\n`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof PlanSummaryError)) throw error;
    ctx.stderr(`${error.message}\n`);
    return EXIT.invalid;
  }
}

function importDeckCommand(args: readonly string[], ctx: CliContext): number {
  const { positional, flags, values } = parseArgs(args, ["--skip-unsupported"], { "--edition": "--edition", "-o": "--output", "--output": "--output" });
  if (positional.length !== 1) throw new UsageError("import-deck takes one decK file");
  const edition = values.get("--edition") ?? "oss";
  if (edition !== "oss" && edition !== "enterprise") throw new UsageError(`--edition is oss or enterprise, not ${JSON.stringify(edition)}`);
  const file = positional[0];
  const result = importDeckFile(resolve(ctx.cwd, file), { edition, skipUnsupported: flags.has("--skip-unsupported") });
  if (result.warnings.length) ctx.stderr(formatLocatedIssues(file, result.warnings).replace(/^/gm, "warning: ") + "\n");
  if (!result.catalog) {
    ctx.stderr(problems(file, result.errors));
    return EXIT.invalid;
  }
  const text = deckFragmentYaml(result, file);
  if (values.has("--output")) {
    writeFileSync(resolve(ctx.cwd, values.get("--output")!), text);
    ctx.stderr(`wrote ${values.get("--output")}\n`);
  } else {
    ctx.stdout(text);
  }
  if (result.secrets.length) {
    ctx.stderr(
      `${result.secrets.length} secret${result.secrets.length === 1 ? "" : "s"} in ${file} became sensitive Terraform variables (not copied): ` +
        `set ${result.secrets.map((s) => `TF_VAR_${s.variable}`).join(", ")} before terraform apply\n`,
    );
  }
  return EXIT.ok;
}

function schema(args: readonly string[], ctx: CliContext): number {
  if (parseArgs(args, [], {}).positional.length) throw new UsageError("schema takes no arguments");
  ctx.stdout(topologyJsonSchemaText());
  return EXIT.ok;
}

/**
 * The estate a command works on, as `cdktf synth` would build it: the file's, else KONG_HA_CONFIG's,
 * else the embedded default. A file with problems prints them and gives the exit code instead.
 */
function estateTopology(file: string | undefined, ctx: CliContext): Topology | number {
  if (!file) return resolveTopology(DEFAULT_TOPOLOGY).topology!;
  const loaded = loadTopologyFile(resolve(ctx.cwd, file));
  if (loaded.topology) return loaded.topology;
  ctx.stderr(problems(file, loaded.issues));
  return EXIT.invalid;
}

/** The sites to check: the file's (or KONG_HA_CONFIG's, or the embedded default's), narrowed by --site. */
function preflightTargets(args: readonly string[], ctx: CliContext): PreflightTarget[] | number {
  const { positional, values } = parseArgs(args, [], { "--site": "--site", "--url": "--url" });
  if (positional.length > 1) throw new UsageError("preflight takes at most one topology file");
  const topology = estateTopology(positional[0] ?? ctx.env.KONG_HA_CONFIG, ctx);
  if (typeof topology === "number") return topology;
  const only = values.get("--site");
  const sites = topology.sites.filter((site) => only === undefined || site.name === only);
  if (!sites.length) throw new UsageError(`--site ${JSON.stringify(only)} is not a site of the estate (${topology.sites.map((s) => s.name).join(", ")})`);
  if (values.has("--url") && sites.length > 1) throw new UsageError("--url goes with --site: it names one site's Admin API");
  return sites.map((site) => ({
    site: site.name,
    url: values.get("--url") ?? siteAdminUrl(topology, site),
    kongVersion: topology.kongVersion ?? DEFAULT_KONG_VERSION,
    auth: adminApiAuthKind(topology.edition),
  }));
}

async function preflight(args: readonly string[], ctx: CliContext): Promise<number> {
  const targets = preflightTargets(args, ctx);
  if (typeof targets === "number") return targets;
  const results = await Promise.all(targets.map((target) => preflightSite(target, ctx.env)));
  for (const result of results) {
    if (result.ok) ctx.stdout(`${result.ok}\n`);
    for (const problem of result.problems) ctx.stderr(`${problem}\n`);
  }
  return results.every((r) => r.problems.length === 0) ? EXIT.ok : EXIT.invalid;
}

/** The scheduled certificate renewal for the estate, as a GitHub Actions workflow (stdout or -o). */
function renewalWorkflowCommand(args: readonly string[], ctx: CliContext): number {
  const { positional, values } = parseArgs(args, [], { "-o": "--output", "--output": "--output" });
  if (positional.length > 1) throw new UsageError("renewal-workflow takes at most one topology file");
  const file = positional[0] ?? ctx.env.KONG_HA_CONFIG;
  const topology = estateTopology(file, ctx);
  if (typeof topology === "number") return topology;
  const refuse = (issues: readonly Issue[]) => {
    ctx.stderr(issues.map((issue) => `${file ?? "the embedded default"} ${issue.path}: ${issue.message}\n`).join(""));
    return EXIT.invalid;
  };
  const { backend, issues } = selectBackend(topology, ctx.env);
  if (issues.length) return refuse(issues);
  let text: string;
  try {
    text = renderRenewalWorkflow(topology, { backend, topologyFile: file });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return refuse(error.issues);
  }
  const output = values.get("--output");
  if (output === undefined) {
    ctx.stdout(text);
    return EXIT.ok;
  }
  writeFileSync(resolve(ctx.cwd, output), text);
  ctx.stderr(`wrote ${output}\n`);
  return EXIT.ok;
}

/** Commands that wait on the network: run through `runCliAsync`. */
const ASYNC_COMMANDS: { [name: string]: (args: readonly string[], ctx: CliContext) => Promise<number> } = { preflight };

const COMMANDS: { [name: string]: (args: readonly string[], ctx: CliContext) => number } = {
  check,
  diagram,
  "plan-summary": planSummary,
  "import-deck": importDeckCommand,
  "renewal-workflow": renewalWorkflowCommand,
  schema,
};

const processContext = (): CliContext => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
});

/** Runs the CLI with `argv` (without `node` and the script). Returns the exit code; never throws. */
export function runCli(argv: readonly string[], ctx: CliContext = processContext()): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help") {
    (command === undefined ? ctx.stderr : ctx.stdout)(`${USAGE}\n`);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === "-v" || command === "--version") {
    ctx.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  if (command === "help") {
    ctx.stdout(`${(rest[0] && COMMAND_USAGE[rest[0]]) || USAGE}\n`);
    return EXIT.ok;
  }
  const run = COMMANDS[command];
  if (!run && ASYNC_COMMANDS[command]) {
    ctx.stderr(`cdktf-kong-ha ${command}: waits on the network: call runCliAsync\n`);
    return EXIT.internal;
  }
  if (!run) {
    ctx.stderr(`cdktf-kong-ha: unknown command "${command}"\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (rest.includes("-h") || rest.includes("--help")) {
    ctx.stdout(`${COMMAND_USAGE[command]}\n`);
    return EXIT.ok;
  }
  try {
    return run(rest, ctx);
  } catch (error) {
    return failed(command, error, ctx);
  }
}

/** A command that threw: a usage error with the command's usage, else an internal error. */
function failed(command: string, error: unknown, ctx: CliContext): number {
  if (error instanceof UsageError) {
    ctx.stderr(`cdktf-kong-ha ${command}: ${error.message}\n\n${COMMAND_USAGE[command]}\n`);
    return EXIT.usage;
  }
  const detail = ctx.env.CDKTF_KONG_HA_DEBUG === "1" && error instanceof Error ? `\n${error.stack}` : " (CDKTF_KONG_HA_DEBUG=1 shows the stack trace)";
  ctx.stderr(`cdktf-kong-ha ${command}: internal error: ${error instanceof Error ? error.message : String(error)}${detail}\n`);
  return EXIT.internal;
}

/** `runCli` for every command, including those that wait on the network (`preflight`). Never rejects. */
export async function runCliAsync(argv: readonly string[], ctx: CliContext = processContext()): Promise<number> {
  const [command, ...rest] = argv;
  const run = command === undefined ? undefined : ASYNC_COMMANDS[command];
  if (!run || rest.includes("-h") || rest.includes("--help")) return runCli(argv, ctx);
  try {
    return await run(rest, ctx);
  } catch (error) {
    return failed(command!, error, ctx);
  }
}
