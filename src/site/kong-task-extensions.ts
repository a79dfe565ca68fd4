/**
 * What other constructs add to a Kong site's tasks: the extension points the logging work (Splunk
 * sidecars, FireLens, extra env) and the PKI work (certificates and CA bundles from secrets) build on.
 * Every secret is referenced by ARN: ECS resolves it when a task starts, and the site's execution role
 * gets read access to exactly the secrets named here.
 */

/** An environment variable whose value ECS reads from Secrets Manager (or SSM Parameter Store) at task start. */
export interface KongTaskSecret {
  /** The variable, e.g. `KONG_SSL_CERT` or `SPLUNK_HEC_TOKEN`. */
  readonly name: string;
  /**
   * A Secrets Manager secret ARN, optionally narrowed to one JSON key (`<arn>:<key>::`), or an SSM
   * parameter ARN.
   */
  readonly valueFrom: string;
  /**
   * The secret's ARN, for the execution role's policy.
   * @default `valueFrom` without a `:<key>:<stage>:<version>` suffix (give it when `valueFrom` is a token with a JSON key)
   */
  readonly secretArn?: string;
}

/** One JSON key of a Secrets Manager secret as a task secret's source (`<arn>:<key>::`), e.g. a certificate bundle's `private_key`. */
export function secretJsonKey(secretArn: string, key: string): Omit<KongTaskSecret, "name"> {
  return { valueFrom: `${secretArn}:${key}::`, secretArn };
}

/** A volume shared between Kong and its sidecars: Fargate task storage, gone with the task. */
export interface KongMountPoint {
  /** A volume added with `volumes` / `addVolume`. */
  readonly sourceVolume: string;
  readonly containerPath: string;
  /** @default false */
  readonly readOnly?: boolean;
}

/** Where a container's stdout/stderr go. */
export interface KongLogConfiguration {
  /** `awslogs`, `awsfirelens`, `splunk`, ... */
  readonly logDriver: string;
  /** @default none */
  readonly options?: { readonly [key: string]: string };
  /** Driver options read from secrets (e.g. a Splunk token). @default none */
  readonly secretOptions?: readonly KongTaskSecret[];
}

/** A container that runs next to Kong in every task (log forwarder, FireLens router, agent). */
export interface KongSidecar {
  /** Container name, unique in the task (not `kong`, `kong-migrations`, `kong-client-ca`). */
  readonly name: string;
  readonly image: string;
  /**
   * Whether the task stops when this container stops.
   * @default false
   */
  readonly essential?: boolean;
  /** @default the container shares the task's CPU */
  readonly cpu?: number;
  /** Hard memory limit in MiB. @default none (shares the task's memory) */
  readonly memory?: number;
  /** @default the image's */
  readonly entryPoint?: readonly string[];
  /** @default the image's */
  readonly command?: readonly string[];
  /** @default the image's */
  readonly user?: string;
  /** @default none */
  readonly environment?: { readonly [name: string]: string };
  /** @default none */
  readonly secrets?: readonly KongTaskSecret[];
  /** @default none */
  readonly mountPoints?: readonly KongMountPoint[];
  /** Container ports (TCP), e.g. a syslog or FireLens input. @default none */
  readonly ports?: readonly number[];
  /**
   * Start Kong only once this container is up (`START`) or healthy (`HEALTHY`, needs `healthCheck`),
   * e.g. a log router Kong writes to.
   * @default Kong does not wait for it
   */
  readonly startBeforeKong?: "START" | "HEALTHY";
  /** ECS container health check command, e.g. ["CMD-SHELL", "test -S /var/run/fluent.sock"]. @default none */
  readonly healthCheck?: readonly string[];
  /** FireLens router configuration (`{ type: "fluentbit" }`). @default not a log router */
  readonly firelensConfiguration?: { readonly type: "fluentbit" | "fluentd"; readonly options?: { readonly [key: string]: string } };
  /** @default awslogs to the site's log group, stream prefix = the container name */
  readonly logConfiguration?: KongLogConfiguration;
}

/**
 * OSS client mTLS on the proxy listener: nginx `ssl_verify_client` injected through Kong's
 * `nginx_proxy_*` settings, against a CA bundle delivered from a secret. A small init container
 * writes the bundle to task storage before Kong starts (ECS delivers secrets as environment only,
 * nginx wants a file). Needs TLS to reach Kong: the public listener must not terminate TLS.
 */
export interface KongClientMtls {
  /** `on`: a certificate is required; `optional`: verified when sent (plugins decide). */
  readonly verify: "on" | "optional";
  /** The PEM CA chain client certificates are verified against. */
  readonly caBundle: Omit<KongTaskSecret, "name">;
  /**
   * Maximum chain depth (client certificate, intermediates).
   * @default 3
   */
  readonly verifyDepth?: number;
}
