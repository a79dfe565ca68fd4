import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formats, isCidr } from "../../../src/core/formats";
import { isIpOrCidr } from "../../../src/core/cidr";
import { splitCheck } from "../../support/schema-check";

describe("formats", () => {
  it("accepts IPv4 and IPv6 addresses and CIDR blocks", () => {
    for (const ok of ["10.0.0.1", "10.0.0.0/8", "0.0.0.0/0", "::1", "2001:db8::/32", "fe80::1"]) assert.ok(isIpOrCidr(ok), ok);
  });

  it("refuses malformed addresses and prefixes", () => {
    for (const bad of ["10.0.0.256", "10.0.0", "10.0.0.1/33", "01.2.3.4", "::1/129", "1.2.3.4/8/1", "example.com", ""]) {
      assert.ok(!isIpOrCidr(bad), bad);
    }
  });

  it("requires a prefix for a CIDR block", () => {
    assert.ok(isCidr("10.0.0.0/16"));
    assert.ok(!isCidr("10.0.0.1"));
  });

  it("accepts AWS regions and refuses made-up ones", () => {
    assert.deepEqual(splitCheck(formats.awsRegion(), "eu-central-2"), []);
    assert.deepEqual(splitCheck(formats.awsRegion(), "us-gov-west-1"), []);
    assert.deepEqual(splitCheck(formats.awsRegion(), "mars-east-1", "region"), ['region: "mars-east-1" is not an AWS region (did you mean "ap-east-1"?)']);
  });

  it("accepts hostnames, with a leading wildcard, and refuses labels that start with a dash", () => {
    assert.deepEqual(splitCheck(formats.hostname(), "*.api.example.com"), []);
    assert.equal(splitCheck(formats.hostname(), "-bad.example.com").length, 1);
  });

  it("refuses a literal secret and accepts a Kong secret reference or a Terraform reference", () => {
    assert.deepEqual(splitCheck(formats.secretReference(), "{vault://env/redis-password}"), []);
    assert.deepEqual(splitCheck(formats.secretReference(), "${var.redis_password}"), []);
    assert.match(splitCheck(formats.secretReference(), "hunter2")[0], /must not be written in clear/);
  });

  it("refuses a regex route path that does not compile, naming why", () => {
    assert.deepEqual(splitCheck(formats.routePath(), "~/orders/(", "path"), ['path: "~/orders/(" is not a regex Kong\'s router compiles: unterminated group']);
  });

  it("accepts regex route paths with PCRE-only syntax JavaScript cannot judge ((?i), atomic groups)", () => {
    assert.deepEqual(splitCheck(formats.routePath(), "~(?i)/orders/(?>\\d+)$"), []);
  });

  it("accepts a valid regex route path", () => {
    assert.deepEqual(splitCheck(formats.routePath(), "~/orders/(?<id>\\d+)$"), []);
  });
});
