import { Construct } from "constructs";
import { ConfigError } from "../core/config-error";
import { Issue, isToken } from "../core/schema";
import { Certificate } from "../providers/kong/certificate";
import { Consumer } from "../providers/kong/consumer";
import { ConsumerAcl } from "../providers/kong/consumer-acl";
import { ConsumerBasicAuth } from "../providers/kong/consumer-basic-auth";
import { ConsumerJwtAuth } from "../providers/kong/consumer-jwt-auth";
import { ConsumerKeyAuth } from "../providers/kong/consumer-key-auth";
import { ConsumerOauth2 } from "../providers/kong/consumer-oauth2";
import { Plugin } from "../providers/kong/plugin";
import { KongProvider } from "../providers/kong/provider";
import { Route } from "../providers/kong/route";
import { Service } from "../providers/kong/service";
import { Target } from "../providers/kong/target";
import { Upstream, UpstreamHealthchecks } from "../providers/kong/upstream";
import {
  checkCatalog,
  ConsumerSpec,
  DEFAULT_ROUTE_PROTOCOLS,
  GatewayCatalog,
  parseServiceUrl,
  PluginInstance,
  routeName,
  ServiceEndpoint,
  ServiceSpec,
  UpstreamSpec,
} from "./catalog";
import { KongEdition } from "./plugins/plugin-definition";
import { KongVersion } from "./plugins/kong-plugins";
import { PluginRegistry } from "./plugins/plugin-registry";
import { secretArgument } from "./secret-value";
import { MANAGED_BY, shortHash } from "../core/naming";

/** The tag every entity the library creates carries, so decK or the Admin API can select them. */
export const MANAGED_TAG = `managed-by:${MANAGED_BY}`;

export interface KongGatewayProps {
  /** What the gateway serves: services, routes, upstreams, consumers, certificates and plugins. */
  readonly catalog: GatewayCatalog;
  /**
   * The Kong edition the nodes run; Enterprise-only plugins are refused on `oss`.
   * @default "oss"
   */
  readonly edition?: KongEdition;
  /**
   * The Kong version the nodes run: plugin fields and editions follow its published schemas.
   * @default "3.9" (DEFAULT_KONG_VERSION)
   */
  readonly kongVersion?: KongVersion;
  /**
   * The plugins the catalog may use, with their schemas.
   * @default PluginRegistry.withBuiltins(kongVersion)
   */
  readonly plugins?: PluginRegistry;
  /**
   * Tags added to every Kong entity, after `managed-by:cdktf-kong-ha`.
   * @default none
   */
  readonly tags?: readonly string[];
  /**
   * The Kong provider (Admin API connection) the entities are managed through.
   * @default the stack's default kong provider
   */
  readonly provider?: KongProvider;
}

/**
 * A Kong gateway's configuration, from a declarative catalog: one kong_service per service, its
 * routes, upstreams with targets and health checks, consumers with their credentials, certificates
 * with SNIs, and plugins at global, service, route and consumer scope.
 *
 * The catalog is validated when the construct is created: unknown plugins and fields, wrong types,
 * missing required fields and broken references fail synth with the construct path and the field.
 * Construct IDs derive from entity names, so renaming an entity replaces it in Kong.
 */
export class KongGateway extends Construct {
  /** kong_service resources by service name. */
  readonly services = new Map<string, Service>();
  /** kong_route resources by route name. */
  readonly routes = new Map<string, Route>();
  /** kong_upstream resources by upstream name. */
  readonly upstreams = new Map<string, Upstream>();
  /** kong_consumer resources by username (or custom ID). */
  readonly consumers = new Map<string, Consumer>();
  /** kong_certificate resources by catalog name. */
  readonly certificates = new Map<string, Certificate>();
  /** kong_plugin resources, in creation order. */
  readonly plugins: Plugin[] = [];

  private readonly tags: string[];
  private readonly provider?: KongProvider;

