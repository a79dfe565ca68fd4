// Bad input, generated: thousands of malformed topology files and construct props per run. Each must
// end in a clear error that names where the problem is: never an uncaught exception, never a stack
// trace, never a half-written cdktf.out. FUZZ_RUNS scales it (default 1000 per property).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { App } from "cdktf";
import { ConfigError } from "../../src/core/config-error";
import { DEFAULT_TOPOLOGY } from "../../src/topology/default-topology";
import { parseTopology } from "../../src/topology/load-topology";
import { Issue } from "../../src/core/schema";
import { resolveTopology } from "../../src/topology/resolve-topology";
import { KongGateway } from "../../src/gateway/kong-gateway";
import { KongEstate } from "../../src/ha/kong-estate";
import { CertificateAuthority } from "../../src/pki/certificate-authority";
import { VaultPki } from "../../src/pki/vault-pki";
import { FirehoseToSplunk } from "../../src/logging/firehose-to-splunk";
import { splunkHecPlugin } from "../../src/logging/splunk-hec-logging";
import { GatewayCatalog, PluginInstance } from "../../src/gateway/catalog";
import { kongProblems } from "../support/kong-schema";
import { synthStack } from "../support/synth";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

/** A plugin config as KongGateway writes it: a `{ variable }` secret becomes the variable's reference. */
function asWritten(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asWritten);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0][0] === "variable") return `\${var.${String(entries[0][1])}}`;
  return Object.fromEntries(entries.map(([k, v]) => [k, asWritten(v)]));
}

/** Every plugin of a catalog: global, service, route and consumer ones. */
function catalogPlugins(catalog: GatewayCatalog): PluginInstance[] {
  return [
    ...(catalog.plugins ?? []),
    ...(catalog.services ?? []).flatMap((s) => [...(s.plugins ?? []), ...(s.routes ?? []).flatMap((r) => r.plugins ?? [])]),
    ...(catalog.consumers ?? []).flatMap((c) => c.plugins ?? []),
  ];
}

/** A valid topology with every catalog section, to mutate. */
const VALID = {
  ...DEFAULT_TOPOLOGY,
  upstreams: [{ name: "orders.upstream", targets: [{ target: "10.0.0.1:8080" }], healthchecks: { active: { httpPath: "/health", healthy: { interval: 5 } } } }],
  services: [
    ...DEFAULT_TOPOLOGY.services!,
    {
      name: "orders",
      host: "orders.upstream",
      port: 8080,
      tls: { verify: true },
      routes: [{ name: "orders-api", paths: ["/orders"], methods: ["GET"], headers: { "x-v": ["1"] } }],
      plugins: [{ name: "rate-limiting", config: { minute: 10, policy: "redis", redis: { host: "redis.internal" } } }],
    },
  ],
  consumers: [{ username: "bob", acls: ["g"], basicAuth: [{ username: "bob", password: { variable: "bob_pw" } }] }],
  pki: { issuer: "tls", store: "none", clients: [{ name: "partner" }] },
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value in a JSON document. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => paths(v, [...prefix, i])));
  if (value && typeof value === "object") return here.concat(...Object.entries(value).map(([k, v]) => paths(v, [...prefix, k])));
  return here;
}

const nasty = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    false,
    0,
    -1,
    65536,
    1e308,
    -1e308,
    2 ** 53 + 1,
    0.5,
    "",
    " ",
    "\u0000",
    "🦍🦍",
    "ﬀ",
    "x".repeat(20000),
    "${var.x}",
    "{vault://env/x}",
  ),
  fc.constantFrom<Json>("10.0.0.0/33", "256.1.1.1", "us-east-9x", "-bad-.example.com", "http://", "ftp://a", "/", "~[", "not a name!", "CKV_AWS_1"),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { maxKeys: 3 }),
);

type Mutation =
  | { kind: "set"; at: number; value: Json }
  | { kind: "delete"; at: number }
  | { kind: "add"; at: number; key: string; value: Json }
  | { kind: "duplicate"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value: nasty }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("add" as const),
    at: fc.nat(),
    key: fc.oneof(fc.constantFrom("log_format", "protocol", "name", "unknown", "plugins", "$schema"), fc.string({ maxLength: 12 })),
    value: nasty,
  }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
);

