import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "../../support/examples";

// scripts/toolchain.sh uses a Vault server already on PATH (vault, or OpenBao's bao) at a supported
// version instead of building one for 20-40 minutes. The function is run here on its own, with fake
// binaries that print what `vault version` prints.

const SCRIPT = readFileSync(join(ROOT, "scripts", "toolchain.sh"), "utf8");
const FUNCTION = SCRIPT.slice(SCRIPT.indexOf("VAULT_MIN_VERSION="), SCRIPT.indexOf("install_vault_server() {"));

function vaultOnPath(binaries: Record<string, string>): { out: string; notes: string } {
  const bin = mkdtempSync(join(tmpdir(), "fake-vault-"));
  for (const [name, version] of Object.entries(binaries)) {
    writeFileSync(join(bin, name), `#!/bin/sh\necho '${version}'\n`);
    chmodSync(join(bin, name), 0o755);
  }
  const run = spawnSync("bash", ["-c", `${FUNCTION}\nNOTES=()\nvault_on_path; echo; printf '%s\\n' "\${NOTES[@]}" >&2`], {
    env: { PATH: `${bin}:/usr/bin:/bin` },
    encoding: "utf8",
  });
  return { out: run.stdout.trim(), notes: run.stderr.trim() };
}

describe("toolchain: a Vault server on PATH", () => {
  it("uses a vault of a supported version", () => {
    assert.match(vaultOnPath({ vault: "Vault v1.18.3 (abc), built 2024-12-16T14:00:53Z" }).out, /fake-vault-.*\/vault$/);
  });

  it("uses OpenBao's bao when there is no vault", () => {
    assert.match(vaultOnPath({ bao: "OpenBao v2.1.0 (abc), built 2024-11-29T16:58:55Z" }).out, /\/bao$/);
  });

  it("passes over a vault older than 1.15, saying why", () => {
    const found = vaultOnPath({ vault: "Vault v1.12.1 (abc)" });
    assert.equal(found.out, "");
    assert.match(found.notes, /version 1\.12\.1; the e2e suite needs >= 1\.15\.0/);
  });
});