  constructor(scope: Construct, id: string, props: KongGatewayProps) {
    super(scope, id);
    const issues: Issue[] = [];
    const registry = props.plugins ?? PluginRegistry.withBuiltins(props.kongVersion);
    if (!checkCatalog(props.catalog, { edition: props.edition ?? "oss", registry }, "catalog", issues)) {
      throw new ConfigError(issues, this.node.path);
    }
    this.tags = [MANAGED_TAG, ...(props.tags ?? [])];
    this.provider = props.provider;
    const catalog = props.catalog;

    for (const certificate of catalog.certificates ?? []) {
      this.certificates.set(
        certificate.name,
        new Certificate(this, this.idFor(`certificate-${certificate.name}`, `certificate ${certificate.name}`), {
          provider: this.provider,
          certificate: certificate.certificate,
          privateKey: secretArgument(this, certificate.privateKey, `private key of Kong certificate ${certificate.name}`),
          snis: certificate.snis ? [...certificate.snis] : undefined,
          tags: this.tagsWith(certificate.tags),
        }),
      );
    }
    for (const upstream of catalog.upstreams ?? []) this.addUpstream(upstream);
    for (const service of catalog.services ?? []) this.addService(service);
    for (const consumer of catalog.consumers ?? []) this.addConsumer(consumer);
    for (const plugin of catalog.plugins ?? []) this.addPlugin(plugin, "global", {});
    // Service and route plugins limited to one consumer need that consumer's resource.
    for (const { plugin, owner, attachment } of this.consumerLimited) {
      // Checked by checkCatalog: the consumer is in the catalog, by username or custom ID.
      const key = this.consumers.has(plugin.consumer!) ? plugin.consumer! : this.consumerByCustomId.get(plugin.consumer!)!;
      this.addPlugin(plugin, `${owner}-consumer-${key}`, { ...attachment, consumerId: this.consumers.get(key)!.id });
    }
  }

  private tagsWith(extra: readonly string[] | undefined): string[] {
    return [...this.tags, ...(extra ?? [])];
  }

  private readonly consumerByCustomId = new Map<string, string>();

