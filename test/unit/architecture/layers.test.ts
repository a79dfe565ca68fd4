import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import { describe, it } from "node:test";
import * as ts from "typescript";
import { ROOT } from "../../support/examples";

// The layer order of docs/ARCHITECTURE.md, checked against the imports the code really has: a
// layer imports only from layers below it (or from inside itself). The order is read from the doc,
// so the doc and the code cannot drift apart.

const SRC = join(ROOT, "src");

/** The doc's layer table: rows `| <rank> | \`<folder>\` | ...`, several folders on one rank allowed. */
export function documentedLayers(markdown: string): Map<string, number> {
  const section = markdown.split(/^## /m).find((part) => part.startsWith("Layers"));
  if (!section) throw new Error("docs/ARCHITECTURE.md has no '## Layers' section");
  const ranks = new Map<string, number>();
  for (const row of section.matchAll(/^\| (\d+) \| ([^|]+) \|/gm)) {
    for (const folder of row[2].matchAll(/`([a-z]+)`/g)) ranks.set(folder[1], Number(row[1]));
  }
  return ranks;
}

interface Import {
  readonly from: string;
  readonly to: string;
}

/** Every relative import (static, dynamic, `require`, `import type`) between src/ files. */
function sourceImports(): Import[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith(".ts")) files.push(path);
    }
  };
  walk(SRC);
  return files.flatMap((file) => {
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    return info.importedFiles
      .map((ref) => ref.fileName)
      .filter((spec) => spec.startsWith("."))
      .map((spec) => ({ from: relative(SRC, file), to: relative(SRC, normalize(join(dirname(file), spec))) }));
  });
}

/** The layer folder of a path under src/ (`index.ts` at the root is the package entry). */
const folderOf = (path: string): string => (path.includes(sep) ? path.split(sep)[0] : "(package)");

/** Imports that run against the order: to a higher or unrelated layer. */
export function violations(imports: readonly Import[], ranks: ReadonlyMap<string, number>): string[] {
  return imports
    .filter((i) => folderOf(i.from) !== "(package)" && folderOf(i.from) !== folderOf(i.to))
    .filter((i) => !(ranks.get(folderOf(i.to))! < ranks.get(folderOf(i.from))!))
    .map((i) => `src/${i.from} imports src/${i.to}: ${folderOf(i.from)} (${ranks.get(folderOf(i.from))}) may only use layers below it`);
}

describe("layers", () => {
  const ranks = documentedLayers(readFileSync(join(ROOT, "docs", "ARCHITECTURE.md"), "utf8"));
  const imports = sourceImports();

  it("docs/ARCHITECTURE.md ranks every folder of src/", () => {
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    assert.deepEqual(
      folders.filter((f) => !ranks.has(f)),
      [],
    );
  });

  it("finds the imports it checks (a parser that found none would pass anything)", () => {
    assert.ok(imports.length > 300, `only ${imports.length} imports found`);
    assert.ok(
      imports.some((i) => i.from === join("ha", "kong-estate.ts") && i.to === join("ha", "pki-stack")),
      "a require() is an import",
    );
  });

  it("every import in src/ runs down the documented order (none up, none sideways)", () => {
    assert.deepEqual(violations(imports, ranks), []);
  });

  it("the kernel imports nothing else in src/", () => {
    assert.deepEqual(
      imports.filter((i) => folderOf(i.from) === "core" && folderOf(i.to) !== "core"),
      [],
    );
  });

  it("reports an import that runs up the order", () => {
    const found = violations([{ from: join("core", "schema.ts"), to: join("topology", "topology-schema") }], ranks);
    assert.equal(found.length, 1);
    assert.match(found[0], /src\/core\/schema\.ts imports src\/topology\/topology-schema/);
  });

  it("reports an import between two layers of the same rank", () => {
    const sameRank = [...ranks].filter(([, r]) => [...ranks.values()].filter((x) => x === r).length > 1);
    assert.ok(sameRank.length >= 2, "the doc ranks some layers side by side");
    const [a, b] = sameRank.filter(([, r]) => r === sameRank[0][1]);
    assert.equal(violations([{ from: join(a[0], "x.ts"), to: join(b[0], "y") }], ranks).length, 1);
  });
});
