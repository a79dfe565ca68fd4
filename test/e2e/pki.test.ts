// End to end: the pki stack applied for real, with the real terraform CLI and the real tls and vault
// providers, against a Vault dev server on loopback. The issued material is then checked with
// openssl (chain verification and an mTLS handshake), read back from Vault KV, re-planned (no
// changes), rotated, and destroyed.
import assert from "node:assert/strict";
import { ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { CertificateAuthority } from "../../src/pki/certificate-authority";
import { DEFAULT_TOPOLOGY } from "../../src/topology/default-topology";
import { PkiConfig } from "../../src/ha/pki-settings";
import { resolveTopology } from "../../src/topology/resolve-topology";
import { PkiStack } from "../../src/ha/pki-stack";
import { toolchainEnv } from "../support/terraform";
import { freePort, startVaultDev, VaultDevServer } from "../support/vault-server";
import { skipUnless } from "../support/tools";

const SKIP = skipUnless("e2e", "terraform", "openssl", "vault-server");

interface Bundle {
  readonly certificate: string;
  readonly private_key: string;
  readonly ca_chain: string;
  readonly certificate_chain: string;
}

/** Splits a PEM chain into its certificates. */
function pems(chain: string): string[] {
  return chain.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g)?.map((p) => (p.endsWith("\n") ? p : `${p}\n`)) ?? [];
}

function openssl(args: string[], input?: string): { code: number; out: string } {
  const result = spawnSync("openssl", args, { input, encoding: "utf8", timeout: 30_000 });
  return { code: result.status ?? -1, out: `${result.stdout}${result.stderr}` };
}

/** Concatenates PEM blocks (Vault returns them without a trailing newline). */
function pemJoin(...blocks: string[]): string {
  return blocks.map((b) => (b.endsWith("\n") ? b : `${b}\n`)).join("");
}

/** The fingerprint of a PEM certificate, to tell two certificates apart. */
function fingerprint(pem: string): string {
  return openssl(["x509", "-noout", "-fingerprint", "-sha256"], pem).out.trim();
}

class PkiApply {
  readonly dir: string;
  private readonly work = mkdtempSync(join(tmpdir(), "e2e-pki-"));

  constructor(
    private readonly vault: VaultDevServer,
    private readonly pki: Omit<PkiConfig, "vault">,
  ) {
    this.dir = join(this.work, "cdktf.out", "stacks", "pki");
  }

  /** Synthesizes the pki stack (protection off unless asked: this estate is thrown away). */
  synth(overrides: Partial<PkiConfig> = {}, protect = false): void {
    const { topology, issues } = resolveTopology({
      ...DEFAULT_TOPOLOGY,
      insecureLoopbackHttp: true,
      pki: { ...this.pki, ...overrides, vault: { address: this.vault.address } },
    });
    assert.deepEqual(issues, []);
    const app = new App({ outdir: join(this.work, "cdktf.out") });
    new PkiStack(app, "pki", { topology: topology!, protect });
    app.synth();
  }

