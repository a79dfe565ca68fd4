// checkov over every synthesized stack of every example: each topology and each TypeScript example
// (examples/*.ts). checkov reads no inline skips in
// Terraform JSON, so this suite applies the library's own: a failed check is accepted only when the
// resource carries `"//": { "checkov": { "skip": [{ "id", "comment" }] } }` for that check (see
// skipCheckov) and docs/SECURITY.md lists it. Target: zero unsuppressed failures.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { exampleTopologies, ROOT, synthTopology } from "../support/examples";
import { synthTsExample, tsExampleFiles } from "../support/ts-examples";
import { skipUnless } from "../support/tools";

const SKIP = skipUnless("security", "python3");

interface CheckovResult {
  readonly check_id: string;
  readonly resource: string;
  readonly file_path: string;
}

function checkovBinary(): string {
  if (process.env.CHECKOV_BIN) return process.env.CHECKOV_BIN;
  const install = spawnSync("bash", [join(ROOT, "scripts", "install-checkov.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  assert.equal(install.status, 0, "scripts/install-checkov.sh failed");
  return install.stdout.trim();
}

/** The skips recorded next to the resource checkov names (`type.name` or `data.name`). */
function skipsOf(
  stackJson: { [k: string]: { [t: string]: { [n: string]: { "//"?: { checkov?: { skip?: { id: string; comment: string }[] } } } } } },
  address: string,
) {
  const [kind, ...rest] = address.split(".");
  const name = rest.join(".");
  // checkov names resources `type.name`, data sources `data.name`, and some resources `resource.name`.
  const blocks =
    kind === "data" ? Object.values(stackJson.data ?? {}) : kind === "resource" ? Object.values(stackJson.resource ?? {}) : [stackJson.resource?.[kind] ?? {}];
  for (const block of blocks) if (block[name]) return block[name]["//"]?.checkov?.skip ?? [];
  return [];
}

describe("checkov", { skip: SKIP }, () => {
  const outdir = mkdtempSync(join(tmpdir(), "checkov-"));
  for (const example of exampleTopologies()) synthTopology(example.topology, join(outdir, example.name.replace(/\W/g, "-")));
  for (const file of tsExampleFiles()) cpSync(synthTsExample(file), join(outdir, file.replace(/\W/g, "-")), { recursive: true });

  const run = spawnSync(checkovBinary(), ["-d", outdir, "--framework", "terraform_json", "-o", "json", "--compact", "--skip-download"], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const reports = ([] as { results: { passed_checks: CheckovResult[]; failed_checks: CheckovResult[]; skipped_checks: CheckovResult[] } }[]).concat(
    JSON.parse(run.stdout || "[]"),
  );
  const passed = reports.flatMap((r) => r.results?.passed_checks ?? []);
  const failed = reports.flatMap((r) => r.results?.failed_checks ?? []);
  const accepted: (CheckovResult & { comment: string })[] = [];
  const unsuppressed: string[] = [];
  for (const failure of failed) {
    const file = existsSync(failure.file_path) ? failure.file_path : join(outdir, failure.file_path);
    const skip = skipsOf(JSON.parse(readFileSync(file, "utf8")), failure.resource).find((s) => s.id === failure.check_id);
    if (skip) accepted.push({ ...failure, comment: skip.comment });
    else unsuppressed.push(`${failure.check_id} ${failure.resource} (${failure.file_path})`);
  }
  process.stdout.write(`checkov: ${passed.length} passed, ${unsuppressed.length} failed, ${accepted.length} skipped in code\n`);

  it("ran over the synthesized stacks", () => {
    assert.ok(passed.length > 0, `checkov found nothing to check:\n${run.stderr}`);
  });

  it("finds no failed check that is not suppressed next to its resource", () => {
    assert.deepEqual(unsuppressed, []);
  });

  it("every suppression is listed in docs/SECURITY.md with its reason", () => {
    const doc = readFileSync(join(ROOT, "docs", "SECURITY.md"), "utf8");
    const missing = [...new Set(accepted.map((a) => `${a.check_id}: ${a.comment}`))].filter((line) => {
      const [id, comment] = [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)];
      return !doc.includes(id) || !doc.replace(/\s+/g, " ").includes(comment.replace(/\s+/g, " "));
    });
    assert.deepEqual(missing, []);
  });
});
