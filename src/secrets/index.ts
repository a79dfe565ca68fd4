// The public API of src/secrets: Secret stores for certificates and keys. Re-exports only;
// what is not listed here is internal. src/index.ts re-exports every layer.
export { AwsSecretsManagerStore } from "./aws-secrets-manager-store";
export type { AwsSecretsManagerStoreProps, SecretReplica } from "./aws-secrets-manager-store";
export { storeCertificate } from "./secret-store";
export type { ISecretStore, StoredSecret } from "./secret-store";
export { VaultKvStore } from "./vault-kv-store";
export type { VaultKvStoreProps } from "./vault-kv-store";
