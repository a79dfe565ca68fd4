import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { failoverTimings } from "../../../src/ha/failover-timing";
import { renderFailoverRunbook } from "../../../src/ha/failover-runbook";
import { BASE, topologyOf } from "./estate";

const timings = failoverTimings(120)!;
const runbook = (input: object) => renderFailoverRunbook(topologyOf(input), timings);
const withStandby = (standby: string) => ({ ...BASE, sites: [BASE.sites[0], { ...BASE.sites[1], standby }] });
const ACTIVE = { ...BASE, mode: "active-active", sites: BASE.sites.map(({ name, region }) => ({ name, region })) };

describe("renderFailoverRunbook", () => {
  it("lists every site with its role, standby level and ECS names", () => {
    assert.match(
      runbook(withStandby("warm")),
      /^\| west \| us-west-2 \| standby \(warm\) \| 1 \/ 1 \/ 6 \| 1 vCPU, 2048 MiB \| edge-west \/ kong \| west\.api\.example\.com \|$/m,
    );
  });

  it("states the detection time, TTL and expected failover time", () => {
    assert.match(runbook(BASE), /every 30 s .*\n3 failed checks \(90 s\)\. Records carry a TTL of 30 s\. Expected failover:\n\*\*about 120 s\*\*/);
  });

  it("says a hot standby needs no operator action", () => {
    assert.match(runbook(BASE), /The standby is hot: it already runs the primary's task count, nothing else has to happen\./);
  });

  it("tells the operator to scale a pilot-light standby, with the estate's names", () => {
    const text = runbook(withStandby("pilot-light"));
    assert.match(text, /it runs no Kong tasks and serves nothing until you scale it up/);
    assert.match(text, /aws ecs update-service --region us-west-2 --cluster edge-west --service kong --desired-count 2/);
  });

  it("drills a failover by inverting the primary's health check", () => {
    assert.match(
      runbook(BASE),
      /Fail the primary: `aws route53 update-health-check --region us-east-1 --health-check-id \$\(terraform -chdir=cdktf\.out\/stacks\/global output -raw health-check-east\) --inverted`/,
    );
  });

  it("names the region in every aws command, so it runs in a shell with no region configured", () => {
    for (const text of [runbook(BASE), runbook(withStandby("pilot-light")), runbook(ACTIVE)]) {
      const commands = [...text.matchAll(/\baws [a-z0-9-]+ (?:wait )?[a-z]+(?:-[a-z]+)+[^`\n]*/g)].map((m) => m[0]);
      assert.ok(commands.length > 5);
      assert.deepEqual(
        commands.filter((command) => !/ --region [a-z]{2}-[a-z]+-\d/.test(command)),
        [],
      );
    }
  });

  it("explains that active-active sites drop out and rejoin by themselves", () => {
    assert.match(runbook(ACTIVE), /its record leaves the answer set; clients go to the\n\s+nearest healthy site/);
  });

  it("includes the restart after a database password rotation and the migrations finish step", () => {
    const text = runbook(BASE);
    assert.match(text, /--cluster edge-east --service kong --force-new-deployment/);
    assert.match(text, /"command":\["kong","migrations","finish"\]/);
  });

  it("says the same restart serves a certificate renewal when Kong reads its certificates from Secrets Manager", () => {
    const text = runbook({ ...BASE, pki: { issuer: "tls", store: "aws-secrets-manager" } });
    assert.match(
      text,
      /### Database password rotation and certificate renewal\n\n.*a `pki` apply inside the renewal window renews the certificates\. Kong reads both when a task starts/,
    );
    assert.doesNotMatch(runbook(BASE), /certificate renewal/);
  });
});
