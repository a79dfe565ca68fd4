import { formats } from "../../core/formats";
import { s } from "../../core/schema";
import { definePlugin, PluginConfig, PluginOptions, pluginSpec, PluginSpec } from "./plugin-definition";
import type { TcpLogPluginConfig } from "./generated/kong-3.9";
import { customFieldsByLua } from "./queue";

/** tcp-log: send each log entry as a JSON line over TCP, optionally TLS (Kong 3.9 schema). */
export const TCP_LOG = definePlugin({
  name: "tcp-log",
  summary: "send log entries over TCP or TLS",
  scopes: ["global", "service", "route", "consumer"],
  editions: ["oss", "enterprise"],
  schema: s.object({
    host: formats.hostOrIp(),
    port: s.port(),
    timeout: s.optional(s.number([0, 2147483646]), 10000),
    keepalive: s.optional(s.number([0, 2147483646]), 60000),
    tls: s.optional(s.boolean(), false),
    tls_sni: s.optional(formats.hostname()),
    custom_fields_by_lua: s.optional(customFieldsByLua()),
  }),
});

/** The library's checked fields, over every other field of Kong's published schema for the plugin. */
export type TcpLogConfig = PluginConfig<typeof TCP_LOG> & Omit<TcpLogPluginConfig, keyof PluginConfig<typeof TCP_LOG>>;

/** A tcp-log plugin. */
export function tcpLog(config: TcpLogConfig, options?: PluginOptions): PluginSpec {
  return pluginSpec(TCP_LOG, config, options);
}
