import { s } from "../../core/schema";
import { definePlugin, PluginConfig, PluginOptions, pluginSpec, PluginSpec } from "./plugin-definition";
import type { SyslogPluginConfig } from "./generated/kong-3.9";
import { customFieldsByLua } from "./queue";

const SEVERITIES = ["debug", "info", "notice", "warning", "err", "crit", "alert", "emerg"] as const;
const FACILITIES = [
  "auth",
  "authpriv",
  "cron",
  "daemon",
  "ftp",
  "kern",
  "lpr",
  "mail",
  "news",
  "syslog",
  "user",
  "uucp",
  "local0",
  "local1",
  "local2",
  "local3",
  "local4",
  "local5",
  "local6",
  "local7",
] as const;

/**
 * syslog: write log entries to the node's local syslog (Kong 3.9 schema). It has no host or port:
 * getting the lines off the node is the node's job (see SyslogLogging).
 */
export const SYSLOG = definePlugin({
  name: "syslog",
  summary: "write log entries to the node's local syslog",
  scopes: ["global", "service", "route", "consumer"],
  editions: ["oss", "enterprise"],
  schema: s.object({
    log_level: s.optional(s.enum(SEVERITIES), "info"),
    successful_severity: s.optional(s.enum(SEVERITIES), "info"),
    client_errors_severity: s.optional(s.enum(SEVERITIES), "info"),
    server_errors_severity: s.optional(s.enum(SEVERITIES), "info"),
    facility: s.optional(s.enum(FACILITIES), "user"),
    custom_fields_by_lua: s.optional(customFieldsByLua()),
  }),
});

/** The library's checked fields, over every other field of Kong's published schema for the plugin. */
export type SyslogConfig = PluginConfig<typeof SYSLOG> & Omit<SyslogPluginConfig, keyof PluginConfig<typeof SYSLOG>>;

/** A syslog plugin. */
export function syslog(config: SyslogConfig = {}, options?: PluginOptions): PluginSpec {
  return pluginSpec(SYSLOG, config, options);
}
