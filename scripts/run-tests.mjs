#!/usr/bin/env node
// Runs the test suites with Node's test runner (TypeScript through tsx) and ends with one line,
// `N passed, N failed[, N skipped]`, for the whole run. Exit code 1 when any test failed.
//
//   node scripts/run-tests.mjs                 every suite (what `npm test` runs)
//   node scripts/run-tests.mjs unit            one suite (a folder under test/)
//   node scripts/run-tests.mjs unit validate   several
//
// Suites: unit (pure synth, no terraform), validate (terraform init + validate on every stack),
// e2e (real apply against a local Vault; run by .ci/run, needs the toolchain), rehearsal (gateway stacks
// applied against a Kong Admin API double), security, fuzz.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// Every folder of test/ is a suite, except the shared helpers and snapshots.
const NOT_SUITES = new Set(["support", "__snapshots__"]);
const allSuites = readdirSync(join(root, "test"), { withFileTypes: true })
  .filter((e) => e.isDirectory() && !NOT_SUITES.has(e.name))
  .map((e) => e.name)
  .sort();
const suites = process.argv.slice(2).length ? process.argv.slice(2) : allSuites;

function testFiles(dir) {
  let files = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files = files.concat(testFiles(path));
    else if (entry.endsWith(".test.ts")) files.push(path);
  }
  return files.sort();
}

const files = suites.flatMap((suite) => {
  const dir = join(root, "test", suite);
  try {
    return testFiles(dir);
  } catch {
    console.error(`no test suite named "${suite}" (expected a folder test/${suite})`);
    process.exit(2);
  }
});
if (!files.length) {
  console.error(`no test files in ${suites.join(", ")}`);
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), "cdktf-kong-ha-tests-"));
const tap = join(scratch, "results.tap");
// The tests' temporary folders (cdktf's Testing apps make one per synth, ~2,000 a run) go here and
// are removed with it, instead of piling up in the system's temp folder.
const testTmp = join(scratch, "tmp");
mkdirSync(testTmp);
const result = spawnSync(
  process.execPath,
  [
    "--import",
    "tsx",
    "--test",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=tap",
    `--test-reporter-destination=${tap}`,
    ...files.map((f) => relative(root, f)),
  ],
  { cwd: root, stdio: "inherit", env: { ...process.env, CHECKPOINT_DISABLE: "1", TMPDIR: testTmp } },
);

let text = "";
try {
  text = readFileSync(tap, "utf8");
} catch {
  // no TAP output: the runner itself failed
}
rmSync(scratch, { recursive: true, force: true });
const count = (name) => Number((text.match(new RegExp(`^# ${name} (\\d+)$`, "m")) ?? [])[1] ?? 0);
const passed = count("pass");
const failed = count("fail") + count("cancelled");
const skipped = count("skipped") + count("todo");
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(result.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
