import { readFileSync } from "node:fs";
import type { Document, LineCounter } from "yaml";
import { Issue } from "../core/schema";
import { resolveTopology, ResolveOptions, Topology } from "./topology";

/** A problem in a topology file, located at a line and column (1-based) when the file has it. */
export interface LocatedIssue extends Issue {
  readonly line?: number;
  readonly column?: number;
}

export interface LoadResult {
  /** Set when the file is valid. */
  readonly topology?: Topology;
  readonly issues: readonly LocatedIssue[];
}

/** Splits `sites[1].region` or `a["b c"].d` into `["sites", 1, "region"]`. */
export function splitPath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const re = /([A-Za-z_$][A-Za-z0-9_$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(path))) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3]) as string);
  }
  return segments;
}

/**
 * The line and column (1-based) of the node at `path` in a parsed YAML document, or of its deepest
 * existing ancestor (a missing field is reported at its parent); `{}` when the document has neither.
 */
export function locateYamlPath(doc: Document, lines: LineCounter, path: string | readonly (string | number)[]): { line?: number; column?: number } {
  const segments = typeof path === "string" ? splitPath(path) : path;
  // The deepest node that exists: a missing field is reported at its parent.
  for (let n = segments.length; n >= 0; n--) {
    const node = doc.getIn(segments.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === "object" && node.range) {
      const { line, col } = lines.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return {};
}

/** A YAML (or JSON) document parsed with positions, and its syntax errors as located issues. */
export interface ParsedYaml {
  readonly doc: Document;
  readonly lines: LineCounter;
  readonly issues: readonly LocatedIssue[];
}

/** Parses YAML or JSON text keeping node positions; syntax errors and duplicate keys become issues. */
export function parseYamlDocument(text: string): ParsedYaml {
  // Loaded on demand: the YAML parser is only needed when a file is read.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require("yaml") as typeof import("yaml");
  const lines = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: false });
  const issues = doc.errors.map((error) => {
    const pos = lines.linePos(error.pos[0]);
    return { path: "", message: error.message.split("\n")[0], line: pos.line, column: pos.col };
  });
  return { doc, lines, issues };
}

/**
 * The value of JSON text whose objects have no repeated key (JSON.parse would keep the last one
 * silently); `undefined` for anything else, which the YAML parser then reports with positions.
 */
function parseUniqueKeyJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Outside strings JSON has no '"', so matching string literals left to right finds each one; a key
  // is one followed by ':'. Fewer keys in the value than in the text means a key was repeated.
  const keysInText = [...text.matchAll(/"(?:[^"\\]|\\.)*"(\s*:)?/g)].filter((m) => m[1] !== undefined).length;
  return countKeys(value) === keysInText ? value : undefined;
}

function countKeys(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + countKeys(item), 0);
  if (value === null || typeof value !== "object") return 0;
  return Object.values(value).reduce((n: number, item) => n + 1 + countKeys(item), 0);
}

/**
 * Parses and validates a topology file's text (YAML or JSON; JSON is YAML). Every problem comes
 * back with the file's line and column, parse errors included; nothing throws on bad input.
 *
 * Valid JSON skips the YAML parser: in a one-shot process that costs 2-3 µs a byte (0.4 s for the
 * 155 KB, 500-service topology of bench/), JSON.parse a few ms. Positions are only needed when there
 * are problems, so the YAML parse runs then.
 */
export function parseTopology(text: string, options: ResolveOptions = {}): LoadResult {
  const json = parseUniqueKeyJson(text);
  if (json !== undefined && json !== null) {
    const resolved = resolveTopology(json, options);
    if (!resolved.issues.length) return resolved;
  }
  const { doc, lines, issues: syntax } = parseYamlDocument(text);
  if (syntax.length) return { issues: syntax };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias to an anchor defined later (or never), or aliases expanding past maxAliasCount: the
    // parser accepts the text and only the conversion throws.
    return { issues: [{ path: "", message: `${(error as Error).message.split("\n")[0]}`, ...aliasPosition(doc, lines) }] };
  }
  if (value === null || value === undefined) {
    return { issues: [{ path: "", message: "the file is empty: it needs at least name, mode, domain and sites", line: 1, column: 1 }] };
  }
  const { topology, issues } = resolveTopology(value, options);
  return { topology, issues: issues.map((issue) => ({ ...issue, ...locateYamlPath(doc, lines, issue.path) })) };
}

/** Where the first alias whose anchor is missing is (else the first alias, else the top of the file). */
function aliasPosition(doc: ParsedYaml["doc"], lines: ParsedYaml["lines"]): { line: number; column: number } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require("yaml") as typeof import("yaml");
  let first: number | undefined;
  let unresolved: number | undefined;
  yaml.visit(doc, {
    Alias(_key, node) {
      const start = node.range?.[0];
      if (start === undefined) return undefined;
      first ??= start;
      if (unresolved === undefined && node.resolve(doc) === undefined) unresolved = start;
      return undefined;
    },
  });
  const at = unresolved ?? first;
  if (at === undefined) return { line: 1, column: 1 };
  const pos = lines.linePos(at);
  return { line: pos.line, column: pos.col };
}

/** Reads and validates a topology file. A file that cannot be read is reported as an issue too. */
export function loadTopologyFile(file: string, options: ResolveOptions = {}): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return { issues: [{ path: "", message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }] };
  }
  return parseTopology(text, options);
}

/** `<file>:<line>:<col> <path>: <message>`, one line per issue. */
export function formatLocatedIssues(file: string, issues: readonly LocatedIssue[]): string {
  return issues
    .map((issue) => {
      const where = issue.line !== undefined ? `${file}:${issue.line}:${issue.column}` : file;
      return `${where} ${issue.path ? `${issue.path}: ` : ""}${issue.message}`;
    })
    .join("\n");
}
