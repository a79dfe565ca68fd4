import { formats } from "../core/formats";
import { Infer, s } from "../core/schema";
import { privateCaValidityProblem } from "../pki/aws-private-ca";
import { DEFAULT_LEAF_EARLY_RENEWAL_HOURS, DEFAULT_LEAF_VALIDITY_HOURS } from "../pki/certificate-authority";

/** Where issued bundles are kept when a `pki:` section names no `store`. */
export const DEFAULT_PKI_STORE = "vault-kv";

/**
 * The topology file's `pki:` section: who issues the estate's certificates, where they are kept, and
 * whether clients must present certificates.
 */
export const pkiConfigSchema = s
  .object({
    issuer: s.optional(
      s
        .enum(["aws-private-ca", "vault", "tls"])
        .describe(
          "aws-private-ca: a root CA in AWS Private CA, its key never leaves AWS; vault: Vault's PKI engine, the CA key never leaves Vault; tls: a CA whose keys are kept in Terraform state (hashicorp/tls). Default: vault when a vault section is given, else aws-private-ca",
        ),
    ),
    store: s.optional(s.enum(["vault-kv", "aws-secrets-manager", "none"]).describe("where issued bundles are kept for the Kong nodes"), DEFAULT_PKI_STORE),
    vault: s.optional(
      s.object({
        address: s.string({ pattern: { regex: /^https?:\/\/[^\s/]+(:\d+)?\/?$/, means: "a Vault address such as https://vault.example.com:8200" } }),
        pkiPath: s.optional(s.string({ minLength: 1 }), "pki"),
        kvPath: s.optional(s.string({ minLength: 1 }), "kong"),
      }),
    ),
    key: s.optional(
      s.object({
        algorithm: s.optional(s.enum(["ECDSA", "RSA"]), "ECDSA"),
        ecdsaCurve: s.optional(s.enum(["P256", "P384", "P521"]), "P384"),
        rsaBits: s.optional(s.enum([2048, 3072, 4096]), 4096),
      }),
    ),
    certificateValidityHours: s.optional(s.integer([1, 87600]), DEFAULT_LEAF_VALIDITY_HOURS),
    earlyRenewalHours: s.optional(s.integer([0, 87599]), DEFAULT_LEAF_EARLY_RENEWAL_HOURS),
    clients: s.optional(
      s
        .array(s.object({ name: formats.identifier().describe("client identity: the certificate's common name") }), {
          uniqueBy: (c) => c.name,
          uniqueWhat: "client",
        })
        .describe("client certificates to issue for mTLS"),
    ),
    clientMtls: s.optional(
      s
        .enum(["off", "optional", "required"])
        .describe("require client certificates at the gateway (enterprise: mtls-auth plugin; oss: nginx ssl_verify_client on the node)"),
      "off",
    ),
    awsAdministrators: s.optional(
      s
        .array(s.string({ pattern: { regex: /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[^\s]+$/, means: "an IAM role or user ARN" } }), { minItems: 1 })
        .describe(
          "with store aws-secrets-manager: the roles that run Terraform and break-glass admins, who may read every stored secret besides its readers (a site's keys: its execution role; the chain: every site's). Default: the role running Terraform at that apply",
        ),
    ),
    caCertificateIds: s.optional(
      s
        .array(s.string({ pattern: { regex: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, means: "a Kong /ca_certificates UUID" } }), {
          minItems: 1,
        })
        .describe("Kong /ca_certificates IDs for mtls-auth (the kong provider has no CA-certificate resource: upload the CA, then list its ID here)"),
    ),
  })
  .refine((pki, path, issues) => {
    if ((pkiIssuer(pki) === "vault" || (pki.store ?? DEFAULT_PKI_STORE) === "vault-kv") && !pki.vault) {
      issues.push({ path: `${path}.vault`, message: `is required when issuer is "vault" or store is "vault-kv": give at least vault.address` });
    }
    const validityHours = pki.certificateValidityHours ?? DEFAULT_LEAF_VALIDITY_HOURS;
    const notWholeDays = pkiIssuer(pki) === "aws-private-ca" ? privateCaValidityProblem(validityHours) : undefined;
    if (notWholeDays) issues.push({ path: `${path}.certificateValidityHours`, message: notWholeDays });
    if ((pki.earlyRenewalHours ?? DEFAULT_LEAF_EARLY_RENEWAL_HOURS) >= validityHours) {
      issues.push({ path: `${path}.earlyRenewalHours`, message: "must be below certificateValidityHours, or certificates are replaced on every apply" });
    }
  });

export type PkiConfig = Infer<typeof pkiConfigSchema>;

/** The store a `pki:` section uses: its `store`, else `DEFAULT_PKI_STORE`. */
export function pkiStore(pki: PkiConfig): NonNullable<PkiConfig["store"]> {
  return pki.store ?? DEFAULT_PKI_STORE;
}

/**
 * The issuer a `pki:` section uses: its `issuer`, else one whose CA key is never in Terraform state:
 * Vault's PKI engine when the section names a Vault, AWS Private CA otherwise.
 */
export function pkiIssuer(pki: Pick<PkiConfig, "issuer" | "vault">): NonNullable<PkiConfig["issuer"]> {
  return pki.issuer ?? (pki.vault ? "vault" : "aws-private-ca");
}
