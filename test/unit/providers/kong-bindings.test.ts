import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "../../support/examples";

const KONG_DIR = join(ROOT, "src", "providers", "kong");

function generatedFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return generatedFiles(path);
    return entry.endsWith(".ts") ? [path] : [];
  });
}

describe("kong provider bindings", () => {
  it("come from the committed schema through cdktf's generator, byte for byte", () => {
    const out = mkdtempSync(join(tmpdir(), "kong-bindings-"));
    const run = spawnSync(process.execPath, ["scripts/generate-kong-bindings.mjs", "--out", out], { cwd: ROOT, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    const committed = generatedFiles(KONG_DIR)
      .map((f) => relative(KONG_DIR, f))
      .sort();
    const regenerated = generatedFiles(out)
      .map((f) => relative(out, f))
      .sort();
    assert.deepEqual(committed, regenerated);
    for (const file of committed) {
      assert.equal(readFileSync(join(KONG_DIR, file), "utf8"), readFileSync(join(out, file), "utf8"), `${file} differs from the generator's output`);
    }
  });

  it("were generated from a schema with every kevholditch/kong 6.5.1 resource", () => {
    const schema = JSON.parse(readFileSync(join(KONG_DIR, "provider-schema.json"), "utf8"));
    const resources = Object.keys(schema.provider_schemas["registry.terraform.io/kevholditch/kong"].resource_schemas).sort();
    assert.deepEqual(resources, [
      "kong_certificate",
      "kong_consumer",
      "kong_consumer_acl",
      "kong_consumer_basic_auth",
      "kong_consumer_jwt_auth",
      "kong_consumer_key_auth",
      "kong_consumer_oauth2",
      "kong_plugin",
      "kong_route",
      "kong_service",
      "kong_target",
      "kong_upstream",
    ]);
  });
});
