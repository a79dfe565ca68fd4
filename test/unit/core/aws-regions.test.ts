import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { Issue } from "../../../src/core/schema";
import { formats, isAwsRegion } from "../../../src/core/formats";
import { AWS_REGIONS_FILE, renderAwsRegions } from "../../../scripts/generate-aws-regions";

function problems(value: unknown): string[] {
  const issues: Issue[] = [];
  formats.awsRegion().check(value, "region", issues);
  return issues.map((i) => `${i.path}: ${i.message}`);
}

describe("AWS regions", () => {
  it("src/core/aws-regions.ts is what the generator writes from the installed AWS SDK (not stale)", () => {
    assert.ok(readFileSync(AWS_REGIONS_FILE, "utf8") === renderAwsRegions(), "run `npm run generate:aws-regions` and commit the result");
  });

  it("refuses a region that looks real but does not exist, with the nearest real one", () => {
    assert.deepEqual(problems("us-east-9"), ['region: "us-east-9" is not an AWS region (did you mean "us-east-1"?)']);
  });

  it("accepts the regions of every partition (commercial, GovCloud, China)", () => {
    assert.deepEqual(
      ["us-east-1", "eu-central-2", "us-gov-west-1", "cn-north-1", "ap-southeast-5"].filter((r) => !isAwsRegion(r)),
      [],
    );
  });

  it("gives editors the list of regions", () => {
    assert.ok((formats.awsRegion().toJsonSchema().enum as string[]).includes("eu-west-1"));
  });
});
