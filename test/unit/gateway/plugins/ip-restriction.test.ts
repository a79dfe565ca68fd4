import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ipRestriction } from "../../../../src/gateway/plugins/ip-restriction";
import { pluginProblems } from "../../../support/plugin-check";

describe("ip-restriction", () => {
  it("accepts addresses and CIDR blocks, allow and deny together", () => {
    assert.deepEqual(pluginProblems(ipRestriction({ allow: ["10.0.0.0/8", "2001:db8::/32"], deny: ["10.0.0.7"] })), []);
  });

  it("needs allow or deny", () => {
    assert.deepEqual(pluginProblems({ name: "ip-restriction", config: {} }), ["plugin.config: set at least one of allow, deny"]);
  });

  it("refuses an invalid CIDR block", () => {
    assert.deepEqual(pluginProblems(ipRestriction({ allow: ["10.0.0.0/33"] })), ['plugin.config.allow[0]: "10.0.0.0/33" is not an IP address or CIDR block']);
  });

  it("refuses a status outside HTTP's range", () => {
    assert.match(pluginProblems(ipRestriction({ deny: ["1.2.3.4"], status: 99 }))[0], /status: 99 is out of range/);
  });
});
