import type { Document, LineCounter } from "yaml";
import { Issue } from "./schema";

// Problems located in a YAML or JSON file: parsing with positions, and `<file>:<line>:<col>` lines.

/** A problem in a YAML or JSON file, located at a line and column (1-based) when the file has it. */
export interface LocatedIssue extends Issue {
  readonly line?: number;
  readonly column?: number;
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

/** `<file>:<line>:<col> <path>: <message>`, one line per issue. */
export function formatLocatedIssues(file: string, issues: readonly LocatedIssue[]): string {
  return issues
    .map((issue) => {
      const where = issue.line !== undefined ? `${file}:${issue.line}:${issue.column}` : file;
      return `${where} ${issue.path ? `${issue.path}: ` : ""}${issue.message}`;
    })
    .join("\n");
}
