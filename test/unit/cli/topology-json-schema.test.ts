import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { TOPOLOGY_SCHEMA_FILE, topologyJsonSchema, topologyJsonSchemaText } from "../../../src/cli/topology-json-schema";
import { DEFAULT_TOPOLOGY } from "../../../src/topology/default-topology";
import { ROOT, TOPOLOGY_DIR } from "../../support/examples";

const committed = readFileSync(join(ROOT, TOPOLOGY_SCHEMA_FILE), "utf8");
const validate = new Ajv2020({ strict: true, allErrors: true, strictTypes: false }).compile(JSON.parse(committed));
const exampleFiles = readdirSync(TOPOLOGY_DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

/** Ajv's errors as `<instancePath> <message>` lines, for readable failures. */
function errorsOf(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
}

const minimal = {
  name: "edge",
  mode: "active-active",
  domain: "api.example.com",
  sites: [
    { name: "a", region: "us-east-1" },
    { name: "b", region: "eu-west-1" },
  ],
};
const withPlugin = (plugin: object) => ({ ...minimal, plugins: [plugin] });

describe("the published topology JSON Schema", () => {
  it("is what `npm run generate:schema` writes from the topology schema (not stale)", () => {
    assert.ok(
      committed === topologyJsonSchemaText(),
      `${TOPOLOGY_SCHEMA_FILE} is stale: the topology or a plugin schema changed. Run \`npm run generate:schema\` and commit the file.`,
    );
  });

  it("is a valid draft 2020-12 schema with the entities factored into $defs", () => {
    const schema = topologyJsonSchema();
    assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
    for (const name of ["plugin", "route", "service", "upstream", "consumer", "certificate", "site"]) {
      assert.ok((schema.$defs as object)[name as never], `$defs.${name}`);
    }
    assert.deepEqual((schema.properties as { services: object }).services, { type: "array", items: { $ref: "#/$defs/service" }, default: [] });
  });

  for (const file of exampleFiles) {
    it(`accepts examples/topologies/${file}, which points editors at it`, () => {
      const text = readFileSync(join(TOPOLOGY_DIR, file), "utf8");
      assert.match(text.split("\n")[0], /^# yaml-language-server: \$schema=\.\.\/\.\.\/schema\/topology\.schema\.json$/);
      assert.deepEqual(errorsOf(parse(text)), []);
    });
  }

  it("accepts the embedded default topology", () => {
    assert.deepEqual(errorsOf(DEFAULT_TOPOLOGY), []);
  });

  it("describes each registered plugin's config: an unknown field is refused", () => {
    assert.deepEqual(errorsOf(withPlugin({ name: "key-auth", config: { key_names: ["apikey"] } })), []);
    assert.ok(errorsOf(withPlugin({ name: "key-auth", config: { key_name: ["apikey"] } })).some((e) => /additional properties/.test(e)));
  });

  it("checks plugin config values against Kong's ranges", () => {
    assert.ok(errorsOf(withPlugin({ name: "rate-limiting", config: { minute: "ten" } })).some((e) => e.startsWith("/plugins/0/config/minute")));
  });

  it("requires config for a plugin with required fields", () => {
    assert.ok(errorsOf(withPlugin({ name: "mtls-auth" })).some((e) => /config/.test(e)));
  });

  it("limits plugin names to the registered plugins, for completion", () => {
    assert.ok(errorsOf(withPlugin({ name: "key-authh" })).some((e) => e.startsWith("/plugins/0/name")));
  });

  it("refuses a value the loader refuses: a region that is not an AWS region", () => {
    const bad = { ...minimal, sites: [minimal.sites[0], { name: "b", region: "moon-1" }] };
    assert.ok(errorsOf(bad).some((e) => e.startsWith("/sites/1/region")));
  });

  it("refuses an unknown top-level field", () => {
    assert.ok(errorsOf({ ...minimal, servics: [] }).length > 0);
  });
});
