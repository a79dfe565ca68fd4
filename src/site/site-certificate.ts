/**
 * A Kong certificate given by reference: Kong resolves each value when it loads the certificate, so
 * the PEM and the key never pass through the Admin API, the plan or the state.
 */
export interface KongCertificateReferences {
  /** Kong secret reference to the certificate chain (leaf first), e.g. `{vault://env/site-tls-cert}`. */
  readonly certificate: string;
  /** Kong secret reference to the private key. */
  readonly privateKey: string;
}

/**
 * Where a site's Kong finds its proxy certificate (`KongCluster.addProxyCertificate`): Kong's `env`
 * vault, bundled with OSS and Enterprise, reads the variables `SITE_TLS_CERT` and `SITE_TLS_KEY`
 * that ECS injects from the certificate's secret when a task starts.
 */
export const SITE_CERTIFICATE_REFERENCES: KongCertificateReferences = {
  certificate: "{vault://env/site-tls-cert}",
  privateKey: "{vault://env/site-tls-key}",
};
