import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { AcmpcaCertificate } from "@cdktf/provider-aws/lib/acmpca-certificate";
import { AcmpcaCertificateAuthority } from "@cdktf/provider-aws/lib/acmpca-certificate-authority";
import { AcmpcaCertificateAuthorityCertificate } from "@cdktf/provider-aws/lib/acmpca-certificate-authority-certificate";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { ConfigError } from "../core/config-error";
import { allowDestroy } from "../core/destroy-protection";
import { describeValue, Issue, s } from "../core/schema";
import {
  DEFAULT_LEAF_EARLY_RENEWAL_HOURS,
  DEFAULT_LEAF_VALIDITY_HOURS,
  ICertificateAuthority,
  LeafCertificateProps,
  leafProblems,
} from "./certificate-authority";
import { CertificateBundle, CertificatePurpose, IIssuedCertificate, pemBundle } from "./issued-certificate";
import { rotatingLeafRequest } from "./key-rotation";
import { DEFAULT_KEY, KeySpec, keySpecProblems, keySpecSchema } from "./key-spec";

export interface AwsPrivateCaProps {
  /** Subject common name of the root, e.g. "Edge Kong CA". */
  readonly commonName: string;
  /** @default none */
  readonly organization?: string;
  /**
   * The CA's key, generated and kept inside AWS Private CA (never in Terraform state). Also the default for leaves.
   * @default ECDSA P-384
   */
  readonly key?: KeySpec;
  /**
   * How long the root certificate is valid, in years. Renew it before then (docs/PKI.md).
   * @default 10
   */
  readonly validityYears?: number;
  /**
   * Answer OCSP requests for the certificates it issues, so a leaked leaf can be revoked (AWS charges per request).
   * @default true
   */
  readonly ocsp?: boolean;
  /**
   * Refuse `terraform destroy` of the CA (`prevent_destroy`), and keep it restorable for 30 days once
   * deleted: losing it loses the key every certificate chains to. Turn off only for throw-away environments
   * (then 7 days, AWS's minimum).
   * @default true
   */
  readonly protect?: boolean;
  /**
   * The aws provider (and so the region) the CA lives in.
   * @default the stack's default aws provider
   */
  readonly provider?: TerraformProvider;
}

/** AWS Private CA's names for the library's key specs: the CA's key algorithm and the signature it makes. */
function algorithmsOf(spec: KeySpec | undefined): { readonly keyAlgorithm: string; readonly signingAlgorithm: string } {
  const key = { ...DEFAULT_KEY, ...spec };
  if (key.algorithm === "RSA") return { keyAlgorithm: `RSA_${key.rsaBits}`, signingAlgorithm: "SHA256WITHRSA" };
  const byCurve = {
    P256: { keyAlgorithm: "EC_prime256v1", signingAlgorithm: "SHA256WITHECDSA" },
    P384: { keyAlgorithm: "EC_secp384r1", signingAlgorithm: "SHA384WITHECDSA" },
    P521: { keyAlgorithm: "EC_secp521r1", signingAlgorithm: "SHA512WITHECDSA" },
  };
  return byCurve[key.ecdsaCurve];
}

/**
 * Why a leaf validity cannot be issued by AWS Private CA, or undefined when it can: the API takes a
 * validity in whole days (`DAYS`), so hours must be a multiple of 24.
 */
export function privateCaValidityProblem(validityHours: number): string | undefined {
  return validityHours % 24 === 0
    ? undefined
    : `${describeValue(validityHours)} is not a whole number of days: AWS Private CA issues for whole days, use a multiple of 24`;
}

const propsSchema = s
  .object({
    commonName: s.string({ minLength: 1 }),
    organization: s.optional(s.string()),
    key: s.optional(keySpecSchema),
    validityYears: s.optional(s.integer([1, 100])),
    ocsp: s.optional(s.boolean()),
    protect: s.optional(s.boolean()),
  })
  .passthrough();

/** A leaf whose key and request are made here (tls provider) and whose certificate AWS Private CA signs. */
export class PrivateCaIssuedCertificate extends Construct implements IIssuedCertificate {
  readonly bundle: CertificateBundle;
  readonly fullChainPem: string;
  readonly certificate: AcmpcaCertificate;

  constructor(
    scope: Construct,
    id: string,
    readonly purpose: CertificatePurpose,
    issuer: {
      readonly arn: string;
      readonly signingAlgorithm: string;
      readonly partition: string;
      readonly defaultKey?: KeySpec;
      readonly provider?: TerraformProvider;
    },
    props: LeafCertificateProps,
  ) {
    super(scope, id);
    const validityHours = props.validityHours ?? DEFAULT_LEAF_VALIDITY_HOURS;
    const earlyRenewalHours = props.earlyRenewalHours ?? DEFAULT_LEAF_EARLY_RENEWAL_HOURS;
    // AWS Private CA has no early renewal: the key follows the renewal clock, and a new request is a new certificate.
    const { key, request } = rotatingLeafRequest(this, props, props.key ?? issuer.defaultKey, { validity: validityHours, earlyRenewal: earlyRenewalHours });
    const template = purpose === "server" ? "EndEntityServerAuthCertificate" : "EndEntityClientAuthCertificate";
    this.certificate = new AcmpcaCertificate(this, "certificate", {
      certificateAuthorityArn: issuer.arn,
      certificateSigningRequest: request.certRequestPem,
      signingAlgorithm: issuer.signingAlgorithm,
      templateArn: `arn:${issuer.partition}:acm-pca:::template/${template}/V1`,
      validity: { type: "DAYS", value: String(validityHours / 24) },
      provider: issuer.provider,
    });
    this.bundle = { certificatePem: this.certificate.certificate, privateKeyPem: key.privateKeyPemPkcs8, caChainPem: this.certificate.certificateChain };
    this.fullChainPem = pemBundle(this.certificate.certificate, this.certificate.certificateChain);
  }
}

