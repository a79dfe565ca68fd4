import { Construct } from "constructs";
import { ConfigError } from "../core/config-error";
import { describeValue, Infer, Issue, isToken, s } from "../core/schema";
import { envVariableOf, SECRET_REFERENCE_PATTERN } from "../core/formats";
import { HTTP_LOG, HttpLogConfig } from "../gateway/plugins/http-log";
import { KongEdition, PluginSpec } from "../gateway/plugins/plugin-definition";
import { Plugin } from "../providers/kong/plugin";
import { KongProvider } from "../providers/kong/provider";
import { MANAGED_TAG } from "../gateway/kong-gateway";
import { EstateLogPath, secretNameSchema } from "./estate-log-path";

/** Kong's plugin queue settings, in Kong's field names (see src/gateway/plugins/queue.ts). */
export type QueueSettings = NonNullable<HttpLogConfig["queue"]>;

/**
 * Queue defaults for Splunk: one event per request (what /raw turns into one Splunk event without
 * extra line breaking), a deep buffer for bursts and a quarter of an hour of retries, so a HEC
 * restart or a short outage loses nothing. Kong keeps a queue per worker: memory is about
 * max_entries x entry size (~2 KB) per worker.
 */
export const SPLUNK_QUEUE_DEFAULTS: QueueSettings = {
  max_batch_size: 1,
  max_coalescing_delay: 1,
  max_entries: 20000,
  max_retry_time: 900,
  initial_retry_delay: 1,
  max_retry_delay: 60,
  concurrency_limit: 1,
};

/** The reference Kong OSS resolves from the node's environment: SPLUNK_HEC_AUTHORIZATION = "Splunk <token>". */
export const DEFAULT_HEC_AUTHORIZATION_REFERENCE = "{vault://env/splunk-hec-authorization}";

export interface SplunkHecProps {
  /** The HEC base URL, e.g. `https://splunk.example.com:8088` (no path: the library adds /services/collector/raw). */
  readonly endpoint: string;
  /**
   * The whole `Authorization` header value, as a Kong secret reference. The secret holds
   * `Splunk <token>` (Kong resolves only whole values, never a reference inside a string). OSS
   * bundles only the `env` backend; Enterprise may use hcv, aws, gcp, azure or conjur.
   * @default "{vault://env/splunk-hec-authorization}" (the node's SPLUNK_HEC_AUTHORIZATION)
   */
  readonly authorization?: string;
  /** @default the token's default index */
  readonly index?: string;
  /** @default "kong:http-log" */
  readonly sourcetype?: string;
  /** @default the token's default source */
  readonly source?: string;
  /**
   * Queue settings, merged over SPLUNK_QUEUE_DEFAULTS. `max_batch_size` > 1 sends a JSON array per
   * request: fewer requests, but Splunk indexes the array as one event unless the sourcetype
   * breaks it (see docs/LOGGING.md).
   * @default SPLUNK_QUEUE_DEFAULTS
   */
  readonly queue?: QueueSettings;
  /**
   * Fields added to every entry, as Lua code per field name (`custom_fields_by_lua`).
   * @default none
   */
  readonly customFieldsByLua?: { readonly [field: string]: string };
  /** @default 10000 (ms) */
  readonly timeout?: number;
  /**
   * A HEC channel (a GUID), sent as `X-Splunk-Request-Channel` on every request: HEC requires one when
   * the token has indexer acknowledgement on. Kong does not poll `/services/collector/ack`.
   * @default none
   */
  readonly channel?: string;
  /** @default "oss" */
  readonly edition?: KongEdition;
}

