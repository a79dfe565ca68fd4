import { Construct } from "constructs";
import { ConfigError } from "../core/config-error";
import { describeValue, Infer, Issue, joinPath, s } from "../core/schema";
import { FILE_LOG } from "../gateway/plugins/file-log";
import { PluginSpec } from "../gateway/plugins/plugin-definition";
import { KongMountPoint, KongSidecar, KongTaskSecret } from "../site/kong-task-extensions";
import { EstateLogPath, secretNameSchema } from "./estate-log-path";

/** What FileLogForwarding adds to a Kong site's tasks (KongCluster implements it). */
export interface IKongTaskExtensible {
  addSidecar(sidecar: KongSidecar): void;
  addVolume(name: string): void;
  addMountPoint(mountPoint: KongMountPoint): void;
}

export interface UniversalForwarderConfig {
  /** Splunk index the events go to. */
  readonly index: string;
  /** @default "kong:file-log" */
  readonly sourcetype?: string;
  /** Indexers (`host:port`, receiving port usually 9997), load-balanced by the forwarder. */
  readonly indexers: readonly string[];
  /**
   * Indexer acknowledgement: the forwarder keeps events until an indexer has written them, so an
   * indexer restart loses nothing.
   * @default true
   */
  readonly useAck?: boolean;
  /**
   * Verify the indexers' TLS certificates against this CA file inside the forwarder image, and send
   * over TLS.
   * @default plain TCP (inside a private network)
   */
  readonly sslRootCaPath?: string;
}

export interface FileLogForwardingProps extends UniversalForwarderConfig {
  /** The Kong site's tasks (a KongCluster). */
  readonly tasks: IKongTaskExtensible;
  /** The Universal Forwarder image, e.g. `splunk/universalforwarder:9.4`. */
  readonly forwarderImage: string;
  /** The forwarder's admin password (the image requires one), from a secret. */
  readonly forwarderPassword: Omit<KongTaskSecret, "name">;
  /**
   * The CA certificate (PEM) that signed the indexers' receiving certificates, from a secret: the
   * helper writes it into the forwarder's app and `outputs.conf` sends over TLS, verifying the
   * indexers against it (takes the place of `sslRootCaPath`).
   * @default none: `sslRootCaPath`, else plain TCP
   */
  readonly indexerCa?: Omit<KongTaskSecret, "name">;
  /**
   * A small image with a POSIX shell that writes the forwarder's configuration and rotates the log.
   * @default "public.ecr.aws/docker/library/busybox:1.36"
   */
  readonly helperImage?: string;
  /**
   * Rotate Kong's log file past this size, keeping one rotated file (Fargate task storage is small).
   * @default 256
   */
  readonly rotateAtMiB?: number;
}

/** Where Kong writes and the forwarder reads, on a volume both containers mount. */
export const FILE_LOG_DIRECTORY = "/var/log/kong-splunk";
export const FILE_LOG_PATH = `${FILE_LOG_DIRECTORY}/kong.json`;
const FORWARDER_APP = "/opt/splunkforwarder/etc/apps/kong_file_log";
/** Where the forwarder finds the indexers' CA (`indexerCa`): its app's local folder, written by the helper. */
const INDEXER_CA_PATH = `${FORWARDER_APP}/local/indexer-ca.pem`;

/** The file-log plugin this forwarding reads: Kong writes JSON lines to the shared volume and reopens the file after rotation. */
export function fileLogForwardingPlugin(): PluginSpec {
  return { name: FILE_LOG.name, config: { path: FILE_LOG_PATH, reopen: true } };
}

function stanza(name: string, settings: { readonly [key: string]: string | number | boolean | undefined }): string {
  const lines = Object.entries(settings)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key} = ${value}`);
  return `[${name}]\n${lines.join("\n")}\n`;
}

/** Problems with a forwarder configuration, as a Splunk admin would catch them in review. */
export function universalForwarderProblems(config: UniversalForwarderConfig): Issue[] {
  const issues: Issue[] = [];
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(config.index) || config.index.length > 80) {
    issues.push({
      path: "index",
      message: `${describeValue(config.index)} is not a Splunk index name (lower-case letters, digits, '_', '-'; not starting with '_' or '-')`,
    });
  }
  const sourcetype = config.sourcetype ?? "kong:file-log";
  if (!/^[A-Za-z0-9:_.-]+$/.test(sourcetype))
    issues.push({ path: "sourcetype", message: `${describeValue(sourcetype)} is not a sourcetype (letters, digits, ':', '_', '.', '-')` });
  if (!config.indexers.length) issues.push({ path: "indexers", message: "needs at least one indexer (host:port)" });
  config.indexers.forEach((indexer, i) => {
    const match = /^([A-Za-z0-9.-]+):(\d{1,5})$/.exec(indexer);
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535)
      issues.push({ path: `indexers[${i}]`, message: `${describeValue(indexer)} is not host:port (the indexer's receiving port, usually 9997)` });
  });
  return issues;
}

