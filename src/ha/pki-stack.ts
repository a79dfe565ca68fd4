import { DataResource } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { VaultProvider } from "@cdktf/provider-vault/lib/provider";
import { ConfigError } from "../core/config-error";
import { PkiConfig, pkiIssuer, pkiStore } from "./pki-settings";
import { TerraformCloudBackend } from "./kong-ha-stack";
import { homeSite, Topology } from "./resolved-topology";
import { AwsPrivateCa } from "../pki/aws-private-ca";
import { CertificateAuthority, ICertificateAuthority } from "../pki/certificate-authority";
import { IIssuedCertificate } from "../pki/issued-certificate";
import { VaultPki } from "../pki/vault-pki";
import { AwsSecretsManagerStore } from "../secrets/aws-secrets-manager-store";
import { ISecretStore, StoredSecret, storeCertificate } from "../secrets/secret-store";
import { VaultKvStore } from "../secrets/vault-kv-store";
import { KongHaStack } from "./kong-ha-stack";
import { pkiSecretPrefix, siteAdminDnsName, siteDnsNames, siteExecutionRoleName } from "../core/naming";

/** The vault provider range the library's stacks accept: bindings are generated for 5.6.0; write-only arguments need >= 5.0. */
export const VAULT_PROVIDER_CONSTRAINT = "~> 5.6";

export interface PkiStackProps {
  /** The validated topology; its `pki` section says who issues certificates and where they are kept. */
  readonly topology: Topology;
  /**
   * Refuse `terraform destroy` of stores and CAs (`prevent_destroy` / deletion protection).
   * @default the topology's `protect` (true)
   */
  readonly protect?: boolean;
  /** @default local state */
  readonly terraformCloud?: TerraformCloudBackend;
}

/**
 * `pki`: the estate's certificate authority, one server certificate per site (its hostnames plus the
 * global one), the client certificates the topology lists, and their storage in a secret store with
 * per-site read access. Applies against Vault and/or AWS, never against Kong.
 */
export class PkiStack extends KongHaStack {
  readonly ca: ICertificateAuthority;
  readonly store?: ISecretStore;
  /** Server certificates by site name. */
  readonly serverCertificates = new Map<string, IIssuedCertificate>();
  /** Admin API certificates by site name (`kong-admin.<site>.<domain>`). */
  readonly adminCertificates = new Map<string, IIssuedCertificate>();
  /** Client certificates by client name. */
  readonly clientCertificates = new Map<string, IIssuedCertificate>();
  /** Where each bundle was stored, by stored name (`<site>/server`, `clients/<name>`, `ca`). */
  readonly stored = new Map<string, StoredSecret>();

