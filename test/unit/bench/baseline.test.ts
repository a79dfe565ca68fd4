import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { App } from "cdktf";
import { declarePlan } from "../../../bench/baseline";
import { writeBaselineApp } from "../../../bench/baseline-app";
import { assertSameTerraform, readSynthesized, withOverrides } from "../../../bench/check";
import { planStack } from "../../../bench/plan";
import { DEFAULT_TOPOLOGY } from "../../../src/topology/default-topology";
import { resolveTopology } from "../../../src/topology/resolve-topology";
import { KongEstate } from "../../../src/ha/kong-estate";
import { ROOT } from "../../support/examples";

describe("the baseline", () => {
  const scratch = mkdtempSync(join(tmpdir(), "bench-baseline-"));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("declares the same Terraform as the library, stack by stack, for the default estate", () => {
    const libraryApp = new App({ outdir: join(scratch, "library") });
    new KongEstate(libraryApp, { topology: resolveTopology(DEFAULT_TOPOLOGY).topology! });
    libraryApp.synth();
    const library = readSynthesized(libraryApp.outdir);

    const baselineApp = new App({ outdir: join(scratch, "baseline") });
    declarePlan(
      baselineApp,
      [...library].map(([name, stack]) => planStack(name, stack.json)),
    );
    baselineApp.synth();
    const baseline = readSynthesized(baselineApp.outdir);

    assert.deepEqual([...baseline.keys()], [...library.keys()]);
    for (const [name, stack] of library) assertSameTerraform(name, stack.json, baseline.get(name)!.json);
  });

  it("is written as a hand-written app, importing each class it uses by name, and synthesizes the same Terraform run as the app is", () => {
    const libraryApp = new App({ outdir: join(scratch, "library-2") });
    new KongEstate(libraryApp, { topology: resolveTopology(DEFAULT_TOPOLOGY).topology! });
    libraryApp.synth();
    const library = readSynthesized(libraryApp.outdir);
    const plans = [...library].map(([name, stack]) => planStack(name, stack.json));

    symlinkSync(join(ROOT, "node_modules"), join(scratch, "node_modules"));
    const apps = join(scratch, "apps");
    mkdirSync(apps);
    const file = writeBaselineApp(apps, "default", plans);
    const source = readFileSync(file, "utf8");
    assert.match(source, /^import \{ Vpc as m\d+_Vpc \} from "@cdktf\/provider-aws\/lib\/vpc";$/m);
    assert.match(source, /^import \{ Service as m\d+_Service \} from ".*\/src\/providers\/kong\/service";$/m);
    assert.doesNotMatch(source, /import \* as/);
    assert.doesNotMatch(source, /require\(/);

    const planFile = join(scratch, "default.plan.json");
    writeFileSync(planFile, JSON.stringify(plans));
    const outdir = join(scratch, "baseline-2");
    const run = spawnSync(process.execPath, [join(ROOT, "scripts", "run-app.cjs"), file, planFile], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CDKTF_OUTDIR: outdir, CDKTF_KONG_HA_APP_CACHE: join(scratch, "app-cache"), CHECKPOINT_DISABLE: "1" },
    });
    assert.equal(run.status, 0, run.stderr);
    const baseline = readSynthesized(outdir);
    assert.deepEqual([...baseline.keys()], [...library.keys()]);
    for (const [name, stack] of library) assertSameTerraform(name, stack.json, baseline.get(name)!.json);
  });

  it("moves an attribute the props got wrong to an override with the library's value", () => {
    const library = { resource: { aws_s3_bucket: { b: { bucket: "x", tags: { managed_by: "kong-ha" } } } } };
    const baseline = { resource: { aws_s3_bucket: { b: { bucket: "x", tags: { managedBy: "kong-ha" } } } } };
    const plan = withOverrides(planStack("s", library), library, baseline);
    assert.deepEqual(plan.elements[0].props, { bucket: "x" });
    assert.deepEqual(plan.elements[0].overrides, { tags: { managed_by: "kong-ha" } });
  });

  it("ignores cdktf's metadata but nothing else", () => {
    const stack = { resource: { kong_service: { s: { "//": { metadata: { path: "a" } }, host: "h" } } } };
    assertSameTerraform("s", stack, { resource: { kong_service: { s: { "//": { metadata: { path: "b" } }, host: "h" } } } });
    assert.throws(() => assertSameTerraform("s", stack, { resource: { kong_service: { s: { host: "other" } } } }), /stack s: the baseline differs/);
  });
});