/**
 * The forwarder's app configuration: `inputs.conf` monitors Kong's JSON lines (the live file and its
 * rotated predecessor), `props.conf` parses them as JSON with Kong's `started_at` (epoch ms) as the
 * event time, `outputs.conf` load-balances over the indexers with acknowledgement.
 */
export function universalForwarderConf(config: UniversalForwarderConfig): { readonly inputs: string; readonly props: string; readonly outputs: string } {
  const sourcetype = config.sourcetype ?? "kong:file-log";
  return {
    inputs: stanza(`monitor://${FILE_LOG_PATH}*`, { index: config.index, sourcetype, disabled: false }),
    props: stanza(sourcetype, {
      INDEXED_EXTRACTIONS: "json",
      TIMESTAMP_FIELDS: "started_at",
      TIME_FORMAT: "%s%3N",
      KV_MODE: "none",
      SHOULD_LINEMERGE: false,
    }),
    outputs: [
      stanza("tcpout", { defaultGroup: "kong_indexers" }),
      stanza("tcpout:kong_indexers", {
        server: config.indexers.join(", "),
        useACK: config.useAck ?? true,
        autoLBFrequency: 30,
        ...(config.sslRootCaPath ? { useSSL: true, sslVerifyServerCert: true, sslRootCAPath: config.sslRootCaPath } : {}),
      }),
    ].join("\n"),
  };
}

/**
 * Kong's file-log plugin writing JSON lines to a volume shared with a Splunk Universal Forwarder
 * sidecar, whose inputs.conf/props.conf/outputs.conf are generated from these props. A helper
 * container (root, before Kong starts) makes the shared directory writable for the kong user (task
 * storage is owned by root), writes that configuration before the forwarder reads it and rotates
 * Kong's file (Kong reopens it: `reopen: true`), so task storage never fills up.
 *
 * Add `fileLogForwardingPlugin()` to the gateway catalog: the plugin lives in the gateway stack, the
 * containers in the site's infrastructure stack.
 */
export class FileLogForwarding extends Construct {
  /** The generated forwarder configuration files. */
  readonly conf: { readonly inputs: string; readonly props: string; readonly outputs: string };

  constructor(scope: Construct, id: string, props: FileLogForwardingProps) {
    super(scope, id);
    const issues = universalForwarderProblems(props);
    const rotateAt = props.rotateAtMiB ?? 256;
    if (!Number.isInteger(rotateAt) || rotateAt < 1)
      issues.push({ path: "rotateAtMiB", message: `${describeValue(rotateAt)} is not a positive whole number of MiB` });
    if (issues.length) throw new ConfigError(issues, this.node.path);
    this.conf = universalForwarderConf(props.indexerCa ? { ...props, sslRootCaPath: INDEXER_CA_PATH } : props);

    props.tasks.addVolume("kong-file-log");
    props.tasks.addVolume("splunk-uf-app");
    props.tasks.addMountPoint({ sourceVolume: "kong-file-log", containerPath: FILE_LOG_DIRECTORY });
    const script = [
      "set -e",
      // Task storage is created owned by root; Kong runs as the kong user. Sticky and open to every
      // user, so Kong (whatever its uid) creates its file and nobody removes another's.
      `mkdir -p ${FILE_LOG_DIRECTORY} && chmod 1777 ${FILE_LOG_DIRECTORY}`,
      `mkdir -p /app/local`,
      `printf '%s' "$INPUTS_CONF" > /app/local/inputs.conf`,
      `printf '%s' "$PROPS_CONF" > /app/local/props.conf`,
      ...(props.indexerCa ? [`printf '%s\\n' "$INDEXER_CA" > /app/local/indexer-ca.pem`] : []),
      `printf '%s' "$OUTPUTS_CONF" > /app/local/outputs.conf`,
      // Rotate: one predecessor kept, which the forwarder finishes reading (it tracks files by content).
      `while true; do if [ -f ${FILE_LOG_PATH} ] && [ $(wc -c < ${FILE_LOG_PATH}) -gt ${rotateAt * 1024 * 1024} ]; then mv ${FILE_LOG_PATH} ${FILE_LOG_PATH}.1; fi; sleep 30; done`,
    ].join("\n");
    props.tasks.addSidecar({
      name: "splunk-uf-config",
      image: props.helperImage ?? "public.ecr.aws/docker/library/busybox:1.36",
      essential: false,
      memory: 32,
      entryPoint: ["sh", "-c"],
      command: [script],
      environment: { INPUTS_CONF: this.conf.inputs, PROPS_CONF: this.conf.props, OUTPUTS_CONF: this.conf.outputs },
      secrets: props.indexerCa ? [{ name: "INDEXER_CA", ...props.indexerCa }] : undefined,
      mountPoints: [
        { sourceVolume: "splunk-uf-app", containerPath: "/app" },
        { sourceVolume: "kong-file-log", containerPath: FILE_LOG_DIRECTORY },
      ],
      healthCheck: ["CMD-SHELL", "test -f /app/local/outputs.conf"],
      startBeforeKong: "HEALTHY",
    });
    props.tasks.addSidecar({
      name: "splunk-uf",
      image: props.forwarderImage,
      essential: false,
      environment: { SPLUNK_START_ARGS: "--accept-license", SPLUNK_ROLE: "splunk_universal_forwarder" },
      secrets: [{ name: "SPLUNK_PASSWORD", ...props.forwarderPassword }],
      mountPoints: [
        { sourceVolume: "splunk-uf-app", containerPath: FORWARDER_APP, readOnly: true },
        { sourceVolume: "kong-file-log", containerPath: FILE_LOG_DIRECTORY, readOnly: true },
      ],
    });
  }
}

