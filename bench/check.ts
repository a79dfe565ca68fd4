// The baseline must synthesize the same Terraform as the library, or the ratio means nothing. These
// compare one stack of each (ignoring cdktf's "//" metadata) and move what the bindings could not
// reproduce from props (escape-hatch attributes, maps with snake_case keys) to overrides.
import { deepStrictEqual } from "node:assert";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { camelCase, PlanElement, StackPlan } from "./plan";

type Json = { readonly [key: string]: unknown };

export interface Synthesized {
  readonly json: Json;
  readonly bytes: number;
}

/** The stacks a cdktf app wrote to `outdir`, by name, as its manifest lists them. */
export function readSynthesized(outdir: string): Map<string, Synthesized> {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: { [name: string]: { synthesizedStackPath: string } } };
  return new Map(
    Object.entries(manifest.stacks).map(([name, stack]) => {
      const file = join(outdir, stack.synthesizedStackPath);
      return [name, { json: JSON.parse(readFileSync(file, "utf8")) as Json, bytes: statSync(file).size }];
    }),
  );
}

/** Resources and data sources of a synthesized stack. */
export function resourceCount(stack: Synthesized): number {
  const count = (section: unknown) => Object.values((section ?? {}) as Json).reduce((n: number, byName) => n + Object.keys(byName as Json).length, 0);
  return count(stack.json.resource) + count(stack.json.data);
}

/** A synthesized stack without cdktf's "//" metadata. */
export function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== "//")
      .map(([k, v]) => [k, withoutMetadata(v)]),
  );
}

/** The library's config of a resource or data source element, by its address. */
function configAt(stack: Json, address: string): Json | undefined {
  const [section, type, name] = address.startsWith("data.") ? address.split(".") : ["resource", ...address.split(".")];
  return ((stack[section] as Json | undefined)?.[type] as Json | undefined)?.[name] as Json | undefined;
}

/**
 * The plan with each resource's and data source's top-level attributes that the baseline got wrong
 * set as overrides instead (the library's value, `undefined` to delete), as an app would.
 */
export function withOverrides(plan: StackPlan, library: Json, baseline: Json): StackPlan {
  const elements = plan.elements.map((el): PlanElement => {
    const want = withoutMetadata(configAt(library, el.address)) as Json | undefined;
    const got = withoutMetadata(configAt(baseline, el.address)) as Json | undefined;
    if (!want || !got || isDeepStrictEqual(want, got)) return el;
    const keys = [...new Set([...Object.keys(want), ...Object.keys(got)])].filter((k) => !isDeepStrictEqual(want[k], got[k]));
    const props = { ...(el.props as Json) } as { [key: string]: unknown };
    for (const key of keys) delete props[camelCase(key)];
    return { ...el, props, overrides: { ...el.overrides, ...Object.fromEntries(keys.map((k) => [k, want[k]])) } };
  });
  return { ...plan, elements };
}

/** Throws, with a diff, unless the two synthesized stacks are the same Terraform. */
export function assertSameTerraform(stack: string, library: Json, baseline: Json): void {
  deepStrictEqual(withoutMetadata(baseline), withoutMetadata(library), `stack ${stack}: the baseline differs from the library`);
}
