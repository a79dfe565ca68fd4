import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import Ajv, { ValidateFunction } from "ajv";
import { parse } from "yaml";
import { exampleTopologies, ROOT, synthTopology } from "../../support/examples";
import { stacksOf, synthTsExample, tsExampleFiles } from "../../support/ts-examples";

// Every Kong entity the library writes (services, routes, upstreams, targets, consumers, certificates
// and credentials), as the kong provider sends it to the Admin API, checked with ajv against the
// entity schemas of Kong's published Admin API description (kong-schemas/3.9: the OSS Admin API for
// the core entities, Konnect's configuration API for the credentials the Gateway spec leaves out).

const DIR = join(ROOT, "kong-schemas", "3.9");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const oss = parse(readFileSync(join(DIR, "admin-api-oss.openapi.yaml"), "utf8")).components.schemas;
const konnect = parse(readFileSync(join(DIR, "konnect-control-planes-config-v2.openapi.yaml"), "utf8")).components.schemas;

/** An OpenAPI 3.0 schema as JSON Schema for ajv: `nullable` becomes a null type; top-level fields closed. */
function jsonSchema(node: Json, top = true): Json {
  if (Array.isArray(node)) return node.map((n) => jsonSchema(n, false));
  if (node === null || typeof node !== "object") return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "example" || key === "description" || key.startsWith("x-")) continue;
    out[key] = key === "properties" ? Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, jsonSchema(v, false)])) : jsonSchema(value, false);
  }
  if (node.nullable) {
    delete out.nullable;
    return { anyOf: [out, { type: "null" }] };
  }
  if (top && out.properties) out.additionalProperties = false;
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const ENTITIES: { [type: string]: { schema: Json; toEntity: (args: Json) => Json } } = {
  kong_service: { schema: oss.Service, toEntity: (a) => rename(a, { client_certificate_id: "client_certificate", ca_certificate_ids: "ca_certificates" }) },
  kong_route: {
    schema: oss.Route,
    toEntity: ({ header, ...a }) => ({
      ...rename(a, { service_id: "service" }),
      ...(header ? { headers: Object.fromEntries((header as Json[]).map((h) => [h.name, h.values])) } : {}),
    }),
  },
  kong_upstream: { schema: oss.Upstream, toEntity: (a) => a },
  kong_target: { schema: oss.Target, toEntity: (a) => rename(a, { upstream_id: "upstream" }) },
  kong_consumer: { schema: oss.Consumer, toEntity: (a) => a },
  kong_certificate: { schema: oss.Certificate, toEntity: (a) => rename(a, { certificate: "cert", private_key: "key" }) },
  kong_consumer_key_auth: { schema: konnect.KeyAuth, toEntity: (a) => rename(a, { consumer_id: "consumer" }) },
  kong_consumer_basic_auth: { schema: konnect.BasicAuth, toEntity: (a) => rename(a, { consumer_id: "consumer" }) },
  kong_consumer_acl: { schema: konnect.ACL, toEntity: (a) => rename(a, { consumer_id: "consumer" }) },
  kong_consumer_jwt_auth: { schema: konnect.JWT, toEntity: (a) => rename(a, { consumer_id: "consumer" }) },
};
const validators = new Map<string, ValidateFunction>();

/** Provider argument names to Admin API field names; a `*_id` reference becomes `{ id }`. */
function rename(args: Json, names: { [from: string]: string }): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(args)) {
    const to = names[key] ?? key;
    out[to] = key.endsWith("_id") && names[key] ? { id: value } : value;
  }
  return out;
}

/** Terraform references and variables stand for what they resolve to: a UUID for IDs, a string otherwise. */
function resolved(value: Json): Json {
  if (typeof value === "string") return value.includes("${") ? (/\.id\}$/.test(value) ? "49fd316e-c457-481c-9fc7-8079153e4f3c" : "resolved-at-apply") : value;
  if (Array.isArray(value)) return value.map(resolved);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolved(v)]));
  return value;
}

function problems(stacks: { [stack: string]: Json }): { checked: number; problems: string[] } {
  let checked = 0;
  const found: string[] = [];
  for (const [stack, json] of Object.entries(stacks)) {
    for (const [type, resources] of Object.entries((json.resource ?? {}) as { [type: string]: { [id: string]: Json } })) {
      const entity = ENTITIES[type];
      if (!entity) continue;
      let validate = validators.get(type);
      if (!validate) {
        validate = ajv.compile(jsonSchema(entity.schema));
        validators.set(type, validate);
      }
      for (const [id, args] of Object.entries(resources)) {
        const { provider: _provider, "//": _meta, lifecycle: _lifecycle, depends_on: _dependsOn, ...rest } = args;
        checked++;
        if (!validate(resolved(entity.toEntity(rest)))) {
          found.push(...(validate.errors ?? []).map((e) => `${stack}/${type}.${id}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
        }
      }
    }
  }
  return { checked, problems: found };
}

describe("Kong entities the library writes, against Kong's published Admin API schemas", () => {
  for (const { name, topology } of exampleTopologies()) {
    it(`every entity of ${name} is one Kong 3.9's Admin API accepts`, () => {
      const outdir = join(mkdtempSync(join(tmpdir(), "admin-api-")), "cdktf.out");
      synthTopology(topology, outdir);
      const result = problems(stacksOf(outdir));
      assert.ok(result.checked > 0);
      assert.deepEqual(result.problems, []);
    });
  }

  for (const file of tsExampleFiles()) {
    it(`every entity of examples/${file} is one Kong 3.9's Admin API accepts`, () => {
      assert.deepEqual(problems(stacksOf(synthTsExample(file))).problems, []);
    });
  }

  it("the Kong reference data holds no private key material (the OpenAPI files' examples are left out)", () => {
    const files = readdirSync(DIR, { recursive: true, encoding: "utf8" }).filter((f) => /\.(ya?ml|json|tsv)$/.test(f));
    assert.ok(files.length > 90);
    assert.deepEqual(
      files.filter((f) => /PRIVATE KEY-----/.test(readFileSync(join(DIR, f), "utf8"))),
      [],
    );
  });

  it("catches what the Admin API refuses (a field Kong does not have, a wrong type)", () => {
    const stacks = { s: { resource: { kong_service: { x: { name: "a", host: "a.internal", port: "eighty", colour: "blue" } } } } };
    assert.equal(problems(stacks).problems.length, 2);
  });
});
