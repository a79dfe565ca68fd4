// The public API of src/pki: Certificate authorities and issued certificates. Re-exports only;
// what is not listed here is internal. src/index.ts re-exports every layer.
export { AwsPrivateCa, PrivateCaIssuedCertificate } from "./aws-private-ca";
export type { AwsPrivateCaProps } from "./aws-private-ca";
export { CertificateAuthority, DEFAULT_LEAF_EARLY_RENEWAL_HOURS, DEFAULT_LEAF_VALIDITY_HOURS, TlsIssuedCertificate } from "./certificate-authority";
export type {
  CertificateAuthorityProps,
  ExistingCertificateAuthorityProps,
  ICertificateAuthority,
  IIntermediateSigner,
  IntermediateProps,
  IntermediateRequest,
  LeafCertificateProps,
} from "./certificate-authority";
export type { CertificateBundle, CertificatePurpose, IIssuedCertificate } from "./issued-certificate";
export { DEFAULT_KEY } from "./key-spec";
export type { KeySpec } from "./key-spec";
export { VaultIssuedCertificate, VaultPki } from "./vault-pki";
export type { VaultPkiProps, VaultPkiRoleProps } from "./vault-pki";
