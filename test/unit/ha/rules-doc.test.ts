import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { RULES_DOC_COMMAND, RULES_DOC_FILE, rulesDoc } from "../../../scripts/generate-rules-doc";
import { DEFAULT_RULE_PACK } from "../../../src/ha/default-rule-pack";
import { ROOT } from "../../support/examples";

describe("docs/RULES.md", () => {
  it("is generated from the default rule pack (not stale)", () => {
    const committed = readFileSync(join(ROOT, RULES_DOC_FILE), "utf8");
    assert.ok(committed === rulesDoc(), `${RULES_DOC_FILE} is stale: run \`${RULES_DOC_COMMAND}\` and commit it`);
  });

  it("documents every rule with its level, cause, explanation and fix", () => {
    const doc = rulesDoc();
    for (const rule of DEFAULT_RULE_PACK.rules) {
      assert.ok(
        doc.includes(`### ${rule.id} ${rule.name}\n\n**${rule.level}**: ${rule.cause}\n\n${rule.explanation.trim()}\n\n**Fix:** ${rule.fix.trim()}\n`),
        rule.id,
      );
    }
  });
});