/** The topology's `logging.fileLog` settings. */
const fileLogSettingsSchema = s
  .object({
    forwarderImage: s.string({ minLength: 1 }).describe("Splunk Universal Forwarder image, e.g. splunk/universalforwarder:9.4"),
    forwarderPasswordSecret: secretNameSchema().describe("Secrets Manager secret holding the forwarder's admin password"),
    index: s.string({ minLength: 1 }),
    sourcetype: s.optional(s.string({ minLength: 1 }), "kong:file-log"),
    indexers: s.array(s.string({ minLength: 1 }), { minItems: 1 }).describe("indexers' receiving host:port"),
    indexerCaSecret: s.optional(
      secretNameSchema().describe(
        "Secrets Manager secret holding the PEM of the CA that signed the indexers' receiving certificates: the forwarder sends over TLS and verifies them",
      ),
    ),
    plainTcp: s.optional(
      s.boolean().describe("send to the indexers without TLS (events in clear on the network); only where indexerCaSecret cannot be had. Default false"),
      false,
    ),
  })
  .refine((settings, path, issues) => {
    if (settings.indexerCaSecret === undefined && settings.plainTcp !== true) {
      issues.push({
        path: joinPath(path, "indexerCaSecret"),
        message: "is required: the forwarder sends Kong's logs to the indexers over TLS, verified against this CA; or set plainTcp: true to send them in clear",
      });
    }
    if (settings.indexerCaSecret !== undefined && settings.plainTcp === true) {
      issues.push({ path: joinPath(path, "plainTcp"), message: "contradicts indexerCaSecret: leave one out" });
    }
  })
  .describe("Kong's file-log plugin read by a Universal Forwarder sidecar");

export type FileLogSettings = Infer<typeof fileLogSettingsSchema>;

/**
 * The estate's file-log path: a Universal Forwarder sidecar reading a shared volume (infra), and a
 * global file-log plugin writing to it (gateway).
 */
export const FILE_LOG_FORWARDING_LOG_PATH: EstateLogPath<FileLogSettings> = {
  section: "fileLog",
  schema: fileLogSettingsSchema,
  problems: (settings) => universalForwarderProblems(settings),
  addInfra({ scope, site, secretArn }, settings) {
    new FileLogForwarding(scope, "file-log-forwarding", {
      tasks: site.cluster,
      forwarderImage: settings.forwarderImage,
      forwarderPassword: { valueFrom: secretArn("splunk-forwarder-password", settings.forwarderPasswordSecret) },
      indexerCa: settings.indexerCaSecret ? { valueFrom: secretArn("splunk-indexer-ca", settings.indexerCaSecret) } : undefined,
      index: settings.index,
      sourcetype: settings.sourcetype,
      indexers: settings.indexers,
    });
  },
  gatewayPlugins: () => [fileLogForwardingPlugin()],
};
