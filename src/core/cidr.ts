import * as ipaddr from "ipaddr.js";

// What a set of CIDR blocks covers, computed on addresses (ipaddr.js) rather than compared as strings:
// 0.0.0.0/1 plus 128.0.0.0/1 is the whole IPv4 internet as surely as 0.0.0.0/0 is.

export type IpFamily = "ipv4" | "ipv6";

/** A CIDR block as the range of addresses it covers. */
export interface AddressRange {
  readonly family: IpFamily;
  readonly first: bigint;
  readonly last: bigint;
  readonly prefix: number;
}

/** The widest set an address list may cover before it counts as "the internet": a /8 (IPv4), a /32 (IPv6). */
export const WIDEST_PREFIX: { readonly [family in IpFamily]: number } = { ipv4: 8, ipv6: 32 };

const BITS: { readonly [family in IpFamily]: number } = { ipv4: 32, ipv6: 128 };

/** The range of a CIDR block (`10.0.0.0/16`, `2001:db8::/48`), or undefined when it is not one. */
export function cidrRange(cidr: string): AddressRange | undefined {
  const [address, prefixText, extra] = cidr.split("/");
  if (extra !== undefined || prefixText === undefined || !/^\d{1,3}$/.test(prefixText) || !isIp(address)) return undefined;
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(cidr);
  } catch {
    return undefined;
  }
  const [ip, prefix] = parsed;
  const family = ip.kind();
  const bits = BITS[family];
  const value = ip.toByteArray().reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
  const hostBits = BigInt(bits - prefix);
  const first = (value >> hostBits) << hostBits;
  return { family, first, last: first + (1n << hostBits) - 1n, prefix };
}

/** True for an IPv4 or IPv6 address, with or without a prefix (`10.0.0.1`, `10.0.0.0/8`, `::1`). */
export function isIpOrCidr(value: string): boolean {
  return value.includes("/") ? cidrRange(value) !== undefined : isIp(value);
}

/** An IPv4 address in four-part decimal (not the legacy `10.1` forms) or an IPv6 address. */
export function isIp(value: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(value) || (value.includes(":") && ipaddr.IPv6.isValid(value));
}

/** How many addresses of a family a set of CIDR blocks covers, overlaps counted once. */
export function addressesCovered(ranges: readonly AddressRange[], family: IpFamily): bigint {
  const sorted = ranges.filter((r) => r.family === family).sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  let total = 0n;
  let end = -1n;
  for (const range of sorted) {
    if (range.last <= end) continue;
    total += range.last - (range.first > end ? range.first : end + 1n) + 1n;
    end = range.last;
  }
  return total;
}

/**
 * Why a set of CIDR blocks is too wide to be an allow list for an administrative port: together they
 * cover the internet, or at least a /8 (IPv4) or a /32 (IPv6); undefined when they do not.
 */
export function tooWideProblem(cidrs: readonly string[]): string | undefined {
  const ranges = cidrs.map(cidrRange).filter((r): r is AddressRange => r !== undefined);
  for (const family of ["ipv4", "ipv6"] as const) {
    const covered = addressesCovered(ranges, family);
    const limit = 1n << BigInt(BITS[family] - WIDEST_PREFIX[family]);
    if (covered >= limit) {
      const whole = covered === 1n << BigInt(BITS[family]);
      return whole
        ? `together cover every ${family === "ipv4" ? "IPv4" : "IPv6"} address (the whole internet)`
        : `together cover ${covered} ${family === "ipv4" ? "IPv4" : "IPv6"} addresses, a /${WIDEST_PREFIX[family]} or wider`;
    }
  }
  return undefined;
}

/** True when two CIDR blocks share an address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = cidrRange(a);
  const y = cidrRange(b);
  return x !== undefined && y !== undefined && x.family === y.family && x.first <= y.last && y.first <= x.last;
}
