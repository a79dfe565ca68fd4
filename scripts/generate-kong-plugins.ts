// Writes src/gateway/plugins/generated/kong-<version>.ts from Kong's published plugin JSON Schemas
// (kong-schemas/<version>/plugins/*.json and plugin-tiers.tsv): `npm run generate:kong-plugins`.
// For every plugin with a tier: a TypeScript interface of its `config` (nested records, arrays, enums
// as unions, ranges and defaults in the docs, secrets typed as references) and a compact runtime
// description (editions, scopes, the config's fields) that the plugin registry turns into a
// validator when the plugin is first used. test/unit/gateway/plugins/generated.test.ts fails when a
// committed file differs from what this script writes.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
/** The Kong versions whose schemas are in kong-schemas/. */
export const KONG_SCHEMA_VERSIONS = ["3.9"] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The runtime description of one field (see src/gateway/plugins/kong-field.ts). */
interface Field {
  t: "string" | "integer" | "number" | "boolean" | "array" | "record" | "map";
  e?: readonly (string | number)[];
  min?: number;
  max?: number;
  minLen?: number;
  maxLen?: number;
  i?: Field;
  p?: { [key: string]: Field };
  r?: string[];
  v?: Field;
  d?: unknown;
  secret?: 1;
  ref?: 1;
}

const isReferenceable = (node: Json) => typeof node.description === "string" && /This field is \[referenceable\]/.test(node.description);
const isEncrypted = (node: Json) => typeof node.description === "string" && /This field is \[encrypted\]/.test(node.description);
const isUrl = (node: Json) => typeof node.description === "string" && /^A string representing a URL/.test(node.description);

/**
 * A secret: Kong encrypts it at rest and resolves references in it, and it is not a URL (Kong
 * encrypts URLs too, for the credentials they may carry; those are checked for userinfo instead).
 */
const isSecret = (node: Json, encrypted: boolean) => (encrypted || isEncrypted(node)) && isReferenceable(node) && !isUrl(node);

/** A field's description; `encrypted` when Kong marks the array holding it encrypted (a list of secrets). */
function field(node: Json, encrypted = false): Field {
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  const out: Field = { t: "string" };
  if (type === "object") {
    if (node.properties) {
      out.t = "record";
      out.p = Object.fromEntries(Object.entries(node.properties).map(([key, value]) => [key, field(value)]));
      const required = (node.required ?? []).filter((key: string) => node.properties[key] && node.properties[key].default === undefined);
      if (required.length) out.r = required;
    } else {
      out.t = "map";
      if (node.additionalProperties && typeof node.additionalProperties === "object") out.v = field(node.additionalProperties);
    }
  } else if (type === "array") {
    out.t = "array";
    out.i = node.items ? field(node.items, isEncrypted(node)) : { t: "string" };
  } else if (type === "integer" || type === "number" || type === "boolean" || type === "string") {
    out.t = type;
  }
  if (node.enum) out.e = node.enum;
  if (node.minimum !== undefined) out.min = node.minimum;
  if (node.maximum !== undefined) out.max = node.maximum;
  if (node.minLength !== undefined) out.minLen = node.minLength;
  if (node.maxLength !== undefined) out.maxLen = node.maxLength;
  if (node.default !== undefined && node.default !== null) out.d = node.default;
  if (isSecret(node, encrypted)) out.secret = 1;
  else if (isReferenceable(node)) out.ref = 1;
  return out;
}