/**
 * A root CA in AWS Private CA: its private key is generated and kept in AWS's HSMs, so it is never in
 * Terraform state or on the machine that runs Terraform. It signs server and client leaves whose keys
 * and requests are made with the tls provider (those keys are in state, as every key Terraform
 * generates is), renewed with a new key on the same clock as `CertificateAuthority`'s leaves.
 *
 * A general-purpose private CA costs money while it exists (docs/PKI.md has the figures).
 */
export class AwsPrivateCa extends Construct implements ICertificateAuthority {
  readonly certificatePem: string;
  readonly caChainPem: string;
  /** The CA's ARN, once its root certificate is installed. */
  readonly arn: string;
  readonly authority: AcmpcaCertificateAuthority;
  /** Hours of validity of the root. */
  readonly validityHours: number;
  private readonly signingAlgorithm: string;
  private readonly partition: string;
  private readonly defaultKey?: KeySpec;
  private readonly provider?: TerraformProvider;

  constructor(scope: Construct, id: string, props: AwsPrivateCaProps) {
    super(scope, id);
    const issues: Issue[] = [];
    if (!propsSchema.check(props, "", issues)) throw new ConfigError(issues, this.node.path);
    for (const message of keySpecProblems(props.key, true)) issues.push({ path: "key", message });
    if (issues.length) throw new ConfigError(issues, this.node.path);
    const years = props.validityYears ?? 10;
    const protect = props.protect !== false;
    if (!protect) allowDestroy(this);
    const { keyAlgorithm, signingAlgorithm } = algorithmsOf(props.key);
    this.signingAlgorithm = signingAlgorithm;
    this.defaultKey = props.key;
    this.provider = props.provider;
    this.validityHours = years * 365 * 24;

    this.authority = new AcmpcaCertificateAuthority(this, "authority", {
      type: "ROOT",
      certificateAuthorityConfiguration: {
        keyAlgorithm,
        signingAlgorithm,
        subject: { commonName: props.commonName, organization: props.organization },
      },
      revocationConfiguration: props.ocsp === false ? undefined : { ocspConfiguration: { enabled: true } },
      permanentDeletionTimeInDays: protect ? 30 : 7,
      lifecycle: protect ? { preventDestroy: true } : undefined,
      provider: props.provider,
    });
    this.partition = new DataAwsPartition(this, "partition", { provider: props.provider }).partition;
    const root = new AcmpcaCertificate(this, "root", {
      certificateAuthorityArn: this.authority.arn,
      certificateSigningRequest: this.authority.certificateSigningRequest,
      signingAlgorithm,
      templateArn: `arn:${this.partition}:acm-pca:::template/RootCACertificate/V1`,
      validity: { type: "YEARS", value: String(years) },
      provider: props.provider,
    });
    // A CA issues nothing until its own certificate is installed: leaves name the CA through this resource.
    const installed = new AcmpcaCertificateAuthorityCertificate(this, "root-installed", {
      certificateAuthorityArn: this.authority.arn,
      certificate: root.certificate,
      certificateChain: root.certificateChain,
      provider: props.provider,
    });
    this.arn = installed.certificateAuthorityArn;
    this.certificatePem = root.certificate;
    this.caChainPem = root.certificate;
  }

  issueServerCertificate(id: string, props: LeafCertificateProps): PrivateCaIssuedCertificate {
    return this.issue(id, "server", props);
  }

  issueClientCertificate(id: string, props: LeafCertificateProps): PrivateCaIssuedCertificate {
    return this.issue(id, "client", props);
  }

  private issue(id: string, purpose: CertificatePurpose, props: LeafCertificateProps): PrivateCaIssuedCertificate {
    const issues = leafProblems(purpose, props, this.validityHours);
    const notWholeDays = privateCaValidityProblem(props.validityHours ?? DEFAULT_LEAF_VALIDITY_HOURS);
    if (notWholeDays && !issues.some((i) => i.path === "validityHours")) issues.push({ path: "validityHours", message: notWholeDays });
    if (issues.length) throw new ConfigError(issues, `${this.node.path}/${id}`);
    return new PrivateCaIssuedCertificate(
      this,
      id,
      purpose,
      { arn: this.arn, signingAlgorithm: this.signingAlgorithm, partition: this.partition, defaultKey: this.defaultKey, provider: this.provider },
      props,
    );
  }
}
