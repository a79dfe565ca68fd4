import { createHash } from "node:crypto";

/**
 * A name for an AWS resource from its parts (`edge`, `east`, `pub` -> `edge-east-pub`), shortened to
 * `maxLength` with a stable hash suffix when too long (NLB and target group names take 32 characters).
 * Names derive from the topology, never from the apply, so they are known to the runbook too.
 */
export function physicalName(parts: readonly string[], maxLength: number): string {
  const full = parts.filter((p) => p.length > 0).join("-");
  if (full.length <= maxLength) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 6);
  return `${full.slice(0, maxLength - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}
