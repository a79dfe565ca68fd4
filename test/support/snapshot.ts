import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Compares a value with its snapshot under test/__snapshots__/<name>.json. A missing snapshot is
 * written (and fails under CI, where it should have been committed); UPDATE_SNAPSHOTS=1 rewrites it.
 */
export function matchSnapshot(name: string, value: unknown): void {
  const file = join(__dirname, "..", "__snapshots__", `${name}.json`);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env.UPDATE_SNAPSHOTS === "1" || !existsSync(file)) {
    if (process.env.CI && !existsSync(file)) assert.fail(`snapshot ${file} is missing: run the tests locally and commit it`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  assert.deepEqual(value, JSON.parse(readFileSync(file, "utf8")), `snapshot ${name} changed: review the diff, then UPDATE_SNAPSHOTS=1 npm test`);
}
