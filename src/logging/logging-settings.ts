import { Infer, Issue, joinPath, s } from "../core/schema";
import { PluginSpec } from "../gateway/plugins/plugin-definition";
import { EstateLogPath, LogPathGatewayContext, LogPathInfraContext } from "./estate-log-path";
import { FILE_LOG_FORWARDING_LOG_PATH } from "./file-log-forwarding";
import { FIREHOSE_LOG_PATH } from "./firehose-log-path";
import { SPLUNK_HEC_LOG_PATH } from "./splunk-hec-logging";
import { SYSLOG_LOG_PATH } from "./syslog-logging";

/** The log paths a site can use, as named in a site's `logging:` list. */
export const LOG_PATHS = ["splunk-hec", "file-log", "firehose", "syslog"] as const;
export type LogPath = (typeof LOG_PATHS)[number];

/** Each log path's module, by the name sites use: the one place that knows every path. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ESTATE_LOG_PATHS: { readonly [name in LogPath]: EstateLogPath<any> } = {
  "splunk-hec": SPLUNK_HEC_LOG_PATH,
  "file-log": FILE_LOG_FORWARDING_LOG_PATH,
  firehose: FIREHOSE_LOG_PATH,
  syslog: SYSLOG_LOG_PATH,
};

/**
 * The topology file's `logging:` section: how Kong's logs reach Splunk. Each configured path is used
 * by every site unless a site lists its own (`sites[].logging`). Secrets are named, never given:
 * the site infrastructure reads them from Secrets Manager in its own region.
 */
export const loggingConfigSchema = s.object({
  splunkHec: s.optional(SPLUNK_HEC_LOG_PATH.schema),
  fileLog: s.optional(FILE_LOG_FORWARDING_LOG_PATH.schema),
  firehose: s.optional(FIREHOSE_LOG_PATH.schema),
  syslog: s.optional(SYSLOG_LOG_PATH.schema),
});

export type LoggingConfig = Infer<typeof loggingConfigSchema>;

/** The settings of one path in the section, when configured. */
function settingsOf(logging: LoggingConfig | undefined, path: LogPath): unknown {
  return (logging as { readonly [section: string]: unknown } | undefined)?.[ESTATE_LOG_PATHS[path].section];
}

/** Problems across the section: each path's own, and a path a site selects must be configured. */
export function loggingProblems(logging: LoggingConfig | undefined, sites: readonly { readonly logging?: readonly string[] }[], path: string): Issue[] {
  const issues: Issue[] = [];
  for (const name of LOG_PATHS) {
    const settings = settingsOf(logging, name);
    const logPath = ESTATE_LOG_PATHS[name];
    if (settings === undefined || !logPath.problems) continue;
    const at = joinPath(joinPath(path, "logging"), logPath.section);
    for (const issue of logPath.problems(settings)) {
      issues.push({ path: issue.path ? `${at}${issue.path.startsWith("[") ? "" : "."}${issue.path}` : at, message: issue.message });
    }
  }
  const configured = configuredLogPaths(logging);
  sites.forEach((site, i) => {
    (site.logging ?? []).forEach((selected, j) => {
      if (!configured.includes(selected as LogPath)) {
        issues.push({
          path: joinPath(joinPath(joinPath(joinPath(path, "sites"), i), "logging"), j),
          message: `"${selected}" is not configured in the logging section (configured: ${configured.join(", ") || "none"})`,
        });
      }
    });
  });
  return issues;
}

/** The usable paths the section configures (syslog is refused, never usable). */
function configuredLogPaths(logging: LoggingConfig | undefined): LogPath[] {
  return LOG_PATHS.filter((name) => name !== "syslog" && settingsOf(logging, name) !== undefined);
}

/** The paths a site uses: its own list, or every configured one. */
export function siteLogPaths(logging: LoggingConfig | undefined, site: { readonly logging?: readonly LogPath[] }): LogPath[] {
  return site.logging ? [...site.logging] : configuredLogPaths(logging);
}

export const siteLoggingSchema = () =>
  s
    .array(s.enum(LOG_PATHS), { uniqueBy: (p) => p, uniqueWhat: "log path" })
    .describe("the log paths this site uses; default every path the logging section configures");

/** Adds the infra half of each of a site's log paths, in the site's order. */
export function addSiteLogging(paths: readonly LogPath[], logging: LoggingConfig | undefined, context: LogPathInfraContext): void {
  for (const name of paths) {
    const settings = settingsOf(logging, name);
    if (settings !== undefined) ESTATE_LOG_PATHS[name].addInfra?.(context, settings);
  }
}

/** The global plugins of each of a site's log paths (the gateway halves), in the site's order. */
export function siteLogPlugins(paths: readonly LogPath[], logging: LoggingConfig | undefined, context: LogPathGatewayContext): PluginSpec[] {
  return paths.flatMap((name) => {
    const settings = settingsOf(logging, name);
    return settings === undefined ? [] : (ESTATE_LOG_PATHS[name].gatewayPlugins?.(context, settings) ?? []);
  });
}
