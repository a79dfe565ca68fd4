import { Fn } from "cdktf";
import { Construct } from "constructs";
import { CertRequest } from "@cdktf/provider-tls/lib/cert-request";
import { LocallySignedCert } from "@cdktf/provider-tls/lib/locally-signed-cert";
import { SelfSignedCert } from "@cdktf/provider-tls/lib/self-signed-cert";
import { ConfigError } from "../core/config-error";
import { describeValue, Issue, isToken, s } from "../core/schema";
import { CertificateBundle, CertificatePurpose, IIssuedCertificate, pemBundle } from "./issued-certificate";
import { createPrivateKey, KeySpec, keySpecProblems, keySpecSchema } from "./key-spec";
import { allowDestroy } from "../core/destroy-protection";
import { rotatingLeafRequest } from "./key-rotation";

/** A leaf certificate request, whichever CA issues it. */
export interface LeafCertificateProps {
  /**
   * Subject common name.
   * @default the first DNS name (server certificates); required for client certificates
   */
  readonly commonName?: string;
  /**
   * DNS subject alternative names: a site's hostnames plus the estate's global hostname.
   * @default none (a server certificate needs at least one DNS name or IP address)
   */
  readonly dnsNames?: readonly string[];
  /** @default none */
  readonly ipAddresses?: readonly string[];
  /**
   * How long the certificate is valid.
   * @default 2160 (90 days)
   */
  readonly validityHours?: number;
  /**
   * Replace the certificate when this many hours of validity remain: the next apply after that
   * point issues a new one, so certificates are rotated before they expire.
   * @default 720 (30 days)
   */
  readonly earlyRenewalHours?: number;
  /** @default the CA's default: ECDSA P-384 */
  readonly key?: KeySpec;
}

/** Something that issues certificates: a tls-provider CA or a Vault PKI mount. */
export interface ICertificateAuthority {
  /** The certificate that signs leaves (the intermediate when there is one), PEM. */
  readonly certificatePem: string;
  /** The chain above a leaf: issuing CA up to the root, PEM. What clients and Kong trust. */
  readonly caChainPem: string;
  /** Issues a TLS server certificate (`server_auth`). */
  issueServerCertificate(id: string, props: LeafCertificateProps): IIssuedCertificate;
  /** Issues a TLS client certificate (`client_auth`) for mTLS. */
  issueClientCertificate(id: string, props: LeafCertificateProps): IIssuedCertificate;
}

/** A CA that can sign another CA's request: how a Vault intermediate is chained to a root. */
export interface IIntermediateSigner {
  /** Hours of validity the signer has; an intermediate may not outlive it. */
  readonly validityHours?: number;
  /** Signs a CA certificate request; returns the intermediate certificate and the chain above it. */
  signIntermediate(id: string, request: IntermediateRequest): { readonly certificatePem: string; readonly caChainPem: string };
}

export interface IntermediateRequest {
  readonly csrPem: string;
  readonly commonName: string;
  readonly validityHours: number;
}

export const DEFAULT_LEAF_VALIDITY_HOURS = 2160;
export const DEFAULT_LEAF_EARLY_RENEWAL_HOURS = 720;

const leafPropsSchema = s
  .object({
    commonName: s.optional(s.string({ minLength: 1 })),
    dnsNames: s.optional(s.array(s.string({ minLength: 1 }))),
    ipAddresses: s.optional(s.array(s.string({ minLength: 1 }))),
    validityHours: s.optional(s.integer()),
    earlyRenewalHours: s.optional(s.integer()),
    key: s.optional(keySpecSchema),
  })
  .passthrough();

const caPropsSchema = s
  .object({
    commonName: s.string({ minLength: 1 }),
    organization: s.optional(s.string()),
    key: s.optional(keySpecSchema),
    validityDays: s.optional(s.integer()),
    earlyRenewalHours: s.optional(s.integer()),
    intermediate: s.optional(s.object({ commonName: s.optional(s.string({ minLength: 1 })), validityDays: s.optional(s.integer()) })),
    protect: s.optional(s.boolean()),
  })
  .passthrough();

