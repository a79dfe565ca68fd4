import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { BUILTIN_PLUGINS } from "../../../../src/gateway/plugins/plugin-registry";
import { importDeckFile } from "../../../../src/deck/deck-import";
import { exampleTopologies, ROOT, synthTopology } from "../../../support/examples";
import { kongConfigSchema, kongProblems } from "../../../support/kong-schema";
import { stacksOf, synthTsExample, tsExampleFiles } from "../../../support/ts-examples";

// Every plugin config the library emits is checked against Kong's own published JSON Schema
// (kong-schemas/3.9) with ajv, independently of the library's validators: if the library's checks
// let through something Kong's schema refuses, these tests say so.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

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

  it("every plugin of the decK import of examples/deck/kong.yaml is valid for Kong 3.9", () => {
    const { catalog, errors } = importDeckFile(join(ROOT, "examples", "deck", "kong.yaml"));
    assert.deepEqual(errors, []);
    const plugins = [
      ...(catalog?.plugins ?? []),
      ...(catalog?.services ?? []).flatMap((s) => [...(s.plugins ?? []), ...(s.routes ?? []).flatMap((r) => r.plugins ?? [])]),
      ...(catalog?.consumers ?? []).flatMap((c) => c.plugins ?? []),
    ];
    assert.ok(plugins.length > 0);
    assert.deepEqual(
      plugins.flatMap((p) => kongProblems(p.name, p.config ?? {})),
      [],
    );
  });

  it("catches what Kong refuses (an unknown field, a value out of Kong's range)", () => {
    assert.equal(kongProblems("key-auth", { key_name: ["apikey"] }).length, 1);
    assert.equal(kongProblems("rate-limiting", { minute: -1 }).length, 1);
  });

  it("every hand-written plugin definition names only fields Kong's schema has, with Kong's defaults", () => {
    const disagreements: string[] = [];
    for (const definition of BUILTIN_PLUGINS) {
      const kong = kongConfigSchema(definition.name).properties;
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
