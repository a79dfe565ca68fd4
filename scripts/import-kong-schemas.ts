// Copies Kong's published reference data for one Kong version into kong-schemas/<version>:
//   node --import tsx scripts/import-kong-schemas.ts <source dir> <version>
// Plugin schemas and the tier list are copied unchanged. From the OpenAPI descriptions every example
// (`example`, `examples`, `x-examples`) is removed: they are documentation only, and Kong's carry
// placeholder PEM private keys that secret scanners rightly flag in a repository.
import { copyFileSync, cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";

const EXAMPLE_KEYS = new Set(["example", "examples", "x-examples"]);

/** A parsed document without its examples. */
export function withoutExamples(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutExamples);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !EXAMPLE_KEYS.has(key))
      .map(([key, value]) => [key, withoutExamples(value)]),
  );
}

export const OPENAPI_FILES = ["admin-api-oss.openapi.yaml", "admin-api-ee.openapi.yaml", "konnect-control-planes-config-v2.openapi.yaml"];

if (require.main === module) {
  const [source, version] = process.argv.slice(2);
  if (!source || !version) {
    process.stderr.write("usage: node --import tsx scripts/import-kong-schemas.ts <source dir> <version>\n");
    process.exit(2);
  }
  const target = join(__dirname, "..", "kong-schemas", version);
  cpSync(join(source, "plugins"), join(target, "plugins"), { recursive: true });
  for (const file of ["plugin-tiers.tsv", "LICENSE"]) copyFileSync(join(source, file), join(target, file));
  for (const file of OPENAPI_FILES) {
    const document = withoutExamples(parse(readFileSync(join(source, file), "utf8")));
    writeFileSync(join(target, file), stringify(document, { lineWidth: 0 }));
  }
  process.stdout.write(`imported ${source} into ${target}\n`);
}
