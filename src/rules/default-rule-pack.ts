import { hotStandbyUndersized } from "../ha/rules/hot-standby-undersized";
import { mtlsBehindTlsTermination } from "../ha/rules/mtls-behind-tls-termination";
import { pilotLightFailoverTarget } from "../ha/rules/pilot-light-failover-target";
import { primaryWithoutHealthCheck } from "../ha/rules/primary-without-health-check";
import { siteSingleAz } from "../ha/rules/site-single-az";
import { sitesShareRegion } from "../ha/rules/sites-share-region";
import { tasksFewerThanAzs } from "../ha/rules/tasks-fewer-than-azs";
import { twoSiteQuorum } from "../ha/rules/two-site-quorum";
import { Rule } from "./rule";
import { RulePack } from "./rule-pack";
import { adminApiExposed } from "./security/admin-api-exposed";
import { adminApiTlsUnverified } from "./security/admin-api-tls-unverified";
import { literalSecretInKongConfig } from "./security/literal-secret-in-kong-config";
import { logGroupDeletedWithStack } from "./security/log-group-deleted-with-stack";
import { logGroupRetention } from "./security/log-group-retention";
import { logGroupUnencrypted } from "./security/log-group-unencrypted";
import { statefulResourceUnprotected } from "./security/stateful-resource-unprotected";

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
];

/**
 * The rule pack KongHaTopology runs and docs/RULES.md documents (`npm run generate:rules-doc`).
 * One rule per file; adding or removing an ID is an API change (test/unit/rules/default-rule-pack.test.ts).
 */
export const DEFAULT_RULE_PACK = new RulePack("cdktf-kong-ha", [...HA_RULES, ...SECURITY_RULES]);
