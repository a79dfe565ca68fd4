import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { Issue } from "../../src/core/schema";
import { KongField } from "../../src/gateway/plugins/kong-field";
import { kongPluginDefinitions } from "../../src/gateway/plugins/kong-plugins";
import { KONG_39_PLUGINS } from "../../src/gateway/plugins/generated/kong-3.9";
import { PluginRegistry } from "../../src/gateway/plugins/plugin-registry";
import { kongProblems } from "../support/kong-schema";

// Plugin configs generated from Kong's own schemas, mostly valid and sometimes not: whatever the
// library accepts, Kong's published JSON Schema (checked with ajv, as strict about unknown fields as
// Kong) must accept too. A difference is a check the library lacks, or a field it invented.

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const registry = PluginRegistry.withBuiltins();

/** Values for one field: right-typed ones near Kong's bounds, and now and then a wrong one. */
function valueOf(field: KongField, depth: number): fc.Arbitrary<unknown> {
  const wrong = fc.constantFrom<unknown>(null, "x", -1, 1.5, true, [], {});
  return fc.oneof({ weight: 9, arbitrary: rightValueOf(field, depth) }, { weight: 1, arbitrary: wrong });
}

function rightValueOf(field: KongField, depth: number): fc.Arbitrary<unknown> {
  if (field.e) return fc.constantFrom(...field.e);
  switch (field.t) {
    case "string":
      return field.secret ? fc.constantFrom("{vault://env/a-secret}", "s3cret") : fc.string({ minLength: field.minLen ?? 0, maxLength: 12 });
    case "integer":
      return fc.integer(bounds(field));
    case "number":
      return fc.double({ ...bounds(field), noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "array":
      return depth > 3 ? fc.constant([]) : fc.array(rightValueOf(field.i ?? { t: "string" }, depth + 1), { maxLength: 2 });
    case "map":
      return fc.dictionary(fc.constantFrom("a", "b-c"), field.v ? rightValueOf(field.v, depth + 1) : fc.string({ maxLength: 4 }), { maxKeys: 2 });
    case "record":
      return depth > 3 ? fc.constant({}) : recordOf(field, depth + 1);
  }
}

/** Just past Kong's bounds on each side, so both sides of a bound are tried. */
function bounds(field: KongField): { min: number; max: number } {
  const min = (field.min ?? -5) - 1;
  return { min, max: Math.min(field.max !== undefined ? field.max + 1 : min + 1001, 2 ** 31) };
}

function recordOf(field: KongField, depth: number): fc.Arbitrary<unknown> {
  const entries = Object.entries(field.p ?? {});
  const required = new Set(field.r ?? []);
  return fc.record(Object.fromEntries(entries.map(([key, child]) => [key, valueOf(child, depth)])), {
    requiredKeys: entries.filter(([key]) => required.has(key)).map(([key]) => key),
  });
}

const names = KONG_39_PLUGINS.map((p) => p.name);
const config = fc
  .constantFrom(...names)
  .chain((name) =>
    fc.tuple(
      fc.constant(name),
      fc.oneof(
        { weight: 9, arbitrary: recordOf(KONG_39_PLUGINS.find((p) => p.name === name)!.config(), 0) },
        { weight: 1, arbitrary: fc.constant({ not_a_kong_field: 1 }) },
      ),
    ),
  );

describe("plugin configs generated from Kong's schemas", () => {
  it(`what the library accepts, Kong's published schema accepts (${RUNS} runs over ${names.length} plugins)`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(config, ([name, value]) => {
        const issues: Issue[] = [];
        const scope = kongPluginDefinitions().find((d) => d.name === name)!.scopes[0];
        registry.check({ name, config: value as { [field: string]: unknown } }, { scope, edition: "enterprise" }, "plugin", issues);
        if (issues.length) return;
        accepted++;
        assert.deepEqual(kongProblems(name, value as object), []);
      }),
      { numRuns: RUNS },
    );
    assert.ok(accepted > RUNS / 10, `only ${accepted} of ${RUNS} generated configs were accepted: the generator is too wild to test anything`);
  });
});