  terraform(...args: string[]): { code: number; out: string } {
    const env = {
      ...toolchainEnv({ vaultServer: true }),
      VAULT_ADDR: this.vault.address,
      VAULT_TOKEN: this.vault.token,
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
    };
    const result = spawnSync("terraform", [...args, "-no-color"], { cwd: this.dir, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return { code: result.status ?? -1, out: `${result.stdout}${result.stderr}` };
  }

  mustTerraform(...args: string[]): string {
    const { code, out } = this.terraform(...args);
    assert.equal(code, 0, `terraform ${args.join(" ")} failed:\n${out}`);
    return out;
  }

  async bundle(name: string): Promise<Bundle> {
    const { status, json } = await this.vault.api("GET", `kong/data/${name}`);
    assert.equal(status, 200, `kong/data/${name} is not readable from Vault`);
    return (json as { data: { data: Bundle } }).data.data;
  }

  file(name: string, content: string): string {
    const path = join(this.work, name);
    writeFileSync(path, content, { mode: 0o600 });
    return path;
  }
}

/** Runs an `openssl s_server -Verify` for the bundle and returns a function that tries a client against it. */
async function mtlsServer(apply: PkiApply, server: Bundle): Promise<{ connect: (cert?: string, key?: string) => string; stop: () => void }> {
  const port = await freePort();
  const chain = pems(server.ca_chain);
  const root = apply.file("root.pem", chain[chain.length - 1]);
  const child: ChildProcess = spawn(
    "openssl",
    [
      "s_server",
      "-accept",
      `127.0.0.1:${port}`,
      "-www",
      "-quiet",
      "-cert",
      apply.file("server.pem", server.certificate),
      "-key",
      apply.file("server.key", server.private_key),
      "-cert_chain",
      apply.file("server-chain.pem", server.ca_chain),
      "-CAfile",
      apply.file("client-ca.pem", server.ca_chain),
      "-Verify",
      "3",
      "-verify_return_error",
    ],
    { stdio: ["ignore", "ignore", "ignore"] },
  );
  for (let i = 0; i < 100; i++) {
    const probe = spawnSync("bash", ["-c", `exec 3<>/dev/tcp/127.0.0.1/${port}`]);
    if (probe.status === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    connect: (cert?: string, key?: string) =>
      openssl(
        [
          "s_client",
          "-connect",
          `127.0.0.1:${port}`,
          "-servername",
          DEFAULT_TOPOLOGY.domain,
          "-CAfile",
          root,
          "-verify_return_error",
          "-quiet",
          ...(cert && key ? ["-cert", cert, "-key", key] : []),
        ],
        "GET / HTTP/1.0\r\n\r\n",
      ).out,
    stop: () => child.kill("SIGKILL"),
  };
}

for (const issuer of ["tls", "vault"] as const) {
  describe(`pki stack applied for real (issuer ${issuer}, store vault-kv)`, { skip: SKIP }, () => {
    let vault: VaultDevServer;
    let apply: PkiApply;
    let firstServer: Bundle;

    before(async () => {
      vault = await startVaultDev();
      apply = new PkiApply(vault, { issuer, store: "vault-kv", clients: [{ name: "partner-portal" }] });
      apply.synth();
      apply.mustTerraform("init", "-input=false");
    });

    after(async () => {
      await vault?.stop();
    });

    it("applies", () => {
      apply.mustTerraform("apply", "-auto-approve", "-input=false");
    });

    it("stores each site's server bundle in Vault KV in the seed notes' shape plus the chain, and the leaf-first chain a server presents", async () => {
      for (const site of ["east", "west"]) {
        const bundle = await apply.bundle(`${site}/server`);
        assert.deepEqual(Object.keys(bundle).sort(), ["ca_chain", "certificate", "certificate_chain", "private_key"]);
        assert.match(bundle.private_key, /-----BEGIN PRIVATE KEY-----/);
        // What a TLS server loads: openssl reads every block of the leaf-first chain (Vault's PEM has no
        // trailing newline, and a chain glued at "-----END CERTIFICATE----------BEGIN" reads as nothing).
        const file = apply.file(`chain-${site}.pem`, bundle.certificate_chain);
        const read = openssl(["storeutl", "-noout", "-certs", file]);
        assert.match(read.out, new RegExp(`Total found: ${1 + pems(bundle.ca_chain).length}`), read.out);
        assert.equal(pems(bundle.certificate_chain)[0].trim(), bundle.certificate.trim());
      }
      firstServer = await apply.bundle("east/server");
    });

    it("stores what was issued: the KV bundle is the certificate in Terraform state", () => {
      const state = JSON.parse(apply.mustTerraform("show", "-json")) as {
        values: { root_module: { resources: { type: string; address: string; values: { [k: string]: string } }[] } };
      };
      const resources = state.values.root_module.resources;
      const issued =
        issuer === "tls"
          ? resources.filter((r) => r.type === "tls_locally_signed_cert").map((r) => r.values.cert_pem)
          : resources.filter((r) => r.type === "vault_pki_secret_backend_cert").map((r) => r.values.certificate);
      assert.ok(issued.map((pem) => pem.trim()).includes(firstServer.certificate.trim()));
    });

    it("issues a server certificate that openssl verifies against the chain, for the global and the site hostname", () => {
      const chain = pems(firstServer.ca_chain);
      const root = apply.file("verify-root.pem", chain[chain.length - 1]);
      const untrusted = apply.file("verify-untrusted.pem", chain.slice(0, -1).join("") || chain[0]);
      const leaf = apply.file("verify-leaf.pem", firstServer.certificate);
      const verify = openssl(["verify", "-CAfile", root, "-untrusted", untrusted, "-purpose", "sslserver", leaf]);
      assert.equal(verify.code, 0, verify.out);
      const names = openssl(["x509", "-noout", "-ext", "subjectAltName"], firstServer.certificate).out;
      assert.match(names, /DNS:api\.example\.com/);
      assert.match(names, /DNS:east\.api\.example\.com/);
    });

    it("completes an mTLS handshake with the issued client certificate", async () => {
      const client = await apply.bundle("clients/partner-portal");
      const server = await mtlsServer(apply, firstServer);
      try {
        const out = server.connect(apply.file("client.pem", pemJoin(client.certificate, client.ca_chain)), apply.file("client.key", client.private_key));
        assert.match(out, /HTTP\/1\.0 200 ok/, out);
      } finally {
        server.stop();
      }
    });

    it("refuses a client without a certificate, and one from another CA", async () => {
      const server = await mtlsServer(apply, firstServer);
      try {
        assert.doesNotMatch(server.connect(), /HTTP\/1\.0 200 ok/);
        const otherKey = apply.file("other.key", openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]).out);
        const other = apply.file("other.pem", openssl(["req", "-x509", "-new", "-key", otherKey, "-subj", "/CN=partner-portal", "-days", "1"]).out);
        assert.doesNotMatch(server.connect(other, otherKey), /HTTP\/1\.0 200 ok/);
      } finally {
        server.stop();
      }
    });

    it("plans no changes on a second run", () => {
      const { code, out } = apply.terraform("plan", "-detailed-exitcode", "-input=false");
      assert.equal(code, 0, `expected no changes:\n${out}`);
    });

    it("issues new certificates and rewrites the stores when the validity is shortened", async () => {
      apply.synth({ certificateValidityHours: 48, earlyRenewalHours: 24 });
      apply.mustTerraform("apply", "-auto-approve", "-input=false");
      const renewed = await apply.bundle("east/server");
      assert.notEqual(fingerprint(renewed.certificate), fingerprint(firstServer.certificate));
      const days = openssl(["x509", "-noout", "-checkend", String(49 * 3600)], renewed.certificate);
      assert.notEqual(days.code, 0, "the renewed certificate should expire within 49 hours");
    });

    it("destroys everything it created", async () => {
      apply.mustTerraform("destroy", "-auto-approve", "-input=false");
      assert.equal(apply.mustTerraform("state", "list").trim(), "");
      const mounts = (await vault.api("GET", "sys/mounts")).json as { data: { [path: string]: unknown } };
      assert.deepEqual(
        Object.keys(mounts.data).filter((m) => m === "kong/" || m === "pki/"),
        [],
      );
    });
  });
}

describe("pki stack guard: a protected CA is not destroyed by switching the issuer", { skip: SKIP }, () => {
  let vault: VaultDevServer;
  let apply: PkiApply;

  before(async () => {
    vault = await startVaultDev();
    apply = new PkiApply(vault, { issuer: "tls", store: "vault-kv" });
    apply.synth({}, true);
    apply.mustTerraform("init", "-input=false");
    apply.mustTerraform("apply", "-auto-approve", "-input=false");
  });

  after(async () => {
    // Protection off, same issuer: the throw-away estate can go.
    apply?.synth({}, false);
    apply?.terraform("destroy", "-auto-approve", "-input=false");
    await vault?.stop();
  });

  it("refuses the plan that switches pki.issuer from tls to vault, naming the guard, before anything is destroyed", () => {
    apply.synth({ issuer: "vault" }, true);
    const { code, out } = apply.terraform("plan", "-input=false");
    assert.equal(code, 1, `expected the plan to be refused:\n${out}`);
    assert.match(out, /terraform_data\.ca-and-store-guard/);
    assert.match(out, /prevent_destroy/);
    assert.match(apply.mustTerraform("state", "list"), /tls_private_key\.ca_root-key/);
  });

  it("refuses the plan that switches pki.store, too", () => {
    apply.synth({ store: "none" }, true);
    const { code, out } = apply.terraform("plan", "-input=false");
    assert.equal(code, 1, `expected the plan to be refused:\n${out}`);
    assert.match(out, /terraform_data\.ca-and-store-guard/);
  });
});

describe(
  "root CA renewal under protection (issuer tls): the root re-issues from its protected key, and the old root still verifies the new chain",
  { skip: SKIP },
  () => {
    let dir = "";
    const env = () => ({ ...toolchainEnv(), TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" });
    const terraform = (...args: string[]) => {
      const result = spawnSync("terraform", [...args, "-no-color"], { cwd: dir, env: env(), encoding: "utf8" });
      return { code: result.status ?? -1, out: `${result.stdout}${result.stderr}` };
    };
    /** A protected CA (root and intermediate) and one server certificate, with the root valid `rootDays`. */
    const synth = (rootDays: number, outdir: string) => {
      const app = new App({ outdir });
      const stack = new TerraformStack(app, "ca");
      new TlsProvider(stack, "tls", {});
      const ca = new CertificateAuthority(stack, "ca", {
        commonName: "Renewal CA",
        validityDays: rootDays,
        earlyRenewalHours: 24,
        intermediate: { validityDays: 30 },
      });
      const server = ca.issueServerCertificate("server", { dnsNames: ["api.example.com"], validityHours: 48, earlyRenewalHours: 24 });
      new TerraformOutput(stack, "root", { value: ca.rootCertificatePem });
      new TerraformOutput(stack, "chain", { value: server.fullChainPem, sensitive: false });
      app.synth();
    };
    const output = (name: string) => JSON.parse(terraform("output", "-json", name).out) as string;

    it("applies, renews the root with a new validity (keys untouched), and the new server chain verifies against the old root", () => {
      const outdir = join(mkdtempSync(join(tmpdir(), "e2e-root-renewal-")), "cdktf.out");
      synth(60, outdir);
      dir = join(outdir, "stacks", "ca");
      assert.equal(terraform("init", "-input=false").code, 0);
      const first = terraform("apply", "-auto-approve", "-input=false");
      assert.equal(first.code, 0, first.out);
      const oldRoot = output("root");
      // The CA's keys: leaf keys follow their own rotation clock (src/pki/key-rotation.ts).
      const caKeys = () =>
        terraform("state", "list")
          .out.split("\n")
          .filter((a) => /^tls_private_key\.ca_(root|intermediate)-key/.test(a));
      const keysBefore = caKeys();
      assert.equal(keysBefore.length, 2);

      synth(90, outdir);
      const renewal = terraform("apply", "-auto-approve", "-input=false");
      assert.equal(renewal.code, 0, `the protected CA refused its renewal:\n${renewal.out}`);
      assert.doesNotMatch(renewal.out, /tls_private_key\.ca_(root|intermediate)-key\S+: Destroying/);
      const newRoot = output("root");
      assert.notEqual(fingerprint(newRoot), fingerprint(oldRoot));
      assert.deepEqual(caKeys(), keysBefore);
      const work = mkdtempSync(join(tmpdir(), "e2e-root-renewal-files-"));
      const [leaf, intermediate] = pems(output("chain"));
      writeFileSync(join(work, "old-root.pem"), oldRoot);
      writeFileSync(join(work, "intermediate.pem"), intermediate);
      writeFileSync(join(work, "leaf.pem"), leaf);
      const verify = openssl(["verify", "-CAfile", join(work, "old-root.pem"), "-untrusted", join(work, "intermediate.pem"), join(work, "leaf.pem")]);
      assert.equal(verify.code, 0, verify.out);
    });
  },
);
