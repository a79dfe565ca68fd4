import assert from "node:assert/strict";
import { dirname } from "node:path";
import { describe, it } from "node:test";
import { LocalBackend, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { skipCheckov } from "../../../src/core/checkov-suppression";
import { backendKind, isInstanceOf, isResource } from "../../../src/core/construct-kinds";
import { defineRule, resourcesOfType } from "../../../src/core/rules/rule";
import { RuleChecker } from "../../../src/core/rules/rule-checker";
import { RulePack } from "../../../src/core/rules/rule-pack";
import { argumentsOf } from "../../../src/core/rules/terraform-arguments";

// Under CDK Terrain an app loads two copies of the runtime (docs/CDKTN.md): the library's `cdktf`
// (an npm alias of cdktn) and the `cdktn` the app and the AWS bindings require. This loads cdktf a
// second time, as a separate module instance, to build constructs the way the other copy would.
function secondCopyOfCdktf(): typeof import("cdktf") {
  const root = dirname(require.resolve("cdktf/package.json"));
  const first = Object.entries(require.cache).filter(([path]) => path.startsWith(root));
  for (const [path] of first) delete require.cache[path];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const copy = require("cdktf") as typeof import("cdktf");
  for (const path of Object.keys(require.cache)) if (path.startsWith(root)) delete require.cache[path];
  for (const [path, module] of first) require.cache[path] = module;
  return copy;
}

const other = secondCopyOfCdktf();

/** A resource of the other copy, as an AWS binding under cdktn makes one. */
class OtherBucket extends other.TerraformResource {
  constructor(scope: Construct, id: string) {
    super(scope, id, { terraformResourceType: "aws_s3_bucket" });
  }
}

/** A resource of the other copy with a write-only argument, wrapped in a token as cdktn's bindings do. */
class OtherSecretVersion extends other.TerraformResource {
  readonly secretStringWoInput = "${var.secret}";
  constructor(scope: Construct, id: string) {
    super(scope, id, { terraformResourceType: "aws_secretsmanager_secret_version" });
  }
  protected synthesizeAttributes(): { [name: string]: unknown } {
    const value = this.secretStringWoInput;
    return { secret_id: "s", secret_string_wo: { creationStack: [], resolve: () => value, toString: () => other.Token.asString(value) } };
  }
}

describe("construct kinds across two copies of the runtime", () => {
  it("the second copy really is another module (its resources are no instanceof this one's)", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const bucket = new OtherBucket(stack, "b");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    assert.equal(bucket instanceof (require("cdktf") as typeof import("cdktf")).TerraformResource, false);
    assert.equal(isResource(bucket), true);
    assert.equal(isInstanceOf(bucket, (require("cdktf") as typeof import("cdktf")).TerraformResource), true); // eslint-disable-line @typescript-eslint/no-require-imports
  });

  it("a rule about a resource type fires on a resource of the other copy", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    new OtherBucket(stack, "b");
    const rule = defineRule({
      id: "KHA-TEST-100",
      name: "every-bucket",
      level: "error",
      cause: "A bucket exists.",
      explanation: "Fixture rule: fires on every bucket, to show which constructs reach it.",
      fix: "None needed; this is a fixture.",
      ...resourcesOfType("aws_s3_bucket"),
      check: (bucket) => [`bucket ${bucket.node.id}.`],
    });
    const found = new RuleChecker(new RulePack("test", [rule])).check(stack);
    assert.deepEqual(
      found.map((f) => f.path),
      ["s/b"],
    );
  });

  it("a checkov skip on a data source of the other copy reaches the synthesized JSON", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const policy = new other.TerraformDataSource(stack, "policy", { terraformResourceType: "aws_iam_policy_document" });
    skipCheckov(policy, { id: "CKV_AWS_356", comment: "Fixture: a resource policy's '*' is the resource it is attached to." });
    // The stack's own output: Testing.synth strips the "//" comments.
    const json = stack.toTerraform() as { data: { aws_iam_policy_document: { [name: string]: { "//"?: { checkov?: unknown } } } } };
    const block = Object.values(json.data.aws_iam_policy_document)[0];
    assert.deepEqual(block["//"]?.checkov, { skip: [{ id: "CKV_AWS_356", comment: "Fixture: a resource policy's '*' is the resource it is attached to." }] });
  });

  it("a stack's backend kind is read from what it synthesizes, whichever copy made it", () => {
    const app = Testing.app();
    const local = new TerraformStack(app, "local");
    new LocalBackend(local, { path: "x.tfstate" });
    const none = new TerraformStack(app, "none");
    const s3 = new TerraformStack(app, "s3");
    new other.S3Backend(s3, { bucket: "b", key: "k", region: "eu-west-1" });
    assert.deepEqual([backendKind(local), backendKind(none), backendKind(s3)], ["local", "local", "s3"]);
  });

  it("a write-only argument reads as given, not as the token cdktn's bindings wrap it in", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const version = new OtherSecretVersion(stack, "v");
    assert.equal(argumentsOf(version).secret_string_wo, "${var.secret}");
  });
});
