import { Fn } from "cdktf";
import { CertificateBundle, pemBundle } from "../pki/issued-certificate";

/** Where a stored secret lives, for the readers that need it (ECS task secrets, Kong references, policies). */
export interface StoredSecret {
  /** The name it was stored under, e.g. `east/server`. */
  readonly name: string;
  /**
   * The store's address of the secret: a Secrets Manager ARN, or the Vault API path
   * (`<mount>/data/<name>`).
   */
  readonly reference: string;
}

/**
 * A place to keep certificate bundles and other secrets, written with write-only arguments so the
 * values do not also land in the secret resources' state. Implemented by VaultKvStore and
 * AwsSecretsManagerStore; constructs take an ISecretStore, not a mount path or an ARN.
 */
export interface ISecretStore {
  readonly kind: "vault-kv" | "aws-secrets-manager";
  /**
   * Stores a JSON document of string `values` under `name`, write-only. `versionSource` is a public
   * value that changes whenever the values do (a certificate, never a key): a new one writes a new
   * version on the next apply, and nothing else does.
   */
  store(id: string, name: string, values: { readonly [key: string]: string }, versionSource: string): StoredSecret;
}

/**
 * Stores a certificate bundle as `{"certificate", "private_key", "ca_chain", "certificate_chain"}`:
 * the seed notes' shape, the issuing chain, and the leaf followed by that chain, which is what a TLS
 * server presents (Kong's `cert`, `KONG_ADMIN_SSL_CERT`).
 */
export function storeCertificate(store: ISecretStore, id: string, name: string, bundle: CertificateBundle): StoredSecret {
  return store.store(
    id,
    name,
    {
      certificate: bundle.certificatePem,
      private_key: bundle.privateKeyPem,
      ca_chain: bundle.caChainPem,
      certificate_chain: pemBundle(bundle.certificatePem, bundle.caChainPem),
    },
    bundle.certificatePem,
  );
}

/** The write-only version for a version source: a number that changes exactly when the source does. */
export function writeOnlyVersion(versionSource: string): number {
  return Fn.parseint(Fn.substr(Fn.sha256(versionSource), 0, 12), 16);
}
