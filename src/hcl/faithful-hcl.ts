import { DefaultTokenResolver, StringConcat, TerraformElement, TerraformStack, Tokenization } from "cdktf";
import { IConstruct } from "constructs";

/**
 * HCL that says exactly what the stack's Terraform JSON says.
 *
 * `cdktf synth --hcl` (cdktf 0.21, the last release) renders HCL with bugs that make real stacks
 * invalid or, worse, silently different: strings holding an expression are not escaped (a JSON
 * document with a reference inside breaks the file), backslashes are never escaped (a regex in a
 * plugin config changes meaning), lifecycle preconditions come out as attributes instead of blocks,
 * and depends_on entries are quoted. This renderer starts from the synthesized JSON (what `terraform
 * validate` and the tests check) and takes from cdktf's HCL fragments only which attributes are
 * nested blocks. Strings keep their template semantics: literal parts are escaped, `${...}` and
 * `%{...}` parts are copied as they are, a string that is one whole interpolation becomes a bare
 * expression, and multi-line strings become heredocs.
 */

type Json = { [key: string]: unknown };

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Index just past the `}` closing an interpolation whose body starts at `i` (after `${` or `%{`). */
function interpolationEnd(s: string, i: number): number {
  let depth = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') {
      i = quotedEnd(s, i + 1);
      continue;
    }
    if (c === "{") depth++;
    if (c === "}") {
      if (depth === 0) return i + 1;
      depth--;
    }
    i++;
  }
  return -1;
}

/** Index just past the `"` closing a quoted template inside an expression (body starts at `i`). */
function quotedEnd(s: string, i: number): number {
  while (i < s.length) {
    if (s[i] === "\\") {
      i += 2;
      continue;
    }
    if (s[i] === '"') return i + 1;
    if ((s.startsWith("${", i) || s.startsWith("%{", i)) && s[i - 1] !== s[i]) {
      const end = interpolationEnd(s, i + 2);
      if (end < 0) return s.length;
      i = end;
      continue;
    }
    i++;
  }
  return s.length;
}

/** The template's parts: literal text and `${...}`/`%{...}` sequences, in order. */
function templateParts(s: string): { text: string; literal: boolean }[] {
  const parts: { text: string; literal: boolean }[] = [];
  let literal = "";
  let i = 0;
  while (i < s.length) {
    // `$${` and `%%{` are escapes with the same meaning in JSON and native syntax: copy them as they are.
    if (s.startsWith("$${", i) || s.startsWith("%%{", i)) {
      parts.push({ text: literal, literal: true }, { text: s.slice(i, i + 3), literal: false });
      literal = "";
      i += 3;
      continue;
    }
    if (s.startsWith("${", i) || s.startsWith("%{", i)) {
      const end = interpolationEnd(s, i + 2);
      if (end > 0) {
        parts.push({ text: literal, literal: true }, { text: s.slice(i, end), literal: false });
        literal = "";
        i = end;
        continue;
      }
    }
    literal += s[i];
    i++;
  }
  parts.push({ text: literal, literal: true });
  return parts.filter((p) => p.text !== "");
}

function escapeLiteral(text: string): string {
  // Control characters are exactly what this escapes.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
    switch (c) {
      case "\\":
        return "\\\\";
      case '"':
        return '\\"';
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    }
  });
}

/** A bare expression when `s` is one whole `${...}`, otherwise undefined. */
function wholeInterpolation(s: string): string | undefined {
  if (!s.startsWith("${") || s.startsWith("$${")) return undefined;
  return interpolationEnd(s, 2) === s.length ? s.slice(2, -1).trim() : undefined;
}

/** A JSON string (a Terraform template) as a native-syntax expression with the same value. */
export function hclString(s: string): string {
  const bare = wholeInterpolation(s);
  if (bare !== undefined && !bare.includes("\n")) return bare;
  if (s.includes("\n") && s.endsWith("\n") && !s.includes("\r")) {
    let marker = "EOT";
    while (s.split("\n").some((line) => line.trim() === marker)) marker += "_";
    // Heredocs are templates too: the JSON string's text is already what they need.
    return `<<${marker}\n${s}${marker}`;
  }
  return `"${templateParts(s)
    .map((p) => (p.literal ? escapeLiteral(p.text) : p.text))
    .join("")}"`;
}

/** A reference (depends_on, provider, ignore_changes, moved): bare, whether or not JSON wrapped it in `${}`. */
function reference(value: unknown): string {
  const s = String(value);
  return wholeInterpolation(s) ?? s;
}

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : hclString(name);
}

