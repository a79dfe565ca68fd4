import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { QuorumComponent } from "../../../../src/ha/quorum-component";
import { findings, stack } from "./fixtures";

const quorum = (sites: string[], witness?: string) => new QuorumComponent(stack(), "quorum-vault", { component: "vault-raft", sites, witness });

describe("KHA-HA-006 two-site-quorum", () => {
  it("accepts a quorum over three sites", () => {
    assert.deepEqual(findings(quorum(["east", "west", "eu"]), "KHA-HA-006"), []);
  });

  it("accepts two sites with a witness", () => {
    assert.deepEqual(findings(quorum(["east", "west"], "raft voter in eu-west-1"), "KHA-HA-006"), []);
  });

  it("flags a quorum split over exactly two sites", () => {
    assert.deepEqual(findings(quorum(["east", "west"]), "KHA-HA-006"), [
      "vault-raft keeps its quorum on east and west only: losing the site with the majority stops it.",
    ]);
  });
});
