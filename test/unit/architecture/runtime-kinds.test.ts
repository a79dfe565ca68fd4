import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "../../support/examples";

// An app under CDK Terrain loads two copies of the runtime (docs/CDKTN.md), and a construct of one
// is no `instanceof` the other's classes: src/ asks cdktf's kinds through src/core/construct-kinds.ts.
const CDKTF_KINDS = /\binstanceof\s+(Terraform(Resource|Provider|DataSource|Element|Stack|Backend)|(Local|Cloud|S3|Remote)Backend)\b/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sources(path) : entry.endsWith(".ts") ? [path] : [];
  });
}

describe("cdktf's own kinds", () => {
  it("are never asked with instanceof in src/ (isResource, isInstanceOf, ... from core/construct-kinds instead)", () => {
    const found = sources(join(ROOT, "src")).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (CDKTF_KINDS.test(line) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    assert.deepEqual(found, []);
  });
});
