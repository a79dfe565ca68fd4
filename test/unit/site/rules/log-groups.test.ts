import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { allowDestroy, PROTECT_FALSE_REASON } from "../../../../src/core/destroy-protection";
import { findings, stack, suppressed } from "../../core/rules/security-helpers";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/site";

describe("KHA-SEC-004 log-group-retention", () => {
  it("reports a group kept forever or less than a year", () => {
    const s = stack();
    new CloudwatchLogGroup(s, "forever", { kmsKeyId: KEY, skipDestroy: true });
    new CloudwatchLogGroup(s, "month", { retentionInDays: 30, kmsKeyId: KEY, skipDestroy: true });
    assert.deepEqual(findings(s, "KHA-SEC-004"), [
      'aws_cloudwatch_log_group "forever" has no retention: its logs are kept, and billed, forever.',
      'aws_cloudwatch_log_group "month" keeps logs 30 days, less than a year.',
    ]);
  });

  it("accepts a year or more", () => {
    const s = stack();
    new CloudwatchLogGroup(s, "year", { retentionInDays: 365 });
    new CloudwatchLogGroup(s, "longer", { retentionInDays: 731 });
    assert.deepEqual(findings(s, "KHA-SEC-004"), []);
  });
});

describe("KHA-SEC-005 log-group-unencrypted", () => {
  it("reports a group without a KMS key and accepts one with", () => {
    const s = stack();
    new CloudwatchLogGroup(s, "plain", { retentionInDays: 365 });
    new CloudwatchLogGroup(s, "encrypted", { retentionInDays: 365, kmsKeyId: KEY });
    assert.deepEqual(findings(s, "KHA-SEC-005"), ['aws_cloudwatch_log_group "plain" has no KMS key.']);
  });
});

describe("KHA-SEC-006 log-group-deleted-with-stack", () => {
  it("reports a group deleted with its stack and accepts skip_destroy or prevent_destroy", () => {
    const s = stack();
    new CloudwatchLogGroup(s, "deleted", {});
    new CloudwatchLogGroup(s, "kept", { skipDestroy: true });
    new CloudwatchLogGroup(s, "guarded", { lifecycle: { preventDestroy: true } });
    assert.deepEqual(findings(s, "KHA-SEC-006"), ['aws_cloudwatch_log_group "deleted" is deleted, logs and all, with its stack.']);
  });

  it("records protect: false as the reason", () => {
    const s = stack();
    allowDestroy(new CloudwatchLogGroup(s, "scratch", {}));
    assert.deepEqual([findings(s, "KHA-SEC-006"), suppressed(s, "KHA-SEC-006")], [[], [PROTECT_FALSE_REASON]]);
  });
});
