import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { acl } from "../../../../src/gateway/plugins/acl";
import { pluginProblems } from "../../../support/plugin-check";

describe("acl", () => {
  it("accepts an allow list", () => {
    assert.deepEqual(pluginProblems(acl({ allow: ["partners"] })), []);
  });

  it("needs allow or deny", () => {
    assert.deepEqual(pluginProblems({ name: "acl", config: {} }), ["plugin.config: set exactly one of allow, deny"]);
  });

  it("refuses allow and deny together", () => {
    assert.deepEqual(pluginProblems(acl({ allow: ["a"], deny: ["b"] })), ["plugin.config: set only one of allow, deny (got allow and deny)"]);
  });

  it("refuses the Kong 1.x whitelist field", () => {
    assert.deepEqual(pluginProblems({ name: "acl", config: { whitelist: ["a"] } }), [
      "plugin.config.whitelist: unknown field; known fields: allow, always_use_authenticated_groups, deny, hide_groups_header, include_consumer_groups",
    ]);
  });

  it("takes, typed, a Kong field the hand-written definition does not check itself (include_consumer_groups)", () => {
    assert.deepEqual(pluginProblems(acl({ allow: ["admins"], include_consumer_groups: true })), []);
  });
});
