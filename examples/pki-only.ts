// Just the PKI: a self-contained CA (hashicorp/tls) with an intermediate, a server and a client
// certificate, kept in Vault KV v2 with write-only arguments, and a Vault policy that reads exactly
// one bundle. No Kong, no AWS.
//
//   npx cdktf synth --app "npx tsx examples/pki-only.ts" --output cdktf.out/pki-only
//   VAULT_TOKEN=... terraform -chdir=cdktf.out/pki-only/stacks/pki-only apply   (Terraform >= 1.11)
import { App, AppConfig, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { VaultProvider } from "@cdktf/provider-vault/lib/provider";
// In your project: from "cdktf-kong-ha".
import { CertificateAuthority, RuleSuppressions, storeCertificate, useFaithfulHcl, VaultKvStore } from "../src";

export class PkiOnlyStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    useFaithfulHcl(this);
    // A tls CA keeps its keys in this stack's state (rule KHA-SEC-009): the trade-off of a CA with no AWS and no Vault PKI engine.
    RuleSuppressions.add(this, {
      id: "KHA-SEC-009",
      reason:
        "A self-contained CA with no AWS and no Vault PKI engine: its keys sit in this stack's state, so keep that state in an encrypted backend only this stack's runner reads.",
    });
    new TlsProvider(this, "tls", {});
    // The token comes from VAULT_TOKEN in the environment of the run, never from the code.
    new VaultProvider(this, "vault", { address: "https://vault.example.com:8200" });
    // Write-only arguments (data_json_wo) need the vault provider 5.x.
    this.addOverride("terraform.required_providers.vault.version", "~> 5.6");

    const ca = new CertificateAuthority(this, "ca", {
      commonName: "Platform Kong Root CA",
      organization: "Example Corp",
      intermediate: {}, // the root's key signs once; leaves come from the intermediate
    });
    const server = ca.issueServerCertificate("kong-proxy", { dnsNames: ["api.example.com", "east.api.example.com"] });
    const client = ca.issueClientCertificate("payments-batch", { commonName: "payments-batch", validityHours: 720, earlyRenewalHours: 240 });

    // Or VaultKvStore.fromMount(this, "kv", "secret") for a mount that already exists.
    const kv = new VaultKvStore(this, "kv", { path: "platform-tls" });
    storeCertificate(kv, "server", "kong/server", server.bundle);
    storeCertificate(kv, "client", "clients/payments-batch", client.bundle);
    kv.grantRead("kong-east", ["kong/server"]);

    // Public material only: the chain clients trust.
    new TerraformOutput(this, "ca_chain_pem", { value: ca.caChainPem });
  }
}

/** The app `cdktf synth` runs for this example. */
export function buildApp(config?: AppConfig): App {
  const app = new App(config);
  new PkiOnlyStack(app, "pki-only");
  return app;
}

if (require.main === module) buildApp().synth();
