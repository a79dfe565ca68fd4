import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Testing } from "cdktf";
import { DEFAULT_TOPOLOGY } from "../../../src/topology/default-topology";
import { parseTopology } from "../../../src/topology/load-topology";
import { resolveTopology } from "../../../src/topology/resolve-topology";
import { Topology } from "../../../src/ha/resolved-topology";
import { KongEstate } from "../../../src/ha/kong-estate";
import { PROTECT_FALSE_REASON } from "../../../src/core/destroy-protection";
import { resources, synthOf } from "../../support/synth";

function topology(extra: object): Topology {
  const { topology, issues } = resolveTopology({ ...DEFAULT_TOPOLOGY, ...extra });
  assert.deepEqual(issues, []);
  return topology!;
}

describe("a topology's protect switch", () => {
  it("protects the estate's state by default", () => {
    const estate = new KongEstate(Testing.app(), { topology: topology({}) });
    const infra = synthOf(estate.infraStacks.get("east")!);
    assert.deepEqual(
      [
        resources(infra, "aws_db_instance")[0].deletion_protection,
        resources(infra, "aws_kms_key")[0].lifecycle,
        resources(synthOf(estate.globalStack), "aws_route53_zone")[0].lifecycle,
      ],
      [true, { prevent_destroy: true }, { prevent_destroy: true }],
    );
  });

  it("protect: false makes every stack destroyable, database included, and the rules say why", () => {
    const estate = new KongEstate(Testing.app(), { topology: topology({ protect: false }) });
    const infra = synthOf(estate.infraStacks.get("east")!);
    const db = resources(infra, "aws_db_instance")[0];
    assert.deepEqual(
      [
        db.deletion_protection,
        db.lifecycle,
        resources(infra, "aws_kms_key")[0].lifecycle,
        resources(infra, "aws_lb").map((lb) => lb.enable_deletion_protection),
        resources(synthOf(estate.globalStack), "aws_route53_zone")[0].lifecycle,
      ],
      [false, undefined, undefined, [false, false], undefined],
    );
    // Local state holding secrets (KHA-SEC-008) is not about destroyability: protect does not speak to it.
    const security = estate.check().filter((f) => f.ruleId.startsWith("KHA-SEC-") && f.ruleId !== "KHA-SEC-008");
    assert.ok(security.length > 0 && security.every((f) => f.suppressedBecause === PROTECT_FALSE_REASON), JSON.stringify(security));
  });

  it("accepts only a boolean", () => {
    const { issues } = parseTopology(JSON.stringify({ ...DEFAULT_TOPOLOGY, protect: "no" }));
    assert.deepEqual(
      issues.map((i) => i.path),
      ["protect"],
    );
  });
});
