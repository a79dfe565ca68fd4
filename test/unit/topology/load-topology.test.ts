import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { formatLocatedIssues, splitPath } from "../../../src/core/located-yaml";
import { loadTopologyFile, parseTopology } from "../../../src/topology/load-topology";

const YAML = `name: edge
mode: active-passive          # or active-active
edition: oss
domain: api.example.com
sites:
  - { name: east, region: us-east-1, role: primary }
  - { name: west, region: us-west-2, role: standby }
services:
  - name: service11
    url: http://example11.com:8080
    routes: [{ paths: [/example11] }]
    plugins: [{ name: key-auth }]
`;

describe("loading a topology file", () => {
  it("reads the YAML shape of the foundation issue", () => {
    const { topology, issues } = parseTopology(YAML);
    assert.deepEqual(issues, []);
    assert.equal(topology?.catalog.services?.[0].name, "service11");
  });

  it("reads JSON too", () => {
    const json = JSON.stringify({
      name: "edge",
      mode: "active-active",
      domain: "api.example.com",
      sites: [
        { name: "a", region: "us-east-1" },
        { name: "b", region: "eu-west-1" },
      ],
    });
    assert.deepEqual(parseTopology(json).issues, []);
  });

  it("locates a bad value at its line and column", () => {
    const { issues } = parseTopology(YAML.replace("region: us-west-2", "region: us-west-99"));
    assert.deepEqual(
      issues.map((i) => [i.path, i.line, i.column]),
      [["sites[1].region", 7, 27]],
    );
  });

  it("locates a missing field at its parent", () => {
    const { issues } = parseTopology(YAML.replace("    url: http://example11.com:8080\n", ""));
    assert.deepEqual(
      issues.map((i) => [i.path, i.line]),
      [["services[0]", 9]],
    );
  });

  it("reports a YAML syntax error with its position instead of throwing", () => {
    const { issues } = parseTopology("name: edge\nsites: [\n");
    assert.equal(issues.length > 0, true);
    assert.equal(issues[0].line !== undefined, true);
  });

  it("reports a duplicate key", () => {
    const { issues } = parseTopology(`${YAML}name: again\n`);
    assert.match(issues[0].message, /unique/i);
  });

  it("reports an empty file", () => {
    assert.match(parseTopology("").issues[0].message, /empty/);
  });

  it("formats issues as <file>:<line>:<col> <path>: <message>", () => {
    const { issues } = parseTopology(YAML.replace("region: us-west-2", "region: us-west-99"));
    assert.equal(formatLocatedIssues("edge.yaml", issues), 'edge.yaml:7:27 sites[1].region: "us-west-99" is not an AWS region (did you mean "us-west-1"?)');
  });

  it("reports a file that cannot be read", () => {
    const dir = mkdtempSync(join(tmpdir(), "topology-"));
    assert.match(loadTopologyFile(join(dir, "missing.yaml")).issues[0].message, /cannot read the file: it does not exist/);
    writeFileSync(join(dir, "edge.yaml"), YAML);
    assert.deepEqual(loadTopologyFile(join(dir, "edge.yaml")).issues, []);
  });

  it("splits paths with indexes and quoted keys", () => {
    assert.deepEqual(splitPath('services[2].routes[0].headers["x y"]'), ["services", 2, "routes", 0, "headers", "x y"]);
  });
});
