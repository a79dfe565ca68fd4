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
  const tooDeep = limitProblem(text);
  if (tooDeep) return { doc: yaml.parseDocument(""), lines, issues: [tooDeep] };
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

/** The deepest nesting a file may have: no topology or decK file comes near it; deeper overflows the parser's stack. */
export const MAX_NESTING = 64;
/** The widest indentation a line may have (block YAML nests by indentation). */
export const MAX_INDENT = 256;
/** The most characters a file may have (a 500-service topology has about 155,000). */
export const MAX_FILE_CHARS = 16 * 1024 * 1024;

/**
 * Why a file is refused before it is parsed: too large, nested deeper than MAX_NESTING brackets or
 * indented wider than MAX_INDENT (YAML and JSON parsers recurse per level and would overflow the
 * stack, ending in a trace instead of a message). Scans the text once; brackets inside quoted
 * strings and comments do not count.
 */
export function limitProblem(text: string): LocatedIssue | undefined {
  if (text.length > MAX_FILE_CHARS) {
    return { path: "", message: `the file has ${text.length} characters, more than the ${MAX_FILE_CHARS} a file may have`, line: 1, column: 1 };
  }
  if (indentOf(text, 0) > MAX_INDENT) return tooWide(1);
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let quote: string | undefined;
  let previous = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") {
      line++;
      lineStart = i + 1;
      previous = "";
      if (quote === undefined && indentOf(text, lineStart) > MAX_INDENT) return tooWide(line);
      continue;
    }
    if (quote !== undefined) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") continue;
    if ((c === '"' || c === "'") && (previous === "" || ":-[{,?".includes(previous))) {
      quote = c;
    } else if (c === "#" && (i === lineStart || /\s/.test(text[i - 1]))) {
      const end = text.indexOf("\n", i);
      i = (end === -1 ? text.length : end) - 1;
      continue;
    } else if (c === "[" || c === "{") {
      if (++depth > MAX_NESTING) {
        return { path: "", message: `the file nests deeper than ${MAX_NESTING} levels: no topology or decK file needs that`, line, column: i - lineStart + 1 };
      }
    } else if (c === "]" || c === "}") {
      depth = Math.max(0, depth - 1);
    }
    previous = c;
  }
  return undefined;
}

/** Columns of indentation at a line's start, counting each leading "- " (a nested sequence) too. */
function indentOf(text: string, start: number): number {
  let indent = 0;
  while (text[start + indent] === " " || (text[start + indent] === "-" && text[start + indent + 1] === " ")) indent++;
  return indent;
}

function tooWide(line: number): LocatedIssue {
  return {
    path: "",
    message: `a line is indented (or nested with "- ") deeper than ${MAX_INDENT} columns: no topology or decK file needs that`,
    line,
    column: 1,
  };
}

/** Why a file could not be read, in words (`ENOENT` says nothing to most readers). */
export function fileReadProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: { readonly [code: string]: string } = {
    ENOENT: "it does not exist",
    EACCES: "permission denied",
    EPERM: "permission denied",
    EISDIR: "it is a directory, not a file",
    ENOTDIR: "a part of its path is not a directory",
    ELOOP: "too many symbolic links",
    EMFILE: "too many open files",
  };
  return `cannot read the file: ${(code && reasons[code]) ?? (error as Error | undefined)?.message ?? String(error)}`;
}