function mutate(base: Json, mutations: readonly Mutation[]): Json {
  const doc = structuredClone(base) as Json;
  for (const m of mutations) {
    const all = paths(doc);
    const path = all[m.at % all.length];
    if (path.length === 0) {
      if (m.kind === "set") return m.value;
      continue;
    }
    const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as { [k: string]: Json })[key as string], doc) as { [k: string]: Json } | Json[];
    const key = path[path.length - 1];
    if (m.kind === "set") (parent as { [k: string]: Json })[key as string] = m.value;
    else if (m.kind === "delete") {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (m.kind === "add") {
      const target = (parent as { [k: string]: Json })[key as string];
      if (target && typeof target === "object" && !Array.isArray(target)) target[m.key] = m.value;
    } else if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
  }
  return doc;
}

/** The shape every reported problem must have: a message a person can act on, no internals. */
function assertClear(issues: readonly Issue[]): void {
  assert.ok(issues.length > 0);
  for (const issue of issues) {
    assert.equal(typeof issue.path, "string");
    assert.ok(issue.message.length > 5, `too short: ${JSON.stringify(issue)}`);
    assert.doesNotMatch(issue.message, /\bat .*\(.*:\d+:\d+\)|TypeError|ReferenceError|\[object Object\]|undefined is not/, JSON.stringify(issue));
  }
}

/** Runs `build`; it may succeed or throw a ConfigError with clear lines, nothing else. */
function onlyConfigErrors(build: () => void): void {
  try {
    build();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    assertClear(error.issues);
    for (const line of error.message.split("\n")) assert.match(line, /^\S.*: .+/);
  }
}

