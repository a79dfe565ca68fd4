import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_TOPOLOGY } from "../../../src/topology/default-topology";
import { resolveTopology } from "../../../src/topology/resolve-topology";
import { SiteInfraStack } from "../../../src/ha/site-infra-stack";
import { matchSnapshot } from "../../support/snapshot";
import { resources, synthOf, testApp } from "../../support/synth";
import { BASE, topologyOf } from "./estate";

const topology = resolveTopology(DEFAULT_TOPOLOGY).topology!;

function infra(t = topology, i = 0) {
  return synthOf(new SiteInfraStack(testApp(), `${t.sites[i].name}-infra`, { topology: t, site: t.sites[i] }));
}

describe("SiteInfraStack", () => {
  it("works in the site's region and tags everything with the estate and site", () => {
    assert.deepEqual(infra(topology, 1).provider.aws[0], {
      region: "us-west-2",
      default_tags: [{ tags: { "kong-ha:estate": "edge", "kong-ha:site": "west", "managed-by": "cdktf-kong-ha" } }],
    });
  });

  it("names physical resources <estate>-<site>", () => {
    const json = infra();
    assert.deepEqual([resources(json, "aws_ecs_cluster")[0].name, resources(json, "aws_db_instance")[0].identifier], ["edge-east", "edge-east-kong"]);
  });

  it("sizes a warm standby at one task that scales to the primary's ceiling", () => {
    const t = topologyOf({ ...BASE, sites: [BASE.sites[0], { ...BASE.sites[1], standby: "warm" }] });
    const target = resources(infra(t, 1), "aws_appautoscaling_target")[0];
    assert.deepEqual([target.min_capacity, target.max_capacity], [1, 6]);
  });

  it("runs no proxy tasks on a pilot-light standby but keeps its database and one Admin API task", () => {
    const t = topologyOf({ ...BASE, sites: [BASE.sites[0], { ...BASE.sites[1], standby: "pilot-light" }] });
    const json = infra(t, 1);
    const services = Object.fromEntries(resources(json, "aws_ecs_service").map((s) => [s.name, s.desired_count]));
    assert.deepEqual([services, resources(json, "aws_db_instance").length], [{ kong: 0, "kong-admin-only": 1 }, 1]);
  });

  it("adopts the site's existing VPC when the topology names one", () => {
    const network = {
      vpcId: "vpc-0123456789abcdef0",
      privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
      publicSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
    };
    const t = topologyOf({ ...BASE, sites: [{ ...BASE.sites[0], network }, BASE.sites[1]] });
    const json = infra(t);
    assert.deepEqual([resources(json, "aws_vpc").length, resources(json, "aws_ecs_service")[0].network_configuration.subnets], [0, network.privateSubnetIds]);
  });

  it("opens the Admin API to the topology's CIDRs", () => {
    const t = topologyOf({ ...BASE, sites: [{ ...BASE.sites[0], adminCidrs: ["172.16.0.0/12"] }, BASE.sites[1]] });
    assert.deepEqual(
      resources(infra(t), "aws_vpc_security_group_ingress_rule")
        .filter((r) => r.from_port === 8444)
        .map((r) => r.cidr_ipv4),
      ["172.16.0.0/12"],
    );
  });

  it("outputs what operators and the runbook need", () => {
    assert.deepEqual(
      Object.keys(infra().output)
        .filter((k) => !k.startsWith("cross-stack"))
        .sort(),
      [
        "admin-task-definition",
        "admin-url",
        "database-identifier",
        "ecs-cluster",
        "ecs-service",
        "log-group",
        "public-dns-name",
        "task-security-group",
        "task-subnets",
      ],
    );
  });

  it("matches the snapshot of east-infra", () => {
    matchSnapshot("east-infra", infra());
  });
});
