import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { exampleTopologies, synthTopology } from "../support/examples";
import { validateStackDir } from "../support/terraform";
import { undocumented } from "../validate/known-warnings";
import { skipUnless } from "../support/tools";
import { aws6Provider, pointAtAws6 } from "../support/aws6";

// The validate suite again, with AWS provider 6: every stack of every example topology, synthesized
// with `@cdktf/provider-aws` 21.x (the installed line), through `terraform init` + `validate` with
// a hashicorp/aws 6.x binary (test/support/aws6.ts says from where). This is the suite that caught
// provider 6.48's required `route.odb_network_arn` on inline routes.
const missing = skipUnless("validate-aws6", "terraform");
const aws6 = missing ? undefined : aws6Provider();
const SKIP = missing || (aws6?.kind === "skip" && aws6.reason);
if (aws6?.kind === "skip") process.stderr.write(`validate-aws6: skipped: ${aws6.reason}\n`);

describe("hashicorp/aws 6 is there to validate with", { skip: SKIP }, () => {
  it("is in the mirror, or comes from the registry", () => {
    assert.equal(aws6?.kind, "ready", aws6?.kind === "fail" ? aws6.reason : undefined);
  });
});

for (const example of exampleTopologies()) {
  describe(`terraform validate with AWS provider 6: ${example.name}`, { skip: SKIP || aws6?.kind !== "ready" }, () => {
    const outdir = mkdtempSync(join(tmpdir(), "validate-aws6-"));
    const stacks = synthTopology(example.topology, outdir);
    for (const stack of stacks) {
      it(stack, () => {
        const dir = join(outdir, "stacks", stack);
        pointAtAws6(dir, aws6!);
        const result = validateStackDir(dir);
        assert.deepEqual(result.errors, [], `terraform validate errors in ${stack}`);
        assert.deepEqual(undocumented(result.warnings), [], `undocumented terraform warnings in ${stack}`);
      });
    }
  });
}
