import { secretsInLocalState } from "./rules/secrets-in-local-state";
import { credentialGeneratedPerSite } from "./rules/credential-generated-per-site";
import { hotStandbyUndersized } from "./rules/hot-standby-undersized";
import { mtlsBehindTlsTermination } from "./rules/mtls-behind-tls-termination";
import { pilotLightFailoverTarget } from "./rules/pilot-light-failover-target";
import { primaryWithoutHealthCheck } from "./rules/primary-without-health-check";
import { siteSingleAz } from "./rules/site-single-az";
import { sitesShareRegion } from "./rules/sites-share-region";
import { tasksFewerThanAzs } from "./rules/tasks-fewer-than-azs";
import { twoSiteQuorum } from "./rules/two-site-quorum";
import { Rule } from "../core/rules/rule";
import { RulePack } from "../core/rules/rule-pack";
import { adminApiExposed } from "../site/rules/admin-api-exposed";
import { adminApiTlsUnverified } from "../gateway/rules/admin-api-tls-unverified";
import { literalSecretInKongConfig } from "../gateway/rules/literal-secret-in-kong-config";
import { logGroupDeletedWithStack } from "../site/rules/log-group-deleted-with-stack";
import { logGroupRetention } from "../site/rules/log-group-retention";
import { logGroupUnencrypted } from "../site/rules/log-group-unencrypted";
import { statefulResourceUnprotected } from "../core/rules/stateful-resource-unprotected";
import { caKeyInState } from "../core/rules/ca-key-in-state";

/** The HA rules (KHA-HA-*): topology and availability checks. */
export const HA_RULES: readonly Rule[] = [
  sitesShareRegion,
  siteSingleAz,
  hotStandbyUndersized,
  mtlsBehindTlsTermination,
  primaryWithoutHealthCheck,
  twoSiteQuorum,
  tasksFewerThanAzs,
  pilotLightFailoverTarget,
  credentialGeneratedPerSite,
];

/** The security rules (KHA-SEC-*): checks over the synthesized resources of every stack. */
export const SECURITY_RULES: readonly Rule[] = [
  statefulResourceUnprotected,
  adminApiExposed,
  literalSecretInKongConfig,
  logGroupRetention,
  logGroupUnencrypted,
  logGroupDeletedWithStack,
  adminApiTlsUnverified,
  secretsInLocalState,
  caKeyInState,
];

/**
 * The rule pack KongEstate runs and docs/RULES.md documents (`npm run generate:rules-doc`).
 * One rule per file; adding or removing an ID is an API change (test/unit/ha/default-rule-pack.test.ts).
 */
export const DEFAULT_RULE_PACK = new RulePack("cdktf-kong-ha", [...HA_RULES, ...SECURITY_RULES]);
