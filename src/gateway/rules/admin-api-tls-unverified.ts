import { TerraformProvider } from "cdktf";
import { IConstruct } from "constructs";
import { isProvider } from "../../core/construct-kinds";
import { defineRule } from "../../core/rules/rule";
import { argumentOf } from "../../core/rules/terraform-arguments";

export const adminApiTlsUnverified = defineRule<TerraformProvider>({
  id: "KHA-SEC-007",
  name: "admin-api-tls-unverified",
  level: "warning",
  cause: "Terraform talks to Kong's Admin API without verifying its TLS certificate.",
  explanation:
    "With `tls_skip_verify` the kong provider accepts any certificate, so anyone who can sit between " +
    "the Terraform run and the Admin API (a spoofed DNS answer, a hijacked route) receives the admin " +
    "credentials and can rewrite the gateway's configuration. Give the Admin API a certificate from " +
    "the estate's CA and trust that CA on the machine that runs Terraform instead.",
  fix: "Remove tls_skip_verify from the kong provider; serve the Admin API with a certificate the Terraform runner trusts.",
  appliesTo: (node: IConstruct): node is TerraformProvider => isProvider(node) && node.terraformResourceType === "kong",
  targets: { terraformTypes: ["kong"] },
  check: (provider) =>
    argumentOf(provider, "tls_skip_verify") === true ? [`kong provider "${provider.node.id}" skips TLS verification of the Admin API.`] : [],
});