/** Any JSON value as an expression. */
function expression(value: unknown, indent: string): string {
  if (typeof value === "string") return hclString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === undefined) return "null";
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((item) => expression(item, inner));
    const flat = `[${items.join(", ")}]`;
    if (flat.length <= 100 && !flat.includes("\n")) return flat;
    return `[\n${items.map((item) => `${inner}${item},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Json).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${align(
    entries.map(([k, v]) => [key(k), expression(v, inner)]),
    inner,
  ).join("\n")}\n${indent}}`;
}

/** `name = value` lines, with the `=` of consecutive one-line attributes aligned as `terraform fmt` does. */
function align(pairs: [string, string][], indent: string): string[] {
  const lines: string[] = [];
  let group: [string, string][] = [];
  const flush = () => {
    const width = Math.max(0, ...group.map(([k]) => k.length));
    for (const [k, v] of group) lines.push(`${indent}${k.padEnd(width)} = ${v}`);
    group = [];
  };
  for (const pair of pairs) {
    group.push(pair);
    if (pair[1].includes("\n")) flush();
  }
  flush();
  return lines;
}

/** What cdktf's HCL fragment says about an attribute: whether it is a nested block, and its children. */
interface Shape {
  readonly block: boolean;
  child(index: number): Json | undefined;
}

function shapeOf(fragment: Json | undefined, name: string): Shape {
  const entry = fragment?.[name];
  if (isObject(entry) && "value" in entry && ("isBlock" in entry || "type" in entry || "is_block" in entry)) {
    const value = entry.value;
    return {
      block: entry.isBlock === true || entry.is_block === true,
      child: (i) => {
        const item = Array.isArray(value) ? value[i] : value;
        return isObject(item) ? item : undefined;
      },
    };
  }
  return { block: false, child: () => (isObject(entry) ? entry : undefined) };
}

/**
 * Where a body sits: a resource, data source, module or output takes meta-arguments (depends_on,
 * provider, lifecycle, ...); a variable's `type` is a type expression; anything else is plain.
 */
type Context = "meta" | "variable" | "plain";

/** The lines of a block body: attributes (aligned) and nested blocks, in the JSON's order. */
function bodyLines(body: Json, fragment: Json | undefined, indent: string, context: Context): string[] {
  const meta = context === "meta";
  const lines: string[] = [];
  let pending: [string, string][] = [];
  const flush = () => {
    lines.push(...align(pending, indent));
    pending = [];
  };
  const block = (header: string, inner: string[]) => {
    flush();
    lines.push(`${indent}${header} {`, ...inner, `${indent}}`);
  };
  const inner = `${indent}  `;
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || name === "//") continue;
    if (context === "variable" && name === "type" && typeof value === "string") {
      pending.push([name, value]);
    } else if (meta && name === "depends_on" && Array.isArray(value)) {
      pending.push([name, value.length ? `[${value.map(reference).join(", ")}]` : "[]"]);
    } else if (meta && name === "provider" && typeof value === "string") {
      pending.push([name, reference(value)]);
    } else if (meta && name === "lifecycle" && isObject(value)) {
      block("lifecycle", lifecycleLines(value, inner));
    } else if (meta && name === "provisioner" && Array.isArray(value)) {
      for (const provisioner of value.filter(isObject)) {
        for (const [type, config] of Object.entries(provisioner)) {
          block(`provisioner ${hclString(type)}`, bodyLines(isObject(config) ? config : {}, undefined, inner, "meta"));
        }
      }
    } else if (meta && name === "connection" && isObject(value)) {
      block("connection", bodyLines(value, undefined, inner, "plain"));
    } else if (name === "dynamic" && isObject(value)) {
      for (const [blockName, spec] of Object.entries(value).filter((e): e is [string, Json] => isObject(e[1]))) {
        const { content, ...rest } = spec;
        const shape = shapeOf(fragment, blockName);
        block(`dynamic ${hclString(blockName)}`, [
          ...bodyLines(rest, undefined, inner, "plain"),
          `${inner}content {`,
          ...bodyLines(isObject(content) ? content : {}, shape.child(0), `${inner}  `, "plain"),
          `${inner}}`,
        ]);
      }
    } else {
      const shape = shapeOf(fragment, name);
      if (shape.block && (isObject(value) || (Array.isArray(value) && value.every(isObject)))) {
        const items = Array.isArray(value) ? (value as Json[]) : [value as Json];
        items.forEach((item, i) => block(name, bodyLines(item, shape.child(i), inner, "plain")));
      } else {
        pending.push([key(name), expression(value, indent)]);
      }
    }
  }
  flush();
  return lines;
}

/** `kind { ... }` blocks for a list of checks (validation, precondition, postcondition). */
function checkBlocks(kind: string, checks: unknown, indent: string): string[] {
  return (Array.isArray(checks) ? checks.filter(isObject) : []).flatMap((check) => [
    `${indent}${kind} {`,
    ...bodyLines(check, undefined, `${indent}  `, "plain"),
    `${indent}}`,
  ]);
}

function lifecycleLines(lifecycle: Json, indent: string): string[] {
  const lines: string[] = [];
  const attributes: [string, string][] = [];
  for (const [name, value] of Object.entries(lifecycle)) {
    if (value === undefined) continue;
    if ((name === "ignore_changes" || name === "replace_triggered_by") && Array.isArray(value)) {
      attributes.push([name, `[${value.map(reference).join(", ")}]`]);
    } else if (name === "ignore_changes" && value === "all") {
      attributes.push([name, "all"]);
    } else if ((name === "precondition" || name === "postcondition") && Array.isArray(value)) {
      continue;
    } else {
      attributes.push([name, expression(value, indent)]);
    }
  }
  lines.push(...align(attributes, indent));
  for (const kind of ["precondition", "postcondition"]) lines.push(...checkBlocks(kind, lifecycle[kind], indent));
  return lines;
}

/** The HCL fragments of a stack's elements, resolved, merged into one document (for block shapes). */
function fragmentsOf(stack: TerraformStack): Json {
  const elements: TerraformElement[] = [];
  const visit = (node: IConstruct) => {
    if (TerraformElement.isTerraformElement(node)) elements.push(node);
    for (const child of node.node.children) if (!TerraformStack.isStack(child)) visit(child);
  };
  visit(stack);
  const resolver = new DefaultTokenResolver(new StringConcat());
  const merged: Json = { resource: {}, data: {}, provider: {} };
  for (const element of elements) {
    const fragment = Tokenization.resolve(element.toHclTerraform(), { scope: stack, resolver, preparing: false }) as Json;
    for (const kind of ["resource", "data"] as const) {
      const byType = fragment[kind];
      if (!isObject(byType)) continue;
      for (const [type, byName] of Object.entries(byType)) {
        const target = ((merged[kind] as Json)[type] ??= {}) as Json;
        if (isObject(byName)) Object.assign(target, byName);
      }
    }
    if (isObject(fragment.provider)) {
      for (const [name, configs] of Object.entries(fragment.provider)) {
        const target = ((merged.provider as Json)[name] ??= []) as unknown[];
        if (Array.isArray(configs)) target.push(...configs);
      }
    }
  }
  return merged;
}

/** A construct path comment, so readers of the HCL can find the code that made a block. */
function origin(body: unknown): string[] {
  const path = isObject(body) && isObject(body["//"]) && isObject(body["//"].metadata) ? body["//"].metadata.path : undefined;
  return typeof path === "string" ? [`# ${path}`] : [];
}