  constructor(scope: Construct, id: string, props: PkiStackProps) {
    super(scope, id, { terraformCloud: props.terraformCloud });
    const { topology } = props;
    const pki: PkiConfig | undefined = topology.pki;
    if (!pki) throw new ConfigError([{ path: "pki", message: "the topology has no pki section: add one, or do not create a PkiStack" }], this.node.path);
    const issuer = pkiIssuer(pki);
    const storeKind = pkiStore(pki);
    const leaf = { validityHours: pki.certificateValidityHours, earlyRenewalHours: pki.earlyRenewalHours };
    const key = pki.key;
    const protect = props.protect ?? props.topology.protect;
    if (protect !== false) this.guardCaAndStore(issuer, storeKind);

    if (issuer === "vault" || storeKind === "vault-kv") {
      // The token comes from VAULT_TOKEN in the environment of the run, never from the JSON.
      new VaultProvider(this, "vault", { address: pki.vault!.address });
      this.addOverride("terraform.required_providers.vault.version", VAULT_PROVIDER_CONSTRAINT);
    }
    // The primary's region holds the private CA and the secrets (replicated to the other sites' regions).
    const primary = homeSite(topology);
    if (issuer === "aws-private-ca" || storeKind === "aws-secrets-manager") new AwsProvider(this, "aws", { region: primary.region });
    // Leaf keys and requests are made by the tls provider unless Vault issues the whole certificate.
    if (issuer !== "vault") new TlsProvider(this, "tls", {});
    if (issuer === "aws-private-ca") {
      this.ca = new AwsPrivateCa(this, "private-ca", { commonName: `${topology.name} Kong CA`, key, protect });
    } else if (issuer === "tls") {
      this.ca = new CertificateAuthority(this, "ca", {
        commonName: `${topology.name} Kong CA`,
        key,
        intermediate: {},
        protect,
      });
    } else {
      this.ca = new VaultPki(this, "vault-pki", {
        path: pki.vault!.pkiPath ?? "pki",
        commonName: `${topology.name} Kong CA`,
        key,
        vaultAddress: pki.vault!.address,
        protect,
      });
    }

    for (const site of topology.sites) {
      this.serverCertificates.set(site.name, this.ca.issueServerCertificate(`server-${site.name}`, { dnsNames: siteDnsNames(topology, site.name), ...leaf }));
    }
    for (const site of topology.sites) {
      this.adminCertificates.set(
        site.name,
        this.ca.issueServerCertificate(`admin-${site.name}`, { dnsNames: [siteAdminDnsName(topology, site.name)], ...leaf }),
      );
    }
    for (const client of pki.clients ?? []) {
      this.clientCertificates.set(client.name, this.ca.issueClientCertificate(`client-${client.name}`, { commonName: client.name, ...leaf }));
    }

    if (storeKind === "none") return;
    if (storeKind === "vault-kv") {
      const kv = new VaultKvStore(this, "kv", { path: pki.vault!.kvPath ?? "kong", protect });
      this.store = kv;
      this.storeAll(kv);
      for (const site of topology.sites) kv.grantRead(site.name, [`${site.name}/server`, `${site.name}/admin`, "ca"]);
      return;
    }
    const account = new DataAwsCallerIdentity(this, "account");
    const replicas = topology.sites
      .filter((s) => s.region !== primary.region)
      .filter((s, i, all) => all.findIndex((o) => o.region === s.region) === i)
      .map((s) => ({ region: s.region, provider: new AwsProvider(this, `aws-${s.region}`, { region: s.region, alias: s.region.replace(/-/g, "_") }) }));
    const roleOf = (site: string) => `arn:aws:iam::${account.accountId}:role/${siteExecutionRoleName(topology, site)}`;
    // A site reads its own keys and the shared chain; client keys are for the administrators to hand out.
    const secretReaders: { [name: string]: string[] } = {};
    for (const site of topology.sites) {
      secretReaders[`${site.name}/server`] = [roleOf(site.name)];
      secretReaders[`${site.name}/admin`] = [roleOf(site.name)];
    }
    for (const client of pki.clients ?? []) secretReaders[`clients/${client.name}`] = [];
    const store = new AwsSecretsManagerStore(this, "secrets", {
      namePrefix: pkiSecretPrefix(topology),
      replicas,
      readers: topology.sites.map((s) => roleOf(s.name)),
      secretReaders,
      administrators: pki.awsAdministrators,
      protect,
    });
    this.store = store;
    this.storeAll(store);
  }

  /**
   * The guard against a topology change that would destroy the protected CA or store: switching
   * `pki.issuer` or `pki.store` drops their resources from the configuration, where
   * `prevent_destroy` no longer reaches them, and the next apply would destroy the CA key. This
   * resource stays in the configuration, is replaced whenever the issuer or store changes, and is
   * itself protected, so Terraform refuses that plan before anything is destroyed. To migrate on
   * purpose, follow docs/PKI.md ("Changing the issuer or the store").
   */
  private guardCaAndStore(issuer: string, store: string): void {
    const selection = { issuer, store };
    new DataResource(this, "ca-and-store-guard", {
      input: {
        ...selection,
        note: "pki.issuer or pki.store changed: this plan would destroy the protected CA and store. See docs/PKI.md, Changing the issuer or the store.",
      },
      triggersReplace: selection,
      lifecycle: { preventDestroy: true },
    });
  }

  private storeAll(store: ISecretStore): void {
    for (const [site, certificate] of this.serverCertificates) {
      this.stored.set(`${site}/server`, storeCertificate(store, `server-${site}`, `${site}/server`, certificate.bundle));
    }
    for (const [site, certificate] of this.adminCertificates) {
      this.stored.set(`${site}/admin`, storeCertificate(store, `admin-${site}`, `${site}/admin`, certificate.bundle));
    }
    for (const [client, certificate] of this.clientCertificates) {
      this.stored.set(`clients/${client}`, storeCertificate(store, `client-${client}`, `clients/${client}`, certificate.bundle));
    }
    // The chain alone: what Kong nodes verify client certificates against (OSS client mTLS).
    this.stored.set("ca", store.store("ca", "ca", { ca_chain: this.ca.caChainPem }, this.ca.caChainPem));
  }
}
