import { Fn, ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { Mount } from "@cdktf/provider-vault/lib/mount";
import { PkiSecretBackendCert } from "@cdktf/provider-vault/lib/pki-secret-backend-cert";
import { PkiSecretBackendConfigUrls } from "@cdktf/provider-vault/lib/pki-secret-backend-config-urls";
import { PkiSecretBackendIntermediateCertRequest } from "@cdktf/provider-vault/lib/pki-secret-backend-intermediate-cert-request";
import { PkiSecretBackendIntermediateSetSigned } from "@cdktf/provider-vault/lib/pki-secret-backend-intermediate-set-signed";
import { PkiSecretBackendRole } from "@cdktf/provider-vault/lib/pki-secret-backend-role";
import { PkiSecretBackendRootCert } from "@cdktf/provider-vault/lib/pki-secret-backend-root-cert";
import { PkiSecretBackendRootSignIntermediate } from "@cdktf/provider-vault/lib/pki-secret-backend-root-sign-intermediate";
import { Policy } from "@cdktf/provider-vault/lib/policy";
import { ConfigError } from "../core/config-error";
import { describeValue, Issue, s } from "../core/schema";
import {
  DEFAULT_LEAF_EARLY_RENEWAL_HOURS,
  DEFAULT_LEAF_VALIDITY_HOURS,
  ICertificateAuthority,
  IIntermediateSigner,
  IntermediateRequest,
  LeafCertificateProps,
  leafProblems,
} from "./certificate-authority";
import { durationSeconds } from "./duration";
import { CertificateBundle, CertificatePurpose, IIssuedCertificate, pemBundle } from "./issued-certificate";
import { DEFAULT_KEY, durationSchema, KeySpec, keySpecProblems, keySpecSchema } from "./key-spec";
import { allowDestroy, protectFromDestroy } from "../core/destroy-protection";

/** A Vault key type and size from a KeySpec: ECDSA P-384 is `ec`/384. */
function vaultKey(spec: KeySpec | undefined): { keyType: string; keyBits: number } {
  const key = { ...DEFAULT_KEY, ...spec };
  return key.algorithm === "RSA" ? { keyType: "rsa", keyBits: key.rsaBits } : { keyType: "ec", keyBits: Number(key.ecdsaCurve.slice(1)) };
}

export interface VaultPkiRoleProps {
  /** Domains certificates may name. */
  readonly allowedDomains: readonly string[];
  /**
   * Allow names below the allowed domains (`east.api.example.com` under `api.example.com`).
   * @default false
   */
  readonly allowSubdomains?: boolean;
  /**
   * Allow the allowed domains themselves.
   * @default true
   */
  readonly allowBareDomains?: boolean;
  /** @default true */
  readonly serverFlag?: boolean;
  /** @default false */
  readonly clientFlag?: boolean;
  /** @default the mount's key: ECDSA P-384 */
  readonly key?: KeySpec;
  /**
   * Longest certificate the role issues, a Vault duration ("72h"); at most the mount's max lease TTL.
   * @default "2160h" (90 days)
   */
  readonly maxTtl?: string;
  /** @default the role's maxTtl */
  readonly ttl?: string;
  /**
   * Require names to be valid hostnames. Off for client roles whose common names are identities.
   * @default true
   */
  readonly enforceHostnames?: boolean;
}

export interface VaultPkiProps {
  /**
   * Mount path of the PKI secrets engine.
   * @default "pki"
   */
  readonly path?: string;
  /**
   * Longest lease the mount issues, a Vault duration. A role's max TTL cannot exceed it.
   * @default "87600h" (10 years: the root's lifetime)
   */
  readonly maxLeaseTtl?: string;
  /** Subject common name of the mount's CA. */
  readonly commonName: string;
  /** @default none */
  readonly organization?: string;
  /**
   * Sign this mount's CA by an existing CA instead of generating a root inside Vault. The CA key is
   * generated inside Vault (`type = internal`) either way, so it never leaves Vault.
   * @default a root generated inside Vault
   */
  readonly signedBy?: IIntermediateSigner;
  /**
   * Lifetime of the mount's CA, a Vault duration.
   * @default "87600h" for a root, "43800h" (5 years) for an intermediate
   */
  readonly caTtl?: string;
  /** @default ECDSA P-384 */
  readonly key?: KeySpec;
  /**
   * Vault's public address, for the issuing-certificate and CRL URLs written into certificates.
   * @default no URLs are configured
   */
  readonly vaultAddress?: string;
  /**
   * Refuse `terraform destroy` of the mount and of the root certificate (destroying either deletes the CA key) (`prevent_destroy`). Turn off only for throw-away environments.
   * @default true
   */
  readonly protect?: boolean;
}

const vaultPkiPropsSchema = s
  .object({
    path: s.optional(s.string({ pattern: { regex: /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, means: "a Vault mount path" } })),
    maxLeaseTtl: s.optional(durationSchema()),
    commonName: s.string({ minLength: 1 }),
    organization: s.optional(s.string()),
    signedBy: s.optional(s.unknown()),
    caTtl: s.optional(durationSchema()),
    key: s.optional(keySpecSchema),
    vaultAddress: s.optional(s.string({ minLength: 1 })),
    protect: s.optional(s.boolean()),
  })
  .passthrough();

const rolePropsSchema = s
  .object({
    allowedDomains: s.array(s.string({ minLength: 1 })),
    allowSubdomains: s.optional(s.boolean()),
    allowBareDomains: s.optional(s.boolean()),
    serverFlag: s.optional(s.boolean()),
    clientFlag: s.optional(s.boolean()),
    key: s.optional(keySpecSchema),
    maxTtl: s.optional(durationSchema()),
    ttl: s.optional(durationSchema()),
    enforceHostnames: s.optional(s.boolean()),
  })
  .passthrough();

/** A certificate issued by Vault (vault_pki_secret_backend_cert), renewed by Terraform before it expires. */
export class VaultIssuedCertificate extends Construct implements IIssuedCertificate {
  readonly bundle: CertificateBundle;
  readonly fullChainPem: string;
  readonly certificate: PkiSecretBackendCert;

  constructor(
    scope: Construct,
    id: string,
    readonly purpose: CertificatePurpose,
    props: { backend: string; role: PkiSecretBackendRole; leaf: LeafCertificateProps },
  ) {
    super(scope, id);
    const leaf = props.leaf;
    const dnsNames = leaf.dnsNames ?? [];
    this.certificate = new PkiSecretBackendCert(this, "certificate", {
      backend: props.backend,
      name: props.role.name,
      commonName: leaf.commonName ?? dnsNames[0],
      altNames: dnsNames.length ? [...dnsNames] : undefined,
      ipSans: leaf.ipAddresses ? [...leaf.ipAddresses] : undefined,
      ttl: `${leaf.validityHours ?? DEFAULT_LEAF_VALIDITY_HOURS}h`,
      autoRenew: true,
      minSecondsRemaining: (leaf.earlyRenewalHours ?? DEFAULT_LEAF_EARLY_RENEWAL_HOURS) * 3600,
      privateKeyFormat: "pkcs8",
      // The provider updates `ttl` in place without re-issuing; tying the certificate to its role
      // makes a changed validity (or any role change) issue a new certificate on the next apply.
      // (Terraform wants a bare address here: cdktf would wrap a resource in "${...}".)
      lifecycle: { replaceTriggeredBy: [`${props.role.terraformResourceType}.${props.role.friendlyUniqueId}`] },
    });
    this.bundle = { certificatePem: this.certificate.certificate, privateKeyPem: this.certificate.privateKey, caChainPem: this.certificate.caChain };
    this.fullChainPem = pemBundle(this.certificate.certificate, this.certificate.caChain);
  }
}

/**
 * HashiCorp Vault's PKI secrets engine: a mount whose CA key is generated inside Vault (a root, or an
 * intermediate signed by another CA), issuing and CRL URLs, roles, issued certificates that Terraform
 * renews before they expire, and policies that let each Kong site issue only its own certificates.
 *
 * Note: `vault write pki/config/ca pem_bundle=@ca.crt` with a certificate alone does not make a
 * working CA (it imports an issuer without a key); this construct never does that.
 */
export class VaultPki extends Construct implements ICertificateAuthority, IIntermediateSigner {
  readonly path: string;
  readonly mount: Mount;
  /** The mount's CA certificate, PEM. */
  readonly certificatePem: string;
  readonly caChainPem: string;
  /** Lifetime of the mount's CA, in hours. */
  readonly validityHours: number;
  /** The mount's max lease TTL, in seconds. */
  readonly maxLeaseTtlSeconds: number;
  private readonly key?: KeySpec;
  /** Resource that must exist before anything is issued (the CA, once signed). */
  private readonly ready: ITerraformDependable;

  constructor(scope: Construct, id: string, props: VaultPkiProps) {
    super(scope, id);
    const shape: Issue[] = [];
    if (!vaultPkiPropsSchema.check(props, "", shape)) throw new ConfigError(shape, this.node.path);
    const issues: Issue[] = keySpecProblems(props.key, true).map((message) => ({ path: "key", message }));
    const maxLease = durationSeconds(props.maxLeaseTtl ?? "87600h");
    const caTtl = durationSeconds(props.caTtl ?? (props.signedBy ? "43800h" : "87600h"));
    if (maxLease === undefined || maxLease === 0)
      issues.push({ path: "maxLeaseTtl", message: `${describeValue(props.maxLeaseTtl)} is not a Vault duration such as "72h"` });
    if (caTtl === undefined || caTtl === 0) issues.push({ path: "caTtl", message: `${describeValue(props.caTtl)} is not a Vault duration such as "43800h"` });
    if (maxLease && caTtl && caTtl > maxLease) {
      issues.push({
        path: "caTtl",
        message: `${describeValue(props.caTtl)} is above the mount's max lease TTL (${props.maxLeaseTtl ?? "87600h"}): Vault would cap the CA`,
      });
    }
    if (props.signedBy?.validityHours !== undefined && caTtl && caTtl / 3600 > props.signedBy.validityHours) {
      issues.push({ path: "caTtl", message: `${describeValue(props.caTtl ?? "43800h")} outlives the signing CA (${props.signedBy.validityHours} hours)` });
    }
    if (issues.length) throw new ConfigError(issues, this.node.path);

    this.path = props.path ?? "pki";
    this.key = props.key;
    this.maxLeaseTtlSeconds = maxLease!;
    this.validityHours = caTtl! / 3600;
    this.mount = new Mount(this, "mount", {
      path: this.path,
      type: "pki",
      description: `PKI for ${props.commonName} (managed by cdktf-kong-ha)`,
      maxLeaseTtlSeconds: maxLease,
      defaultLeaseTtlSeconds: Math.min(maxLease!, DEFAULT_LEAF_VALIDITY_HOURS * 3600),
      lifecycle: props.protect === false ? undefined : { preventDestroy: true },
    });
    if (props.protect === false) allowDestroy(this);
    const subject = { commonName: props.commonName, organization: props.organization, ...vaultKey(props.key) };

    if (!props.signedBy) {
      const root = new PkiSecretBackendRootCert(this, "root", { backend: this.mount.path, type: "internal", ttl: `${caTtl}s`, ...subject });
      // Destroying (or replacing) the root cert makes Vault delete the root's key.
      protectFromDestroy(root, props.protect);
      this.certificatePem = root.certificate;
      this.caChainPem = root.certificate;
      this.ready = root;
    } else {
      const request = new PkiSecretBackendIntermediateCertRequest(this, "intermediate-request", { backend: this.mount.path, type: "internal", ...subject });
      const signed = props.signedBy.signIntermediate(`${id}-intermediate`, { csrPem: request.csr, commonName: props.commonName, validityHours: caTtl! / 3600 });
      const setSigned = new PkiSecretBackendIntermediateSetSigned(this, "intermediate", {
        backend: this.mount.path,
        certificate: Fn.join("\n", [signed.certificatePem, signed.caChainPem]),
      });
      this.certificatePem = signed.certificatePem;
      this.caChainPem = Fn.join("\n", [signed.certificatePem, signed.caChainPem]);
      this.ready = setSigned;
    }

    if (props.vaultAddress) {
      const base = `${props.vaultAddress.replace(/\/+$/, "")}/v1/${this.path}`;
      new PkiSecretBackendConfigUrls(this, "urls", {
        backend: this.mount.path,
        issuingCertificates: [`${base}/ca`],
        crlDistributionPoints: [`${base}/crl`],
      });
    }
  }

  /** Signs another CA's request with this mount's CA (root_sign_intermediate). */
  signIntermediate(id: string, request: IntermediateRequest): { certificatePem: string; caChainPem: string } {
    if (request.validityHours * 3600 > this.maxLeaseTtlSeconds) {
      throw new ConfigError(
        [{ path: "validityHours", message: `${describeValue(request.validityHours)}h is above the mount's max lease TTL` }],
        `${this.node.path}/${id}`,
      );
    }
    const signed = new PkiSecretBackendRootSignIntermediate(this, id, {
      backend: this.mount.path,
      csr: request.csrPem,
      commonName: request.commonName,
      ttl: `${request.validityHours}h`,
      dependsOn: [this.ready],
    });
    return { certificatePem: signed.certificate, caChainPem: this.caChainPem };
  }

  /** A role: which names, flags, key and TTLs certificates issued under it may have. */
  addRole(name: string, props: VaultPkiRoleProps): PkiSecretBackendRole {
    const shape: Issue[] = [];
    if (!rolePropsSchema.check(props, "", shape)) throw new ConfigError(shape, `${this.node.path}/role-${name}`);
    const issues: Issue[] = keySpecProblems(props.key, false).map((message) => ({ path: "key", message }));
    const maxTtl = durationSeconds(props.maxTtl ?? "2160h");
    const ttl = durationSeconds(props.ttl ?? props.maxTtl ?? "2160h");
    if (maxTtl === undefined) issues.push({ path: "maxTtl", message: `${describeValue(props.maxTtl)} is not a Vault duration such as "72h"` });
    else if (maxTtl > this.maxLeaseTtlSeconds) {
      issues.push({
        path: "maxTtl",
        message: `${describeValue(props.maxTtl)} is above the mount's max lease TTL (${this.maxLeaseTtlSeconds / 3600}h): lower it or raise maxLeaseTtl`,
      });
    }
    if (ttl === undefined) issues.push({ path: "ttl", message: `${describeValue(props.ttl)} is not a Vault duration` });
    else if (maxTtl !== undefined && ttl > maxTtl)
      issues.push({ path: "ttl", message: `${describeValue(props.ttl)} is above the role's maxTtl (${props.maxTtl})` });
    if (!props.allowedDomains.length) issues.push({ path: "allowedDomains", message: "needs at least one domain" });
    if (props.serverFlag === false && !props.clientFlag)
      issues.push({ path: "clientFlag", message: "a role with neither serverFlag nor clientFlag issues unusable certificates" });
    if (issues.length) throw new ConfigError(issues, `${this.node.path}/role-${name}`);
    return new PkiSecretBackendRole(this, `role-${name}`, {
      backend: this.mount.path,
      name,
      allowedDomains: [...props.allowedDomains],
      allowSubdomains: props.allowSubdomains ?? false,
      allowBareDomains: props.allowBareDomains ?? true,
      allowGlobDomains: false,
      allowAnyName: false,
      enforceHostnames: props.enforceHostnames ?? true,
      allowIpSans: true,
      serverFlag: props.serverFlag ?? true,
      clientFlag: props.clientFlag ?? false,
      ...vaultKey(props.key ?? this.key),
      maxTtl: `${maxTtl}`,
      ttl: `${ttl}`,
      dependsOn: [this.ready],
    });
  }

  issueServerCertificate(id: string, props: LeafCertificateProps): VaultIssuedCertificate {
    return this.issue(id, "server", props);
  }

  issueClientCertificate(id: string, props: LeafCertificateProps): VaultIssuedCertificate {
    return this.issue(id, "client", props);
  }

  /**
   * A policy that lets one Kong site issue its own certificates through `roles` and read only its own
   * secrets under `readPaths` (e.g. `kong/data/east/*`), and nothing else.
   */
  grantSite(site: string, props: { readonly roles: readonly PkiSecretBackendRole[]; readonly readPaths?: readonly string[] }): Policy {
    const rules = [
      ...props.roles.map((role) => `path "${this.path}/issue/${role.name}" {\n  capabilities = ["create", "update"]\n}`),
      ...(props.readPaths ?? []).map((path) => `path "${path}" {\n  capabilities = ["read"]\n}`),
    ];
    return new Policy(this, `policy-${site}`, { name: `kong-${site}`, policy: `${rules.join("\n\n")}\n` });
  }

  private issue(id: string, purpose: CertificatePurpose, leaf: LeafCertificateProps): VaultIssuedCertificate {
    const issues = leafProblems(purpose, leaf, this.validityHours);
    if ((leaf.validityHours ?? DEFAULT_LEAF_VALIDITY_HOURS) * 3600 > this.maxLeaseTtlSeconds) {
      issues.push({
        path: "validityHours",
        message: `${describeValue(leaf.validityHours ?? DEFAULT_LEAF_VALIDITY_HOURS)}h is above the mount's max lease TTL (${this.maxLeaseTtlSeconds / 3600}h)`,
      });
    }
    if (issues.length) throw new ConfigError(issues, `${this.node.path}/${id}`);
    // One role per certificate, allowing exactly its names: least privilege, and the role's TTL is the leaf's.
    const role = this.addRole(id, {
      allowedDomains: leaf.dnsNames?.length ? leaf.dnsNames : [leaf.commonName!],
      allowBareDomains: true,
      enforceHostnames: purpose === "server" || Boolean(leaf.dnsNames?.length),
      serverFlag: purpose === "server",
      clientFlag: purpose === "client",
      key: leaf.key,
      maxTtl: `${leaf.validityHours ?? DEFAULT_LEAF_VALIDITY_HOURS}h`,
    });
    return new VaultIssuedCertificate(this, id, purpose, { backend: this.mount.path, role, leaf });
  }
}
