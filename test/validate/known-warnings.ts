/**
 * Warnings `terraform validate` may print for our stacks, each with the reason it is accepted.
 * A warning not matched here fails the validate suite. Keep this list short and explained.
 */
export const KNOWN_WARNINGS: readonly { readonly pattern: RegExp; readonly reason: string }[] = [];

/** The warnings no entry explains. */
export function undocumented(warnings: readonly string[]): string[] {
  return warnings.filter((w) => !KNOWN_WARNINGS.some((known) => known.pattern.test(w)));
}
