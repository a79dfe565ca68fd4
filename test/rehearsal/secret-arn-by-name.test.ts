// secretArnByName applied against moto with the real aws provider: a site finds a secret by name in
// its own region, a replica included, and only the secret of exactly that name.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsSecretsmanagerSecret } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret";
import { secretArnByName } from "../../src/secrets/secret-arn-by-name";
import { awsOverride, createSecret, RunningMoto, startMoto } from "../support/moto/start";
import { runTerraformAsync } from "../support/terraform";
import { skipUnless } from "../support/tools";

const SKIP = skipUnless("rehearsal", "terraform", "python3");
const PRIMARY = "us-east-1";
const REPLICA = "us-west-2";

describe("secretArnByName against moto: a secret by name in the stack's region", { skip: SKIP }, () => {
  let moto: RunningMoto | undefined;
  const arns: { [name: string]: string } = {};

  /** A one-stack app in `region` whose outputs are the lookups of `names`; returns its directory, initialised. */
  async function lookupStack(region: string, build: (stack: TerraformStack) => void): Promise<string> {
    const outdir = mkdtempSync(join(tmpdir(), "secret-lookup-"));
    const app = new App({ outdir });
    const stack = new TerraformStack(app, "lookup");
    new AwsProvider(stack, "aws", { region });
    build(stack);
    app.synth();
    const dir = join(outdir, "stacks", "lookup");
    const providers = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")).provider.aws;
    writeFileSync(join(dir, "rehearsal_override.tf.json"), JSON.stringify(awsOverride(moto!.url, providers)));
    const init = await runTerraformAsync(dir, ["init", "-input=false", "-no-color"]);
    assert.equal(init.code, 0, init.stderr);
    return dir;
  }

  before(async () => {
    moto = await startMoto([PRIMARY, REPLICA], 0);
    arns.primary = await createSecret(moto.url, PRIMARY, "lookup/server", "{}", [REPLICA]);
    // A secret whose name the first one prefixes (ListSecrets' name filter matches prefixes).
    arns.sibling = await createSecret(moto.url, REPLICA, "lookup/server-old", "{}");
  });

  after(() => moto?.stop());

  it("finds the replica's ARN in its region, not the secret whose name it prefixes", async () => {
    const dir = await lookupStack(REPLICA, (stack) => new TerraformOutput(stack, "arn", { value: secretArnByName(stack, "server", "lookup/server") }));
    const apply = await runTerraformAsync(dir, ["apply", "-auto-approve", "-input=false", "-no-color"]);
    assert.equal(apply.code, 0, apply.stderr);
    const output = await runTerraformAsync(dir, ["output", "-raw", "arn"]);
    assert.equal(output.stdout, arns.primary.replace(`:${PRIMARY}:`, `:${REPLICA}:`));
  });

  it("stops the plan with the secret's name when the region has none of that name", async () => {
    const dir = await lookupStack(REPLICA, (stack) => new TerraformOutput(stack, "arn", { value: secretArnByName(stack, "missing", "lookup/missing") }));
    const plan = await runTerraformAsync(dir, ["plan", "-input=false", "-no-color"]);
    assert.notEqual(plan.code, 0);
    assert.match(plan.stderr.replace(/\s+/g, " "), /Expected exactly one Secrets Manager secret named lookup\/missing in this stack's region/);
  });

  it("is needed: the aws_secretsmanager_secret data source is refused on a replica (it reads the resource policy)", async () => {
    const dir = await lookupStack(REPLICA, (stack) => {
      new TerraformOutput(stack, "arn", { value: new DataAwsSecretsmanagerSecret(stack, "server", { name: "lookup/server" }).arn });
    });
    const plan = await runTerraformAsync(dir, ["plan", "-input=false", "-no-color"]);
    assert.notEqual(plan.code, 0);
    assert.match(plan.stderr.replace(/\s+/g, " "), /GetResourcePolicy.*Operation not permitted on a replica secret/);
  });
});
