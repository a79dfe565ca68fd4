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

/**
 * The rule pack KongHaTopology runs and docs/RULES.md documents. Security rules (KHA-SEC-*) join it
 * here: add them to the list below, one rule per file.
 */
export const DEFAULT_RULE_PACK = new RulePack("cdktf-kong-ha", [...HA_RULES]);