const splunkHecPropsSchema = s
  .object({
    endpoint: s.string({ minLength: 1 }),
    authorization: s.optional(s.string({ minLength: 1 })),
    index: s.optional(s.string({ minLength: 1 })),
    sourcetype: s.optional(s.string({ minLength: 1 })),
    source: s.optional(s.string({ minLength: 1 })),
    queue: s.optional(s.map(s.unknown())),
    customFieldsByLua: s.optional(s.map(s.unknown())),
    timeout: s.optional(s.number()),
    channel: s.optional(
      s.string({
        pattern: {
          regex: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
          means: "a HEC channel GUID such as 0aeeac95-ac74-4aa9-b30d-6c4c0ac581ba",
        },
      }),
    ),
    edition: s.optional(s.enum(["oss", "enterprise"])),
  })
  .passthrough();

/** Builds and checks the http-log config for Splunk HEC; the problems come back as issues. */
export function splunkHecConfig(props: SplunkHecProps, issues: Issue[]): HttpLogConfig | undefined {
  if (!splunkHecPropsSchema.check(props, "", issues)) return undefined;
  const authorization = props.authorization ?? DEFAULT_HEC_AUTHORIZATION_REFERENCE;
  let base: URL | undefined;
  try {
    base = new URL(props.endpoint);
  } catch {
    issues.push({ path: "endpoint", message: `${describeValue(props.endpoint)} is not a URL such as https://splunk.example.com:8088` });
  }
  if (base) {
    if (base.protocol !== "https:") issues.push({ path: "endpoint", message: "must be https: the HEC token travels in a header" });
    if (base.pathname !== "/" || base.search) {
      issues.push({
        path: "endpoint",
        message: `give the HEC base URL only (got path "${base.pathname}${base.search}"): the library sends to /services/collector/raw, the only HEC endpoint that accepts Kong's log entries as they are`,
      });
    }
    if (base.username || base.password) issues.push({ path: "endpoint", message: "must not carry credentials" });
  }
  if (!isToken(authorization)) {
    if (!SECRET_REFERENCE_PATTERN.regex.test(authorization)) {
      issues.push({
        path: "authorization",
        message:
          'must be a Kong secret reference such as {vault://env/splunk-hec-authorization} whose secret is "Splunk <token>"; a token in clear would land in Kong, the plan and the state',
      });
    } else if ((props.edition ?? "oss") === "oss" && !authorization.startsWith("{vault://env/")) {
      issues.push({
        path: "authorization",
        message: "Kong OSS resolves only {vault://env/...} references; hcv, aws, gcp, azure and conjur backends are Enterprise",
      });
    }
  }
  if (issues.length || !base) return undefined;
  const query = new URLSearchParams({ sourcetype: props.sourcetype ?? "kong:http-log" });
  if (props.index) query.set("index", props.index);
  if (props.source) query.set("source", props.source);
  const config: HttpLogConfig = {
    http_endpoint: `${base.origin}/services/collector/raw?${query.toString()}`,
    method: "POST",
    content_type: "application/json",
    timeout: props.timeout ?? 10000,
    headers: { Authorization: authorization, ...(props.channel ? { "X-Splunk-Request-Channel": props.channel } : {}) },
    queue: { ...SPLUNK_QUEUE_DEFAULTS, ...props.queue },
    ...(props.customFieldsByLua ? { custom_fields_by_lua: props.customFieldsByLua } : {}),
  };
  HTTP_LOG.schema.check(config, "", issues);
  return issues.length ? undefined : config;
}

/** An http-log plugin spec that ships to Splunk HEC, for a catalog (global, service, route or consumer). */
export function splunkHecPlugin(props: SplunkHecProps, where = "splunkHec"): PluginSpec {
  const issues: Issue[] = [];
  const config = splunkHecConfig(props, issues);
  if (!config) throw new ConfigError(issues, where);
  return { name: HTTP_LOG.name, config };
}

export interface SplunkHecLoggingProps extends SplunkHecProps {
  /**
   * Attach to one service, route or consumer (by ID); omit all three for a global plugin.
   * @default global
   */
  readonly serviceId?: string;
  /** @default global */
  readonly routeId?: string;
  /** @default global */
  readonly consumerId?: string;
  /** @default the stack's default kong provider */
  readonly provider?: KongProvider;
}

