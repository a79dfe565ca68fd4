import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { physicalName } from "../../../src/core/naming";

describe("physicalName", () => {
  it("joins the parts when they fit", () => {
    assert.equal(physicalName(["edge", "east", "pub"], 32), "edge-east-pub");
  });

  it("shortens a long name to the limit with a stable hash suffix", () => {
    const name = physicalName(["a-very-long-estate-name", "a-long-site-name", "proxy"], 32);
    assert.equal(name.length, 32);
    assert.equal(name, physicalName(["a-very-long-estate-name", "a-long-site-name", "proxy"], 32));
    assert.match(name, /^a-very-long-estate-name-a-l-[0-9a-f]{6}$|^[a-z-]+-[0-9a-f]{6}$/);
  });

  it("gives different long names different suffixes", () => {
    assert.notEqual(physicalName(["x".repeat(40), "status"], 32), physicalName(["x".repeat(40), "proxy"], 32));
  });
});