  /**
   * The construct ID of an entity: its readable ID (public API: renaming one replaces the entity),
   * unless an entity made earlier already has it, as distinct names can once joined or escaped
   * (consumer "bob" with ACL group "x" and a consumer "bob-acl-x"; "team/a" and "team--a", as
   * constructs turn "/" into "--"). Then a hash of the entity's identity makes it unique, so every
   * input Kong accepts builds.
   */
  private idFor(id: string, identity: string): string {
    const escaped = id.replace(/\//g, "--");
    if (!this.node.tryFindChild(escaped)) return id;
    return `${escaped}-${shortHash(identity, 8)}`;
  }
  private readonly consumerLimited: { plugin: PluginInstance; owner: string; attachment: { serviceId?: string; routeId?: string } }[] = [];

  /** A service or route plugin: now, or after the consumers when it is limited to one of them. */
  private addScopedPlugin(plugin: PluginInstance, owner: string, attachment: { serviceId?: string; routeId?: string }): void {
    if (plugin.consumer !== undefined) this.consumerLimited.push({ plugin, owner, attachment });
    else this.addPlugin(plugin, owner, attachment);
  }

  /** A plugin config with each `{ variable: name }` secret as a reference to a sensitive Terraform variable. */
  private withVariables(value: unknown, description: string): unknown {
    if (Array.isArray(value)) return value.map((item) => this.withVariables(item, description));
    if (value === null || typeof value !== "object") return value;
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0][0] === "variable" && typeof entries[0][1] === "string") {
      return secretArgument(this, value as { variable: string }, `secret of the ${description}`);
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, this.withVariables(item, description)]));
  }

  private addPlugin(plugin: PluginInstance, owner: string, attachment: { serviceId?: string; routeId?: string; consumerId?: string }): void {
    this.plugins.push(
      new Plugin(this, this.idFor(`plugin-${owner}-${plugin.name}`, `plugin ${plugin.name} of ${owner}`), {
        provider: this.provider,
        name: plugin.name,
        ...attachment,
        configJson:
          plugin.config && Object.keys(plugin.config).length
            ? JSON.stringify(this.withVariables(plugin.config, `${plugin.name} plugin of ${owner}`))
            : undefined,
        enabled: plugin.enabled,
        tags: this.tagsWith(plugin.tags),
      }),
    );
  }

  private endpointOf(service: ServiceSpec): ServiceEndpoint {
    if (service.url !== undefined && !isToken(service.url)) {
      // Shape-checked by checkCatalog: the parse cannot fail here.
      return parseServiceUrl(service.url, "", [])!;
    }
    return { protocol: service.protocol ?? "http", host: service.host ?? service.url!, port: service.port ?? 80, path: service.path };
  }

  private addService(spec: ServiceSpec): void {
    const endpoint = this.endpointOf(spec);
    const clientCertificate = spec.tls?.clientCertificate;
    // A service whose host names an upstream of this catalog must be created after it.
    const upstream = this.upstreams.get(endpoint.host);
    const service = new Service(this, this.idFor(`service-${spec.name}`, `service ${spec.name}`), {
      provider: this.provider,
      dependsOn: upstream ? [upstream] : undefined,
      name: spec.name,
      protocol: endpoint.protocol,
      host: endpoint.host,
      port: endpoint.port,
      path: endpoint.path,
      connectTimeout: spec.connectTimeout,
      readTimeout: spec.readTimeout,
      writeTimeout: spec.writeTimeout,
      retries: spec.retries,
      tlsVerify: spec.tls?.verify,
      tlsVerifyDepth: spec.tls?.verifyDepth,
      clientCertificateId: clientCertificate ? (this.certificates.get(clientCertificate)?.id ?? clientCertificate) : undefined,
      caCertificateIds: spec.tls?.caCertificateIds ? [...spec.tls.caCertificateIds] : undefined,
      tags: this.tagsWith(spec.tags),
    });
    this.services.set(spec.name, service);
    // One reference token per entity, shared by everything attached to it: cdktf records a stack
    // trace for each token it creates, the largest cost of a big synth (docs/PERFORMANCE.md).
    const serviceId = service.id;
    for (const plugin of spec.plugins ?? []) this.addScopedPlugin(plugin, `service-${spec.name}`, { serviceId });

    for (const [index, routeSpec] of (spec.routes ?? []).entries()) {
      const name = routeName(spec, index);
      const route = new Route(this, this.idFor(`route-${name}`, `route ${name}`), {
        provider: this.provider,
        name,
        serviceId,
        protocols: [...(routeSpec.protocols ?? DEFAULT_ROUTE_PROTOCOLS)],
        paths: routeSpec.paths ? [...routeSpec.paths] : undefined,
        hosts: routeSpec.hosts ? [...routeSpec.hosts] : undefined,
        methods: routeSpec.methods ? [...routeSpec.methods] : undefined,
        snis: routeSpec.snis ? [...routeSpec.snis] : undefined,
        source: routeSpec.sources?.map((e) => ({ ip: e.ip, port: e.port })),
        destination: routeSpec.destinations?.map((e) => ({ ip: e.ip, port: e.port })),
        header: routeSpec.headers ? Object.entries(routeSpec.headers).map(([header, values]) => ({ name: header, values: [...values] })) : undefined,
        stripPath: routeSpec.stripPath,
        preserveHost: routeSpec.preserveHost,
        regexPriority: routeSpec.regexPriority,
        pathHandling: routeSpec.pathHandling,
        httpsRedirectStatusCode: routeSpec.httpsRedirectStatusCode,
        requestBuffering: routeSpec.requestBuffering,
        responseBuffering: routeSpec.responseBuffering,
        tags: this.tagsWith(routeSpec.tags),
      });
      this.routes.set(name, route);
      const routeId = route.id;
      for (const plugin of routeSpec.plugins ?? []) this.addScopedPlugin(plugin, `route-${name}`, { routeId });
    }
  }

  private addUpstream(spec: UpstreamSpec): void {
    const upstream = new Upstream(this, this.idFor(`upstream-${spec.name}`, `upstream ${spec.name}`), {
      provider: this.provider,
      name: spec.name,
      slots: spec.slots,
      hashOn: spec.hashOn,
      hashFallback: spec.hashFallback,
      hashOnHeader: spec.hashOnHeader,
      hashFallbackHeader: spec.hashFallbackHeader,
      hashOnCookie: spec.hashOnCookie,
      hashOnCookiePath: spec.hashOnCookiePath,
      hostHeader: spec.hostHeader,
      clientCertificateId: spec.clientCertificate ? (this.certificates.get(spec.clientCertificate)?.id ?? spec.clientCertificate) : undefined,
      healthchecks: spec.healthchecks ? healthchecksOf(spec.healthchecks) : undefined,
      tags: this.tagsWith(spec.tags),
    });
    this.upstreams.set(spec.name, upstream);
    const upstreamId = upstream.id;
    for (const target of spec.targets ?? []) {
      new Target(this, this.idFor(`target-${spec.name}-${target.target}`, `target ${target.target} of upstream ${spec.name}`), {
        provider: this.provider,
        upstreamId,
        target: withTargetPort(target.target),
        weight: target.weight ?? 100,
        tags: this.tagsWith(target.tags),
      });
    }
  }

  private addConsumer(spec: ConsumerSpec): void {
    const key = spec.username ?? spec.customId!;
    const consumer = new Consumer(this, this.idFor(`consumer-${key}`, `consumer ${key}`), {
      provider: this.provider,
      username: spec.username,
      customId: spec.customId,
      tags: this.tagsWith(spec.tags),
    });
    this.consumers.set(key, consumer);
    if (spec.customId !== undefined) this.consumerByCustomId.set(spec.customId, key);
    const base = { provider: this.provider, consumerId: consumer.id };
    for (const group of spec.acls ?? []) {
      new ConsumerAcl(this, this.idFor(`consumer-${key}-acl-${group}`, `ACL group ${group} of consumer ${key}`), {
        ...base,
        group,
        tags: this.tagsWith(undefined),
      });
    }
    for (const [i, credential] of (spec.keyAuth ?? []).entries()) {
      new ConsumerKeyAuth(this, this.idFor(`consumer-${key}-key-auth-${i}`, `key-auth ${i} of consumer ${key}`), {
        ...base,
        key: credential.key ? secretArgument(this, credential.key, `key-auth key of consumer ${key}`) : undefined,
        tags: this.tagsWith(credential.tags),
      });
    }
    for (const credential of spec.basicAuth ?? []) {
      new ConsumerBasicAuth(this, this.idFor(`consumer-${key}-basic-auth-${credential.username}`, `basic-auth ${credential.username} of consumer ${key}`), {
        ...base,
        username: credential.username,
        password: secretArgument(this, credential.password, `basic-auth password of consumer ${key} (${credential.username})`),
        tags: this.tagsWith(credential.tags),
      });
    }
    for (const [i, credential] of (spec.jwt ?? []).entries()) {
      new ConsumerJwtAuth(this, this.idFor(`consumer-${key}-jwt-${i}`, `JWT ${i} of consumer ${key}`), {
        ...base,
        key: credential.key,
        algorithm: credential.algorithm ?? "RS256",
        rsaPublicKey: credential.rsaPublicKey,
        tags: this.tagsWith(credential.tags),
      });
    }
    for (const credential of spec.oauth2 ?? []) {
      new ConsumerOauth2(this, this.idFor(`consumer-${key}-oauth2-${credential.name}`, `OAuth2 ${credential.name} of consumer ${key}`), {
        ...base,
        name: credential.name,
        clientId: credential.clientId,
        clientSecret: credential.clientSecret
          ? secretArgument(this, credential.clientSecret, `OAuth2 client secret of consumer ${key} (${credential.name})`)
          : undefined,
        hashSecret: credential.hashSecret,
        redirectUris: [...credential.redirectUris],
        tags: this.tagsWith(credential.tags),
      });
    }
    for (const plugin of spec.plugins ?? []) this.addPlugin(plugin, `consumer-${key}`, { consumerId: base.consumerId });
  }
}

