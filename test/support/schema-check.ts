import { AnySchema, Issue } from "../../src/core/schema";

export { s } from "../../src/core/schema";
export type { Issue } from "../../src/core/schema";

/** Checks a value and returns the problems as `path: message` lines. */
export function splitCheck(schema: AnySchema, value: unknown, path = ""): string[] {
  const issues: Issue[] = [];
  schema.check(value, path, issues);
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
}
