import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { exampleTopologies, synthTopology } from "../support/examples";
import { validateStackDir } from "../support/terraform";
import { undocumented } from "./known-warnings";
import { skipUnless } from "../support/tools";

const SKIP = skipUnless("validate", "terraform");

// Every stack of every example topology goes through the real terraform CLI: init (offline, from
// the toolchain's provider mirror) and validate. Errors fail; warnings fail unless known-warnings.ts
// explains them.
for (const example of exampleTopologies()) {
  describe(`terraform validate: ${example.name}`, { skip: SKIP }, () => {
    const outdir = mkdtempSync(join(tmpdir(), "validate-"));
    const stacks = synthTopology(example.topology, outdir);
    for (const stack of stacks) {
      it(stack, () => {
        const result = validateStackDir(join(outdir, "stacks", stack));
        assert.deepEqual(result.errors, [], `terraform validate errors in ${stack}`);
        assert.deepEqual(undocumented(result.warnings), [], `undocumented terraform warnings in ${stack}`);
      });
    }
  });
}
