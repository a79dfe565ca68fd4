import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DEFAULT_TOPOLOGY } from "../../src/topology/default-topology";
import { resolveTopology } from "../../src/topology/resolve-topology";
import { synthTopology } from "../support/examples";
import { validateStackDir } from "../support/terraform";
import { undocumented } from "./known-warnings";
import { skipUnless } from "../support/tools";

const SKIP = skipUnless("validate", "terraform");

// No example has a pilot-light standby: the embedded default with its standby made pilot-light,
// whose infra stack carries the proxy-less Admin API service, through terraform validate.
describe("terraform validate: the embedded default with a pilot-light standby", { skip: SKIP }, () => {
  const { topology, issues } = resolveTopology({
    ...DEFAULT_TOPOLOGY,
    failover: { targetSeconds: 900 },
    sites: DEFAULT_TOPOLOGY.sites.map((s) => (s.role === "standby" ? { ...s, standby: "pilot-light" } : s)),
  });
  const outdir = mkdtempSync(join(tmpdir(), "validate-pilot-light-"));
  const stacks = topology ? synthTopology(topology, outdir) : [];

  it("is a valid topology", () => {
    assert.deepEqual(issues, []);
  });

  for (const stack of stacks.filter((s) => s.endsWith("-infra"))) {
    it(stack, () => {
      const result = validateStackDir(join(outdir, "stacks", stack));
      assert.deepEqual(result.errors, [], `terraform validate errors in ${stack}`);
      assert.deepEqual(undocumented(result.warnings), [], `undocumented terraform warnings in ${stack}`);
    });
  }
});
