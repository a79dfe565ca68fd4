import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { App } from "cdktf";
import { KongEstate } from "../../../src/ha/kong-estate";
import { DEFAULT_RULE_PACK } from "../../../src/ha/default-rule-pack";
import { LOG_GROUP_KEPT_RULE_ID, PROTECTED_STATE_RULE_ID } from "../../../src/core/destroy-protection";
import { RULE_ID_REGEX } from "../../../src/core/rules/rule";
import { exampleTopologies } from "../../support/examples";

describe("DEFAULT_RULE_PACK", () => {
  // Rule IDs are public: suppressions name them. Adding, removing, renumbering or re-levelling a rule
  // is an API change, made here on purpose (and in the CHANGELOG), never as a side effect.
  it("pins the rule IDs, levels and names", () => {
    assert.deepEqual(
      DEFAULT_RULE_PACK.describe().map((r) => `${r.id} ${r.level} ${r.name}`),
      [
        "KHA-HA-001 error sites-share-region",
        "KHA-HA-002 error site-single-az",
        "KHA-HA-003 error hot-standby-undersized",
        "KHA-HA-004 error mtls-behind-tls-termination",
        "KHA-HA-005 error primary-without-health-check",
        "KHA-HA-006 error two-site-quorum",
        "KHA-HA-007 warning tasks-fewer-than-azs",
        "KHA-HA-008 warning pilot-light-failover-target",
        "KHA-HA-009 error credential-generated-per-site",
        "KHA-SEC-001 error stateful-resource-unprotected",
        "KHA-SEC-002 error admin-api-exposed",
        "KHA-SEC-003 error literal-secret-in-kong-config",
        "KHA-SEC-004 warning log-group-retention",
        "KHA-SEC-005 warning log-group-unencrypted",
        "KHA-SEC-006 warning log-group-deleted-with-stack",
        "KHA-SEC-007 warning admin-api-tls-unverified",
        "KHA-SEC-008 warning secrets-in-local-state",
        "KHA-SEC-009 warning ca-key-in-state",
      ],
    );
  });

  it("gives every rule a stable ID, a one-line cause, an explanation, a fix and a level", () => {
    const incomplete = DEFAULT_RULE_PACK.describe().filter(
      (r) =>
        !RULE_ID_REGEX.test(r.id) ||
        !["error", "warning"].includes(r.level) ||
        !r.cause.trim() ||
        r.cause.includes("\n") ||
        r.explanation.trim().length < 80 ||
        !r.fix.trim(),
    );
    assert.deepEqual(incomplete, []);
  });

  // The checker asks a rule only about its targets: a target list that missed a construct the rule
  // applies to would hide its findings there.
  it("targets each rule at everything it applies to, in every example estate", () => {
    let applied = 0;
    for (const { topology } of exampleTopologies()) {
      const estate = new KongEstate(new App({ outdir: "unused" }), { topology });
      const nodes = estate.stacks.flatMap((stack) => stack.node.findAll());
      for (const rule of DEFAULT_RULE_PACK.rules) {
        assert.ok(rule.targets, `${rule.id} has no targets: every construct of an estate would be asked about`);
        const { classes = [], terraformTypes = [] } = rule.targets;
        for (const node of nodes.filter((n) => rule.appliesTo(n))) {
          const type = (node as { terraformResourceType?: string }).terraformResourceType;
          assert.ok(
            classes.some((cls) => node instanceof cls) || (type !== undefined && terraformTypes.includes(type)),
            `${rule.id} applies to ${node.node.path}, outside its targets`,
          );
          applied++;
        }
      }
    }
    assert.ok(applied > 100, `the rules applied to only ${applied} constructs`);
  });

  it("has the rules the protect: false opt-out names", () => {
    assert.deepEqual([DEFAULT_RULE_PACK.has(PROTECTED_STATE_RULE_ID), DEFAULT_RULE_PACK.has(LOG_GROUP_KEPT_RULE_ID)], [true, true]);
  });
});
