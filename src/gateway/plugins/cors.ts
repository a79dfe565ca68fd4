import { s } from "../../core/schema";
import { definePlugin, PluginConfig, PluginOptions, pluginSpec, PluginSpec } from "./plugin-definition";

const CORS_METHODS = ["GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"] as const;

function originOk(origin: string): boolean {
  if (origin === "*") return true;
  try {
    new RegExp(origin);
    return true;
  } catch {
    return false;
  }
}

/** cors: answer preflight requests and add CORS headers (Kong 3.9 schema). */
export const CORS = definePlugin({
  name: "cors",
  summary: "cross-origin resource sharing headers and preflight",
  scopes: ["global", "service", "route"],
  editions: ["oss", "enterprise"],
  schema: s.object({
    origins: s.optional(
      s.array(
        s.string({ minLength: 1 }).refine((value, path, issues) => {
          if (!originOk(value)) issues.push({ path, message: `${JSON.stringify(value)} is neither "*" nor a valid regex` });
        }),
      ),
    ),
    headers: s.optional(s.array(s.string({ minLength: 1 }))),
    exposed_headers: s.optional(s.array(s.string({ minLength: 1 }))),
    methods: s.optional(s.array(s.enum(CORS_METHODS)), [...CORS_METHODS]),
    max_age: s.optional(s.number([0, Number.MAX_SAFE_INTEGER])),
    credentials: s.optional(s.boolean(), false),
    private_network: s.optional(s.boolean(), false),
    preflight_continue: s.optional(s.boolean(), false),
  }),
});

export type CorsConfig = PluginConfig<typeof CORS>;

/** A cors plugin. With no `origins`, Kong allows any origin (`*`). */
export function cors(config: CorsConfig = {}, options?: PluginOptions): PluginSpec {
  return pluginSpec(CORS, config, options);
}
