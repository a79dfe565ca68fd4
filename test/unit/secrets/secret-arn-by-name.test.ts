import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TerraformOutput } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { secretArnByName } from "../../../src/secrets/secret-arn-by-name";
import { configErrorOf, synthStack } from "../../support/synth";

// Its behaviour against Secrets Manager (a replica found, a prefix sibling not) is applied against
// moto in test/rehearsal/secret-arn-by-name.test.ts; here, what it synthesizes and what it refuses.

describe("secretArnByName", () => {
  const json = synthStack((stack) => {
    new AwsProvider(stack, "aws", { region: "us-west-2" });
    new TerraformOutput(stack, "arn", { value: secretArnByName(stack, "server", "edge/west/server") });
  });

  it("lists secrets by name (ListSecrets), not the singular lookup that reads a replica's policy", () => {
    assert.deepEqual(json.data.aws_secretsmanager_secrets.server.filter, [{ name: "name", values: ["edge/west/server"] }]);
    assert.equal(json.data.aws_secretsmanager_secret, undefined);
  });

  it("fails the plan unless exactly one secret has exactly that name", () => {
    const [postcondition] = json.data.aws_secretsmanager_secrets.server.lifecycle.postcondition;
    assert.match(
      postcondition.condition,
      /^\$\{length\(\[for arn in self\.arns : arn if endswith\(replace\(arn, "\/-\[A-Za-z0-9\]\{6\}\$\/", ""\), ":secret:edge\/west\/server"\)\]\) == 1\}$/,
    );
    assert.match(postcondition.error_message, /exactly one Secrets Manager secret named edge\/west\/server/);
  });

  it("hands readers a local holding the one ARN", () => {
    assert.equal(json.output.arn.value, "${local.server-arn}");
    assert.match(json.locals["server-arn"], /^\$\{one\(\[for arn in data\.aws_secretsmanager_secrets\.server\.arns : arn if /);
  });

  it("refuses a name Secrets Manager would not accept, at its id", () => {
    const error = configErrorOf((stack) => secretArnByName(stack, "bad", 'x"); evil("'));
    assert.deepEqual(
      error.issues.map((i) => i.path),
      ["bad"],
    );
  });
});