/** A target with Kong's default port 8000 when it has none (a bare IPv6 address goes in brackets). */
function withTargetPort(target: string): string {
  if (target.startsWith("[")) return target.includes("]:") ? target : `${target}:8000`;
  const colons = (target.match(/:/g) ?? []).length;
  if (colons > 1) return `[${target}]:8000`;
  return colons === 1 ? target : `${target}:8000`;
}

function healthchecksOf(spec: NonNullable<UpstreamSpec["healthchecks"]>): UpstreamHealthchecks {
  const { active, passive } = spec;
  return {
    active: active && {
      type: active.type,
      httpPath: active.httpPath,
      httpsSni: active.httpsSni,
      httpsVerifyCertificate: active.httpsVerifyCertificate,
      timeout: active.timeout,
      concurrency: active.concurrency,
      healthy: active.healthy && { ...active.healthy, httpStatuses: active.healthy.httpStatuses && [...active.healthy.httpStatuses] },
      unhealthy: active.unhealthy && { ...active.unhealthy, httpStatuses: active.unhealthy.httpStatuses && [...active.unhealthy.httpStatuses] },
    },
    passive: passive && {
      type: passive.type,
      healthy: passive.healthy && { ...passive.healthy, httpStatuses: passive.healthy.httpStatuses && [...passive.healthy.httpStatuses] },
      unhealthy: passive.unhealthy && { ...passive.unhealthy, httpStatuses: passive.unhealthy.httpStatuses && [...passive.unhealthy.httpStatuses] },
    },
  };
}
