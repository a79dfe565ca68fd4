// Writes docs/API.md from the JSDoc of everything src/index.ts exports, and docs/api-report.md (one line per
// exported name, for reviewing changes to the public surface): `npm run generate:api-docs`.
// test/unit/docs/api-docs.test.ts fails when the committed file is stale or a props property lacks
// its documentation or @default.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { API_DOC_FILE, API_REPORT_FILE, propsLint, readApi, renderApiMarkdown, renderApiReport, ROOT } from "./api-docs";

const api = readApi();
writeFileSync(join(ROOT, API_DOC_FILE), renderApiMarkdown(api));
writeFileSync(join(ROOT, API_REPORT_FILE), renderApiReport(api));
process.stdout.write(`wrote ${API_DOC_FILE} and ${API_REPORT_FILE} (${api.length} exports)\n`);
const problems = propsLint(api);
if (problems.length) {
  process.stderr.write(`${problems.join("\n")}\n${problems.length} props problem(s): document them (see the test in test/unit/docs)\n`);
  process.exitCode = 1;
}
