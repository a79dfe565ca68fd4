import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import * as ts from "typescript";
import { ROOT } from "../support/examples";

// The app runs transpile-only (scripts/run-app.cjs bundles with esbuild, tests run through tsx):
// this is where a type error in the library, the app, the bench or the tests fails CI.
describe("the project", () => {
  it("type-checks with tsconfig.json, as `npm run typecheck` does", () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
    const program = ts.createProgram(config.fileNames, { ...config.options, noEmit: true });
    const diagnostics = ts.getPreEmitDiagnostics(program);
    assert.deepEqual(
      diagnostics.map(
        (d) =>
          `${d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "tsconfig"}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
      ),
      [],
    );
  });
});
