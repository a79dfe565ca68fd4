import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TerraformStack, Testing } from "cdktf";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { ConfigError } from "../../../src/core/config-error";
import { checkovSkipsOf, skipCheckov } from "../../../src/core/checkov-suppression";

const REASON = "A reason that is at least one sentence long.";

/** The `//` comment of each block as synthesized (Testing.synth strips it, so read the stack's own output). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function comments(stack: TerraformStack): any {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const json = stack.toTerraform() as any;
  return {
    bucket: Object.values(json.resource.aws_s3_bucket)[0] as object,
    zones: Object.values(json.data.aws_availability_zones)[0] as object,
  };
}

describe("skipCheckov", () => {
  it("writes the skips next to a resource and next to a data source, with the construct metadata", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    skipCheckov(new S3Bucket(stack, "bucket", {}), { id: "CKV_AWS_18", comment: REASON });
    const zones = new DataAwsAvailabilityZones(stack, "zones", {});
    skipCheckov(zones, { id: "CKV_AWS_394", comment: REASON });
    skipCheckov(zones, { id: "CKV2_AWS_1", comment: `  ${REASON}  ` });
    const { bucket, zones: data } = comments(stack);
    assert.deepEqual(
      [bucket["//"].checkov, data["//"].checkov, Object.keys(data["//"]).sort(), checkovSkipsOf(zones).map((s) => s.id)],
      [
        { skip: [{ id: "CKV_AWS_18", comment: REASON }] },
        {
          skip: [
            { id: "CKV_AWS_394", comment: REASON },
            { id: "CKV2_AWS_1", comment: REASON },
          ],
        },
        ["checkov", "metadata"],
        ["CKV_AWS_394", "CKV2_AWS_1"],
      ],
    );
  });

  it("needs a check ID and a reason", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    assert.throws(
      () => skipCheckov(new S3Bucket(stack, "bucket", {}), { id: "AWS_18", comment: "short" }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.equal(
          e.message,
          's/bucket: skips[0].id: "AWS_18" is not a checkov check ID such as CKV_AWS_18\ns/bucket: skips[0].comment: needs a reason of at least 20 characters',
        );
        return true;
      },
    );
  });
});
