import { Fn } from "cdktf";
import { Construct } from "constructs";
import { KvSecretV2 } from "@cdktf/provider-vault/lib/kv-secret-v2";
import { Mount } from "@cdktf/provider-vault/lib/mount";
import { Policy } from "@cdktf/provider-vault/lib/policy";
import { ConfigError } from "../core/config-error";
import { describeValue } from "../core/schema";
import { ISecretStore, StoredSecret, writeOnlyVersion } from "./secret-store";
import { allowDestroy } from "../core/destroy-protection";

export interface VaultKvStoreProps {
  /**
   * Path of the KV version 2 mount.
   * @default "kong"
   */
  readonly path?: string;
  /**
   * Refuse `terraform destroy` of the mount and its secrets (`prevent_destroy`). Turn off only for throw-away environments.
   * @default true
   */
  readonly protect?: boolean;
}

/**
 * Vault KV v2 as a secret store. Values are written with `data_json_wo` (write-only, Terraform >= 1.11)
 * and a version derived from the certificate, so they stay out of the secret resource's state.
 */
export class VaultKvStore extends Construct implements ISecretStore {
  /** Uses a KV v2 mount that already exists instead of creating one. */
  static fromMount(scope: Construct, id: string, path: string): VaultKvStore {
    return new VaultKvStore(scope, id, { path }, false);
  }

  readonly kind = "vault-kv" as const;
  /** The mount path (a reference to the mount when this construct created it). */
  readonly path: string;
  readonly mount?: Mount;

  constructor(scope: Construct, id: string, props: VaultKvStoreProps = {}, createMount = true) {
    super(scope, id);
    const path = props.path ?? "kong";
    if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(path)) {
      throw new ConfigError(
        [{ path: "path", message: `${describeValue(path)} is not a Vault mount path (letters, digits, '_', '-', separated by '/')` }],
        this.node.path,
      );
    }
    if (!createMount) {
      this.path = path;
      return;
    }
    this.mount = new Mount(this, "mount", {
      path,
      type: "kv",
      options: { version: "2" },
      description: "Kong certificates and secrets (managed by cdktf-kong-ha)",
      lifecycle: props.protect === false ? undefined : { preventDestroy: true },
    });
    if (props.protect === false) allowDestroy(this);
    this.path = this.mount.path;
  }

  /** A policy (`kong-<reader>`) that may read exactly the named secrets and nothing else. */
  grantRead(reader: string, names: readonly string[]): Policy {
    const rules = names.map((name) => `path "${this.path}/data/${name}" {\n  capabilities = ["read"]\n}`);
    return new Policy(this, `policy-${reader}`, { name: `kong-${reader}`, policy: `${rules.join("\n\n")}\n` });
  }

  store(id: string, name: string, values: { readonly [key: string]: string }, versionSource: string): StoredSecret {
    const secret = new KvSecretV2(this, id, {
      mount: this.path,
      name,
      dataJsonWo: Fn.jsonencode(values),
      dataJsonWoVersion: writeOnlyVersion(versionSource),
    });
    return { name, reference: `${secret.mount}/data/${secret.name}` };
  }
}
