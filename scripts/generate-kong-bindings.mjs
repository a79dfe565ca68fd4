#!/usr/bin/env node
// Regenerates src/providers/kong/ from the committed provider schema with cdktf's own generator.
//
// The schema (src/providers/kong/provider-schema.json) is the output of `terraform providers schema -json`
// against the real kevholditch/kong 6.5.1 binary. Running this script is the same as `cdktf get` with
// registry access, minus the download: both feed the generator the same schema.
//
//   node scripts/generate-kong-bindings.mjs            regenerate in place
//   node scripts/generate-kong-bindings.mjs --out DIR  generate into DIR (used by the drift test)
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { CodeMaker, TerraformProviderGenerator } = require("@cdktf/provider-generator");
const { ConstructsMakerProviderTarget, TerraformProviderConstraint, Language } = require("@cdktf/commons");

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const kongDir = join(root, "src", "providers", "kong");
const outArg = process.argv.indexOf("--out");
const outDir = outArg > 0 ? resolve(process.argv[outArg + 1]) : kongDir;
// Files in src/providers/kong that are ours, not the generator's.
const KEEP = new Set(["provider-schema.json", "README.md"]);

const cdktfJson = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8"));
const provider = cdktfJson.terraformProviders.find((p) => p.name === "kong");
const fqpn = `registry.terraform.io/${provider.source}`;
const schema = JSON.parse(readFileSync(join(kongDir, "provider-schema.json"), "utf8"));
if (!schema.provider_schemas?.[fqpn]) {
  console.error(`provider-schema.json has no schema for ${fqpn}`);
  process.exit(1);
}
schema.provider_versions = { [fqpn]: provider.version };

const code = new CodeMaker();
const generator = new TerraformProviderGenerator(code, schema);
generator.generate(new ConstructsMakerProviderTarget(new TerraformProviderConstraint(provider), Language.TYPESCRIPT));
const staging = mkdtempSync(join(tmpdir(), "kong-bindings-"));
await code.save(staging);
for (const entry of readdirSync(outDir, { withFileTypes: true })) {
  if (!KEEP.has(entry.name)) rmSync(join(outDir, entry.name), { recursive: true, force: true });
}
cpSync(join(staging, "providers", "kong"), outDir, { recursive: true });
rmSync(staging, { recursive: true, force: true });
console.log(`kong ${provider.version} bindings written to ${outDir}`);
