import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CertificateAuthority } from "../../../src/pki/certificate-authority";
import { VaultPki } from "../../../src/pki/vault-pki";
import { configErrorOf, resources, synthStack } from "../../support/synth";

describe("VaultPki", () => {
  it("mounts the PKI engine with its max lease TTL", () => {
    const mount = resources(
      synthStack((stack) => new VaultPki(stack, "pki", { commonName: "Edge CA" })),
      "vault_mount",
    )[0];
    assert.deepEqual([mount.path, mount.type, mount.max_lease_ttl_seconds], ["pki", "pki", 315360000]);
  });

  it("generates the root inside Vault so the CA key never leaves it", () => {
    const root = resources(
      synthStack((stack) => new VaultPki(stack, "pki", { commonName: "Edge CA" })),
      "vault_pki_secret_backend_root_cert",
    )[0];
    assert.deepEqual([root.type, root.key_type, root.key_bits, root.common_name], ["internal", "ec", 384, "Edge CA"]);
  });

  it("chains an intermediate generated inside Vault to a tls CA", () => {
    const json = synthStack((stack) => {
      const root = new CertificateAuthority(stack, "root", { commonName: "Offline Root" });
      new VaultPki(stack, "pki", { commonName: "Edge Issuing CA", signedBy: root });
    });
    const request = resources(json, "vault_pki_secret_backend_intermediate_cert_request")[0];
    const signed = resources(json, "tls_locally_signed_cert")[0];
    const setSigned = resources(json, "vault_pki_secret_backend_intermediate_set_signed")[0];
    assert.equal(request.type, "internal");
    assert.match(signed.cert_request_pem, /vault_pki_secret_backend_intermediate_cert_request\.pki_intermediate-request_[0-9A-F]+\.csr/);
    assert.equal(signed.is_ca_certificate, true);
    assert.match(setSigned.certificate, /tls_locally_signed_cert\.root_pki-intermediate_[0-9A-F]+\.cert_pem/);
    assert.equal(resources(json, "vault_pki_secret_backend_root_cert").length, 0);
  });

  it("chains an intermediate mount to a root mount", () => {
    const json = synthStack((stack) => {
      const root = new VaultPki(stack, "root", { commonName: "Root", path: "pki-root" });
      new VaultPki(stack, "issuing", { commonName: "Issuing", path: "pki-issuing", signedBy: root, maxLeaseTtl: "43800h" });
    });
    assert.match(resources(json, "vault_pki_secret_backend_root_sign_intermediate")[0].csr, /intermediate_cert_request\.issuing_intermediate-request/);
  });

  it("writes issuing and CRL URLs into certificates", () => {
    const urls = resources(
      synthStack((stack) => new VaultPki(stack, "pki", { commonName: "Edge CA", vaultAddress: "https://vault.example.com:8200/" })),
      "vault_pki_secret_backend_config_urls",
    )[0];
    assert.deepEqual(
      [urls.issuing_certificates, urls.crl_distribution_points],
      [["https://vault.example.com:8200/v1/pki/ca"], ["https://vault.example.com:8200/v1/pki/crl"]],
    );
  });

  it("creates roles with allowed domains, flags, key type and max TTL", () => {
    const json = synthStack((stack) => {
      new VaultPki(stack, "pki", { commonName: "Edge CA" }).addRole("kong-east", {
        allowedDomains: ["api.example.com"],
        allowSubdomains: true,
        clientFlag: true,
        maxTtl: "72h",
      });
    });
    const role = resources(json, "vault_pki_secret_backend_role")[0];
    assert.deepEqual(
      [role.name, role.allowed_domains, role.allow_subdomains, role.server_flag, role.client_flag, role.key_type, role.max_ttl, role.allow_glob_domains],
      ["kong-east", ["api.example.com"], true, true, true, "ec", "259200", false],
    );
  });

  it("issues certificates that Terraform renews before they expire", () => {
    const json = synthStack((stack) => {
      new VaultPki(stack, "pki", { commonName: "Edge CA" }).issueServerCertificate("east", {
        dnsNames: ["api.example.com", "east.api.example.com"],
        validityHours: 72,
        earlyRenewalHours: 24,
      });
    });
    const cert = resources(json, "vault_pki_secret_backend_cert")[0];
    assert.deepEqual(
      [cert.common_name, cert.alt_names, cert.ttl, cert.auto_renew, cert.min_seconds_remaining],
      ["api.example.com", ["api.example.com", "east.api.example.com"], "72h", true, 86400],
    );
  });

  it("re-issues a certificate when its role changes (the provider updates ttl in place otherwise)", () => {
    const json = synthStack((stack) => {
      new VaultPki(stack, "pki", { commonName: "Edge CA" }).issueServerCertificate("east", { dnsNames: ["api.example.com"] });
    });
    const cert = resources(json, "vault_pki_secret_backend_cert")[0];
    assert.match(cert.lifecycle.replace_triggered_by[0], /^vault_pki_secret_backend_role\.pki_role-east_[0-9A-F]+$/);
  });

  it("gives each issued certificate its own least-privilege role", () => {
    const json = synthStack((stack) => {
      new VaultPki(stack, "pki", { commonName: "Edge CA" }).issueClientCertificate("partner", { commonName: "partner-portal" });
    });
    const role = resources(json, "vault_pki_secret_backend_role")[0];
    assert.deepEqual([role.allowed_domains, role.server_flag, role.client_flag, role.enforce_hostnames], [["partner-portal"], false, true, false]);
  });

  it("refuses a role TTL above the mount's maximum", () => {
    const error = configErrorOf((scope) =>
      new VaultPki(scope, "pki", { commonName: "Edge CA", maxLeaseTtl: "720h", caTtl: "720h" }).addRole("r", {
        allowedDomains: ["a.example.com"],
        maxTtl: "8760h",
      }),
    );
    assert.equal(error.message, 'test/pki/role-r: maxTtl: "8760h" is above the mount\'s max lease TTL (720h): lower it or raise maxLeaseTtl');
  });

  it("refuses a certificate TTL above the mount's maximum", () => {
    const error = configErrorOf((scope) =>
      new VaultPki(scope, "pki", { commonName: "Edge CA", maxLeaseTtl: "720h", caTtl: "720h" }).issueServerCertificate("east", {
        dnsNames: ["a.example.com"],
        validityHours: 721,
        earlyRenewalHours: 1,
      }),
    );
    assert.match(error.message, /validityHours: 721 outlives the issuing CA|validityHours: 721h is above the mount's max lease TTL/);
  });

  it("refuses a CA TTL that is not a duration", () => {
    assert.match(
      configErrorOf((scope) => new VaultPki(scope, "pki", { commonName: "Edge CA", caTtl: "ten years" })).message,
      /caTtl: "ten years" is not a Vault duration/,
    );
  });

  it("refuses a role that is neither server nor client", () => {
    const error = configErrorOf((scope) =>
      new VaultPki(scope, "pki", { commonName: "Edge CA" }).addRole("r", { allowedDomains: ["a.example.com"], serverFlag: false }),
    );
    assert.match(error.message, /clientFlag: a role with neither serverFlag nor clientFlag/);
  });

  it("grants a site issuing on its roles and reading its own secrets only", () => {
    const json = synthStack((stack) => {
      const pki = new VaultPki(stack, "pki", { commonName: "Edge CA" });
      pki.grantSite("east", { roles: [pki.addRole("kong-east", { allowedDomains: ["east.api.example.com"] })], readPaths: ["kong/data/east/*"] });
    });
    const policy = resources(json, "vault_policy")[0];
    assert.equal(policy.name, "kong-east");
    assert.match(
      policy.policy,
      /^path "pki\/issue\/\$\{vault_pki_secret_backend_role\.pki_role-kong-east_[0-9A-F]+\.name\}" \{\n {2}capabilities = \["create", "update"\]\n\}\n\npath "kong\/data\/east\/\*" \{\n {2}capabilities = \["read"\]\n\}\n$/,
    );
  });
});
