import { formats } from "../../core/formats";
import { AnySchema, isToken, NumberSchema, ObjectSchema, s, Shape } from "../../core/schema";

/**
 * A secret field of a plugin: a Kong secret reference (`{vault://<backend>/<name>}`) or a sensitive
 * Terraform variable (`{ variable: <name> }`, interpolated by KongGateway at apply). Never a literal.
 */
export type KongSecretReference = `{vault://${string}}` | { readonly variable: string };

/**
 * One field of a plugin's `config`, as generated from Kong's published JSON Schema
 * (scripts/generate-kong-plugins.ts): its type (`record` has named fields, `map` free keys), enum,
 * bounds, default, and whether Kong treats it as a secret (`secret`: encrypted and referenceable)
 * or merely accepts a reference (`ref`).
 */
export interface KongField {
  readonly t: "string" | "integer" | "number" | "boolean" | "array" | "record" | "map";
  readonly e?: readonly (string | number)[];
  readonly min?: number;
  readonly max?: number;
  readonly minLen?: number;
  readonly maxLen?: number;
  /** Items of an array. */
  readonly i?: KongField;
  /** Fields of a record. */
  readonly p?: { readonly [key: string]: KongField };
  /** Required fields of a record (required by Kong and without a default). */
  readonly r?: readonly string[];
  /** Values of a map. */
  readonly v?: KongField;
  readonly d?: unknown;
  readonly secret?: 1;
  readonly ref?: 1;
}

/** A plugin of a Kong version, as the generated module lists it. */
export interface KongPluginData {
  readonly name: string;
  /** Kong's tier: `oss` (free), `enterprise` or `ai_gateway_enterprise`. */
  readonly tier: string;
  /** Where Kong lets it attach (`global` always). */
  readonly scopes: readonly ("global" | "service" | "route" | "consumer")[];
  /** The request protocols it can run on. */
  readonly protocols: readonly string[];
  /** The protocols it runs on when its entity does not say (what `deck gateway dump` shows). */
  readonly defaultProtocols: readonly string[];
  /** Its `config`, built on first use. */
  readonly config: () => KongField;
}

/** A URL with credentials in it (`https://user:secret@host`): Kong stores it, but it is a secret in clear. */
const URL_WITH_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]+@/i;

/** The validator of one field: Kong's types, enums, ranges and required fields; secrets only as references. */
export function kongFieldSchema(field: KongField): AnySchema {
  if (field.e) return s.enum(field.e);
  switch (field.t) {
    case "string": {
      if (field.secret) return formats.pluginSecret();
      const schema = s.string({ minLength: field.minLen, maxLength: field.maxLen });
      return field.ref
        ? schema.refine((value, path, issues) => {
            if (!isToken(value) && URL_WITH_USERINFO.test(value)) {
              issues.push({ path, message: "carries credentials in the URL: put the URL in a secret and give a Kong reference such as {vault://env/name}" });
            }
          })
        : schema;
    }
    case "integer":
    case "number":
      return new NumberSchema({ integer: field.t === "integer", atLeast: field.min, atMost: field.max });
    case "boolean":
      return s.boolean();
    case "array":
      return s.array(kongFieldSchema(field.i ?? { t: "string" }));
    case "map":
      return s.map(field.v ? kongFieldSchema(field.v) : s.unknown());
    case "record":
      return kongRecordSchema(field);
  }
}

/** The validator of a record (a plugin's `config`, or a nested record such as `redis` or `queue`). */
export function kongRecordSchema(field: KongField): ObjectSchema<Shape> {
  const required = new Set(field.r ?? []);
  const shape: { [key: string]: AnySchema | ReturnType<typeof s.optional> } = {};
  for (const [key, child] of Object.entries(field.p ?? {})) {
    const schema = kongFieldSchema(child);
    shape[key] = required.has(key) ? schema : s.optional(schema, child.d as never);
  }
  return s.object(shape as Shape);
}
