import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** What one synthesized stack holds, counted by Terraform type. */
export interface StackSummary {
  readonly name: string;
  /** Stacks whose outputs this one reads: they are applied first. */
  readonly dependencies: readonly string[];
  /** Managed resources by type, e.g. `{ kong_route: 8 }`. */
  readonly resources: { readonly [type: string]: number };
  /** Data sources by type. */
  readonly dataSources: { readonly [type: string]: number };
  /** Provider configurations by provider name (aliases counted). */
  readonly providers: { readonly [name: string]: number };
  /** Input variables; the sensitive ones are set with `TF_VAR_<name>` at apply time. */
  readonly variables: readonly { readonly name: string; readonly sensitive: boolean }[];
  readonly outputs: number;
}

/** The stacks of a cdktf output directory (`cdktf.out`), in apply order. */
export interface PlanSummary {
  readonly outdir: string;
  readonly stacks: readonly StackSummary[];
}

/** Why a directory could not be summarized. */
export class PlanSummaryError extends Error {}

type Json = { [key: string]: unknown };

const countEach = (block: unknown): { [type: string]: number } =>
  Object.fromEntries(
    Object.entries((block ?? {}) as Json)
      .map(([type, byName]) => [type, Object.keys((byName ?? {}) as Json).length] as const)
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

/** Counts a stack's content from its `cdk.tf.json`. */
function fromJson(text: string): Omit<StackSummary, "name" | "dependencies"> {
  const json = JSON.parse(text) as Json;
  const providers = Object.fromEntries(
    Object.entries((json.provider ?? {}) as Json)
      .map(([name, configs]) => [name, Array.isArray(configs) ? configs.length : 1] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  const variables = Object.entries((json.variable ?? {}) as { [name: string]: { sensitive?: boolean } })
    .map(([name, v]) => ({ name, sensitive: v.sensitive === true }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    resources: countEach(json.resource),
    dataSources: countEach(json.data),
    providers,
    variables,
    outputs: Object.keys((json.output ?? {}) as Json).length,
  };
}

/** Counts a stack's content from the `cdk.tf` that `cdktf synth --hcl` writes (top-level blocks). */
function fromHcl(text: string): Omit<StackSummary, "name" | "dependencies"> {
  const count = (re: RegExp) => {
    const out: { [type: string]: number } = {};
    for (const match of text.matchAll(re)) out[match[1]] = (out[match[1]] ?? 0) + 1;
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  };
  const variables = [...text.matchAll(/^variable "([^"]+)" \{([\s\S]*?)^\}/gm)]
    .map((m) => ({ name: m[1], sensitive: /^\s*sensitive\s*=\s*true/m.test(m[2]) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    resources: count(/^resource "([^"]+)" "[^"]+"/gm),
    dataSources: count(/^data "([^"]+)" "[^"]+"/gm),
    providers: count(/^provider "([^"]+)"/gm),
    variables,
    outputs: [...text.matchAll(/^output "[^"]+"/gm)].length,
  };
}

/** Orders stacks so each comes after the stacks it depends on (ties by name). */
export function applyOrder<T extends { readonly name: string; readonly dependencies: readonly string[] }>(stacks: readonly T[]): T[] {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (stack: T, trail: Set<string>) => {
    if (done.has(stack.name) || trail.has(stack.name)) return;
    trail.add(stack.name);
    for (const dep of [...stack.dependencies].sort()) {
      const target = byName.get(dep);
      if (target) visit(target, trail);
    }
    done.add(stack.name);
    out.push(stack);
  };
  for (const stack of [...stacks].sort((a, b) => a.name.localeCompare(b.name))) visit(stack, new Set());
  return out;
}

/**
 * Reads a cdktf output directory: its manifest.json and each stack's cdk.tf.json (or cdk.tf from
 * `cdktf synth --hcl`). Throws PlanSummaryError with a message for the user when it is not one.
 */
export function summarizePlan(outdir: string): PlanSummary {
  const manifestFile = join(outdir, "manifest.json");
  if (!existsSync(manifestFile)) {
    throw new PlanSummaryError(`${outdir} has no manifest.json: it is not a cdktf output directory (run \`npx cdktf synth\` first, it writes cdktf.out)`);
  }
  let manifest: { stacks?: { [name: string]: { name?: string; dependencies?: string[]; synthesizedStackPath?: string } } };
  try {
    manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as typeof manifest;
  } catch (error) {
    throw new PlanSummaryError(`${manifestFile} is not valid JSON: ${(error as Error).message}`);
  }
  const stacks = Object.entries(manifest.stacks ?? {}).map(([name, entry]) => {
    const file = join(outdir, entry.synthesizedStackPath ?? join("stacks", name, "cdk.tf.json"));
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      throw new PlanSummaryError(`${file} is missing: synthesize again (npx cdktf synth)`);
    }
    let counted: Omit<StackSummary, "name" | "dependencies">;
    try {
      counted = file.endsWith(".json") ? fromJson(text) : fromHcl(text);
    } catch (error) {
      throw new PlanSummaryError(`${file} cannot be read: ${(error as Error).message}`);
    }
    return { name, dependencies: [...(entry.dependencies ?? [])].sort(), ...counted };
  });
  return { outdir, stacks: applyOrder(stacks) };
}

const total = (counts: { readonly [type: string]: number }) => Object.values(counts).reduce((a, b) => a + b, 0);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The summary as text: one block per stack in apply order, resources and data sources by type. */
export function formatPlanSummary(summary: PlanSummary): string {
  const resources = summary.stacks.reduce((n, s) => n + total(s.resources), 0);
  const data = summary.stacks.reduce((n, s) => n + total(s.dataSources), 0);
  const lines = [
    `${summary.outdir}: ${plural(summary.stacks.length, "stack")}, ${plural(resources, "resource")}, ${plural(data, "data source")} (stacks in apply order)`,
  ];
  const width = Math.max(20, ...summary.stacks.flatMap((s) => [...Object.keys(s.resources), ...Object.keys(s.dataSources)].map((t) => t.length + 6)));
  for (const stack of summary.stacks) {
    lines.push("");
    const after = stack.dependencies.length ? ` (after ${stack.dependencies.join(", ")})` : "";
    lines.push(`${stack.name}${after}: ${plural(total(stack.resources), "resource")}`);
    for (const [type, n] of Object.entries(stack.resources)) lines.push(`  ${type.padEnd(width)} ${String(n).padStart(4)}`);
    for (const [type, n] of Object.entries(stack.dataSources)) lines.push(`  ${`data.${type}`.padEnd(width)} ${String(n).padStart(4)}`);
    const sensitive = stack.variables.filter((v) => v.sensitive).map((v) => `TF_VAR_${v.name}`);
    if (sensitive.length) lines.push(`  set before apply: ${sensitive.join(", ")}`);
  }
  return lines.join("\n");
}
