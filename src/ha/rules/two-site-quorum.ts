import { defineRule, instancesOf } from "../../core/rules/rule";
import { QuorumComponent } from "../quorum-component";

export const twoSiteQuorum = defineRule<QuorumComponent>({
  id: "KHA-HA-006",
  name: "two-site-quorum",
  level: "error",
  cause: "A quorum-based component has its voting members on exactly two sites and no witness.",
  explanation:
    "A quorum of 2F+1 members survives F failures. Split over two sites, one site holds the majority " +
    "(or they tie): losing that site loses the quorum, and the component stops (Raft, Sentinel) exactly " +
    "when the other site needs it. Surviving the loss of either site needs a third site or a witness " +
    "that votes from outside both.",
  fix: "Place members on a third site, or add a witness (quorum[].witness) in a third location.",
  ...instancesOf(QuorumComponent),
  check: (q) =>
    q.sites.length === 2 && !q.witness ? [`${q.component} keeps its quorum on ${q.sites.join(" and ")} only: losing the site with the majority stops it.`] : [],
});
