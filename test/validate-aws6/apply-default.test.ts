// The embedded default's AWS half applied with AWS provider 6: the stacks synthesized with
// `@cdktf/provider-aws` 21.x (the installed line), then `pki`, each `<site>-infra` and `global`
// applied in `cdktf deploy` order with a hashicorp/aws 6.x binary (test/support/aws6.ts says from
// where) against moto on 127.0.0.1, planned again (no change but the pinned emulator drifts), and
// destroyed. The rehearsal suite does the same, and much more, with AWS provider 5; this is what shows
// that the provider 6 line does not only validate but deploys. The gateway stacks use no AWS provider.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { App } from "cdktf";
import { KongEstate } from "../../src/ha/kong-estate";
import { DEFAULT_TOPOLOGY } from "../../src/topology/default-topology";
import { resolveTopology } from "../../src/topology/resolve-topology";
import { awsClientEnv, awsOverride, RunningMoto, startMoto } from "../support/moto/start";
import { createOperatorSecrets } from "../support/moto/operator-secrets";
import { releasedBeforeDestroy, resourceCount, StackJson } from "../support/synth";
import { runTerraformAsync } from "../support/terraform";
import { skipUnless } from "../support/tools";
import { aws6Provider, pointAtAws6 } from "../support/aws6";
import { driftsOf, EmulatorDrift, secondPlanChanges } from "../rehearsal/emulator-drifts";

const missing = skipUnless("validate-aws6 (apply)", "terraform", "python3");
const aws6 = missing ? undefined : aws6Provider();
// A build still running or not made skips, as in examples.test.ts; under CI a missing one fails in before().
const SKIP = missing || (aws6?.kind === "skip" && aws6.reason);

const { topology } = resolveTopology(DEFAULT_TOPOLOGY);
const SITES = topology!.sites.map((s) => s.name);

describe("AWS provider 6: the embedded default's pki, infra and global stacks applied against moto, planned again and destroyed", { skip: SKIP }, () => {
  const outdir = join(mkdtempSync(join(tmpdir(), "apply-aws6-")), "cdktf.out");
  let moto: RunningMoto | undefined;
  const report: string[] = [];

  const stackDir = (stack: string) => join(outdir, "stacks", stack);
  const stackJson = (stack: string): StackJson => JSON.parse(readFileSync(join(stackDir(stack), "cdk.tf.json"), "utf8"));

  async function terraform(stack: string, args: string[]): Promise<{ code: number; out: string; seconds: number }> {
    const started = Date.now();
    const flags = ["state", "show"].includes(args[0]) ? [] : ["-no-color", "-input=false"];
    const run = await runTerraformAsync(stackDir(stack), [...args, ...flags], awsClientEnv(moto!.url));
    return { code: run.code, out: `${run.stdout}${run.stderr}`, seconds: (Date.now() - started) / 1000 };
  }

  async function applyAll(stacks: readonly string[]): Promise<void> {
    const runs = await Promise.all(stacks.map((stack) => terraform(stack, ["apply", "-auto-approve"])));
    stacks.forEach((stack, i) => {
      assert.equal(runs[i].code, 0, `${stack}:\n${runs[i].out}`);
      const count = resourceCount(stackJson(stack));
      assert.match(runs[i].out, new RegExp(`Apply complete! Resources: ${count} added, 0 changed, 0 destroyed`));
      report.push(`${stack}: ${count} resources in ${runs[i].seconds.toFixed(0)} s`);
    });
  }

  before(async () => {
    assert.equal(aws6?.kind, "ready", aws6?.kind === "fail" ? aws6.reason : undefined);
    const app = new App({ outdir });
    new KongEstate(app, { topology: topology! });
    app.synth();
    moto = await startMoto(
      topology!.sites.map((s) => s.region),
      Math.max(...topology!.sites.map((s) => s.kong.desiredCount)),
    );
    await createOperatorSecrets(moto.url, topology!, randomBytes(18).toString("base64url"));
    for (const stack of ["pki", ...SITES.map((site) => `${site}-infra`), "global"]) {
      writeFileSync(join(stackDir(stack), "rehearsal_override.tf.json"), JSON.stringify(awsOverride(moto.url, stackJson(stack).provider.aws)));
      pointAtAws6(stackDir(stack), aws6!);
      // One init at a time: terraform's plugin cache is not safe for concurrent installs.
      const init = await terraform(stack, ["init"]);
      assert.equal(init.code, 0, init.out);
    }
  });

  after(() => {
    moto?.stop();
    if (report.length) process.stderr.write(`validate-aws6 (apply, ${aws6?.kind === "ready" ? aws6.source : "?"}): ${report.join("; ")}\n`);
  });

  it("the stacks ask for AWS provider 6", () => {
    for (const stack of ["pki", `${SITES[0]}-infra`, "global"]) {
      const lock = readFileSync(join(stackDir(stack), ".terraform.lock.hcl"), "utf8");
      assert.match(lock, /provider "registry\.terraform\.io\/hashicorp\/aws" \{\s+version\s+=\s+"6\./, `${stack}: hashicorp/aws 6.x installed`);
    }
  });

  it("applies the pki stack", async () => {
    await applyAll(["pki"]);
  });

  it("applies every site's infra stack side by side", async () => {
    await applyAll(SITES.map((site) => `${site}-infra`));
  });

  it("applies the global stack", async () => {
    await applyAll(["global"]);
  });

  const kinds: [string, EmulatorDrift["stack"]][] = [
    ["pki", "pki"],
    ...SITES.map((site): [string, "infra"] => [`${site}-infra`, "infra"]),
    ["global", "global"],
  ];
  for (const [stack, kind] of kinds) {
    it(`${stack}: a second plan changes only the emulator drifts pinned for AWS provider 5`, async () => {
      assert.deepEqual(await secondPlanChanges((args) => terraform(stack, args)), driftsOf(kind));
    });
  }

  it("destroys everything but the protected resources, once they are released from Terraform", async () => {
    for (const stack of ["global", ...SITES.map((site) => `${site}-infra`), "pki"]) {
      const released = releasedBeforeDestroy(stackJson(stack));
      if (released.length) {
        const rm = await terraform(stack, ["state", "rm", ...released]);
        assert.equal(rm.code, 0, rm.out);
      }
      const run = await terraform(stack, ["destroy", "-auto-approve"]);
      assert.equal(run.code, 0, run.out);
      assert.match(run.out, new RegExp(`Destroy complete! Resources: ${resourceCount(stackJson(stack)) - released.length} destroyed`));
    }
  });
});
