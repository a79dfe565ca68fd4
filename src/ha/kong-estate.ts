import { Aspects, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { TerraformCloudBackend } from "./kong-ha-stack";
import { Topology } from "./resolved-topology";
import { PluginRegistry } from "../gateway/plugins/plugin-registry";
import { DEFAULT_RULE_PACK } from "./default-rule-pack";
import { Finding, RuleChecker } from "../core/rules/rule-checker";
import { RulePack } from "../core/rules/rule-pack";
import { RuleSuppressions } from "../core/rules/rule-suppressions";
import { IKongSiteEndpoint } from "../site/kong-site";
import { renderFailoverRunbook } from "./failover-runbook";
import { GlobalTrafficStack } from "./global-traffic-stack";
import type { PkiStack } from "./pki-stack";
import { SiteGatewayStack } from "./site-gateway-stack";
import { SiteInfraStack } from "./site-infra-stack";
import { SITE_CERTIFICATE_REFERENCES } from "../site/site-certificate";
import { pkiSecretName } from "../core/naming";

export interface KongEstateProps {
  /** The validated topology (see `resolveTopology` / `loadTopologyFile`). */
  readonly topology: Topology;
  /** @default PluginRegistry.withBuiltins() */
  readonly plugins?: PluginRegistry;
  /**
   * Where every stack keeps its state (see `selectBackend`, which reads the topology and environment).
   * @default local state files next to the project
   */
  readonly terraformCloud?: TerraformCloudBackend;
  /**
   * The rules checked over every stack (as an Aspect, and up front by `assertCompliant`).
   * @default DEFAULT_RULE_PACK
   */
  readonly rules?: RulePack;
}

/**
 * A whole Kong estate from one topology (not a construct: it creates its stacks in `scope`), as the stacks of docs/ARCHITECTURE.md:
 * - `pki` when the topology has a `pki:` section;
 * - `<site>-infra` per site: Kong on ECS Fargate, Postgres, load balancers (SiteInfraStack);
 * - `<site>-gateway` per site: the same catalog on every site, applied through the site's Admin API,
 *   which comes from the infra stack (a cross-stack reference) unless the site sets `adminUrl`;
 * - `global`: Route 53 health checks and failover/latency/weighted records (GlobalTrafficStack).
 *
 * The rule pack runs as an Aspect on every stack; the topology's suppressions apply estate-wide.
 * Stacks are created in `scope` (normally the cdktf App).
 */
export class KongEstate {
  readonly topology: Topology;
  readonly pkiStack?: PkiStack;
  /** `<site>-infra` stacks by site name. */
  readonly infraStacks = new Map<string, SiteInfraStack>();
  /** `<site>-gateway` stacks by site name. */
  readonly gatewayStacks = new Map<string, SiteGatewayStack>();
  readonly globalStack: GlobalTrafficStack;
  readonly rules: RuleChecker;
  /** Every stack, in creation order. */
  readonly stacks: TerraformStack[] = [];

  constructor(scope: Construct, props: KongEstateProps) {
    const { topology, terraformCloud } = props;
    this.topology = topology;
    this.rules = new RuleChecker(props.rules ?? DEFAULT_RULE_PACK);
    if (topology.pki) {
      // Loaded on demand: the pki stack brings the vault and tls bindings (1.3 MB of JS), which
      // estates without PKI need not load on every synth (docs/PERFORMANCE.md).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { PkiStack: Pki } = require("./pki-stack") as { PkiStack: typeof PkiStack };
      this.pkiStack = this.add(new Pki(scope, "pki", { topology, terraformCloud }));
    }
    const endpoints = new Map<string, IKongSiteEndpoint>();
    const secretsManagerPki = topology.pki?.store === "aws-secrets-manager";
    for (const site of topology.sites) {
      const infra = this.add(
        new SiteInfraStack(scope, `${site.name}-infra`, {
          topology,
          site,
          terraformCloud,
          pkiSecrets: secretsManagerPki
            ? {
                server: pkiSecretName(topology, `${site.name}/server`),
                admin: pkiSecretName(topology, `${site.name}/admin`),
                ca: pkiSecretName(topology, "ca"),
              }
            : undefined,
        }),
      );
      // Found by name, not through the pki stack's state: `cdktf deploy '*'` still applies pki first.
      if (this.pkiStack) infra.addDependency(this.pkiStack);
      this.infraStacks.set(site.name, infra);
      endpoints.set(site.name, infra.kongSite);
      const gateway = new SiteGatewayStack(scope, `${site.name}-gateway`, {
        topology,
        site,
        plugins: props.plugins,
        adminUrl: site.adminUrl ?? infra.kongSite.adminUrl,
        // With Secrets Manager, Kong reads its certificate from the task (the infra stack's
        // addProxyCertificate): the gateway stack holds references only and reads no pki state.
        serverCertificate: secretsManagerPki ? SITE_CERTIFICATE_REFERENCES : this.pkiStack?.serverCertificates.get(site.name),
        terraformCloud,
      });
      // The gateway applies against the Kong its infra stack runs, even when no value crosses between
      // them (a site's own adminUrl, or the Admin API's DNS name): `cdktf deploy '*'` keeps the order.
      gateway.addDependency(infra);
      this.gatewayStacks.set(site.name, this.add(gateway));
    }
    this.globalStack = this.add(new GlobalTrafficStack(scope, "global", { topology, sites: endpoints, terraformCloud }));
  }

  /** Every rule finding over the estate's stacks (suppressed ones included). */
  check(): Finding[] {
    return this.stacks.flatMap((stack) => this.rules.check(stack));
  }

  /**
   * Throws a ConfigError listing every rule error (one line each) before anything is synthesized;
   * returns the warnings for the caller to print.
   */
  assertCompliant(): Finding[] {
    const warnings: Finding[] = [];
    const errors: Finding[] = [];
    for (const finding of this.check()) {
      if (finding.suppressedBecause !== undefined) continue;
      (finding.level === "error" ? errors : warnings).push(finding);
    }
    if (errors.length) throw this.rules.errorFor(errors);
    return warnings;
  }

  /** The failover runbook of this estate (markdown), for the app to write next to the stacks. */
  runbook(): string {
    return renderFailoverRunbook(this.topology, this.globalStack.traffic.timings);
  }

  private add<T extends TerraformStack>(stack: T): T {
    Aspects.of(stack).add(this.rules);
    if (this.topology.suppressions.length) RuleSuppressions.add(stack, ...this.topology.suppressions);
    this.stacks.push(stack);
    return stack;
  }
}

/** @deprecated renamed `KongEstate` (it builds an estate of stacks; it is not a topology). Removed in the next release. */
export const KongHaTopology = KongEstate;
/** @deprecated renamed `KongEstate` (it builds an estate of stacks; it is not a topology). Removed in the next release. */
export type KongHaTopology = KongEstate;
/** @deprecated renamed `KongEstateProps`. Removed in the next release. */
export type KongHaTopologyProps = KongEstateProps;
