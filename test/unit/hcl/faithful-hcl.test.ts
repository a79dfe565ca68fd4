import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "@cdktf/hcl2json";
import { App, Fn, Op, TerraformStack, TerraformVariable } from "cdktf";
import { exampleTopologies } from "../../support/examples";
import { KongEstate } from "../../../src/ha/kong-estate";
import { hclString, renderStackHcl } from "../../../src/hcl/faithful-hcl";
import { skipCheckov } from "../../../src/core/checkov-suppression";
import { Plugin } from "../../../src/providers/kong/plugin";
import { KongProvider } from "../../../src/providers/kong/provider";
import { Upstream } from "../../../src/providers/kong/upstream";

type Json = { [key: string]: unknown };
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Keys whose strings are references or type expressions: JSON may write them bare, HCL parsers wrap them in ${}. */
const REFERENCE_KEYS = new Set(["depends_on", "provider", "ignore_changes", "replace_triggered_by", "type"]);
const unwrap = (s: string) => (/^\$\{[^{}]*\}$/.test(s) ? s.slice(2, -1) : s);

/**
 * Differences between the stack's JSON and the JSON an HCL parser reads back from our HCL, as
 * `path: json vs hcl` lines. Blocks may be an object in one and a one-item list in the other.
 */
function differences(json: unknown, hcl: unknown, path = "", key = ""): string[] {
  // Zero nested blocks: `[]` in JSON, nothing at all in HCL.
  if (Array.isArray(json) && json.length === 0 && hcl === undefined) return [];
  if (Array.isArray(hcl) && hcl.length === 1 && isObject(json)) return differences(json, hcl[0], path, key);
  if (Array.isArray(json) && json.length === 1 && isObject(hcl)) return differences(json[0], hcl, path, key);
  if (isObject(json) && isObject(hcl)) {
    const keys = new Set([...Object.keys(json), ...Object.keys(hcl)].filter((k) => k !== "//"));
    return [...keys].flatMap((k) => differences(json[k], hcl[k], `${path}.${k}`, k));
  }
  if (Array.isArray(json) && Array.isArray(hcl) && json.length === hcl.length) {
    return json.flatMap((item, i) => differences(item, hcl[i], `${path}[${i}]`, key));
  }
  if (typeof json === "string" && typeof hcl === "string" && REFERENCE_KEYS.has(key) && unwrap(json) === unwrap(hcl)) return [];
  return JSON.stringify(json) === JSON.stringify(hcl) ? [] : [`${path}: ${JSON.stringify(json)} vs ${JSON.stringify(hcl)}`];
}

async function roundTrip(stack: TerraformStack): Promise<string[]> {
  const hcl = renderStackHcl(stack);
  const parsed = (await parse("cdk.tf", hcl)) as Json;
  return differences(stack.toTerraform(), parsed);
}

describe("hclString: a JSON string as a native-syntax expression with the same value", () => {
  it("escapes quotes and backslashes in literal text", () => {
    assert.equal(hclString('{"origins":["https://.*\\\\.example\\\\.com"]}'), '"{\\"origins\\":[\\"https://.*\\\\\\\\.example\\\\\\\\.com\\"]}"');
  });

  it("keeps interpolations as they are while escaping the literal text around them", () => {
    assert.equal(hclString('[{"group":"${aws_cloudwatch_log_group.lg.name}"}]'), '"[{\\"group\\":\\"${aws_cloudwatch_log_group.lg.name}\\"}]"');
    assert.equal(hclString('a-${lookup(var.m, "k", "${var.d}")}-b'), '"a-${lookup(var.m, "k", "${var.d}")}-b"');
  });

  it("writes one whole interpolation as a bare expression", () => {
    assert.equal(hclString("${aws_lb.admin.dns_name}"), "aws_lb.admin.dns_name");
    assert.equal(hclString("${(length(distinct(var.subnets)) >= 2)}"), "(length(distinct(var.subnets)) >= 2)");
  });

  it("keeps template escapes, which mean the same in JSON and HCL", () => {
    assert.equal(hclString("arn:aws:iam::$${aws:username}"), '"arn:aws:iam::$${aws:username}"');
  });

  it("writes multi-line text as a heredoc, with a marker that no line uses", () => {
    assert.equal(
      hclString("-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n"),
      "<<EOT\n-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\nEOT",
    );
    assert.equal(hclString("a\nEOT\n"), "<<EOT_\na\nEOT\nEOT_");
  });
});

