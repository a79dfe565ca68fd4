import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { storeCertificate } from "../../../src/secrets/secret-store";
import { VaultKvStore } from "../../../src/secrets/vault-kv-store";
import { configErrorOf, resources, synthStack, testBundle } from "../../support/synth";

describe("VaultKvStore", () => {
  it("mounts KV version 2, protected from destroy", () => {
    const mount = resources(
      synthStack((stack) => new VaultKvStore(stack, "kv")),
      "vault_mount",
    )[0];
    assert.deepEqual([mount.path, mount.type, mount.options, mount.lifecycle], ["kong", "kv", { version: "2" }, { prevent_destroy: true }]);
  });

  it("stores a bundle write-only, in the seed notes' shape plus the chain and the leaf-first chain a server presents", () => {
    const json = synthStack((stack) => storeCertificate(new VaultKvStore(stack, "kv"), "east", "east/server", testBundle(stack)));
    const secret = resources(json, "vault_kv_secret_v2")[0];
    assert.equal(secret.name, "east/server");
    assert.equal(secret.data_json, undefined);
    assert.equal(
      secret.data_json_wo,
      '${jsonencode({"certificate" = tls_self_signed_cert.leaf.cert_pem, "private_key" = tls_private_key.leaf-key.private_key_pem_pkcs8, "ca_chain" = tls_self_signed_cert.leaf.cert_pem, "certificate_chain" = "${join("\\n", [trimspace(tls_self_signed_cert.leaf.cert_pem), trimspace(tls_self_signed_cert.leaf.cert_pem)])}\\n"})}',
    );
  });

  it("versions the write-only value by the certificate, not the key", () => {
    const secret = resources(
      synthStack((stack) => storeCertificate(new VaultKvStore(stack, "kv"), "east", "east/server", testBundle(stack))),
      "vault_kv_secret_v2",
    )[0];
    assert.equal(secret.data_json_wo_version, "${parseint(substr(sha256(tls_self_signed_cert.leaf.cert_pem), 0, 12), 16)}");
  });

  it("uses an existing mount without creating one", () => {
    const json = synthStack((stack) => storeCertificate(VaultKvStore.fromMount(stack, "kv", "secret"), "east", "east/server", testBundle(stack)));
    assert.equal(resources(json, "vault_mount").length, 0);
    assert.equal(resources(json, "vault_kv_secret_v2")[0].mount, "secret");
  });

  it("grants a reader exactly the named secrets", () => {
    const json = synthStack((stack) => VaultKvStore.fromMount(stack, "kv", "kong").grantRead("east", ["east/server", "ca"]));
    assert.equal(
      resources(json, "vault_policy")[0].policy,
      'path "kong/data/east/server" {\n  capabilities = ["read"]\n}\n\npath "kong/data/ca" {\n  capabilities = ["read"]\n}\n',
    );
  });

  it("refuses a mount path with spaces", () => {
    assert.match(configErrorOf((scope) => new VaultKvStore(scope, "kv", { path: "my kv" })).message, /path: "my kv" is not a Vault mount path/);
  });
});
