import { App, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { ConfigError } from "../../src/core/config-error";

/** The synthesized Terraform JSON of one stack. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StackJson = { [key: string]: any };

/** Builds constructs in a fresh stack and returns the stack's synthesized JSON. */
export function synthStack(build: (stack: TerraformStack) => void): StackJson {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

/** The synthesized JSON of a stack that already exists. */
export function synthOf(stack: TerraformStack): StackJson {
  return JSON.parse(Testing.synth(stack));
}

/** A fresh app for stack-level tests. */
export function testApp(): App {
  return Testing.app();
}

/** How many resources a stack's JSON declares (data sources not counted), as an apply reports them. */
export function resourceCount(json: StackJson): number {
  return Object.values((json.resource ?? {}) as { [type: string]: object }).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

/** The addresses (`type.name`) of a stack's resources that carry `prevent_destroy`, sorted. */
export function protectedAddresses(json: StackJson): string[] {
  return Object.entries((json.resource ?? {}) as Record<string, Record<string, { lifecycle?: { prevent_destroy?: boolean } }>>)
    .flatMap(([type, byName]) => Object.entries(byName).map(([name, r]) => ({ address: `${type}.${name}`, kept: r.lifecycle?.prevent_destroy === true })))
    .filter((r) => r.kept)
    .map((r) => r.address)
    .sort();
}

/**
 * What the rehearsals release from Terraform (`terraform state rm`) before destroying a stack: the
 * resources that carry `prevent_destroy` (they stay in AWS or Vault), and the Secrets Manager
 * rotations, since a kept database keeps its password rotation (moto 5.2.5 also refuses
 * CancelRotateSecret on a rotation RDS manages, which AWS accepts).
 */
export function releasedBeforeDestroy(json: StackJson): string[] {
  const rotations = Object.keys(json.resource?.aws_secretsmanager_secret_rotation ?? {}).map((name) => `aws_secretsmanager_secret_rotation.${name}`);
  return [...protectedAddresses(json), ...rotations];
}

/** The resources of one type, as a list of their arguments (metadata removed). */
export function resources(json: StackJson, type: string): StackJson[] {
  return Object.values((json.resource?.[type] ?? {}) as { [name: string]: StackJson }).map((r) => {
    const copy = { ...r };
    delete copy["//"];
    return copy;
  });
}

/** The one resource of a type whose argument `key` equals `value`. */
export function resourceWhere(json: StackJson, type: string, key: string, value: unknown): StackJson {
  const found = resources(json, type).filter((r) => r[key] === value);
  if (found.length !== 1) throw new Error(`expected one ${type} with ${key}=${String(value)}, found ${found.length}`);
  return found[0];
}

/** Runs `build` and returns the ConfigError it throws (fails when it does not throw one). */
export function configErrorOf(build: (scope: Construct) => void): ConfigError {
  try {
    synthStack(build);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError, but the constructs were accepted");
}

/** A certificate bundle made of real tls resources in `scope`, for store tests (values are references). */
export function testBundle(scope: Construct): { certificatePem: string; privateKeyPem: string; caChainPem: string } {
  // Loaded here so that tests not using it do not pay for the tls bindings.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PrivateKey } = require("@cdktf/provider-tls/lib/private-key") as typeof import("@cdktf/provider-tls/lib/private-key");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SelfSignedCert } = require("@cdktf/provider-tls/lib/self-signed-cert") as typeof import("@cdktf/provider-tls/lib/self-signed-cert");
  const key = new PrivateKey(scope, "leaf-key", { algorithm: "ECDSA" });
  const cert = new SelfSignedCert(scope, "leaf", { privateKeyPem: key.privateKeyPem, allowedUses: ["server_auth"], validityPeriodHours: 24 });
  return { certificatePem: cert.certPem, privateKeyPem: key.privateKeyPemPkcs8, caChainPem: cert.certPem };
}
