import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resources, StackJson } from "../../support/synth";
import { BASE, synthEstate } from "./estate";

// The pki stack's secrets are readable by the sites that need them and nobody else: a site's own
// server and Admin API keys by that site's execution role, the chain by every site, client keys by
// the administrators only (by default the role that runs Terraform).

const { stacks } = synthEstate({ ...BASE, pki: { issuer: "tls", store: "aws-secrets-manager", clients: [{ name: "partner" }] } });
const pki = stacks.pki;

/** The principals a stored secret's resource policy lets read its value. */
function readersOf(name: string): string[] {
  const secret = Object.entries(pki.resource.aws_secretsmanager_secret as Record<string, StackJson>).find(([, s]) => s.name === `edge/${name}`)![0];
  const policy = resources(pki, "aws_secretsmanager_secret_policy").find((p) => p.secret_arn === `\${aws_secretsmanager_secret.${secret}.arn}`)!;
  const document = /data\.aws_iam_policy_document\.([^.]+)\.json/.exec(policy.policy)![1];
  return (pki.data.aws_iam_policy_document[document].statement[0].condition[0].values as string[]).map((v) =>
    v.replace(/^arn:aws:iam::\$\{[^}]+\}:role\//, "role/").replace(/^\$\{data\.aws_iam_session_context\.[^}]+\}$/, "runner"),
  );
}

describe("pki: who may read each stored secret (Secrets Manager store)", () => {
  it("a site's server and Admin API keys: that site's execution role and the runner", () => {
    assert.deepEqual(
      [readersOf("east/server"), readersOf("east/admin"), readersOf("west/server")],
      [
        ["role/edge-east-kong-execution", "runner"],
        ["role/edge-east-kong-execution", "runner"],
        ["role/edge-west-kong-execution", "runner"],
      ],
    );
  });

  it("the CA chain: every site's execution role and the runner", () => {
    assert.deepEqual(readersOf("ca"), ["role/edge-east-kong-execution", "role/edge-west-kong-execution", "runner"]);
  });

  it("a client's key: the runner only, who hands it to the client", () => {
    assert.deepEqual(readersOf("clients/partner"), ["runner"]);
  });

  it("names awsAdministrators instead of the runner when the topology gives them", () => {
    const ADMIN = "arn:aws:iam::123456789012:role/terraform";
    const named = synthEstate({ ...BASE, pki: { issuer: "tls", store: "aws-secrets-manager", awsAdministrators: [ADMIN] } }).stacks.pki;
    assert.equal(named.data.aws_iam_session_context, undefined);
    const documents = Object.values(named.data.aws_iam_policy_document as Record<string, StackJson>).filter(
      (d) => d.statement?.[0]?.sid === "NobodyElseGetsValues",
    );
    assert.ok(documents.length > 0 && documents.every((d) => d.statement[0].condition[0].values.includes(ADMIN)));
  });
});