/**
 * Kong's http-log plugin shipping to Splunk HEC, done right: the `/services/collector/raw` endpoint
 * with sourcetype and index as query parameters (Kong's entries have no `event` key, so
 * /services/collector and /event reject them), an `Authorization: Splunk <token>` header that is a
 * Kong secret reference (never a literal), and a queue sized to ride out bursts and HEC outages.
 *
 * Use it alone in any stack with a kong provider; in a catalog or topology use `splunkHecPlugin`.
 */
export class SplunkHecLogging extends Construct {
  readonly plugin: Plugin;
  /** The environment variable Kong nodes need (for an env reference), e.g. SPLUNK_HEC_AUTHORIZATION. */
  readonly nodeEnvironmentVariable?: string;

  constructor(scope: Construct, id: string, props: SplunkHecLoggingProps) {
    super(scope, id);
    const issues: Issue[] = [];
    const config = splunkHecConfig(props, issues);
    const attachments = [props.serviceId, props.routeId, props.consumerId].filter((a) => a !== undefined);
    if (attachments.length > 1) issues.push({ path: "serviceId", message: "attach to at most one of serviceId, routeId and consumerId" });
    if (!config || issues.length) throw new ConfigError(issues, this.node.path);
    this.nodeEnvironmentVariable = envVariableOf(props.authorization ?? DEFAULT_HEC_AUTHORIZATION_REFERENCE);
    this.plugin = new Plugin(this, "http-log", {
      provider: props.provider,
      name: HTTP_LOG.name,
      configJson: JSON.stringify(config),
      serviceId: props.serviceId,
      routeId: props.routeId,
      consumerId: props.consumerId,
      tags: [MANAGED_TAG, "logging:splunk-hec"],
    });
  }
}

/** The topology's `logging.splunkHec` settings. */
const splunkHecSettingsSchema = s
  .object({
    endpoint: s.string({ minLength: 1 }).describe("HEC base URL, e.g. https://splunk.example.com:8088 (the library adds /services/collector/raw)"),
    index: s.optional(s.string({ minLength: 1 })),
    sourcetype: s.optional(s.string({ minLength: 1 }), "kong:http-log"),
    authorizationSecret: secretNameSchema().describe(
      'Secrets Manager secret whose value is the whole header value "Splunk <token>"; the Kong tasks get it as SPLUNK_HEC_AUTHORIZATION',
    ),
    queue: s.optional(s.map(s.unknown()).describe("http-log queue settings over the library's Splunk defaults (Kong's field names)")),
  })
  .describe("Kong's http-log plugin to Splunk HEC");

export type SplunkHecSettings = Infer<typeof splunkHecSettingsSchema>;

/**
 * The estate's Splunk HEC path: the Kong tasks get the HEC authorization from Secrets Manager as
 * SPLUNK_HEC_AUTHORIZATION (infra), and a global http-log plugin sends to HEC with the header read
 * from there (gateway).
 */
export const SPLUNK_HEC_LOG_PATH: EstateLogPath<SplunkHecSettings> = {
  section: "splunkHec",
  schema: splunkHecSettingsSchema,
  problems(settings) {
    const found: Issue[] = [];
    splunkHecConfig({ ...settings, queue: settings.queue as QueueSettings | undefined }, found);
    return found;
  },
  addInfra({ site, secretArn }, settings) {
    // http-log's Authorization header is {vault://env/splunk-hec-authorization}: Kong reads it from here.
    site.cluster.addSecret({
      name: envVariableOf(DEFAULT_HEC_AUTHORIZATION_REFERENCE)!,
      valueFrom: secretArn("splunk-hec-authorization", settings.authorizationSecret),
    });
  },
  gatewayPlugins({ edition }, settings) {
    const { endpoint, index, sourcetype, queue } = settings;
    return [splunkHecPlugin({ endpoint, index, sourcetype, queue: queue as QueueSettings | undefined, edition }, "logging.splunkHec")];
  },
};
