import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { EXIT } from "../../../src/cli/cli";
import { cli } from "../../support/cli";

const CLOUD = { PATH: process.env.PATH, KONG_HA_BACKEND: "cloud", TF_CLOUD_ORGANIZATION: "acme" };

describe("cdktf-kong-ha renewal-workflow", () => {
  it("prints the embedded default's workflow, with the backend the environment selects, on stdout", () => {
    const run = cli(["renewal-workflow"], { env: CLOUD });
    assert.equal(run.code, EXIT.ok, run.stderr);
    const workflow = parse(run.stdout);
    assert.deepEqual([workflow.env.TF_CLOUD_ORGANIZATION, workflow.on.schedule.length], ["acme", 1]);
  });

  it("writes it to -o and says so on stderr", () => {
    const out = join(mkdtempSync(join(tmpdir(), "renewal-")), "kong-ha-renewal.yml");
    const run = cli(["renewal-workflow", "-o", out], { env: CLOUD });
    assert.deepEqual([run.code, run.stdout, run.stderr], [EXIT.ok, "", `wrote ${out}\n`]);
    assert.match(readFileSync(out, "utf8"), /npx cdktf deploy pki --auto-approve/);
  });

  it("refuses local state in one line naming why, and prints no workflow", () => {
    const run = cli(["renewal-workflow"]);
    assert.equal(run.code, EXIT.invalid);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /^the embedded default terraformCloud: the stacks keep local state, which a scheduled runner cannot read: .*\n$/);
  });

  it("refuses an example without a pki section at its path, naming the file", () => {
    const run = cli(["renewal-workflow", "examples/topologies/active-passive.yaml"], { env: CLOUD });
    assert.equal(run.code, EXIT.invalid);
    assert.match(run.stderr, /^examples\/topologies\/active-passive\.yaml pki: the estate stores no certificates/);
  });
});
