export * from "./firehose-to-splunk";
export * from "./log-archive-bucket";
export * from "./splunk-hec-logging";
export * from "./syslog-logging";
export * from "./file-log-forwarding";
export * from "./estate-log-path";
export * from "./logging-settings";
export * from "./firehose-log-path";
