import { universalForwarderProblems } from "./file-log-forwarding";
import { splunkHecConfig } from "./splunk-hec-logging";
import { Infer, Issue, joinPath, s } from "../core/schema";

/** The log paths a site can use, as named in a site's `logging:` list. */
export const LOG_PATHS = ["splunk-hec", "file-log", "firehose", "syslog"] as const;
export type LogPath = (typeof LOG_PATHS)[number];

/** A Secrets Manager secret by name: the same name in every site's region (a replica, or one per region). */
const secretName = () =>
  s.string({ pattern: { regex: /^[A-Za-z0-9/_+=.@-]{1,512}$/, means: "a Secrets Manager secret name" } });

/**
 * The topology file's `logging:` section: how Kong's logs reach Splunk. Each configured path is used
 * by every site unless a site lists its own (`sites[].logging`). Secrets are named, never given:
 * the site infrastructure reads them from Secrets Manager in its own region.
 */
export const loggingConfigSchema = s.object({
  splunkHec: s.optional(
    s
      .object({
        endpoint: s.string({ minLength: 1 }).describe("HEC base URL, e.g. https://splunk.example.com:8088 (the library adds /services/collector/raw)"),
        index: s.optional(s.string({ minLength: 1 })),
        sourcetype: s.optional(s.string({ minLength: 1 }), "kong:http-log"),
        authorizationSecret: secretName().describe(
          "Secrets Manager secret whose value is the whole header value \"Splunk <token>\"; the Kong tasks get it as SPLUNK_HEC_AUTHORIZATION",
        ),
        queue: s.optional(s.map(s.unknown()).describe("http-log queue settings over the library's Splunk defaults (Kong's field names)")),
      })
      .describe("Kong's http-log plugin to Splunk HEC"),
  ),
  fileLog: s.optional(
    s
      .object({
        forwarderImage: s.string({ minLength: 1 }).describe("Splunk Universal Forwarder image, e.g. splunk/universalforwarder:9.4"),
        forwarderPasswordSecret: secretName().describe("Secrets Manager secret holding the forwarder's admin password"),
        index: s.string({ minLength: 1 }),
        sourcetype: s.optional(s.string({ minLength: 1 }), "kong:file-log"),
        indexers: s.array(s.string({ minLength: 1 }), { minItems: 1 }).describe("indexers' receiving host:port"),
      })
      .describe("Kong's file-log plugin read by a Universal Forwarder sidecar"),
  ),
  firehose: s.optional(
    s
      .object({
        hecEndpoint: s.string({ minLength: 1 }).describe("HEC URL for Firehose, e.g. https://http-inputs-firehose-acme.splunkcloud.com"),
        hecTokenSecret: secretName().describe('Secrets Manager secret with {"hec_token": "..."}'),
        hecEndpointType: s.optional(s.enum(["Raw", "Event"]), "Raw"),
        s3BackupMode: s.optional(s.enum(["FailedEventsOnly", "AllEvents"]), "FailedEventsOnly"),
      })
      .describe("the Kong tasks' CloudWatch logs through Kinesis Firehose to Splunk, failures to S3"),
  ),
  syslog: s.optional(s.map(s.unknown()).describe("refused: Kong's syslog plugin needs a node syslog, which Fargate tasks do not have")),
});

export type LoggingConfig = Infer<typeof loggingConfigSchema>;

/** Problems across the section: a path a site selects must be configured; syslog cannot run on Fargate. */
export function loggingProblems(logging: LoggingConfig | undefined, sites: readonly { readonly logging?: readonly string[] }[], path: string) {
  const issues: { path: string; message: string }[] = [];
  if (logging?.syslog) {
    issues.push({
      path: joinPath(joinPath(path, "logging"), "syslog"),
      message:
        "Kong's syslog plugin writes to the node's /dev/log, which Fargate tasks do not have (and Kong runs unprivileged): use splunkHec, fileLog or firehose; on VMs use SyslogLogging from your own stack",
    });
  }
  const under = (section: string, found: readonly Issue[]) =>
    found.forEach((issue) => {
      const at = joinPath(joinPath(path, "logging"), section);
      issues.push({ path: issue.path ? `${at}${issue.path.startsWith("[") ? "" : "."}${issue.path}` : at, message: issue.message });
    });
  if (logging?.splunkHec) {
    const found: Issue[] = [];
    splunkHecConfig({ ...logging.splunkHec, queue: logging.splunkHec.queue as never }, found);
    under("splunkHec", found);
  }
  if (logging?.fileLog) under("fileLog", universalForwarderProblems(logging.fileLog));
  const configured = new Set<string>([logging?.splunkHec && "splunk-hec", logging?.fileLog && "file-log", logging?.firehose && "firehose"].filter(Boolean) as string[]);
  sites.forEach((site, i) => {
    (site.logging ?? []).forEach((selected, j) => {
      if (!configured.has(selected)) {
        issues.push({
          path: joinPath(joinPath(joinPath(joinPath(path, "sites"), i), "logging"), j),
          message: `"${selected}" is not configured in the logging section (configured: ${[...configured].join(", ") || "none"})`,
        });
      }
    });
  });
  return issues;
}

/** The paths a site uses: its own list, or every configured one. */
export function siteLogPaths(logging: LoggingConfig | undefined, site: { readonly logging?: readonly LogPath[] }): LogPath[] {
  if (site.logging) return [...site.logging];
  return [logging?.splunkHec && "splunk-hec", logging?.fileLog && "file-log", logging?.firehose && "firehose"].filter(Boolean) as LogPath[];
}

export const siteLoggingSchema = () =>
  s.array(s.enum(LOG_PATHS), { uniqueBy: (p) => p, uniqueWhat: "log path" }).describe("the log paths this site uses; default every path the logging section configures");
