// Writes docs/RULES.md from the default rule pack (src/ha/default-rule-pack.ts): `npm run
// generate:rules-doc`. test/unit/ha/rules-doc.test.ts fails when the committed file differs.
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DEFAULT_RULE_PACK } from "../src/ha/default-rule-pack";

/** Where the rules are documented, relative to the repository root. */
export const RULES_DOC_FILE = "docs/RULES.md";
/** The command that writes it. */
export const RULES_DOC_COMMAND = "npm run generate:rules-doc";

/** The text of docs/RULES.md. */
export function rulesDoc(): string {
  return DEFAULT_RULE_PACK.toMarkdown(RULES_DOC_COMMAND);
}

if (require.main === module) {
  writeFileSync(join(resolve(__dirname, ".."), RULES_DOC_FILE), rulesDoc());
  process.stdout.write(`wrote ${RULES_DOC_FILE}\n`);
}