/**
 * The checkov skips recorded next to a resource (`skipCheckov`), as the comments checkov itself reads
 * in HCL (`#checkov:skip=<id>:<reason>`): a plain `checkov -d` on the HCL sees them, which it cannot
 * in Terraform JSON.
 */
function checkovSkips(body: unknown): string[] {
  const skips = isObject(body) && isObject(body["//"]) && isObject(body["//"].checkov) ? body["//"].checkov.skip : undefined;
  if (!Array.isArray(skips)) return [];
  return skips.filter(isObject).map((skip) => `  #checkov:skip=${String(skip.id)}:${String(skip.comment).replace(/\s+/g, " ")}`);
}

function terraformBlock(terraform: Json): string[] {
  const lines = ["terraform {"];
  const attributes: [string, string][] = [];
  for (const [name, value] of Object.entries(terraform)) {
    if (name === "required_providers" && isObject(value)) {
      lines.push(
        "  required_providers {",
        ...align(
          Object.entries(value).map(([p, v]) => [key(p), expression(v, "    ")]),
          "    ",
        ),
        "  }",
      );
    } else if (name === "backend" && isObject(value)) {
      for (const [type, config] of Object.entries(value)) {
        lines.push(`  backend ${hclString(type)} {`, ...bodyLines(isObject(config) ? config : {}, undefined, "    ", "plain"), "  }");
      }
    } else if (name === "cloud" && isObject(value)) {
      const { workspaces, ...rest } = value;
      lines.push("  cloud {", ...bodyLines(rest, undefined, "    ", "plain"));
      if (isObject(workspaces)) lines.push("    workspaces {", ...bodyLines(workspaces, undefined, "      ", "plain"), "    }");
      lines.push("  }");
    } else {
      attributes.push([key(name), expression(value, "  ")]);
    }
  }
  lines.push(...align(attributes, "  "), "}");
  return lines;
}

