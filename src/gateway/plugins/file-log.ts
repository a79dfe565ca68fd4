import { s } from "../../core/schema";
import { definePlugin, PluginConfig, PluginOptions, pluginSpec, PluginSpec } from "./plugin-definition";
import type { FileLogPluginConfig } from "./generated/kong-3.9";
import { customFieldsByLua } from "./queue";

/** file-log: append each log entry as a JSON line to a file on the node (Kong 3.9 schema). */
export const FILE_LOG = definePlugin({
  name: "file-log",
  summary: "append log entries as JSON lines to a file on the node",
  scopes: ["global", "service", "route", "consumer"],
  editions: ["oss", "enterprise"],
  schema: s.object({
    path: s.string({ pattern: { regex: /^\/[^*&%\\`]+$/, means: "an absolute file path without * & % \\ or `" } }),
    reopen: s.optional(s.boolean().describe("reopen the file for every entry (needed when it is rotated)"), false),
    custom_fields_by_lua: s.optional(customFieldsByLua()),
  }),
});

/** The library's checked fields, over every other field of Kong's published schema for the plugin. */
export type FileLogConfig = PluginConfig<typeof FILE_LOG> & Omit<FileLogPluginConfig, keyof PluginConfig<typeof FILE_LOG>>;

/** A file-log plugin. */
export function fileLog(config: FileLogConfig, options?: PluginOptions): PluginSpec {
  return pluginSpec(FILE_LOG, config, options);
}
