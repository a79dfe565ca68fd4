import { Issue } from "./schema";

/**
 * Bad input: a topology file or construct props that cannot become a valid estate. The message
 * lists one problem per line as `<path>: <what is wrong>`, prefixed by where the input came from
 * (a file name or a construct path), so it can be printed as is, without a stack trace.
 */
export class ConfigError extends Error {
  constructor(
    readonly issues: readonly Issue[],
    readonly source: string,
  ) {
    super(formatIssues(issues, source));
    this.name = "ConfigError";
  }
}

/** One line per issue: `<source>: <path>: <message>`. */
export function formatIssues(issues: readonly Issue[], source: string): string {
  return issues.map((issue) => [source, issue.path, issue.message].filter(Boolean).join(": ")).join("\n");
}

/** Throws a ConfigError when there are issues. */
export function throwIfIssues(issues: readonly Issue[], source: string): void {
  if (issues.length) throw new ConfigError(issues, source);
}
