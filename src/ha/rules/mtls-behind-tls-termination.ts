import { defineRule, instancesOf } from "../../core/rules/rule";
import { KongSite } from "../../site/kong-site";

export const mtlsBehindTlsTermination = defineRule<KongSite>({
  id: "KHA-HA-004",
  name: "mtls-behind-tls-termination",
  level: "error",
  cause: "Client mTLS is required at a site whose public listener terminates TLS before Kong.",
  explanation:
    "A client certificate is presented in the TLS handshake. A load balancer that terminates TLS (a TLS " +
    "listener, an ALB) completes that handshake itself and opens a new one to Kong, so Kong never sees " +
    "the certificate: nginx ssl_verify_client rejects every client (verify on) or none (optional), and the " +
    "Enterprise mtls-auth plugin has nothing to check. TLS must pass through to Kong (TCP listener).",
  fix: 'Use the default TCP pass-through listener (publicListener: { protocol: "TCP" }), or turn client mTLS off.',
  ...instancesOf(KongSite),
  check: (site) =>
    site.requiresClientCertificates && site.terminatesTls
      ? [`site ${site.siteName} requires client certificates, but its public listener terminates TLS: Kong never sees them.`]
      : [],
});
