import { Fn } from "cdktf";

/**
 * A certificate with its key, as the library hands it to secret stores and to Kong. Every field is
 * a Terraform reference: the material exists only at apply time and in state, never in the JSON.
 */
export interface CertificateBundle {
  /** The leaf certificate, PEM. */
  readonly certificatePem: string;
  /** Its private key, PEM (PKCS#8 for tls-issued keys). */
  readonly privateKeyPem: string;
  /** The issuing chain, leaf excluded, up to and including the root, PEM. */
  readonly caChainPem: string;
}

/** The usages a certificate is issued for. */
export type CertificatePurpose = "server" | "client";

/** What every issued certificate exposes, whichever CA (tls or Vault) issued it. */
export interface IIssuedCertificate {
  readonly purpose: CertificatePurpose;
  readonly bundle: CertificateBundle;
  /** Leaf + chain, PEM: what a TLS server presents. */
  readonly fullChainPem: string;
}

/**
 * PEM blocks as one bundle, each block on lines of its own whatever it ends with: the tls provider
 * ends a PEM with a newline, Vault and AWS Private CA do not, and a bundle glued at
 * `-----END CERTIFICATE----------BEGIN CERTIFICATE-----` is one no TLS library reads.
 */
export function pemBundle(...pems: readonly string[]): string {
  return `${Fn.join(
    "\n",
    pems.map((pem) => Fn.trimspace(pem)),
  )}\n`;
}
