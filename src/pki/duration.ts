/** Vault-style durations: "72h", "30m", "45s", "7d", or a bare number of seconds. */
const UNITS: { readonly [unit: string]: number } = { s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds in a duration, or undefined when it is not one. */
export function durationSeconds(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNITS[match[2] || "s"];
}
