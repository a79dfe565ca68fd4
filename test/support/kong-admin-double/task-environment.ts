// What a Kong task started by ECS would resolve a `{vault://env/...}` reference to, written from
// Kong's own code rather than from the library's: ECS injects each container secret (`valueFrom`:
// a secret ARN, optionally `:<json key>::`) as an environment variable when the task starts; Kong's
// `env` vault (kong/vaults/env/init.lua) reads the variable named by the reference's resource with
// '-' turned into '_', upper-cased; a further path segment picks a key of a JSON value
// (kong/pdk/vault.lua).

/** A container's `secrets` entry, as ECS reads it. */
export interface ContainerSecret {
  readonly name: string;
  readonly valueFrom: string;
}

/** Reads a Secrets Manager secret's current value by ARN (the emulator's GetSecretValue). */
export type SecretReader = (region: string, arn: string) => Promise<string>;

/** The environment ECS builds for a container from its secrets: `valueFrom` resolved, JSON keys picked. */
export async function taskEnvironment(secrets: readonly ContainerSecret[], read: SecretReader): Promise<Map<string, string>> {
  const env = new Map<string, string>();
  for (const secret of secrets) {
    // arn:aws:secretsmanager:<region>:<account>:secret:<name>[:<json key>:<stage>:<version>]
    const match = /^(arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):\d{12}:secret:[^:]+)(?::([^:]*):([^:]*):([^:]*))?$/.exec(secret.valueFrom);
    if (!match) continue; // SSM parameters are not used by the references under test
    const [, arn, region, jsonKey] = match;
    const value = await read(region, arn);
    env.set(secret.name, jsonKey ? String(JSON.parse(value)[jsonKey]) : value);
  }
  return env;
}

/** The variable and JSON key a Kong `{vault://env/<resource>[/<key>]}` reference reads. */
export function referencedVariable(reference: string): { readonly variable: string; readonly key?: string } {
  const match = /^\{vault:\/\/env\/([^/}]+)(?:\/([^}]+))?\}$/.exec(reference);
  if (!match) throw new Error(`${reference} is not a reference to Kong's env vault`);
  return { variable: match[1].replace(/-/g, "_").toUpperCase(), key: match[2] };
}

/** Resolves a Kong `{vault://env/<resource>[/<key>]}` reference against a task's environment. */
export function resolveEnvReference(reference: string, env: ReadonlyMap<string, string>): string {
  const { variable, key } = referencedVariable(reference);
  const value = env.get(variable);
  if (value === undefined) throw new Error(`${reference}: the task has no variable ${variable} (it has ${[...env.keys()].join(", ")})`);
  return key ? String(JSON.parse(value)[key]) : value;
}
