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
  const snapshot: unknown = JSON.parse(readFileSync(file, "utf8"));
  assert.deepEqual(underSnapshotBindings(value, snapshot), snapshot, `snapshot ${name} changed: review the diff, then UPDATE_SNAPSHOTS=1 npm test`);
}

type Stack = { terraform?: { required_providers?: Record<string, { version?: string }> } };

/**
 * Snapshots are written under the installed AWS bindings (21.x, AWS provider 6). Under the other
 * line (CDKTF_KONG_HA_AWS_BINDING, test/support/aws-binding.cjs) a stack pins that line's AWS
 * provider instead, and nothing else may differ: `value` with the snapshot's pin, once its own is
 * checked to be from the other major version.
 */
function underSnapshotBindings(value: unknown, snapshot: unknown): unknown {
  const line = process.env.CDKTF_KONG_HA_AWS_BINDING;
  const ours = (value as Stack)?.terraform?.required_providers?.aws;
  const theirs = (snapshot as Stack)?.terraform?.required_providers?.aws;
  if (!line || !ours?.version || !theirs?.version) return value;
  const major = ours.version.split(".")[0];
  assert.notEqual(
    major,
    theirs.version.split(".")[0],
    `under @cdktf/provider-aws ${line}, the stack pins the same AWS provider as the snapshot (${ours.version})`,
  );
  const copy = structuredClone(value) as Stack;
  copy.terraform!.required_providers!.aws.version = theirs.version;
  return copy;
}
