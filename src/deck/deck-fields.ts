/**
 * The decK import's shared vocabulary: the JSON shapes it reads, the field-rule tables each entity
 * module declares, and the value helpers (naming, null and default stripping) they share.
 */
import { AnySchema, ArraySchema, isPlainObject, ObjectSchema, Optional } from "../core/schema";

/** A decK entity (or catalog entity under construction) as a plain map. */
export type Json = { [key: string]: unknown };
/** A path into the decK file, as YAML segments (`["services", 0, "routes"]`). */
export type Segments = readonly (string | number)[];

/** The provider named in messages about what it cannot express. */
export const PROVIDER = "the kong provider (kevholditch/kong 6.5.1)";

/** snake_case -> camelCase, for decK field names that the catalog spells in camelCase. */
export function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** camelCase -> snake_case, for catalog field names back to decK's. */
export function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Structural equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A Terraform variable name from parts: letters, digits and '_', at most 64 characters. */
export function variableName(...parts: (string | number)[]): string {
  const name = parts
    .map((p) => String(p).replace(/[^A-Za-z0-9_]+/g, "_"))
    .join("_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
  const safe = /^[A-Za-z_]/.test(name) ? name : `v_${name}`;
  return safe.slice(0, 64);
}

/** Removes `null` values from objects (Kong's dumps list every unset field as null), recursively. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null)
      .map(([key, item]) => [key, withoutNulls(item)]),
  );
}

/**
 * Removes fields equal to the default the schema documents (decK dumps write every default out), so
 * the catalog states only what differs from Kong's behaviour; objects left empty go too. Fields come
 * out in the schema's order (decK sorts them alphabetically), unknown ones last.
 */
export function withoutDefaults(value: Json, schema: AnySchema): Json {
  if (!(schema instanceof ObjectSchema)) return value;
  const out: Json = {};
  const known = Object.keys(schema.shape).filter((key) => key in value);
  const unknown = Object.keys(value).filter((key) => !(key in schema.shape));
  for (const key of [...known, ...unknown]) {
    const item = value[key];
    const field = schema.shape[key] as AnySchema | Optional<AnySchema> | undefined;
    if (field === undefined) {
      out[key] = item;
      continue;
    }
    const inner = field instanceof Optional ? field.schema : field;
    if (field instanceof Optional && field.defaultValue !== undefined && deepEqual(item, field.defaultValue)) continue;
    if (isPlainObject(item) && inner instanceof ObjectSchema) {
      const reduced = withoutDefaults(item, inner);
      if (Object.keys(reduced).length === 0 && field instanceof Optional) continue;
      out[key] = reduced;
    } else if (Array.isArray(item) && inner instanceof ArraySchema && inner.element instanceof ObjectSchema) {
      out[key] = item.map((element) => (isPlainObject(element) ? withoutDefaults(element, inner.element) : element));
    } else {
      out[key] = item;
    }
  }
  return out;
}

/** A field handler: where the value goes in the catalog entity, or how to treat it. */
export type FieldRule =
  | { readonly to: string } // copied under another (camelCase) name
  | { readonly drop: (value: unknown) => boolean; readonly why: string } // dropped when `drop`, unsupported otherwise
  | "custom"; // handled by the entity's own code

/** Field tables per decK entity; fields not listed are unsupported. */
export const same = (...names: string[]): { [name: string]: FieldRule } => Object.fromEntries(names.map((n) => [n, { to: camel(n) }]));
/** A field dropped when `drop` holds (an unset or default value), refused with `why` otherwise. */
export const unsupportedUnless = (drop: (value: unknown) => boolean, why: string): FieldRule => ({ drop, why });
/** Unset, or an empty list or map. */
export const isEmpty = (v: unknown) =>
  v === null || v === undefined || (Array.isArray(v) && v.length === 0) || (isPlainObject(v) && Object.keys(v).length === 0);
