// The public API of src/logging: Kong's logs to Splunk, one module per path. Re-exports only;
// what is not listed here is internal. src/index.ts re-exports every layer.
export type { EstateLogPath, LogPathGatewayContext, LogPathInfraContext } from "./estate-log-path";
export {
  FILE_LOG_DIRECTORY,
  FILE_LOG_FORWARDING_LOG_PATH,
  FILE_LOG_PATH,
  FileLogForwarding,
  fileLogForwardingPlugin,
  universalForwarderConf,
} from "./file-log-forwarding";
export type { FileLogForwardingProps, FileLogSettings, IKongTaskExtensible, UniversalForwarderConfig } from "./file-log-forwarding";
export { FIREHOSE_LOG_PATH } from "./firehose-log-path";
export type { FirehoseSettings } from "./firehose-log-path";
export { FirehoseToSplunk } from "./firehose-to-splunk";
export type { FirehoseToSplunkProps, ILogGroup, ISecretReference } from "./firehose-to-splunk";
export { LogArchiveBucket } from "./log-archive-bucket";
export type { LogArchiveBucketProps } from "./log-archive-bucket";
export { LOG_PATHS, loggingConfigSchema } from "./logging-settings";
export type { LoggingConfig, LogPath } from "./logging-settings";
export { DEFAULT_HEC_AUTHORIZATION_REFERENCE, SPLUNK_HEC_LOG_PATH, SPLUNK_QUEUE_DEFAULTS, SplunkHecLogging, splunkHecPlugin } from "./splunk-hec-logging";
export type { QueueSettings, SplunkHecLoggingProps, SplunkHecProps, SplunkHecSettings } from "./splunk-hec-logging";
export { rsyslogForwardingConf, SYSLOG_LOG_PATH, SYSLOG_ON_FARGATE, SyslogLogging, syslogPlugin } from "./syslog-logging";
export type { KongPlatform, SyslogForwardingProps, SyslogLoggingProps } from "./syslog-logging";
