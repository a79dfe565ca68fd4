import { TerraformResourceLifecycle } from "cdktf";
import { Construct } from "constructs";
import { PrivateKey } from "@cdktf/provider-tls/lib/private-key";
import { s } from "../core/schema";

/** A private key's algorithm and size. */
export interface KeySpec {
  /** @default "ECDSA" */
  readonly algorithm?: "ECDSA" | "RSA";
  /**
   * Curve for ECDSA keys.
   * @default "P384"
   */
  readonly ecdsaCurve?: "P256" | "P384" | "P521";
  /**
   * Size for RSA keys.
   * @default 4096
   */
  readonly rsaBits?: number;
}

/** The shape of a KeySpec, checked before its values are. */
export const keySpecSchema = s.object({
  algorithm: s.optional(s.enum(["ECDSA", "RSA"])),
  ecdsaCurve: s.optional(s.enum(["P256", "P384", "P521"])),
  rsaBits: s.optional(s.integer()),
});

/** A Vault duration: "72h", "30m", "7d", or seconds. */
export const durationSchema = () =>
  s.union<string | number>([s.string({ minLength: 1 }), s.integer([0, Number.MAX_SAFE_INTEGER])], 'a Vault duration such as "72h"');

/** ECDSA P-384: as strong as RSA 7680 at a fraction of the handshake cost, and what Kong serves well. */
export const DEFAULT_KEY: Required<KeySpec> = { algorithm: "ECDSA", ecdsaCurve: "P384", rsaBits: 4096 };

const RSA_SIZES = [2048, 3072, 4096];

/**
 * Problems with a key spec. A CA key must be at least RSA 3072 or any supported curve: a CA
 * outlives its leaves, and RSA 2048 is below what a CA issued today should use.
 */
export function keySpecProblems(spec: KeySpec | undefined, forCa: boolean): string[] {
  const key = { ...DEFAULT_KEY, ...spec };
  const problems: string[] = [];
  if (key.algorithm !== "ECDSA" && key.algorithm !== "RSA") {
    problems.push(`key.algorithm "${key.algorithm}" is not supported: use "ECDSA" or "RSA"`);
  }
  if (key.algorithm === "ECDSA" && !["P256", "P384", "P521"].includes(key.ecdsaCurve)) {
    problems.push(`key.ecdsaCurve "${key.ecdsaCurve}" is not supported: use "P256", "P384" or "P521"`);
  }
  if (key.algorithm === "RSA") {
    if (!RSA_SIZES.includes(key.rsaBits)) {
      problems.push(`key.rsaBits ${key.rsaBits} is not a supported RSA size: use 2048, 3072 or 4096`);
    } else if (forCa && key.rsaBits < 3072) {
      problems.push(`key.rsaBits ${key.rsaBits} is too small for a CA: use 3072 or 4096 (or ECDSA P384)`);
    }
  }
  return problems;
}

/** Creates a tls_private_key for a spec (the spec must be valid). */
export function createPrivateKey(scope: Construct, id: string, spec: KeySpec | undefined, lifecycle?: TerraformResourceLifecycle): PrivateKey {
  const key = { ...DEFAULT_KEY, ...spec };
  const algorithm = key.algorithm === "ECDSA" ? { algorithm: "ECDSA", ecdsaCurve: key.ecdsaCurve } : { algorithm: "RSA", rsaBits: key.rsaBits };
  return new PrivateKey(scope, id, { ...algorithm, lifecycle });
}
