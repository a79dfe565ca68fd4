import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { CronExpressionParser } from "cron-parser";
import { selectBackend } from "../../../src/app/backend";
import { ConfigError } from "../../../src/core/config-error";
import { TerraformCloudBackend } from "../../../src/ha/kong-ha-stack";
import { renderRenewalWorkflow, renewalCadence, RUNS_PER_RENEWAL_WINDOW } from "../../../src/ha/renewal-workflow";
import { DEFAULT_TOPOLOGY } from "../../../src/topology/default-topology";
import { BASE, topologyOf } from "./estate";

// Certificates renew at the first apply inside their window: the library writes the schedule that
// makes that apply happen, for the estate's PKI and backend.

const CLOUD: TerraformCloudBackend = { organization: "acme", workspacePrefix: "edge" };
const DEFAULT = topologyOf(DEFAULT_TOPOLOGY);
const VAULT_KV = topologyOf({ ...BASE, pki: { issuer: "tls", store: "vault-kv", vault: { address: "https://vault.example.com:8200" } } });

/** GitHub's own workflow parser (the one behind Actions' language service): its errors, none for a valid file. */
async function githubErrors(text: string): Promise<string[]> {
  // An ES module only (and it imports its JSON schema as a module): loaded the ESM way.
  const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import("@actions/workflow-parser");
  const parsed = parseWorkflow({ name: "kong-ha-renewal.yml", content: text }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (parsed.value) errors.push(...((await convertWorkflowTemplate(parsed.context, parsed.value)).errors ?? []).map((e) => e.Message));
  return [...new Set(errors)];
}

/** The longest gap, in hours, between two runs of `cron` over a year. */
function longestGapHours(cron: string): number {
  const runs = CronExpressionParser.parse(cron, { currentDate: new Date("2027-01-01T00:00:00Z"), tz: "UTC" });
  let previous = runs.next().getTime();
  let longest = 0;
  for (let i = 0; i < 10_000; i++) {
    const next = runs.next().getTime();
    longest = Math.max(longest, (next - previous) / 3_600_000);
    previous = next;
    if (next > Date.parse("2028-01-01T00:00:00Z")) break;
  }
  return longest;
}

describe("renewal workflow: the scheduled apply that renews the estate's certificates", () => {
  it("is a workflow GitHub's own parser accepts, for each PKI layout", async () => {
    const enterprise = topologyOf({
      ...BASE,
      edition: "enterprise",
      kong: { licenseSecretArn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:kong-license-AbCdEf" },
      pki: { issuer: "vault", store: "vault-kv", vault: { address: "https://vault.example.com:8200" } },
    });
    for (const topology of [DEFAULT, VAULT_KV, enterprise]) assert.deepEqual(await githubErrors(renderRenewalWorkflow(topology, { backend: CLOUD })), []);
    // and the parser does refuse a broken one
    assert.ok((await githubErrors(renderRenewalWorkflow(DEFAULT, { backend: CLOUD }).replace("runs-on:", "runs_on:"))).length > 0);
  });

  it("runs at least four times inside every renewal window, for weekly, daily and hourly cadences", () => {
    for (const earlyRenewalHours of [720, 100, 10]) {
      const cadence = renewalCadence(
        topologyOf({ ...BASE, pki: { issuer: "tls", store: "aws-secrets-manager", certificateValidityHours: 2160, earlyRenewalHours } }),
      );
      assert.ok(longestGapHours(cadence.cron) * RUNS_PER_RENEWAL_WINDOW <= earlyRenewalHours, `${earlyRenewalHours} h: ${cadence.cron}`);
    }
  });

  it("chooses the slowest cadence that does: weekly for the default 30 days, daily for 4 days, hourly below", () => {
    const every = (earlyRenewalHours: number) =>
      renewalCadence(topologyOf({ ...BASE, pki: { issuer: "tls", store: "aws-secrets-manager", earlyRenewalHours } })).everyHours;
    assert.deepEqual([every(720), every(672), every(671), every(96), every(95), every(4)], [168, 168, 24, 24, 1, 1]);
  });

  it("refuses a window too short for four hourly runs, at pki.earlyRenewalHours", () => {
    const topology = topologyOf({ ...BASE, pki: { issuer: "tls", store: "aws-secrets-manager", earlyRenewalHours: 3 } });
    assert.throws(
      () => renderRenewalWorkflow(topology, { backend: CLOUD }),
      (e: ConfigError) => e.issues[0].path === "pki.earlyRenewalHours" && /3 hours leaves no room/.test(e.issues[0].message),
    );
  });

  it("with Secrets Manager, applies only the pki stack, with AWS credentials from GitHub's OIDC role in the store's region", () => {
    const workflow = parse(renderRenewalWorkflow(DEFAULT, { backend: CLOUD }));
    assert.deepEqual(Object.keys(workflow.jobs), ["renew"]);
    const steps = workflow.jobs.renew.steps as { run?: string; uses?: string; with?: Record<string, string> }[];
    assert.deepEqual(
      steps.filter((s) => s.run?.startsWith("npx cdktf")).map((s) => s.run),
      ["npx cdktf deploy pki --auto-approve"],
    );
    assert.deepEqual(steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials"))!.with, {
      "role-to-assume": "${{ vars.KONG_HA_PKI_ROLE_ARN }}",
      "aws-region": "us-east-1",
    });
    assert.equal(workflow.permissions["id-token"], "write");
    assert.equal(workflow.env.VAULT_TOKEN, undefined);
  });

  it("with AWS Private CA issuing into Vault KV, has AWS credentials (the CA signs the renewals) and the Vault token", () => {
    const privateCaInVault = topologyOf({
      ...BASE,
      pki: { issuer: "aws-private-ca", store: "vault-kv", vault: { address: "https://vault.example.com:8200" } },
    });
    const workflow = parse(renderRenewalWorkflow(privateCaInVault, { backend: CLOUD }));
    const steps = workflow.jobs.renew.steps as { uses?: string; with?: Record<string, string> }[];
    assert.equal(steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials"))?.with?.["aws-region"], "us-east-1");
    assert.equal(workflow.env.VAULT_TOKEN, "${{ secrets.VAULT_TOKEN }}");
  });

  it("with Vault KV, then applies every gateway stack from a runner that reaches the Admin APIs, with the Admin API credential from a secret", () => {
    const workflow = parse(renderRenewalWorkflow(VAULT_KV, { backend: CLOUD }));
    assert.deepEqual([workflow.jobs.gateways.needs, workflow.jobs.gateways["runs-on"]], ["renew", ["self-hosted", "kong-ha"]]);
    assert.equal(workflow.jobs.gateways.steps.at(-1).run, "npx cdktf deploy east-gateway west-gateway --auto-approve");
    assert.deepEqual(workflow.jobs.gateways.env, {
      KONG_ADMIN_USERNAME: "kong-admin",
      KONG_ADMIN_PASSWORD: "${{ secrets.KONG_ADMIN_CREDENTIAL }}",
      SSL_CERT_FILE: "${{ vars.KONG_HA_CA_BUNDLE }}",
    });
    assert.equal(workflow.env.VAULT_TOKEN, "${{ secrets.VAULT_TOKEN }}");
  });

  it("synthesizes with the backend the last deploy used: its environment selects the same workspaces", () => {
    const backend: TerraformCloudBackend = { organization: "acme", workspacePrefix: "kong-prod", project: "platform", hostname: "tfe.example.com" };
    const workflow = parse(renderRenewalWorkflow(DEFAULT, { backend, topologyFile: "estate/prod.yaml" }));
    assert.deepEqual(selectBackend(DEFAULT, workflow.env), { backend, issues: [] });
    assert.equal(workflow.env.KONG_HA_CONFIG, "estate/prod.yaml");
    assert.equal(workflow.env.TF_TOKEN_tfe_example_com, "${{ secrets.TF_API_TOKEN }}");
  });

  it("refuses local state (a runner would build a second CA) and an estate with nothing stored, both at once", () => {
    const noPki = topologyOf(BASE);
    assert.throws(
      () => renderRenewalWorkflow(noPki, { backend: undefined }),
      (e: ConfigError) => e.issues.map((i) => i.path).join() === "pki,terraformCloud" && /build a second CA/.test(e.issues[1].message),
    );
  });

  it("spreads estates over the clock: the minute and hour come from the estate's name", () => {
    const cron = (name: string) => renewalCadence(topologyOf({ ...DEFAULT_TOPOLOGY, name })).cron;
    assert.notEqual(cron("edge"), cron("core"));
    assert.equal(cron("edge"), cron("edge"));
  });
});
