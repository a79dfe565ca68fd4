import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import Ajv, { ValidateFunction } from "ajv";
import { BUILTIN_PLUGINS } from "../../../../src/gateway/plugins/plugin-registry";
import { exampleTopologies, ROOT, synthTopology } from "../../../support/examples";
import { stacksOf, synthTsExample, tsExampleFiles } from "../../../support/ts-examples";

// Every plugin config the library emits is checked against Kong's own published JSON Schema
// (kong-schemas/3.9) with ajv, independently of the library's validators: if the library's checks
// let through something Kong's schema refuses, these tests say so.

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

/**
 * Kong's schema of a plugin's `config`, made as strict as Kong is: a record refuses fields it does not
 * name (Kong's Admin API answers 400 "unknown field"). Kong's `pattern`s are Lua patterns, not regular
 * expressions, so they are left to the library's own checks.
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
function validatorOf(name: string): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) {
    const file = TIERS.get(name);
    assert.ok(file, `plugin "${name}" is not one of Kong 3.9's plugins`);
    validate = ajv.compile(strict(JSON.parse(readFileSync(join(DIR, file), "utf8")).properties.config));
    validators.set(name, validate);
  }
  return validate;
}

function kongProblems(name: string, config: object): string[] {
  const validate = validatorOf(name);
  return validate(config) ? [] : (validate.errors ?? []).map((e) => `${name}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Every kong_plugin of a set of synthesized stacks: its name and parsed config_json. */
function emittedPlugins(stacks: { [stack: string]: Json }): { where: string; name: string; config: object }[] {
  return Object.entries(stacks).flatMap(([stack, json]) =>
    Object.entries((json.resource?.kong_plugin ?? {}) as { [id: string]: { name: string; config_json?: string } }).map(([id, plugin]) => ({
      where: `${stack}/${id}`,
      name: plugin.name,
      config: plugin.config_json ? JSON.parse(plugin.config_json) : {},
    })),
  );
}

/**
 * A default, comparable: the published schemas list array defaults sorted (cors `methods`, mtls-auth
 * `consumer_by`), where Kong's Lua schemas keep their own order, so arrays compare as sets.
 */
function canonical(value: unknown): string {
  return JSON.stringify(Array.isArray(value) ? [...value].sort() : value);
}

describe("plugin configs the library emits, against Kong's published JSON Schema", () => {
  for (const { name, topology } of exampleTopologies()) {
    it(`every plugin of ${name} is valid for Kong 3.9`, () => {
      const outdir = join(mkdtempSync(join(tmpdir(), "conformance-")), "cdktf.out");
      synthTopology(topology, outdir);
      const plugins = emittedPlugins(stacksOf(outdir));
      assert.ok(plugins.length > 0, "the estate emits plugins");
      assert.deepEqual(
        plugins.flatMap((p) => kongProblems(p.name, p.config).map((problem) => `${p.where}: ${problem}`)),
        [],
      );
    });
  }

  for (const file of tsExampleFiles()) {
    it(`every plugin of examples/${file} is valid for Kong 3.9`, () => {
      const plugins = emittedPlugins(stacksOf(synthTsExample(file)));
      assert.deepEqual(
        plugins.flatMap((p) => kongProblems(p.name, p.config).map((problem) => `${p.where}: ${problem}`)),
        [],
      );
    });
  }

  it("catches what Kong refuses (an unknown field, a value out of Kong's range)", () => {
    assert.equal(kongProblems("key-auth", { key_name: ["apikey"] }).length, 1);
    assert.equal(kongProblems("rate-limiting", { minute: -1 }).length, 1);
  });

  it("every hand-written plugin definition names only fields Kong's schema has, with Kong's defaults", () => {
    const disagreements: string[] = [];
    for (const definition of BUILTIN_PLUGINS) {
      const kong = JSON.parse(readFileSync(join(DIR, TIERS.get(definition.name)!), "utf8")).properties.config.properties;
      for (const field of Object.keys(definition.schema.shape)) {
        if (!(field in kong)) {
          disagreements.push(`${definition.name}.${field}: not in Kong's schema`);
          continue;
        }
        const ours = definition.schema.defaultOf(field);
        const theirs = kong[field].default;
        if (ours !== undefined && canonical(ours) !== canonical(theirs)) {
          disagreements.push(`${definition.name}.${field}: default ${JSON.stringify(ours)}, Kong's ${JSON.stringify(theirs)}`);
        }
      }
    }
    assert.deepEqual(disagreements, []);
  });
});
