import { SECRET_NAME_PATTERN } from "../core/formats";
import { Construct } from "constructs";
import { Issue, s, Schema } from "../core/schema";
import { KongEdition, PluginSpec } from "../gateway/plugins/plugin-definition";
import { KongSite } from "../site/kong-site";

/** What a log path's infra half works with, in a site's `<site>-infra` stack. */
export interface LogPathInfraContext {
  /** The infra stack: data sources and constructs of the path are created here. */
  readonly scope: Construct;
  /** The site's Kong: its cluster takes secrets and sidecars, its key encrypts. */
  readonly site: KongSite;
  /** Prefix of the site's physical names, e.g. `edge-east`. */
  readonly namePrefix: string;
  /** `false` for a throw-away estate. @default true */
  readonly protect?: boolean;
  /** SNS topics alarmed when delivery fails. @default none */
  readonly alarmActions?: string[];
  /** The ARN of the Secrets Manager secret `name` in the site's region, read through a data source `id`. */
  secretArn(id: string, name: string): string;
}

/** What a log path's gateway half works with, in a site's `<site>-gateway` stack. */
export interface LogPathGatewayContext {
  readonly edition: KongEdition;
}

/**
 * One way Kong's logs reach Splunk, as the topology's `logging:` section names it, with both of its
 * halves: what the site's AWS infrastructure needs (secrets, sidecars, pipelines) and the global Kong
 * plugins the site's gateway runs. `logging-settings.ts` assembles the section from these, by the
 * name a site's `logging:` list uses (`splunk-hec`, ...).
 */
export interface EstateLogPath<C> {
  /** The key of its settings in the `logging:` section, e.g. `splunkHec`. */
  readonly section: string;
  /** Its settings' schema (documented fields, checked with paths). */
  readonly schema: Schema<C>;
  /** Problems the schema cannot see, relative to the section. @default none */
  problems?(config: C): Issue[];
  /** Adds the infra half to a site. @default nothing in the infra stack */
  addInfra?(context: LogPathInfraContext, config: C): void;
  /** The gateway half: global plugins for the site's catalog. @default none */
  gatewayPlugins?(context: LogPathGatewayContext, config: C): PluginSpec[];
}

/** A Secrets Manager secret by name: the same name in every site's region (a replica, or one per region). */
export const secretNameSchema = () => s.string({ pattern: SECRET_NAME_PATTERN });