describe("renderStackHcl", () => {
  const tricky = () => {
    const app = new App({ outdir: "/tmp/unused-hcl-test" });
    const stack = new TerraformStack(app, "tricky");
    new KongProvider(stack, "kong", { kongAdminUri: "https://kong-admin.internal:8444" });
    const subnets = new TerraformVariable(stack, "subnets", { type: "list(string)", default: ["a", "b"] });
    const upstream = new Upstream(stack, "upstream", {
      name: "orders.upstream",
      healthchecks: { active: { httpPath: "/health", healthy: { interval: 5, httpStatuses: [200] } } },
      lifecycle: { precondition: [{ condition: Op.gte(Fn.lengthOf(Fn.distinct(subnets.listValue)), 2), errorMessage: 'needs "two" subnets' }] },
    });
    new Plugin(stack, "cors", {
      name: "cors",
      configJson: JSON.stringify({ origins: ["https://.*\\.example\\.com"], headers: ['x-"quoted"'], upstream: upstream.name }),
      dependsOn: [upstream],
    });
    return stack;
  };

  it("says what the JSON says, for what cdktf 0.21's renderer gets wrong: backslashes, quotes around references, preconditions, depends_on", async () => {
    const stack = tricky();
    assert.deepEqual(await roundTrip(stack), []);
    const hcl = renderStackHcl(stack);
    assert.match(hcl, /^ {2}depends_on {2}= \[kong_upstream\.upstream\]$/m);
    assert.match(hcl, /^ {4}precondition \{\n {6}condition {5}= \(length\(distinct\(var\.subnets\)\) >= 2\)$/m);
    assert.match(hcl, /^variable "subnets" \{\n {2}default = \["a", "b"\]\n {2}type {4}= list\(string\)$/m);
  });

  it("is what cdktf's own renderer is not (why this exists)", async () => {
    const stack = tricky();
    const original = await parse("cdk.tf", stack.toHclTerraform().hcl as string).catch((error: Error) => error);
    const theirs = original instanceof Error ? [original.message] : differences(stack.toTerraform(), original);
    assert.notDeepEqual(theirs, []);
  });

  for (const example of exampleTopologies()) {
    it(`says what the JSON says for every stack of ${example.name}`, async () => {
      const app = new App({ outdir: "/tmp/unused-hcl-test" });
      const estate = new KongEstate(app, { topology: example.topology });
      const found: string[] = [];
      for (const stack of estate.stacks) found.push(...(await roundTrip(stack)).map((d) => `${stack.node.id}${d}`));
      assert.deepEqual(found, []);
    });
  }
});

describe("checkov skips in the HCL", () => {
  it("writes each skip recorded next to a resource as the #checkov:skip comment checkov reads in HCL", () => {
    const app = new App({ outdir: "/nonexistent-never-written", skipValidation: true });
    const stack = new TerraformStack(app, "s");
    new KongProvider(stack, "kong", { kongAdminUri: "https://kong-admin.internal:8444" });
    const plugin = new Plugin(stack, "p", { name: "key-auth" });
    skipCheckov(plugin, { id: "CKV_AWS_18", comment: "a reason that is long enough\nover two lines" });
    const hcl = renderStackHcl(stack);
    assert.match(hcl, /resource "kong_plugin" "p" \{\n {2}#checkov:skip=CKV_AWS_18:a reason that is long enough over two lines\n/);
  });
});
