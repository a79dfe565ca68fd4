import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { App, TerraformStack } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { FirehoseToSplunk } from "../../src/logging/firehose-to-splunk";
import { SplunkHecLogging } from "../../src/logging/splunk-hec-logging";
import { KongProvider } from "../../src/providers/kong/provider";
import { validateStackDir } from "../support/terraform";
import { undocumented } from "./known-warnings";
import { skipUnless } from "../support/tools";

const SKIP = skipUnless("validate", "terraform");

// The logging constructs imported alone into a user's stack, as the README shows, through terraform validate.
describe("terraform validate: logging constructs in a user's own stack", { skip: SKIP }, () => {
  const outdir = mkdtempSync(join(tmpdir(), "validate-logging-"));
  const app = new App({ outdir });

  const aws = new TerraformStack(app, "firehose");
  new AwsProvider(aws, "aws", { region: "us-east-1" });
  const key = new KmsKey(aws, "key", { enableKeyRotation: true });
  const group = new CloudwatchLogGroup(aws, "kong", { name: "/ecs/kong", kmsKeyId: key.arn, retentionInDays: 365 });
  const token = new SecretsmanagerSecret(aws, "hec-token", { name: "splunk/hec", kmsKeyId: key.arn });
  new FirehoseToSplunk(aws, "to-splunk", {
    name: "kong-east",
    logGroup: group,
    hecEndpoint: "https://http-inputs-firehose-acme.splunkcloud.com",
    hecTokenSecret: token,
    kmsKeyArn: key.arn,
    protect: false,
  });

  const kong = new TerraformStack(app, "hec");
  new KongProvider(kong, "kong", { kongAdminUri: "https://kong-admin.internal:8444" });
  new SplunkHecLogging(kong, "splunk", { endpoint: "https://splunk.example.com:8088", index: "kong", sourcetype: "kong:http-log" });
  app.synth();

  for (const stack of ["firehose", "hec"]) {
    it(stack, () => {
      const result = validateStackDir(join(outdir, "stacks", stack));
      assert.deepEqual(result.errors, []);
      assert.deepEqual(undocumented(result.warnings), []);
    });
  }
});
