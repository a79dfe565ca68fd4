import { Construct } from "constructs";
import { ConfigError } from "../core/config-error";

export interface QuorumComponentProps {
  /** What it is, e.g. `vault-raft`, `redis-sentinel`, `consul`. */
  readonly component: string;
  /** The sites that hold its voting members. */
  readonly sites: readonly string[];
  /**
   * A tie-breaking voter outside those sites (a member in a third region, a cloud witness).
   * @default none
   */
  readonly witness?: string;
}

/**
 * Records where a quorum-based component the estate depends on keeps its voting members. It creates
 * no resources: it makes the placement visible to the HA rules, which refuse a quorum split over
 * exactly two sites without a witness (KHA-HA-006): one of the two holds the majority, and losing
 * that site loses the quorum.
 */
export class QuorumComponent extends Construct {
  readonly component: string;
  readonly sites: readonly string[];
  readonly witness?: string;

  constructor(scope: Construct, id: string, props: QuorumComponentProps) {
    super(scope, id);
    if (props.sites.length === 0) {
      throw new ConfigError([{ path: "sites", message: `${props.component} needs at least one site holding its members` }], this.node.path);
    }
    this.component = props.component;
    this.sites = [...new Set(props.sites)];
    this.witness = props.witness;
  }
}