describe("bad input never crashes", () => {
  it(`mutated topologies (${RUNS} runs): problems are reported by path, valid leftovers build`, () => {
    let rejected = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const input = mutate(VALID as unknown as Json, mutations);
        const { topology, issues } = resolveTopology(input);
        if (!topology) {
          rejected++;
          assertClear(issues);
          return;
        }
        // A catalog the library accepts holds only plugin configs Kong's published schema accepts.
        for (const plugin of catalogPlugins(topology.catalog)) assert.deepEqual(kongProblems(plugin.name, asWritten(plugin.config ?? {}) as object), []);
        onlyConfigErrors(() => new KongEstate(new App({ outdir: "/nonexistent-never-written", skipValidation: true }), { topology }));
      }),
      { numRuns: RUNS },
    );
    assert.ok(rejected > RUNS / 2, `only ${rejected} of ${RUNS} mutations were rejected: the mutations are too gentle`);
  });

  it(`mangled YAML text (${RUNS} runs): parse errors come back with a line and column`, () => {
    const yaml = JSON.stringify(VALID, null, 2);
    fc.assert(
      fc.property(fc.nat(), fc.string({ maxLength: 5 }), fc.nat({ max: 5 }), (at, insert, cut) => {
        const pos = at % yaml.length;
        const text = yaml.slice(0, pos) + insert + yaml.slice(pos + cut);
        const { topology, issues } = parseTopology(text);
        if (topology) return;
        assertClear(issues);
      }),
      { numRuns: RUNS },
    );
  });

  it(`deep nesting (${Math.ceil(RUNS / 20)} runs, up to 5,000 levels, flow and block, YAML and JSON) is refused with a line, never a stack overflow`, () => {
    const base = JSON.stringify(VALID);
    const nested = fc.record({
      depth: fc.integer({ min: 65, max: 5000 }),
      style: fc.constantFrom("flow-list", "flow-map", "block", "json"),
      key: fc.constantFrom("extra", "services", "logging", "kong"),
    });
    fc.assert(
      fc.property(nested, ({ depth, style, key }) => {
        let text: string;
        if (style === "json") text = `${base.slice(0, -1)},"${key}":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}`;
        else if (style === "flow-list") text = `${key}: ${"[".repeat(depth)}${"]".repeat(depth)}\n`;
        else if (style === "flow-map") text = `${key}: ${"{a: ".repeat(depth)}1${"}".repeat(depth)}\n`;
        // Block nesting is indentation: deeper than 600 lines would only make the text large.
        else text = `${key}:\n${Array.from({ length: Math.min(depth, 600) }, (_, i) => `${" ".repeat(i + 1)}a:`).join("\n")} 1\n`;
        const { topology, issues } = parseTopology(text);
        assert.equal(topology, undefined);
        assertClear(issues);
        const beyond = style === "block" ? Math.min(depth, 600) > 256 : depth > 64;
        if (beyond) assert.ok(issues.some((issue) => /nests deeper|indented .* deeper/.test(issue.message) && issue.line !== undefined));
      }),
      { numRuns: Math.ceil(RUNS / 20) },
    );
  });

  it(`names that collide once joined or escaped (${Math.ceil(RUNS / 5)} runs) build, one resource per entity`, () => {
    const part = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
    fc.assert(
      fc.property(part, part, part, (a, b, g) => {
        const catalog = {
          consumers: [{ username: a, acls: [g] }, { username: `${a}-acl-${g}` }, { username: `${b}/${g}` }, { username: `${b}--${g}` }],
          upstreams: [
            { name: a, targets: [{ target: `${b}-${g}:80` }] },
            { name: `${a}-${b}`, targets: [{ target: `${g}:80` }] },
          ],
        };
        const json = synthStack((stack) => new KongGateway(stack, "gw", { catalog }));
        assert.equal(Object.keys(json.resource.kong_consumer).length, 4);
        assert.equal(Object.keys(json.resource.kong_target).length, 2);
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    );
  });

  it(`gateway catalogs from arbitrary JSON (${RUNS} runs) throw only ConfigError`, () => {
    const catalog = fc.record(
      {
        services: fc.array(
          fc.record(
            {
              name: fc.oneof(fc.string(), nasty),
              url: fc.oneof(fc.webUrl(), nasty),
              routes: fc.array(fc.record({ paths: fc.array(fc.oneof(fc.string(), nasty)) }), { maxLength: 2 }),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 3 },
        ),
        plugins: fc.array(
          fc.record({
            name: fc.oneof(fc.constantFrom("key-auth", "acl", "rate-limiting", "cors", "http-log", "mtls-auth"), fc.string()),
            config: fc.dictionary(fc.string({ maxLength: 10 }), nasty, { maxKeys: 3 }),
          }),
          { maxLength: 2 },
        ),
        consumers: fc.array(
          fc.record(
            { username: fc.oneof(fc.string(), nasty), keyAuth: fc.array(fc.record({ key: nasty }, { requiredKeys: [] }), { maxLength: 1 }) },
            { requiredKeys: [] },
          ),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(catalog, (c) => onlyConfigErrors(() => synthStack((stack) => new KongGateway(stack, "gw", { catalog: c as never })))),
      { numRuns: RUNS },
    );
  });

  it(`PKI and logging construct props (${RUNS} runs) throw only ConfigError`, () => {
    const value = fc.oneof(nasty, fc.string({ maxLength: 30 }), fc.integer({ min: -10, max: 100000 }));
    fc.assert(
      fc.property(
        fc.constantFrom("ca", "vault", "hec", "firehose"),
        fc.dictionary(
          fc.constantFrom(
            "commonName",
            "validityDays",
            "earlyRenewalHours",
            "key",
            "maxLeaseTtl",
            "caTtl",
            "endpoint",
            "authorization",
            "index",
            "queue",
            "hecEndpoint",
            "retryDuration",
            "hecAcknowledgmentTimeout",
            "name",
          ),
          value,
        ),
        (kind, props) => {
          const p = props as never;
          onlyConfigErrors(() =>
            synthStack((stack) => {
              if (kind === "ca") new CertificateAuthority(stack, "ca", { commonName: "CA", ...(p as object) });
              else if (kind === "vault") new VaultPki(stack, "pki", { commonName: "CA", ...(p as object) });
              else if (kind === "hec") splunkHecPlugin({ endpoint: "https://splunk.example.com:8088", ...(p as object) });
              else
                new FirehoseToSplunk(stack, "f", {
                  name: "s",
                  logGroup: { name: "g", arn: "a" },
                  hecEndpoint: "https://h.example.com",
                  hecTokenSecret: { arn: "a" },
                  kmsKeyArn: "k",
                  ...(p as object),
                });
            }),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});