/** Checks a leaf request; `maxHours` is the issuing CA's own validity. */
export function leafProblems(purpose: CertificatePurpose, props: LeafCertificateProps, maxHours: number | undefined): Issue[] {
  const issues: Issue[] = [];
  if (!leafPropsSchema.check(props, "", issues)) return issues;
  const validity = props.validityHours ?? DEFAULT_LEAF_VALIDITY_HOURS;
  const early = props.earlyRenewalHours ?? DEFAULT_LEAF_EARLY_RENEWAL_HOURS;
  if (purpose === "server" && !props.dnsNames?.length && !props.ipAddresses?.length) {
    issues.push({
      path: "dnsNames",
      message: "a server certificate needs at least one DNS name (or IP address): clients verify the name, not the common name",
    });
  }
  if (purpose === "client" && !props.commonName) {
    issues.push({ path: "commonName", message: "a client certificate needs a commonName: Kong maps it to a consumer" });
  }
  if (!Number.isInteger(validity) || validity < 1) {
    issues.push({ path: "validityHours", message: `${describeValue(validity)} is not a positive whole number of hours` });
  } else if (maxHours !== undefined && validity > maxHours) {
    issues.push({
      path: "validityHours",
      message: `${describeValue(validity)} outlives the issuing CA (${maxHours} hours): shorten it or lengthen the CA's validity`,
    });
  }
  if (!Number.isInteger(early) || early < 0 || early >= validity) {
    issues.push({
      path: "earlyRenewalHours",
      message: `${describeValue(early)} must be a whole number of hours below validityHours (${validity}), or the certificate is replaced on every apply`,
    });
  }
  for (const problem of keySpecProblems(props.key, false)) issues.push({ path: "key", message: problem });
  return issues;
}

const CA_USES = ["cert_signing", "crl_signing", "digital_signature"];

function leafUses(purpose: CertificatePurpose, key: KeySpec | undefined): string[] {
  // key_encipherment only means something for RSA key exchange.
  const rsa = key?.algorithm === "RSA";
  return ["digital_signature", ...(rsa ? ["key_encipherment"] : []), purpose === "server" ? "server_auth" : "client_auth"];
}

export interface IntermediateProps {
  /** @default "<commonName> Intermediate" */
  readonly commonName?: string;
  /** @default 1825 (5 years) */
  readonly validityDays?: number;
}

export interface CertificateAuthorityProps {
  /** Subject common name of the root, e.g. "Edge Kong Root CA". */
  readonly commonName: string;
  /** @default none */
  readonly organization?: string;
  /**
   * The CA's key. Also the default for leaves.
   * @default ECDSA P-384
   */
  readonly key?: KeySpec;
  /** @default 3650 (10 years) */
  readonly validityDays?: number;
  /**
   * Re-issue the root (same key) when this many hours remain; every leaf is then re-signed.
   * @default 8760 (1 year), or a tenth of the validity when that is shorter
   */
  readonly earlyRenewalHours?: number;
  /**
   * Issue leaves from an intermediate CA signed by the root, so the root's key signs only once.
   * @default no intermediate: the root signs leaves
   */
  readonly intermediate?: IntermediateProps;
  /**
   * Refuse `terraform destroy` of the CA keys and the root certificate: losing them re-issues every certificate (`prevent_destroy`). Turn off only for throw-away environments.
   * @default true
   */
  readonly protect?: boolean;
}

/** A tls-issued leaf: key, request and certificate signed by a CertificateAuthority. */
export class TlsIssuedCertificate extends Construct implements IIssuedCertificate {
  readonly bundle: CertificateBundle;
  readonly fullChainPem: string;
  readonly certificate: LocallySignedCert;

  constructor(
    scope: Construct,
    id: string,
    readonly purpose: CertificatePurpose,
    issuer: { certificatePem: string; privateKeyPem: string; caChainPem: string; defaultKey?: KeySpec },
    props: LeafCertificateProps,
  ) {
    super(scope, id);
    const keySpec = props.key ?? issuer.defaultKey;
    const validityHours = props.validityHours ?? DEFAULT_LEAF_VALIDITY_HOURS;
    const earlyRenewalHours = props.earlyRenewalHours ?? DEFAULT_LEAF_EARLY_RENEWAL_HOURS;
    // A new key with every renewal (rotatingLeafRequest).
    const { key, request } = rotatingLeafRequest(this, props, keySpec, { validity: validityHours, earlyRenewal: earlyRenewalHours });
    this.certificate = new LocallySignedCert(this, "certificate", {
      certRequestPem: request.certRequestPem,
      caCertPem: issuer.certificatePem,
      caPrivateKeyPem: issuer.privateKeyPem,
      validityPeriodHours: validityHours,
      earlyRenewalHours,
      allowedUses: leafUses(purpose, keySpec),
      setSubjectKeyId: true,
    });
    this.bundle = { certificatePem: this.certificate.certPem, privateKeyPem: key.privateKeyPemPkcs8, caChainPem: issuer.caChainPem };
    this.fullChainPem = pemBundle(this.certificate.certPem, issuer.caChainPem);
  }
}