/** Renders a stack as HCL from its synthesized JSON; see the file comment for what it fixes. */
export function renderStackHcl(stack: TerraformStack): string {
  const json = stack.toTerraform() as Json;
  const fragments = fragmentsOf(stack);
  const out: string[][] = [];
  if (isObject(json.terraform)) out.push(terraformBlock(json.terraform));
  if (isObject(json.locals))
    out.push([
      "locals {",
      ...align(
        Object.entries(json.locals).map(([k, v]) => [key(k), expression(v, "  ")]),
        "  ",
      ),
      "}",
    ]);
  for (const [name, variable] of Object.entries(isObject(json.variable) ? json.variable : {})) {
    if (!isObject(variable)) continue;
    const { validation, ...rest } = variable;
    out.push([`variable ${hclString(name)} {`, ...bodyLines(rest, undefined, "  ", "variable"), ...checkBlocks("validation", validation, "  "), "}"]);
  }
  for (const [name, configs] of Object.entries(isObject(json.provider) ? json.provider : {})) {
    const typed = ((fragments.provider as Json)[name] ?? []) as unknown[];
    (Array.isArray(configs) ? configs : [configs]).filter(isObject).forEach((config, i) => {
      out.push([`provider ${hclString(name)} {`, ...bodyLines(config, isObject(typed[i]) ? typed[i] : undefined, "  ", "plain"), "}"]);
    });
  }
  for (const kind of ["data", "resource"] as const) {
    for (const [type, byName] of Object.entries(isObject(json[kind]) ? (json[kind] as Json) : {})) {
      for (const [name, body] of Object.entries(isObject(byName) ? byName : {})) {
        const fragment = ((fragments[kind] as Json)[type] as Json | undefined)?.[name];
        out.push([
          ...origin(body),
          `${kind} ${hclString(type)} ${hclString(name)} {`,
          ...checkovSkips(body),
          ...bodyLines(body as Json, isObject(fragment) ? fragment : undefined, "  ", "meta"),
          "}",
        ]);
      }
    }
  }
  for (const [name, module] of Object.entries(isObject(json.module) ? json.module : {})) {
    if (!isObject(module)) continue;
    const { providers, ...rest } = module;
    const lines = [...origin(module), `module ${hclString(name)} {`, ...bodyLines(rest, undefined, "  ", "meta")];
    if (isObject(providers))
      lines.push(
        `  providers = {`,
        ...align(
          Object.entries(providers).map(([k, v]) => [key(k), reference(v)]),
          "    ",
        ),
        "  }",
      );
    out.push([...lines, "}"]);
  }
  for (const [name, output] of Object.entries(isObject(json.output) ? json.output : {})) {
    if (!isObject(output)) continue;
    const { precondition, ...rest } = output;
    out.push([`output ${hclString(name)} {`, ...bodyLines(rest, undefined, "  ", "meta"), ...checkBlocks("precondition", precondition, "  "), "}"]);
  }
  for (const move of Array.isArray(json.moved) ? json.moved.filter(isObject) : []) {
    out.push([
      "moved {",
      ...align(
        [
          ["from", reference(move.from)],
          ["to", reference(move.to)],
        ],
        "  ",
      ),
      "}",
    ]);
  }
  for (const item of Array.isArray(json.import) ? json.import.filter(isObject) : []) {
    const pairs: [string, string][] = [
      ["to", reference(item.to)],
      ["id", expression(item.id, "  ")],
    ];
    if (item.provider !== undefined) pairs.push(["provider", reference(item.provider)]);
    out.push(["import {", ...align(pairs, "  "), "}"]);
  }
  return `${out.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}

/**
 * Makes `cdktf synth --hcl` write this stack with `renderStackHcl` instead of cdktf's renderer
 * (JSON synthesis is unchanged). Every stack of the library's estate does this; call it on your own
 * stacks when you export them as HCL.
 */
export function useFaithfulHcl(stack: TerraformStack): void {
  const original = stack.toHclTerraform.bind(stack);
  stack.toHclTerraform = () => ({ ...original(), hcl: renderStackHcl(stack) });
}
