import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { App, TerraformElement, TerraformProvider, TerraformResource, TerraformVariable } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { KongEstate } from "../../../../src/ha/kong-estate";
import { ConsumerKeyAuth } from "../../../../src/providers/kong/consumer-key-auth";
import { argumentOf, argumentsOf } from "../../../../src/core/rules/terraform-arguments";
import { exampleTopologies } from "../../../support/examples";
import { stack } from "./security-helpers";

describe("argumentOf", () => {
  it("reads each argument of every element the example estates create as argumentsOf renders it", () => {
    let compared = 0;
    for (const { topology } of exampleTopologies()) {
      const app = new App({ outdir: "unused" });
      const estate = new KongEstate(app, { topology });
      const elements = estate.stacks.flatMap((s) => s.node.findAll()).filter((n) => n instanceof TerraformResource || n instanceof TerraformProvider);
      for (const element of elements as TerraformElement[]) {
        const rendered = argumentsOf(element);
        for (const name of Object.keys(rendered)) {
          assert.deepEqual(argumentOf(element, name), rendered[name], `${element.node.path}: ${name}`);
          compared++;
        }
        assert.equal(argumentOf(element, "no_such_argument"), undefined);
      }
    }
    assert.ok(compared > 1000, `only ${compared} arguments compared`);
  });

  it("takes an escape-hatch override over the props, and an override to undefined removes the argument", () => {
    const s = stack();
    const key = new TerraformVariable(s, "key", { type: "string", sensitive: true }).stringValue;
    const auth = new ConsumerKeyAuth(s, "auth", { consumerId: "c", key: "literal", tags: ["a"] });
    auth.addOverride("key", key);
    assert.equal(argumentOf(auth, "key"), key);
    auth.addOverride("consumer_id", undefined);
    assert.equal(argumentOf(auth, "consumer_id"), undefined);
    assert.equal(argumentsOf(auth).consumer_id, undefined);
  });

  it("renders the element for a nested value, so a partial override of a map merges as Terraform will see it", () => {
    const s = stack();
    const group = new CloudwatchLogGroup(s, "logs", { name: "l", tags: { team: "edge", env: "prod" } });
    group.addOverride("tags.env", "test");
    assert.deepEqual(argumentOf(group, "tags"), { team: "edge", env: "test" });
  });
});