/** An existing CA brought in by its PEM material (see `CertificateAuthority.fromPem`). */
export interface ExistingCertificateAuthorityProps {
  /** The CA certificate that signs leaves, PEM (public). */
  readonly certificatePem: string;
  /** The CA's private key: a Terraform reference (e.g. from a secret store), never a literal. */
  readonly privateKeyPem: string;
  /** @default the certificate alone (a root) */
  readonly caChainPem?: string;
  /** Validity left on the CA, to refuse leaves that would outlive it. @default not checked */
  readonly validityHours?: number;
}

/**
 * A self-contained CA on hashicorp/tls: a root (ECDSA P-384 by default), an optional intermediate,
 * and server and client leaves with the right key usages, basic constraints and early renewal.
 *
 * Every private key it creates lives in Terraform state (that is how the tls provider works); see
 * docs/PKI.md for what that means and `VaultPki` for keys that never leave Vault.
 */
export class CertificateAuthority extends Construct implements ICertificateAuthority, IIntermediateSigner {
  /** Adopts a CA that exists outside this stack. */
  static fromPem(scope: Construct, id: string, props: ExistingCertificateAuthorityProps): ICertificateAuthority {
    if (!isToken(props.privateKeyPem)) {
      throw new ConfigError(
        [{ path: "privateKeyPem", message: "a CA private key must be a Terraform reference (from a secret store or variable), never a literal in code" }],
        `${scope.node.path}/${id}`,
      );
    }
    return new ExistingCertificateAuthority(scope, id, props);
  }

  readonly certificatePem: string;
  readonly caChainPem: string;
  /** The root certificate, PEM: what clients must trust. */
  readonly rootCertificatePem: string;
  /** Hours of validity of the CA that signs leaves. */
  readonly validityHours: number;
  private readonly signingKeyPem: string;
  private readonly defaultKey?: KeySpec;

  constructor(scope: Construct, id: string, props: CertificateAuthorityProps) {
    super(scope, id);
    const shape: Issue[] = [];
    if (!caPropsSchema.check(props, "", shape)) throw new ConfigError(shape, this.node.path);
    const issues: Issue[] = keySpecProblems(props.key, true).map((message) => ({ path: "key", message }));
    const rootDays = props.validityDays ?? 3650;
    const rootEarly = props.earlyRenewalHours ?? Math.min(8760, Math.floor((rootDays * 24) / 10));
    if (!Number.isInteger(rootDays) || rootDays < 1)
      issues.push({ path: "validityDays", message: `${describeValue(rootDays)} is not a positive whole number of days` });
    if (rootEarly >= rootDays * 24)
      issues.push({ path: "earlyRenewalHours", message: `${describeValue(rootEarly)} must be below the validity (${rootDays * 24} hours)` });
    const intermediateDays = props.intermediate ? (props.intermediate.validityDays ?? 1825) : undefined;
    if (intermediateDays !== undefined && intermediateDays > rootDays) {
      issues.push({ path: "intermediate.validityDays", message: `${describeValue(intermediateDays)} outlives the root (${rootDays} days)` });
    }
    if (issues.length) throw new ConfigError(issues, this.node.path);
    this.defaultKey = props.key;

    const lifecycle = props.protect === false ? undefined : { preventDestroy: true };
    if (props.protect === false) allowDestroy(this);
    const rootKey = createPrivateKey(this, "root-key", props.key, lifecycle);
    // The root certificate is not protected: what clients must never lose is its key, which is. A
    // renewal (early_renewal_hours, or a changed validity) re-issues the root from the same key and
    // subject, so certificates it signed, and clients that trust the old root, keep verifying until the
    // old root expires; the chain below re-issues with it.
    const root = new SelfSignedCert(this, "root", {
      privateKeyPem: rootKey.privateKeyPem,
      subject: [{ commonName: props.commonName, organization: props.organization }],
      isCaCertificate: true,
      allowedUses: CA_USES,
      validityPeriodHours: rootDays * 24,
      earlyRenewalHours: rootEarly,
      setSubjectKeyId: true,
    });
    this.rootCertificatePem = root.certPem;

    if (!props.intermediate) {
      this.certificatePem = root.certPem;
      this.caChainPem = root.certPem;
      this.signingKeyPem = rootKey.privateKeyPem;
      this.validityHours = rootDays * 24;
      return;
    }
    const key = createPrivateKey(this, "intermediate-key", props.key, lifecycle);
    const request = new CertRequest(this, "intermediate-request", {
      privateKeyPem: key.privateKeyPem,
      subject: [{ commonName: props.intermediate.commonName ?? `${props.commonName} Intermediate`, organization: props.organization }],
    });
    const intermediate = new LocallySignedCert(this, "intermediate", {
      certRequestPem: request.certRequestPem,
      caCertPem: root.certPem,
      caPrivateKeyPem: rootKey.privateKeyPem,
      isCaCertificate: true,
      allowedUses: CA_USES,
      validityPeriodHours: intermediateDays! * 24,
      earlyRenewalHours: Math.min(rootEarly, intermediateDays! * 24 - 1),
      setSubjectKeyId: true,
    });
    this.certificatePem = intermediate.certPem;
    this.caChainPem = Fn.join("", [intermediate.certPem, root.certPem]);
    this.signingKeyPem = key.privateKeyPem;
    this.validityHours = intermediateDays! * 24;
  }

