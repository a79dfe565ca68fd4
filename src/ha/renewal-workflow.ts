import { stringify } from "yaml";
import { ConfigError } from "../core/config-error";
import { DEFAULT_LEAF_EARLY_RENEWAL_HOURS } from "../pki/certificate-authority";
import { Issue } from "../core/schema";
import { TerraformCloudBackend } from "./kong-ha-stack";
import { homeSite, Topology } from "./resolved-topology";
import { pkiIssuer, pkiStore } from "./pki-settings";

/** How often the scheduled renewal runs, from the shortest renewal window of the estate's certificates. */
export interface RenewalCadence {
  /** Hours between two runs. */
  readonly everyHours: number;
  /** The cron expression (UTC) GitHub Actions runs it on. */
  readonly cron: string;
  /** The renewal window the cadence was chosen for: the hours before expiry when an apply re-issues. */
  readonly windowHours: number;
}

/** Runs the window must hold at least, so that a late or failed run still leaves later ones inside it. */
export const RUNS_PER_RENEWAL_WINDOW = 4;

/**
 * The cadence of the scheduled `pki` apply: weekly, daily or hourly, the slowest that still falls at
 * least RUNS_PER_RENEWAL_WINDOW times inside the renewal window (`pki.earlyRenewalHours`; the CA's
 * own window is a year). The minute and hour come from the estate's name, so that estates sharing a
 * runner pool do not all start at once. Refused, at `pki.earlyRenewalHours`, when even hourly runs
 * would not fall inside it often enough.
 */
export function renewalCadence(topology: Topology): RenewalCadence {
  const windowHours = topology.pki?.earlyRenewalHours ?? DEFAULT_LEAF_EARLY_RENEWAL_HOURS;
  const hash = [...topology.name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 100_000, 7);
  const minute = hash % 60;
  const hour = Math.floor(hash / 60) % 24;
  const weekday = Math.floor(hash / 1440) % 7;
  const cadences: RenewalCadence[] = [
    { everyHours: 168, cron: `${minute} ${hour} * * ${weekday}`, windowHours },
    { everyHours: 24, cron: `${minute} ${hour} * * *`, windowHours },
    { everyHours: 1, cron: `${minute} * * * *`, windowHours },
  ];
  const cadence = cadences.find((c) => c.everyHours * RUNS_PER_RENEWAL_WINDOW <= windowHours);
  if (!cadence) {
    throw new ConfigError(
      [
        {
          path: "pki.earlyRenewalHours",
          message: `${windowHours} hours leaves no room for a scheduled renewal: give at least ${RUNS_PER_RENEWAL_WINDOW} (an hourly run must fall inside the window ${RUNS_PER_RENEWAL_WINDOW} times)`,
        },
      ],
      topology.name,
    );
  }
  return cadence;
}

export interface RenewalWorkflowOptions {
  /**
   * Where the stacks keep their state (`selectBackend`): the scheduled run must read the `pki`
   * state the last apply wrote, so local state is refused (a runner would start from nothing and
   * try to build a second CA).
   */
  readonly backend: TerraformCloudBackend | undefined;
  /**
   * The topology file the app synthesizes, relative to the repository root (set as `KONG_HA_CONFIG`).
   * @default none: the app's embedded default
   */
  readonly topologyFile?: string;
}

/**
 * A GitHub Actions workflow that renews the estate's certificates before they expire: on the
 * schedule of `renewalCadence`, `cdktf deploy pki` re-issues every certificate inside its renewal
 * window (tls `early_renewal_hours`, Vault `auto_renew`) and writes the new versions to the store.
 * With the Secrets Manager store that is all: each site's Kong rolls itself when its certificates'
 * secrets change (`RestartOnSecretChange`). With Vault KV, ECS cannot read the store and the gateway
 * stacks carry the PEM, so a second job applies them from a runner that reaches the Admin APIs.
 * Credentials come from the repository's secrets and variables, never from the file.
 */
