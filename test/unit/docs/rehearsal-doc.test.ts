import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { KongEstate } from "../../../src/ha/kong-estate";
import { DEFAULT_TOPOLOGY } from "../../../src/topology/default-topology";
import { resolveTopology } from "../../../src/topology/resolve-topology";
import { ROOT } from "../../support/examples";
import { resourceCount, synthOf, testApp } from "../../support/synth";
import { EMULATOR_DRIFTS } from "../../rehearsal/emulator-drifts";

// docs/REHEARSAL.md and docs/HA.md quote the rehearsal's resource counts and drift list: kept true here.

const estate = new KongEstate(testApp(), { topology: resolveTopology(DEFAULT_TOPOLOGY).topology! });
const rehearsal = readFileSync(join(ROOT, "docs", "REHEARSAL.md"), "utf8");

describe("docs/REHEARSAL.md", () => {
  it("quotes the embedded default's pki, infra and gateway resource counts", () => {
    const infra = resourceCount(synthOf(estate.infraStacks.get("east")!));
    const gateway = resourceCount(synthOf(estate.gatewayStacks.get("east")!));
    assert.match(rehearsal, new RegExp(`\\(${infra} of ${infra} per site\\)`));
    assert.match(rehearsal, new RegExp(`each infra stack \\(${infra} resources\\)`));
    const pki = resourceCount(synthOf(estate.pkiStack!));
    assert.match(rehearsal, new RegExp(`\\(${pki} of ${pki}\\)`));
    assert.match(rehearsal, new RegExp(`the pki stack \\(${pki} resources\\)`));
    assert.match(
      readFileSync(join(ROOT, "docs", "HA.md"), "utf8"),
      new RegExp(`embedded default \\(${pki} resources\\)[\\s\\S]*\\(${infra} resources\\)[\\s\\S]*\\(${gateway} resources\\)`),
    );
  });

  it("quotes the promotion drills' infra resource counts: the default without pki and logging, its standby pilot-light, then warm", () => {
    const { pki: _pki, logging: _logging, ...bare } = DEFAULT_TOPOLOGY;
    const ha = readFileSync(join(ROOT, "docs", "HA.md"), "utf8");
    for (const standby of ["pilot-light", "warm"] as const) {
      const sites = [bare.sites[0], { ...bare.sites[1], standby }];
      const drilled = new KongEstate(testApp(), { topology: resolveTopology({ ...bare, sites }).topology! });
      const count = resourceCount(synthOf(drilled.infraStacks.get(bare.sites[1].name)!));
      assert.match(rehearsal, new RegExp(`${standby}[^|]*?[(: ]${count} resources`), `docs/REHEARSAL.md: ${standby} ${count}`);
      assert.match(ha, new RegExp(`${standby}[^.]*?[(: ]${count} resources`), `docs/HA.md: ${standby} ${count}`);
    }
  });

  it("lists every attribute of the pinned emulator drift list", () => {
    for (const drift of EMULATOR_DRIFTS) assert.ok(rehearsal.includes(`\`${drift.attribute}\``), `${drift.attribute} is not in docs/REHEARSAL.md`);
  });
});
