import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { App } from "cdktf";
import { KongEstate } from "../../src/ha/kong-estate";
import { DEFAULT_TOPOLOGY } from "../../src/topology/default-topology";
import { resolveTopology } from "../../src/topology/resolve-topology";
import { ROOT } from "../support/examples";
import { toolchainCacheDir } from "../support/terraform";

// The library as a CDK Terrain user gets it: `npm pack`ed, unpacked into an app set up as
// docs/CDKTN.md says (test/cdktn/app: cdktn 0.24 and @cdktn/provider-aws under the names the
// library imports), and the embedded default synthesized there by cdktn's App. Its stacks must be
// the ones cdktf 0.21 synthesizes here, apart from what differs by design: the runtime's version
// in the metadata and the AWS provider each line of bindings pins.

const FIXTURE = join(ROOT, "test", "cdktn", "app");
type Json = { [key: string]: Json } & { readonly length?: never };

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" },
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
  assert.equal(result.status, 0, `${command} ${args.join(" ")} in ${cwd} failed (exit ${result.status ?? result.signal}):\n${output}`);
}

/** The fixture app with its dependencies installed, kept in the toolchain cache per lock file. */
function installedApp(): string {
  const lock = readFileSync(join(FIXTURE, "package-lock.json"));
  const dir = join(toolchainCacheDir(), "cdktn-app", createHash("sha256").update(lock).digest("hex").slice(0, 16));
  if (!existsSync(join(dir, "node_modules", ".package-lock.json"))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const file of ["package.json", "package-lock.json", ".npmrc"]) cpSync(join(FIXTURE, file), join(dir, file));
    run("npm", ["ci", "--no-audit", "--no-fund"], dir);
  }
  cpSync(join(FIXTURE, "main.js"), join(dir, "main.js"));
  return dir;
}

/** The library, packed as it would be published, unpacked as the app's `cdktf-kong-ha`. */
function unpackLibraryInto(app: string): void {
  const scratch = mkdtempSync(join(tmpdir(), "cdktn-pack-"));
  run("npm", ["pack", "--silent", "--pack-destination", scratch], ROOT);
  const tarball = readdirSync(scratch).find((f) => f.endsWith(".tgz"));
  assert.ok(tarball, "npm pack wrote no tarball");
  run("tar", ["-xzf", tarball, "-C", scratch], scratch);
  const target = join(app, "node_modules", "cdktf-kong-ha");
  rmSync(target, { recursive: true, force: true });
  renameSync(join(scratch, "package"), target);
  rmSync(scratch, { recursive: true, force: true });
}

function stacksOf(outdir: string): Map<string, Json> {
  const dir = join(outdir, "stacks");
  return new Map(readdirSync(dir).map((stack) => [stack, JSON.parse(readFileSync(join(dir, stack, "cdk.tf.json"), "utf8")) as Json]));
}

function findingsOf(outdir: string): { [stack: string]: string[] } {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: { [name: string]: { annotations?: { message: string }[] } } };
  return Object.fromEntries(Object.entries(manifest.stacks).map(([name, stack]) => [name, (stack.annotations ?? []).map((a) => a.message)]));
}

/** What differs by design, taken out: `//.metadata.version` and the AWS provider's pin, returned apart. */
function withoutRuntimePins(stack: Json): { rest: Json; version: unknown; aws: unknown } {
  const copy = structuredClone(stack);
  const metadata = copy["//"]?.metadata;
  const version = metadata?.version;
  if (metadata) delete metadata.version;
  const providers = copy.terraform?.required_providers;
  const aws = providers?.aws;
  if (providers) delete providers.aws;
  return { rest: copy, version, aws };
}

describe("the library under CDK Terrain (cdktn 0.24)", () => {
  const cdktnOut = mkdtempSync(join(tmpdir(), "cdktn-out-"));
  const cdktfOut = mkdtempSync(join(tmpdir(), "cdktf-out-"));

  before(() => {
    const app = installedApp();
    unpackLibraryInto(app);
    run(process.execPath, ["main.js", cdktnOut], app);
    const cdktf = new App({ outdir: cdktfOut });
    new KongEstate(cdktf, { topology: resolveTopology(DEFAULT_TOPOLOGY).topology! });
    cdktf.synth();
  });

  it("the fixture app carries the library's own dependencies at the library's versions", () => {
    const library = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: { [name: string]: string } };
    const app = JSON.parse(readFileSync(join(FIXTURE, "package.json"), "utf8")) as { dependencies: { [name: string]: string } };
    for (const [name, version] of Object.entries(library.dependencies)) assert.equal(app.dependencies[name], version, name);
  });

  it("docs/CDKTN.md shows the fixture app's dependencies and .npmrc", () => {
    const doc = readFileSync(join(ROOT, "docs", "CDKTN.md"), "utf8");
    const shown = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)![1]) as { dependencies: { [name: string]: string } };
    const app = JSON.parse(readFileSync(join(FIXTURE, "package.json"), "utf8")) as { dependencies: { [name: string]: string } };
    const library = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: { [name: string]: string } };
    const { "cdktf-kong-ha": _library, ...rest } = shown.dependencies;
    const runtime = Object.fromEntries(Object.entries(app.dependencies).filter(([name]) => !(name in library.dependencies)));
    assert.deepEqual(rest, runtime);
    assert.match(doc, new RegExp(readFileSync(join(FIXTURE, ".npmrc"), "utf8").trim()));
  });

  it("synthesizes the same stacks as cdktf", () => {
    assert.deepEqual([...stacksOf(cdktnOut).keys()], [...stacksOf(cdktfOut).keys()]);
  });

  it("writes every stack as cdktf does, apart from the runtime's version and the AWS provider's pin", () => {
    const ours = stacksOf(cdktfOut);
    for (const [name, stack] of stacksOf(cdktnOut)) {
      const cdktn = withoutRuntimePins(stack);
      const cdktf = withoutRuntimePins(ours.get(name)!);
      assert.deepEqual(cdktn.rest, cdktf.rest, `stack ${name}`);
      assert.deepEqual([cdktn.version, cdktf.version], ["0.24.0", "0.21.0"], `stack ${name}: metadata version`);
      if (cdktf.aws)
        assert.deepEqual(cdktn.aws, { source: "hashicorp/aws", version: "6.66.0" }, `stack ${name}: the AWS provider @cdktn/provider-aws 25.7.0 pins`);
    }
  });

  it("keeps the checkov skips on data sources (an instanceof on a second copy of the runtime lost them)", () => {
    const pki = stacksOf(cdktnOut).get("pki")!;
    const skipped = Object.values(pki.data?.aws_iam_policy_document ?? {}).filter((block) => block["//"]?.checkov);
    assert.ok(skipped.length > 0, "no aws_iam_policy_document in pki carries its checkov skips");
  });

  it("reports the same rule findings as cdktf", () => {
    assert.deepEqual(findingsOf(cdktnOut), findingsOf(cdktfOut));
  });
});
