import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { API_DOC_FILE, API_REPORT_FILE, ApiEntry, propsLint, readApi, renderApiMarkdown, renderApiReport } from "../../../scripts/api-docs";
import { ROOT } from "../../support/examples";

const api = readApi();

describe("API reference and props documentation", () => {
  it("every public props/options property is documented, every optional one with its @default", () => {
    assert.deepEqual(propsLint(api), [], "document these props (JSDoc on the property; optional ones need @default <value or behaviour>)");
  });

  it("the lint catches an optional property without @default and a property without documentation", () => {
    const entry: ApiEntry = {
      name: "WidgetProps",
      kind: "interface",
      layer: "gateway",
      file: "src/gateway/widget.ts",
      line: 1,
      doc: "",
      signatures: [],
      methods: [],
      properties: [
        { name: "size", type: "number", optional: true, doc: "How big.", file: "src/gateway/widget.ts", line: 2 },
        { name: "name", type: "string", optional: false, doc: "", file: "src/gateway/widget.ts", line: 3 },
        { name: "colour", type: "string", optional: true, doc: "", defaultValue: "blue", file: "src/gateway/widget.ts", line: 4 },
      ],
    };
    assert.deepEqual(propsLint([entry]), [
      "src/gateway/widget.ts:2 WidgetProps.size: optional without @default (say the value, or the behaviour when it is absent)",
      "src/gateway/widget.ts:3 WidgetProps.name: no documentation",
    ]);
  });

  it(`${API_REPORT_FILE} lists the current public API (not stale)`, () => {
    const committed = readFileSync(join(ROOT, API_REPORT_FILE), "utf8");
    assert.ok(
      committed === renderApiReport(api),
      `${API_REPORT_FILE} is stale: the public API changed; run \`npm run generate:api-docs\`, review and commit it`,
    );
  });

  it("keeps internals out of the public API", () => {
    const names = new Set(api.map((entry) => entry.name));
    for (const internal of ["splitPath", "locateYamlPath", "physicalName", "baseSecretArn", "addSiteLogging", "checkCatalogContent", "secretArgument"]) {
      assert.ok(!names.has(internal), `${internal} is internal and must not be exported from src/index.ts`);
    }
  });

  it("reports each exported name once per kind, with its signature", () => {
    const report = renderApiReport(api);
    assert.match(report, /^class KongEstate: /m);
    assert.match(report, /^function resolveTopology: /m);
    assert.match(report, /^## core$/m);
  });

  it(`${API_DOC_FILE} is generated from the current JSDoc (not stale)`, () => {
    const committed = readFileSync(join(ROOT, API_DOC_FILE), "utf8");
    assert.ok(committed === renderApiMarkdown(api), `${API_DOC_FILE} is stale: run \`npm run generate:api-docs\` and commit it`);
  });

  it("documents the main constructs with their props tables and defaults", () => {
    const text = renderApiMarkdown(api);
    for (const name of ["KongEstate", "KongGateway", "CertificateAuthority", "VaultKvStore", "SplunkHecLogging", "KongSite"]) {
      assert.match(text, new RegExp(`### class \`${name}\``));
    }
    assert.match(text, /\| `edition` \| `KongEdition` \| "oss" \| The Kong edition the nodes run/);
  });
});

describe("layer and project docs", () => {
  const layers = readdirSync(join(ROOT, "src")).filter((name) => statSync(join(ROOT, "src", name)).isDirectory());

  for (const layer of layers) {
    it(`src/${layer} has a README`, () => {
      assert.ok(existsSync(join(ROOT, "src", layer, "README.md")), `write src/${layer}/README.md: what the layer holds and how to use it`);
    });
  }

  it("docs/ARCHITECTURE.md has Mermaid diagrams and names every layer", () => {
    const text = readFileSync(join(ROOT, "docs", "ARCHITECTURE.md"), "utf8");
    assert.ok((text.match(/```mermaid/g) ?? []).length >= 2);
    for (const layer of layers) assert.match(text, new RegExp(`\`${layer}`), `docs/ARCHITECTURE.md does not mention ${layer}`);
  });

  it("CHANGELOG.md follows Keep a Changelog with an Unreleased section", () => {
    const text = readFileSync(join(ROOT, "CHANGELOG.md"), "utf8");
    assert.match(text, /^## Unreleased$/m);
    assert.match(text, /keepachangelog\.com/);
  });
});
