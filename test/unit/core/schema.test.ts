import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Issue, s, splitCheck } from "../../support/schema-check";

describe("schema language", () => {
  const person = s.object({
    name: s.string({ minLength: 1 }),
    port: s.optional(s.port(), 80),
    tags: s.optional(s.array(s.string(), { uniqueBy: (t) => t, uniqueWhat: "tag" })),
  });

  it("accepts a value of the right shape", () => {
    assert.deepEqual(splitCheck(person, { name: "a", port: 443 }), []);
  });

  it("names a missing required field", () => {
    assert.deepEqual(splitCheck(person, {}), ["name: is required"]);
  });

  it("refuses a field named like an Object.prototype member", () => {
    assert.deepEqual(splitCheck(person, JSON.parse('{"name": "a", "toString": 1}')), ["toString: unknown field; known fields: name, port, tags"]);
  });

  it("reads the fields of a class instance, which are getters on its prototype", () => {
    class Named {
      get name() {
        return "";
      }
    }
    assert.deepEqual(splitCheck(person, new Named()), ["name: must not be empty"]);
  });

  it("suggests the closest field for a misspelt one", () => {
    assert.deepEqual(splitCheck(person, { name: "a", prot: 1 }), ['prot: unknown field (did you mean "port"?)']);
  });

  it("reports a value out of range with the bounds", () => {
    assert.deepEqual(splitCheck(person, { name: "a", port: 70000 }), ["port: 70000 is out of range: must be between 1 and 65535"]);
  });

  it("reports a wrong type with the value it got", () => {
    assert.deepEqual(splitCheck(person, { name: "a", port: "443" }), ['port: expected an integer, got "443"']);
  });

  it("points at the duplicate and the first occurrence", () => {
    assert.deepEqual(splitCheck(person, { name: "a", tags: ["x", "y", "x"] }), ['tags[2]: duplicate tag "x" (also at tags[0])']);
  });

  it("publishes defaults and required fields in the JSON Schema", () => {
    const json = person.toJsonSchema() as { properties: { port: { default: number } }; required: string[]; additionalProperties: boolean };
    assert.equal(json.properties.port.default, 80);
    assert.deepEqual(json.required, ["name"]);
    assert.equal(json.additionalProperties, false);
  });

  it("runs refinements only once the shape is right", () => {
    const calls: unknown[] = [];
    const refined = s.integer().refine((v) => calls.push(v));
    const issues: Issue[] = [];
    refined.check("x", "v", issues);
    refined.check(3, "v", issues);
    assert.deepEqual(calls, [3]);
  });

  it("quotes keys that are not identifiers in paths", () => {
    const map = s.map(s.integer());
    assert.deepEqual(splitCheck(map, { "a b": "x" }), ['["a b"]: expected an integer, got "x"']);
  });
});
