import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_RULE_PACK } from "../../../src/rules/default-rule-pack";

describe("DEFAULT_RULE_PACK", () => {
  // Rule IDs are public: suppressions name them. Renumbering one breaks every suppression of it.
  it("pins the HA rule IDs and levels", () => {
    assert.deepEqual(
      DEFAULT_RULE_PACK.describe()
        .filter((r) => r.id.startsWith("KHA-HA-"))
        .map((r) => `${r.id} ${r.level} ${r.name}`),
      [
        "KHA-HA-001 error sites-share-region",
        "KHA-HA-002 error site-single-az",
        "KHA-HA-003 error hot-standby-undersized",
        "KHA-HA-004 error mtls-behind-tls-termination",
        "KHA-HA-005 error primary-without-health-check",
        "KHA-HA-006 error two-site-quorum",
        "KHA-HA-007 warning tasks-fewer-than-azs",
        "KHA-HA-008 warning pilot-light-failover-target",
      ],
    );
  });
});
