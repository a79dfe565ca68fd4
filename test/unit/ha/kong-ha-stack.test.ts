import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Testing } from "cdktf";
import { KongHaStack } from "../../../src/ha/kong-ha-stack";
import { workspaceName } from "../../../src/core/naming";
import { synthOf } from "../../support/synth";

describe("KongHaStack", () => {
  it("keeps local state next to the project with a relative path", () => {
    assert.deepEqual(synthOf(new KongHaStack(Testing.app(), "east-infra")).terraform.backend, { local: { path: "../../../terraform.east-infra.tfstate" } });
  });

  it("keeps Terraform Cloud state in the workspace <prefix>-<stack>", () => {
    const stack = new KongHaStack(Testing.app(), "east-infra", { terraformCloud: { organization: "acme", workspacePrefix: "edge", project: "kong" } });
    assert.deepEqual(synthOf(stack).terraform.cloud, { organization: "acme", workspaces: { name: "edge-east-infra", project: "kong" } });
  });

  it("names workspaces <prefix>-<stack>", () => {
    assert.equal(workspaceName({ workspacePrefix: "prod" }, "global"), "prod-global");
  });
});
