import { Infer, s } from "../core/schema";
import { EstateLogPath, secretNameSchema } from "./estate-log-path";
import type { FirehoseToSplunk } from "./firehose-to-splunk";

/** The topology's `logging.firehose` settings. */
const firehoseSettingsSchema = s
  .object({
    hecEndpoint: s.string({ minLength: 1 }).describe("HEC URL for Firehose, e.g. https://http-inputs-firehose-acme.splunkcloud.com"),
    hecTokenSecret: secretNameSchema().describe('Secrets Manager secret with {"hec_token": "..."}'),
    hecEndpointType: s.optional(s.enum(["Raw", "Event"]), "Raw"),
    s3BackupMode: s.optional(s.enum(["FailedEventsOnly", "AllEvents"]), "FailedEventsOnly"),
  })
  .describe("the Kong tasks' CloudWatch logs through Kinesis Firehose to Splunk, failures to S3");

export type FirehoseSettings = Infer<typeof firehoseSettingsSchema>;

/**
 * The estate's Firehose path: the Kong tasks' CloudWatch log group streams through Kinesis Firehose to
 * Splunk HEC, failed deliveries to an encrypted S3 bucket (infra only: Kong itself is not involved).
 * A module of its own so that its construct, whose Firehose, S3 and CloudWatch bindings are 3.5 MB of
 * JS, is loaded only by estates that use it (docs/PERFORMANCE.md).
 */
export const FIREHOSE_LOG_PATH: EstateLogPath<FirehoseSettings> = {
  section: "firehose",
  schema: firehoseSettingsSchema,
  addInfra({ scope, site, namePrefix, protect, alarmActions, secretArn }, settings) {
    const name = `${namePrefix}-kong-logs`;
    // The site key encrypts the failed deliveries in the backup bucket and Firehose's error log.
    const key = site.encryptionKey;
    key.allowLogGroup(`/aws/kinesisfirehose/${name}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { FirehoseToSplunk: Firehose } = require("./firehose-to-splunk") as { FirehoseToSplunk: typeof FirehoseToSplunk };
    new Firehose(scope, "firehose-to-splunk", {
      name,
      logGroup: site.cluster.logGroup,
      hecEndpoint: settings.hecEndpoint,
      hecEndpointType: settings.hecEndpointType,
      s3BackupMode: settings.s3BackupMode,
      hecTokenSecret: { arn: secretArn("splunk-firehose-token", settings.hecTokenSecret) },
      kmsKeyArn: key.arn,
      protect,
      alarmActions,
    });
  },
};