  issueServerCertificate(id: string, props: LeafCertificateProps): TlsIssuedCertificate {
    return this.issue(id, "server", props);
  }

  issueClientCertificate(id: string, props: LeafCertificateProps): TlsIssuedCertificate {
    return this.issue(id, "client", props);
  }

  /** Signs another CA's request (e.g. a Vault PKI intermediate) with this CA's signing key. */
  signIntermediate(id: string, request: IntermediateRequest): { certificatePem: string; caChainPem: string } {
    if (request.validityHours > this.validityHours) {
      throw new ConfigError(
        [{ path: "validityHours", message: `${describeValue(request.validityHours)} outlives the signing CA (${this.validityHours} hours)` }],
        `${this.node.path}/${id}`,
      );
    }
    const signed = new LocallySignedCert(this, id, {
      certRequestPem: request.csrPem,
      caCertPem: this.certificatePem,
      caPrivateKeyPem: this.signingKeyPem,
      isCaCertificate: true,
      allowedUses: CA_USES,
      validityPeriodHours: request.validityHours,
      setSubjectKeyId: true,
    });
    return { certificatePem: signed.certPem, caChainPem: this.caChainPem };
  }

  private issue(id: string, purpose: CertificatePurpose, props: LeafCertificateProps): TlsIssuedCertificate {
    const issues = leafProblems(purpose, props, this.validityHours);
    if (issues.length) throw new ConfigError(issues, `${this.node.path}/${id}`);
    return new TlsIssuedCertificate(
      this,
      id,
      purpose,
      { certificatePem: this.certificatePem, privateKeyPem: this.signingKeyPem, caChainPem: this.caChainPem, defaultKey: this.defaultKey },
      props,
    );
  }
}

class ExistingCertificateAuthority extends Construct implements ICertificateAuthority {
  readonly certificatePem: string;
  readonly caChainPem: string;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ExistingCertificateAuthorityProps,
  ) {
    super(scope, id);
    this.certificatePem = props.certificatePem;
    this.caChainPem = props.caChainPem ?? props.certificatePem;
  }

  issueServerCertificate(id: string, props: LeafCertificateProps): IIssuedCertificate {
    return this.issue(id, "server", props);
  }

  issueClientCertificate(id: string, props: LeafCertificateProps): IIssuedCertificate {
    return this.issue(id, "client", props);
  }

  private issue(id: string, purpose: CertificatePurpose, props: LeafCertificateProps): IIssuedCertificate {
    const issues = leafProblems(purpose, props, this.props.validityHours);
    if (issues.length) throw new ConfigError(issues, `${this.node.path}/${id}`);
    return new TlsIssuedCertificate(
      this,
      id,
      purpose,
      { certificatePem: this.certificatePem, privateKeyPem: this.props.privateKeyPem, caChainPem: this.caChainPem },
      props,
    );
  }
}
