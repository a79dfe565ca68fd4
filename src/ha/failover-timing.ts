/**
 * Route 53 health-check and DNS settings for a failover-time target.
 *
 * A client stops being sent to a failed site after roughly `requestInterval x failureThreshold`
 * (health checkers agree the endpoint is down) plus the record's TTL (resolvers forget the old
 * answer). Alias records to a load balancer always carry the load balancer's 60 s TTL.
 */
export interface FailoverTimings {
  /** What the topology asked for, in seconds. */
  readonly targetSeconds: number;
  /** Seconds between checks from each checker: 30 (standard) or 10 (fast, billed extra). */
  readonly requestInterval: 10 | 30;
  /** Consecutive failed checks before an endpoint counts as down (1-10). */
  readonly failureThreshold: number;
  /** TTL of the CNAME records, seconds. */
  readonly ttl: number;
  /** `requestInterval x failureThreshold`. */
  readonly detectionSeconds: number;
  /** Detection plus TTL: the expected worst case for a resolver that honours the TTL. */
  readonly expectedSeconds: number;
}

/** The TTL Route 53 uses for alias records to an Elastic Load Balancer. */
export const ALIAS_TTL_SECONDS = 60;

/** The longest TTL chosen for a record that fails over: longer only saves queries, it delays failover. */
export const MAX_FAILOVER_TTL_SECONDS = 60;

/** The shortest TTL chosen: many resolvers raise lower ones anyway. */
export const MIN_TTL_SECONDS = 10;

// Cheapest and least flappy first: a standard 30 s interval before the fast 10 s one, three failed
// checks before two before one.
const CANDIDATES: readonly (readonly [10 | 30, number])[] = [
  [30, 3],
  [30, 2],
  [10, 3],
  [10, 2],
  [10, 1],
];

/**
 * Chooses the health-check interval, failure threshold and TTL that meet `targetSeconds` at the lowest
 * cost, preferring slower checks and longer TTLs (up to 60 s). Returns undefined when no setting
 * meets the target (below 20 s, or below 70 s for alias records).
 */
export function failoverTimings(targetSeconds: number, options: { readonly aliasRecords?: boolean } = {}): FailoverTimings | undefined {
  for (const [requestInterval, failureThreshold] of CANDIDATES) {
    const detectionSeconds = requestInterval * failureThreshold;
    const room = targetSeconds - detectionSeconds;
    const ttl = options.aliasRecords ? ALIAS_TTL_SECONDS : Math.min(MAX_FAILOVER_TTL_SECONDS, room);
    if (ttl < MIN_TTL_SECONDS || detectionSeconds + ttl > targetSeconds) continue;
    return { targetSeconds, requestInterval, failureThreshold, ttl, detectionSeconds, expectedSeconds: detectionSeconds + ttl };
  }
  return undefined;
}
