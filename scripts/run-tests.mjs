#!/usr/bin/env node
// Runs the test suites with Node's test runner (TypeScript through tsx) and ends with one line,
// `N passed, N failed[, N skipped]`, for the whole run. Exit code 1 when any test failed.
//
//   node scripts/run-tests.mjs                 every suite (what `npm test` runs)
//   node scripts/run-tests.mjs unit            one suite (a folder under test/)
//   node scripts/run-tests.mjs unit validate   several
//   node scripts/run-tests.mjs unit@v20        one suite under the other line of the AWS bindings
//
// Suites: unit (pure synth, no terraform), validate (terraform init + validate on every stack),
// validate-aws6 (the same with an AWS provider 6 binary, then the default's AWS stacks applied with
// it against moto), e2e (real apply against a local Vault;
// needs the toolchain), rehearsal (every stack applied against moto and a Kong Admin API double),
// security, fuzz.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// Every folder of test/ is a suite, except the shared helpers and snapshots.
const NOT_SUITES = new Set(["support", "__snapshots__"]);
// The AWS bindings each suite runs under (test/support/aws-binding.cjs). The library supports
// `@cdktf/provider-aws` 21.x (installed, AWS provider 6) and 20.x (the `@cdktf/provider-aws-v20`
// alias, AWS provider 5). The suites that hand the output to the AWS provider binary machines carry
// (5.100.0) synthesize under 20.x; `npm test` also runs the unit suite a second time under 20.x.
// `<suite>@<line>` picks a line by hand: `unit@v20`, `unit@v21` (the installed one).
const INSTALLED = "v21";
const AWS5_SUITES = new Set(["validate", "e2e", "rehearsal"]);
// Last: it may wait for the AWS provider 6 build that .ci/run starts in the background.
const LAST = "validate-aws6";
const allSuites = readdirSync(join(root, "test"), { withFileTypes: true })
  .filter((e) => e.isDirectory() && !NOT_SUITES.has(e.name))
  .map((e) => e.name)
  .sort((a, b) => (a === LAST) - (b === LAST) || a.localeCompare(b));
const everySuite = [...allSuites.filter((s) => s !== LAST), "unit@v20", ...allSuites.filter((s) => s === LAST)];
const requested = process.argv.slice(2).length ? process.argv.slice(2) : everySuite;
const runs = requested.map((arg) => {
  const [suite, line = AWS5_SUITES.has(suite) ? "v20" : INSTALLED] = arg.split("@");
  return { suite, line };
});

function testFiles(dir) {
  let files = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files = files.concat(testFiles(path));
    else if (entry.endsWith(".test.ts")) files.push(path);
  }
  return files.sort();
}

// Consecutive suites under the same line run in one `node --test`.
const passes = [];
for (const { suite, line } of runs) {
  let files;
  try {
    files = testFiles(join(root, "test", suite));
  } catch {
    console.error(`no test suite named "${suite}" (expected a folder test/${suite})`);
    process.exit(2);
  }
  if (!files.length) {
    console.error(`no test files in ${suite}`);
    process.exit(2);
  }
  const last = passes.at(-1);
  if (last?.line === line) last.files.push(...files);
  else passes.push({ line, files });
}

const scratch = mkdtempSync(join(tmpdir(), "cdktf-kong-ha-tests-"));
// The tests' temporary folders (cdktf's Testing apps make one per synth, ~2,000 a run) go here and
// are removed with it, instead of piling up in the system's temp folder.
const testTmp = join(scratch, "tmp");
mkdirSync(testTmp);
let text = "";
let status = 0;
for (const [i, { line, files }] of passes.entries()) {
  const tap = join(scratch, `results-${i}.tap`);
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", TMPDIR: testTmp };
  if (line !== INSTALLED) {
    console.log(`# under @cdktf/provider-aws ${line.slice(1)}.x: ${[...new Set(files.map((f) => relative(join(root, "test"), f).split("/")[0]))].join(", ")}`);
    env.CDKTF_KONG_HA_AWS_BINDING = line;
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --require ${join(root, "test", "support", "aws-binding.cjs")}`.trim();
  }
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
    { cwd: root, stdio: "inherit", env },
  );
  if (result.status !== 0) status = result.status ?? 1;
  try {
    text += readFileSync(tap, "utf8");
  } catch {
    status ||= 1; // no TAP output: the runner itself failed
  }
}
rmSync(scratch, { recursive: true, force: true });
const count = (name) => Array.from(text.matchAll(new RegExp(`^# ${name} (\\d+)$`, "gm")), (m) => Number(m[1])).reduce((a, b) => a + b, 0);
const passed = count("pass");
const failed = count("fail") + count("cancelled");
const skipped = count("skipped") + count("todo");
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(status === 0 && failed === 0 && passed > 0 ? 0 : 1);
