import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "../support/examples";
import { runTerraform } from "../support/terraform";
import { skipUnless } from "../support/tools";

const SKIP = skipUnless("validate", "terraform");

// The kong provider the toolchain installs is the real kevholditch/kong 6.5.1 (built from its vendored
// source, or downloaded by terraform init), and the TypeScript bindings were generated from its schema.

const KONG = "registry.terraform.io/kevholditch/kong";

describe("kevholditch/kong 6.5.1 as installed", { skip: SKIP }, () => {
  const dir = mkdtempSync(join(tmpdir(), "kong-provider-"));
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: { kong: { source: "kevholditch/kong", version: "6.5.1" } } } }));
  const init = runTerraform(dir, ["init", "-backend=false", "-input=false", "-no-color"]);

  it("installs with terraform init", () => {
    assert.equal(init.code, 0, init.stderr);
  });

  it("reports exactly the schema the committed bindings were generated from", () => {
    const run = runTerraform(dir, ["providers", "schema", "-json"]);
    assert.equal(run.code, 0, run.stderr);
    const live = JSON.parse(run.stdout).provider_schemas[KONG];
    const committed = JSON.parse(readFileSync(join(ROOT, "src", "providers", "kong", "provider-schema.json"), "utf8")).provider_schemas[KONG];
    assert.deepEqual(live, committed);
  });

  it("is the real provider: it plans a Kong resource (a schema stand-in could only validate)", () => {
    writeFileSync(
      join(dir, "main.tf.json"),
      JSON.stringify({
        terraform: { required_providers: { kong: { source: "kevholditch/kong", version: "6.5.1" } } },
        provider: { kong: [{ kong_admin_uri: "http://127.0.0.1:9" }] },
        resource: { kong_service: { probe: { name: "probe", host: "example.internal", protocol: "https" } } },
      }),
    );
    const plan = runTerraform(dir, ["plan", "-input=false", "-no-color", "-refresh=false"]);
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(plan.stdout, /Plan: 1 to add, 0 to change, 0 to destroy/);
  });
});
