import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planStack } from "../../../bench/plan";

const bindings = { roots: { kong: "../src/providers/kong" }, exportOf: (module: string, tfType: string) => `${module}#${tfType}` };

const stack = {
  "//": { metadata: {} },
  terraform: { backend: { local: { path: "../state.tfstate" } }, required_providers: { aws: { source: "aws", version: "1" } } },
  provider: { aws: [{ region: "us-east-1" }, { region: "eu-west-1", alias: "eu" }] },
  output: { dns: { value: "${aws_lb.nlb.dns_name}" } },
  resource: {
    aws_lb_listener: {
      admin: { "//": { metadata: {} }, load_balancer_arn: "${aws_lb.nlb.arn}", default_action: [{ target_group_arn: "x" }], provider: "aws.eu" },
    },
    aws_lb: { nlb: { name: "n", tags: { Name: "n" }, depends_on: ["data.aws_caller_identity.me"] } },
    kong_service: { svc: { host: "https://${aws_lb.nlb.dns_name}:8444" } },
  },
  data: { aws_caller_identity: { me: {} }, terraform_remote_state: { other: { backend: "local", config: { path: "../o.tfstate" } } } },
};

describe("the baseline plan", () => {
  const plan = planStack("east-infra", stack, bindings);
  const byAddress = new Map(plan.elements.map((el) => [el.address, el]));

  it("finds each element's binding module: aws in @cdktf/provider-aws, kong in the generated bindings", () => {
    assert.equal(byAddress.get("aws_lb_listener.admin")?.module, "@cdktf/provider-aws/lib/lb-listener");
    assert.equal(byAddress.get("data.aws_caller_identity.me")?.module, "@cdktf/provider-aws/lib/data-aws-caller-identity");
    assert.equal(byAddress.get("kong_service.svc")?.exportName, "../src/providers/kong/service#kong_service");
    assert.equal(byAddress.get("provider.aws.eu")?.module, "@cdktf/provider-aws/lib/provider");
  });

  it("declares cdktf's own elements with cdktf's classes", () => {
    assert.deepEqual(byAddress.get("data.terraform_remote_state.other"), {
      address: "data.terraform_remote_state.other",
      name: "other",
      module: "cdktf",
      exportName: "DataTerraformRemoteStateLocal",
      props: { path: "../o.tfstate" },
    });
    assert.equal(byAddress.get("output.dns")?.exportName, "TerraformOutput");
  });

  it("gives camelCase props, references as Refs, and leaves map keys and embedded references alone", () => {
    assert.deepEqual(byAddress.get("aws_lb_listener.admin")?.props, {
      loadBalancerArn: { $ref: "aws_lb.nlb", attr: "arn" },
      defaultAction: [{ targetGroupArn: "x" }],
      provider: { $ref: "provider.aws.eu" },
    });
    assert.deepEqual(byAddress.get("aws_lb.nlb")?.props, { name: "n", tags: { Name: "n" }, dependsOn: [{ $ref: "data.aws_caller_identity.me" }] });
    assert.deepEqual(byAddress.get("kong_service.svc")?.props, { host: "https://${aws_lb.nlb.dns_name}:8444" });
  });

  it("orders every element after what it refers to", () => {
    const order = plan.elements.map((el) => el.address);
    const before = (a: string, b: string) => assert.ok(order.indexOf(a) < order.indexOf(b), `${a} before ${b}`);
    before("aws_lb.nlb", "aws_lb_listener.admin");
    before("provider.aws.eu", "aws_lb_listener.admin");
    before("data.aws_caller_identity.me", "aws_lb.nlb");
    before("aws_lb.nlb", "output.dns");
  });

  it("keeps the local backend and the provider pins", () => {
    assert.deepEqual(plan.localBackend, { path: "../state.tfstate" });
    assert.deepEqual(plan.requiredProviders, { aws: { source: "aws", version: "1" } });
  });

  it("refuses what it cannot re-declare, naming it", () => {
    assert.throws(() => planStack("s", { module: {} }, bindings), /top-level "module"/);
    assert.throws(() => planStack("s", { terraform: { backend: { s3: {} } } }, bindings), /only local state.*s3/);
  });
});
