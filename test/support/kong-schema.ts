import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv, { ValidateFunction } from "ajv";
import { ROOT } from "./examples";

// Kong's published plugin JSON Schemas (kong-schemas/3.9) as ajv validators, independent of the
// library's own validators: what the tests compare the library's output and checks against.

const DIR = join(ROOT, "kong-schemas", "3.9");
const TIERS = new Map(
  readFileSync(join(DIR, "plugin-tiers.tsv"), "utf8")
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => line.split("\t"))
    .map(([name, , file]) => [name, file] as const),
);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Kong's published JSON Schema of a plugin entity (`config`, `protocols`, ...). */
export function kongPluginSchema(name: string): Json {
  const file = TIERS.get(name);
  if (!file) throw new Error(`plugin "${name}" is not one of Kong 3.9's plugins`);
  return JSON.parse(readFileSync(join(DIR, file), "utf8"));
}

/** Kong's schema of a plugin's `config` (the `properties` of the published file). */
export function kongConfigSchema(name: string): Json {
  return kongPluginSchema(name).properties.config;
}

/**
 * Kong's schema made as strict as Kong is: a record refuses fields it does not name (Kong's Admin API
 * answers 400 "unknown field"). Kong's `pattern`s are Lua patterns, not regular expressions, so they
 * are left to the library's own checks.
 */
function strict(node: Json): Json {
  if (Array.isArray(node)) return node.map(strict);
  if (node === null || typeof node !== "object") return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "pattern" || key === "description") continue;
    if (key === "required" && Array.isArray(value) && value.length === 0) continue;
    out[key] = key === "properties" ? Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, strict(v)])) : strict(value);
  }
  if (out.properties) out.additionalProperties = false;
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new Map<string, ValidateFunction>();

/** What Kong's published schema says is wrong with a plugin config (empty: Kong's schema accepts it). */
export function kongProblems(name: string, config: object): string[] {
  let validate = validators.get(name);
  if (!validate) {
    validate = ajv.compile(strict(kongConfigSchema(name)));
    validators.set(name, validate);
  }
  return validate(config) ? [] : (validate.errors ?? []).map((e) => `${name}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}