const pascal = (name: string) =>
  name
    .split(/[-_]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");

/** The first sentence of Kong's description, for a doc comment (markdown links kept as text). */
function summary(text: unknown): string {
  if (typeof text !== "string") return "";
  const first = text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\s+/g, " ")
    .trim()
    .split(/(?<=\.)\s/)[0];
  return first.replace(/\*\//g, "* /");
}

function tsType(node: Field, indent: string): string {
  if (node.e) return node.e.map((v) => JSON.stringify(v)).join(" | ");
  switch (node.t) {
    case "string":
      return node.secret ? "KongSecretReference" : "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "array": {
      const inner = tsType(node.i!, indent);
      return /[|{]/.test(inner) ? `readonly (${inner})[]` : `readonly ${inner}[]`;
    }
    case "map":
      return `{ readonly [key: string]: ${node.v ? tsType(node.v, indent) : "unknown"} }`;
    case "record":
      return recordTypeWithDocs(node, undefined, indent);
  }
}

function docLines(node: Field, source: Json, indent: string): string {
  const parts: string[] = [];
  const text = summary(source?.description);
  if (text) parts.push(text);
  if (node.min !== undefined || node.max !== undefined) parts.push(`Range: ${node.min ?? "-∞"} to ${node.max ?? "∞"}.`);
  if (node.secret) parts.push("A secret: a Kong reference such as `{vault://env/name}`, never a literal.");
  if (node.d !== undefined) parts.push(`@default ${JSON.stringify(node.d)}`);
  if (!parts.length) return "";
  return `${indent}/** ${parts.join(" ")} */\n`;
}

function recordTypeWithDocs(node: Field, source: Json, indent: string): string {
  const inner = `${indent}  `;
  const props: { [key: string]: Json } = source?.properties ?? {};
  const lines = Object.entries(node.p ?? {}).map(([key, child]) => {
    const doc = docLines(child, props[key], inner);
    const optional = node.r?.includes(key) ? "" : "?";
    const name = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
    const type = child.t === "record" ? recordTypeWithDocs(child, props[key], inner) : tsType(child, inner);
    return `${doc}${inner}readonly ${name}${optional}: ${type};`;
  });
  return lines.length ? `{\n${lines.join("\n")}\n${indent}}` : "{}";
}

interface Plugin {
  readonly name: string;
  readonly tier: string;
  readonly file: string;
  readonly scopes: string[];
  readonly protocols: string[];
  readonly defaultProtocols: string[];
  readonly config: Field;
  readonly source: Json;
}

function readPlugins(version: string): Plugin[] {
  const dir = join(ROOT, "kong-schemas", version);
  const tiers = readFileSync(join(dir, "plugin-tiers.tsv"), "utf8")
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => line.split("\t"));
  const files = new Set(readdirSync(join(dir, "plugins")));
  return tiers
    .filter(([, , file]) => files.has(file.replace(/^plugins\//, "")))
    .map(([name, tier, file]) => {
      const source = JSON.parse(readFileSync(join(dir, file), "utf8"));
      const entity = source.properties;
      const scopes = ["global", ...(["service", "route", "consumer"] as const).filter((scope) => entity[scope])];
      return {
        name,
        tier,
        file,
        scopes,
        protocols: entity.protocols?.items?.enum ?? [],
        defaultProtocols: entity.protocols?.default ?? [],
        config: field(entity.config ?? { type: "object", properties: {} }),
        source: entity.config ?? {},
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The generated module of one Kong version. */
export function renderVersion(version: string): string {
  const plugins = readPlugins(version);
  const id = version.replace(/\./g, "");
  const out: string[] = [
    `// Generated by scripts/generate-kong-plugins.ts from kong-schemas/${version}/ (Kong's published plugin`,
    "// schemas, MIT, see kong-schemas/README.md). Do not edit: run `npm run generate:kong-plugins`.",
    "/* eslint-disable */",
    'import type { KongPluginData, KongSecretReference } from "../kong-field";',
    "",
  ];
  for (const plugin of plugins) {
    out.push(
      `/** \`config\` of Kong ${version}'s ${plugin.name} plugin (${plugin.tier === "oss" ? "free in Kong OSS" : "Kong Enterprise"}). */`,
      `export interface ${pascal(plugin.name)}PluginConfig ${recordTypeWithDocs(plugin.config, plugin.source, "")}`,
      "",
    );
  }
  out.push(
    `/** Every plugin of Kong ${version} by name, with the type of its \`config\`. */`,
    `export interface KongPluginConfigs${id} {`,
    ...plugins.map((p) => `  ${JSON.stringify(p.name)}: ${pascal(p.name)}PluginConfig;`),
    "}",
    "",
    `/** What the registry needs of each plugin of Kong ${version}; each config description is built on first use. */`,
    `export const KONG_${id}_PLUGINS: readonly KongPluginData[] = [`,
    ...plugins.map(
      (p) =>
        `  { name: ${JSON.stringify(p.name)}, tier: ${JSON.stringify(p.tier)}, scopes: ${JSON.stringify(p.scopes)}, protocols: ${JSON.stringify(
          p.protocols,
        )}, defaultProtocols: ${JSON.stringify(p.defaultProtocols)}, config: () => (${JSON.stringify(p.config)}) },`,
    ),
    "];",
    "",
  );
  return out.join("\n");
}

export const generatedFile = (version: string) => join(ROOT, "src", "gateway", "plugins", "generated", `kong-${version}.ts`);

if (require.main === module) {
  for (const version of KONG_SCHEMA_VERSIONS) {
    writeFileSync(generatedFile(version), renderVersion(version));
    process.stdout.write(`wrote ${generatedFile(version)}\n`);
  }
}
