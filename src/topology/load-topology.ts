import { readFileSync } from "node:fs";
import { fileReadProblem, limitProblem, LocatedIssue, locateYamlPath, ParsedYaml, parseYamlDocument } from "../core/located-yaml";
import { resolveTopology, ResolveOptions } from "./resolve-topology";
import { Topology } from "../ha/resolved-topology";

export interface LoadResult {
  /** Set when the file is valid. */
  readonly topology?: Topology;
  readonly issues: readonly LocatedIssue[];
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
  const tooDeep = limitProblem(text);
  if (tooDeep) return { issues: [tooDeep] };
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
    return { issues: [{ path: "", message: fileReadProblem(error) }] };
  }
  return parseTopology(text, options);
}
