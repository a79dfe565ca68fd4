// The security rules (KHA-SEC-*) over every example: each topology through KongEstate, each
// TypeScript example (examples/*.ts) through its app. Every finding must be fixed or suppressed
// with a reason; the suppressed ones are printed with their reasons.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { App, AppConfig, Testing } from "cdktf";
import { KongEstate } from "../../src/ha/kong-estate";
import { DEFAULT_RULE_PACK } from "../../src/ha/default-rule-pack";
import { Finding, RuleChecker } from "../../src/core/rules/rule-checker";
import { exampleTopologies } from "../support/examples";
import { TS_EXAMPLE_DIR, tsExampleFiles } from "../support/ts-examples";

const security = (findings: Finding[]) => findings.filter((f) => f.ruleId.startsWith("KHA-SEC-"));
// The examples keep local state so that `cdktf synth` needs no account: KHA-SEC-008 (a warning)
// rightly says so for their stacks that hold secrets, and is the one finding they leave open.
const LOCAL_STATE = "KHA-SEC-008";
const open = (findings: Finding[]) =>
  findings.filter((f) => f.suppressedBecause === undefined && f.ruleId !== LOCAL_STATE).map((f) => `${f.path}: [${f.ruleId}] ${f.message}`);

describe("security rules over the examples", () => {
  const all: Finding[] = [];

  for (const example of exampleTopologies()) {
    it(`topology ${example.name}: no security finding left open`, () => {
      const estate = new KongEstate(Testing.app(), { topology: example.topology });
      const findings = security(estate.check());
      all.push(...findings);
      assert.deepEqual(open(findings), []);
    });
  }

  for (const file of tsExampleFiles()) {
    it(`examples/${file}: no security finding left open`, () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { buildApp } = require(join(TS_EXAMPLE_DIR, file)) as { buildApp: (config?: AppConfig) => App };
      const app = buildApp({ outdir: mkdtempSync(join(tmpdir(), "rules-")) });
      const findings = security(new RuleChecker(DEFAULT_RULE_PACK).check(app));
      all.push(...findings);
      assert.deepEqual(open(findings), []);
    });
  }

  it(`leaves only ${LOCAL_STATE} open, as a warning about local state`, () => {
    const local = all.filter((f) => f.ruleId === LOCAL_STATE);
    assert.ok(local.length > 0);
    assert.ok(local.every((f) => f.level === "warning" && /keeps local plaintext state/.test(f.message)));
  });

  it("prints the suppressed findings with their reasons", () => {
    const suppressed = all.filter((f) => f.suppressedBecause !== undefined);
    process.stdout.write(`security rules: ${all.length - suppressed.length} open, ${suppressed.length} suppressed\n`);
    for (const f of suppressed) process.stdout.write(`  ${f.path}: [${f.ruleId}] suppressed: ${f.suppressedBecause}\n`);
  });
});