export function renderRenewalWorkflow(topology: Topology, options: RenewalWorkflowOptions): string {
  const problems: Issue[] = [];
  if (!topology.pki || pkiStore(topology.pki) === "none") {
    problems.push({ path: "pki", message: "the estate stores no certificates (no pki section, or store none): there is nothing to renew" });
  }
  const tfc = options.backend;
  if (!tfc) {
    problems.push({
      path: "terraformCloud",
      message:
        "the stacks keep local state, which a scheduled runner cannot read: it would start from nothing and build a second CA. Keep the state in Terraform Cloud (a terraformCloud section, or KONG_HA_BACKEND=cloud with TF_CLOUD_ORGANIZATION)",
    });
  }
  if (problems.length) throw new ConfigError(problems, topology.name);
  const cadence = renewalCadence(topology);
  const pki = topology.pki!;
  const usesVault = pkiIssuer(pki) === "vault" || pkiStore(pki) === "vault-kv";
  const usesAws = pkiStore(pki) === "aws-secrets-manager" || pkiIssuer(pki) === "aws-private-ca";
  const primary = homeSite(topology);
  // Terraform reads a host's token from TF_TOKEN_<host, dots as underscores>.
  const tokenVariable = `TF_TOKEN_${(tfc!.hostname ?? "app.terraform.io").replace(/[.-]/g, "_")}`;

  // The same backend the last deploy used, whether the file or the environment chose it.
  const env: Record<string, string> = {
    CI: "1",
    ...(options.topologyFile ? { KONG_HA_CONFIG: options.topologyFile } : {}),
    KONG_HA_BACKEND: "cloud",
    TF_CLOUD_ORGANIZATION: tfc!.organization,
    KONG_HA_WORKSPACE_PREFIX: tfc!.workspacePrefix,
    ...(tfc!.project ? { TF_CLOUD_PROJECT: tfc!.project } : {}),
    ...(tfc!.hostname ? { TF_CLOUD_HOSTNAME: tfc!.hostname } : {}),
    [tokenVariable]: "${{ secrets.TF_API_TOKEN }}",
    ...(usesVault ? { VAULT_TOKEN: "${{ secrets.VAULT_TOKEN }}" } : {}),
  };
  const setup = [
    { uses: "actions/checkout@v4" },
    { uses: "actions/setup-node@v4", with: { "node-version": 20, cache: "npm" } },
    { uses: "hashicorp/setup-terraform@v3", with: { terraform_version: "1.11.x", terraform_wrapper: false } },
    { run: "npm ci" },
  ];
  const renew = {
    name: "Renew the certificates inside their renewal window",
    "runs-on": usesVault ? ["self-hosted", "kong-ha"] : "ubuntu-latest",
    "timeout-minutes": 30,
    steps: [
      ...setup,
      ...(usesAws
        ? [
            {
              uses: "aws-actions/configure-aws-credentials@v4",
              with: { "role-to-assume": "${{ vars.KONG_HA_PKI_ROLE_ARN }}", "aws-region": primary.region },
            },
          ]
        : []),
      { run: "npx cdktf deploy pki --auto-approve" },
    ],
  };
  const gateways = usesAws
    ? undefined
    : {
        name: "Hand the renewed certificates to each site's Kong",
        needs: "renew",
        "runs-on": ["self-hosted", "kong-ha"],
        "timeout-minutes": 30,
        env:
          topology.edition === "enterprise"
            ? { KONG_ADMIN_TOKEN: "${{ secrets.KONG_ADMIN_CREDENTIAL }}" }
            : {
                KONG_ADMIN_USERNAME: "kong-admin",
                KONG_ADMIN_PASSWORD: "${{ secrets.KONG_ADMIN_CREDENTIAL }}",
                SSL_CERT_FILE: "${{ vars.KONG_HA_CA_BUNDLE }}",
              },
        steps: [...setup, { run: `npx cdktf deploy ${topology.sites.map((s) => `${s.name}-gateway`).join(" ")} --auto-approve` }],
      };
  const workflow = {
    name: `kong-ha certificate renewal (${topology.name})`,
    on: { schedule: [{ cron: cadence.cron }], workflow_dispatch: {} },
    permissions: { contents: "read", ...(usesAws ? { "id-token": "write" } : {}) },
    concurrency: { group: `kong-ha-${topology.name}-renewal`, "cancel-in-progress": false },
    env,
    jobs: { renew, ...(gateways ? { gateways } : {}) },
  };
  const header = [
    `# Generated by \`cdktf-kong-ha renewal-workflow\` for estate ${topology.name}: commit it as .github/workflows/kong-ha-renewal.yml.`,
    `# Certificates are re-issued by the first apply inside their renewal window (${cadence.windowHours} hours before expiry);`,
    `# this runs every ${cadence.everyHours === 168 ? "week" : cadence.everyHours === 24 ? "day" : "hour"} (${cadence.cron}, UTC), at least ${RUNS_PER_RENEWAL_WINDOW} times per window.`,
    usesAws
      ? "# Each site's Kong rolls itself when its certificates' secrets change (RestartOnSecretChange)."
      : "# Vault KV: ECS cannot read the store, so the gateways job hands the new PEM to each site's Kong.",
    "# Needs: " +
      [
        usesAws ? "vars.KONG_HA_PKI_ROLE_ARN (an IAM role GitHub's OIDC provider may assume, allowed to apply the pki stack)" : undefined,
        usesVault ? "secrets.VAULT_TOKEN and a self-hosted runner labelled kong-ha that reaches Vault" : undefined,
        gateways ? "secrets.KONG_ADMIN_CREDENTIAL, vars.KONG_HA_CA_BUNDLE and that runner reaching each Admin API" : undefined,
        "secrets.TF_API_TOKEN (a Terraform Cloud team token that may run the pki workspace)",
      ]
        .filter(Boolean)
        .join("; ") +
      ".",
    "# GitHub pauses scheduled workflows after 60 days without repository activity: watch its runs.",
  ];
  return `${header.join("\n")}\n${stringify(workflow, { lineWidth: 0 })}`;
}
