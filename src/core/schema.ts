/**
 * A small declarative schema language: one definition gives the runtime validation (with precise
 * paths), the TypeScript type (via `Infer`) and the published JSON Schema (via `toJsonSchema`).
 *
 * The topology file and the Kong plugin configurations are both described with it, so an error in
 * either reads the same: `services[2].plugins[0].config.minute: expected an integer, got "ten"`.
 * It exists instead of a general-purpose validation library because synth time matters (see
 * docs/PERFORMANCE.md) and because Kong's own plugin schemas (defaults, `one_of`, `between`) map
 * onto it one to one.
 */

/** One problem found in a value, with the path to it (`sites[1].region`). */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

/** A JSON Schema (draft 2020-12) fragment. */
export type JsonSchema = { [key: string]: unknown };

/** Extra checks a schema runs after its own, e.g. cross-field rules. */
export type Refinement<T> = (value: T, path: string, issues: Issue[]) => void;

/** Formats a path segment onto a parent path: `a` + `b` -> `a.b`, `a` + 0 -> `a[0]`. */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return appendKey(parent, key, isPlainKey(key));
}

/** A key written as `.key` in a path; any other is written `["key"]`. */
function isPlainKey(key: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key);
}

/** `joinPath` for a string key whose `isPlainKey` is already known. */
function appendKey(parent: string, key: string, plain: boolean): string {
  if (!plain) return `${parent}[${JSON.stringify(key)}]`;
  return parent === "" ? key : `${parent}.${key}`;
}

/** Describes a value for error messages: `"ten"`, `a number (70000)`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string": {
      const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
      return JSON.stringify(shown);
    }
    case "number":
      return String(value);
    case "boolean":
      return String(value);
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}

/** True when a string is a cdktf token (`${TfToken[...]}`), which can only be checked at apply time. */
export function isToken(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/** Levenshtein distance, for "did you mean" hints on misspelt keys. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** The closest of `candidates` to `word`, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

export abstract class Schema<T> {
  /** Type carrier for `Infer`; never set at run time. */
  declare readonly __type: T;
  protected descriptionText?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- keeps Schema<T> covariant in T
  private readonly refinements: Refinement<any>[] = [];

  /** Validates `value`, appending problems to `issues`. Returns true when the value has the right shape. */
  check(value: unknown, path: string, issues: Issue[]): boolean {
    const before = issues.length;
    this.checkShape(value, path, issues);
    if (issues.length !== before) return false;
    for (const refine of this.refinements) refine(value as T, path, issues);
    return issues.length === before;
  }

  /** Adds a check that runs once the value has the right shape. */
  refine(refinement: Refinement<T>): this {
    this.refinements.push(refinement);
    return this;
  }

  /** Takes over another schema's refinements and description (for schemas built from others). */
  protected adoptChecks(from: Schema<T>): void {
    this.refinements.push(...from.refinements);
    this.descriptionText = from.descriptionText;
  }

  /** Documentation carried into the JSON Schema. */
  describe(text: string): this {
    this.descriptionText = text;
    return this;
  }

  get description(): string | undefined {
    return this.descriptionText;
  }

  toJsonSchema(): JsonSchema {
    const schema = this.jsonSchema();
    return this.descriptionText ? { description: this.descriptionText, ...schema } : schema;
  }

  protected abstract checkShape(value: unknown, path: string, issues: Issue[]): void;
  protected abstract jsonSchema(): JsonSchema;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the top type of all schemas
export type AnySchema = Schema<any>;

function fail(issues: Issue[], path: string, message: string): void {
  issues.push({ path, message });
}

export interface StringOptions {
  /** Fewest characters. @default no minimum */
  readonly minLength?: number;
  /** Most characters. @default no maximum */
  readonly maxLength?: number;
  /** A pattern the whole string must match, and how to say it in an error. @default any string */
  readonly pattern?: { readonly regex: RegExp; readonly means: string };
  /** Accept cdktf tokens without checking them. @default true */
  readonly allowTokens?: boolean;
}

export class StringSchema extends Schema<string> {
  constructor(private readonly options: StringOptions = {}) {
    super();
  }

  protected checkShape(value: unknown, path: string, issues: Issue[]): void {
    if (typeof value !== "string") return fail(issues, path, `expected a string, got ${describeValue(value)}`);
    if (isToken(value) && this.options.allowTokens !== false) return;
    const { minLength, maxLength, pattern } = this.options;
    if (minLength !== undefined && value.length < minLength) {
      return fail(issues, path, minLength === 1 ? "must not be empty" : `must be at least ${minLength} characters long`);
    }
    if (maxLength !== undefined && value.length > maxLength) {
      return fail(issues, path, `must be at most ${maxLength} characters long (got ${value.length})`);
    }
    if (pattern && !pattern.regex.test(value)) {
      fail(issues, path, `${describeValue(value)} is not ${pattern.means}`);
    }
  }

  protected jsonSchema(): JsonSchema {
    const { minLength, maxLength, pattern } = this.options;
    return {
      type: "string",
      ...(minLength !== undefined ? { minLength } : {}),
      ...(maxLength !== undefined ? { maxLength } : {}),
      ...(pattern ? { pattern: pattern.regex.source } : {}),
    };
  }
}

export interface NumberOptions {
  /** Refuse fractions. @default false */
  readonly integer?: boolean;
  /** Inclusive bounds, as Kong's `between`. @default unbounded */
  readonly between?: readonly [number, number];
  /** Inclusive lower bound alone. @default unbounded */
  readonly atLeast?: number;
  /** Inclusive upper bound alone. @default unbounded */
  readonly atMost?: number;
}

export class NumberSchema extends Schema<number> {
  constructor(private readonly options: NumberOptions = {}) {
    super();
  }

  protected checkShape(value: unknown, path: string, issues: Issue[]): void {
    const kind = this.options.integer ? "an integer" : "a number";
    if (typeof value !== "number" || !Number.isFinite(value)) {
      return fail(issues, path, `expected ${kind}, got ${describeValue(value)}`);
    }
    if (this.options.integer && !Number.isInteger(value)) return fail(issues, path, `expected ${kind}, got ${value}`);
    const between = this.options.between;
    if (between && (value < between[0] || value > between[1])) {
      return fail(issues, path, `${value} is out of range: must be between ${between[0]} and ${between[1]}`);
    }
    const { atLeast, atMost } = this.options;
    if (atLeast !== undefined && atMost !== undefined && (value < atLeast || value > atMost)) {
      fail(issues, path, `${value} is out of range: must be between ${atLeast} and ${atMost}`);
    } else if (atLeast !== undefined && value < atLeast) {
      fail(issues, path, `${value} is out of range: must be at least ${atLeast}`);
    } else if (atMost !== undefined && value > atMost) {
      fail(issues, path, `${value} is out of range: must be at most ${atMost}`);
    }
  }

  protected jsonSchema(): JsonSchema {
    const { between, atLeast, atMost } = this.options;
    return {
      type: this.options.integer ? "integer" : "number",
      ...(between ? { minimum: between[0], maximum: between[1] } : {}),
      ...(atLeast !== undefined ? { minimum: atLeast } : {}),
      ...(atMost !== undefined ? { maximum: atMost } : {}),
    };
  }
}

export class BooleanSchema extends Schema<boolean> {
  protected checkShape(value: unknown, path: string, issues: Issue[]): void {
    if (typeof value !== "boolean") fail(issues, path, `expected true or false, got ${describeValue(value)}`);
  }

  protected jsonSchema(): JsonSchema {
    return { type: "boolean" };
  }
}

export class EnumSchema<T extends string | number> extends Schema<T> {
  constructor(readonly values: readonly T[]) {
    super();
  }

  protected checkShape(value: unknown, path: string, issues: Issue[]): void {
    if (this.values.includes(value as T)) return;
    const hint = typeof value === "string" ? closest(value, this.values.map(String)) : undefined;
    fail(
      issues,
      path,
      `${describeValue(value)} is not one of ${this.values.map((v) => JSON.stringify(v)).join(", ")}` + (hint ? ` (did you mean "${hint}"?)` : ""),
    );
  }

  protected jsonSchema(): JsonSchema {
    return { enum: [...this.values] };
  }
}

export interface ArrayOptions<E> {
  /** Fewest items. @default 0 */
  readonly minItems?: number;
  /** Most items. @default no maximum */
  readonly maxItems?: number;
  /** Items must be unique by this key; the error names the duplicate. @default duplicates allowed */
  readonly uniqueBy?: (item: E) => string | undefined;
  /** How to name the key in a duplicate error, e.g. "name". @default "value" */
  readonly uniqueWhat?: string;
}

export class ArraySchema<E> extends Schema<readonly E[]> {
  constructor(
    readonly element: Schema<E>,
    private readonly options: ArrayOptions<E> = {},
  ) {
    super();
  }

  protected checkShape(value: unknown, path: string, issues: Issue[]): void {
    if (!Array.isArray(value)) return fail(issues, path, `expected a list, got ${describeValue(value)}`);
    const { minItems, maxItems, uniqueBy, uniqueWhat } = this.options;
    if (minItems !== undefined && value.length < minItems) {
      return fail(issues, path, `needs at least ${minItems} item${minItems === 1 ? "" : "s"}, got ${value.length}`);
    }
    if (maxItems !== undefined && value.length > maxItems) {
      return fail(issues, path, `takes at most ${maxItems} items, got ${value.length}`);
    }
    const seen = new Map<string, number>();
    for (let i = 0; i < value.length; i++) {
      const itemPath = joinPath(path, i);
      if (!this.element.check(value[i], itemPath, issues) || !uniqueBy) continue;
      const key = uniqueBy(value[i] as E);
      if (key === undefined) continue;
      const first = seen.get(key);
      if (first !== undefined) {
        fail(issues, itemPath, `duplicate ${uniqueWhat ?? "value"} ${JSON.stringify(key)} (also at ${joinPath(path, first)})`);
      } else {
        seen.set(key, i);
      }
    }
  }

  protected jsonSchema(): JsonSchema {
    const { minItems, maxItems } = this.options;
    return {
      type: "array",
      items: this.element.toJsonSchema(),
      ...(minItems !== undefined ? { minItems } : {}),
      ...(maxItems !== undefined ? { maxItems } : {}),
    };
  }
}

export class MapSchema<V> extends Schema<{ [key: string]: V }> {
  constructor(
    readonly valueSchema: Schema<V>,
    private readonly keyPattern?: { readonly regex: RegExp; readonly means: string },
  ) {
    super();
  }

  protected checkShape(value: unknown, path: string, issues: Issue[]): void {
    if (!isPlainObject(value)) return fail(issues, path, `expected a map, got ${describeValue(value)}`);
    for (const [key, item] of Object.entries(value)) {
      const itemPath = joinPath(path, key);
      if (this.keyPattern && !this.keyPattern.regex.test(key)) {
        fail(issues, itemPath, `key ${JSON.stringify(key)} is not ${this.keyPattern.means}`);
        continue;
      }
      this.valueSchema.check(item, itemPath, issues);
    }
  }

  protected jsonSchema(): JsonSchema {
    return {
      type: "object",
      additionalProperties: this.valueSchema.toJsonSchema(),
      ...(this.keyPattern ? { propertyNames: { pattern: this.keyPattern.regex.source } } : {}),
    };
  }
}

/** Marks an object field as optional, with the default Kong or the library applies when it is absent. */
export class Optional<S extends AnySchema> {
  constructor(
    readonly schema: S,
    readonly defaultValue?: Infer<S>,
  ) {}
}

export type Field = AnySchema | Optional<AnySchema>;
export type Shape = { readonly [key: string]: Field };

type RequiredKeys<S extends Shape> = { [K in keyof S]: S[K] extends Optional<AnySchema> ? never : K }[keyof S];
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends Optional<AnySchema> ? K : never }[keyof S];
type FieldType<F> = F extends Optional<infer S> ? Infer<S> : Infer<F>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

export type ObjectOf<S extends Shape> = Simplify<{ readonly [K in RequiredKeys<S>]: FieldType<S[K]> } & { readonly [K in OptionalKeys<S>]?: FieldType<S[K]> }>;

export function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One field of an object schema, prepared once: the checks run for every value. */
interface PreparedField {
  readonly key: string;
  readonly schema: AnySchema;
  readonly optional: boolean;
  /** How the key is appended to a path: `.key`, or `["key"]` for a key that is not a plain word. */
  readonly plain: boolean;
}

export class ObjectSchema<S extends Shape> extends Schema<ObjectOf<S>> {
  private unknownAllowed = false;
  private readonly fields: readonly PreparedField[];

  constructor(readonly shape: S) {
    super();
    this.fields = Object.entries(shape).map(([key, field]) => ({
      key,
      schema: field instanceof Optional ? field.schema : field,
      optional: field instanceof Optional,
      plain: isPlainKey(key),
    }));
  }

  /** Accepts fields the shape does not name (for construct props that other interfaces extend). */
  passthrough(): this {
    this.unknownAllowed = true;
    return this;
  }

  /**
   * This schema on top of another: every field of `base`, with the fields this schema names checked
   * as this schema checks them, and this schema's refinements. For hand-written checks over a
   * generated schema (the plugins over Kong's published ones).
   */
  over(base: ObjectSchema<Shape>): ObjectSchema<S> {
    const merged = new ObjectSchema<S>({ ...base.shape, ...this.shape } as S);
    merged.adoptChecks(this);
    merged.unknownAllowed = this.unknownAllowed;
    return merged;
  }

  /** The schema of one field, for builders that render or document fields. */
  field(name: string): AnySchema | undefined {
    const f = this.shape[name];
    return f instanceof Optional ? f.schema : f;
  }

  /** The default of an optional field, if it has one. */
  defaultOf(name: string): unknown {
    const f = this.shape[name];
    return f instanceof Optional ? f.defaultValue : undefined;
  }

  protected checkShape(value: unknown, path: string, issues: Issue[]): void {
    if (!isPlainObject(value)) return fail(issues, path, `expected an object, got ${describeValue(value)}`);
    if (!this.unknownAllowed) {
      for (const key in value) {
        if (Object.hasOwn(value, key) && !Object.hasOwn(this.shape, key)) this.unknownField(key, path, issues);
      }
    }
    for (const field of this.fields) {
      // Not only own properties: construct props may hold class instances, whose fields are getters.
      const item = value[field.key];
      if (item === undefined && field.optional) continue;
      const itemPath = appendKey(path, field.key, field.plain);
      if (item === undefined) fail(issues, itemPath, "is required");
      else field.schema.check(item, itemPath, issues);
    }
  }

  private unknownField(key: string, path: string, issues: Issue[]): void {
    const known = Object.keys(this.shape);
    const hint = closest(key, known);
    fail(issues, joinPath(path, key), `unknown field` + (hint ? ` (did you mean "${hint}"?)` : known.length ? `; known fields: ${known.join(", ")}` : ""));
  }

  protected jsonSchema(): JsonSchema {
    const properties: { [key: string]: JsonSchema } = {};
    const required: string[] = [];
    for (const [key, field] of Object.entries(this.shape)) {
      if (field instanceof Optional) {
        const schema = field.schema.toJsonSchema();
        properties[key] = field.defaultValue !== undefined ? { ...schema, default: field.defaultValue } : schema;
      } else {
        properties[key] = field.toJsonSchema();
        required.push(key);
      }
    }
    return {
      type: "object",
      properties,
      ...(required.length ? { required } : {}),
      additionalProperties: this.unknownAllowed,
    };
  }
}

/** Accepts any JSON value; for free-form maps whose content another check validates. */
export class UnknownSchema extends Schema<unknown> {
  protected checkShape(): void {}

  protected jsonSchema(): JsonSchema {
    return {};
  }
}

/** Accepts whichever alternative matches; the error lists what each expected. */
export class UnionSchema<T> extends Schema<T> {
  constructor(
    readonly alternatives: readonly AnySchema[],
    private readonly expected: string,
  ) {
    super();
  }

  protected checkShape(value: unknown, path: string, issues: Issue[]): void {
    const deeper: Issue[] = [];
    for (const alternative of this.alternatives) {
      const scratch: Issue[] = [];
      if (alternative.check(value, path, scratch)) return;
      // An alternative that matched the value's outer shape and failed inside it says more.
      deeper.push(...scratch.filter((issue) => issue.path !== path));
    }
    if (deeper.length) issues.push(...deeper);
    else fail(issues, path, `expected ${this.expected}, got ${describeValue(value)}`);
  }

  protected jsonSchema(): JsonSchema {
    return { anyOf: this.alternatives.map((a) => a.toJsonSchema()) };
  }
}

/** Builders, so schemas read like declarations: `s.object({ name: s.string(), port: s.optional(s.port()) })`. */
export const s = {
  string: (options?: StringOptions) => new StringSchema(options),
  integer: (between?: readonly [number, number]) => new NumberSchema({ integer: true, between }),
  number: (between?: readonly [number, number]) => new NumberSchema({ between }),
  boolean: () => new BooleanSchema(),
  enum: <const T extends string | number>(values: readonly T[]) => new EnumSchema<T>(values),
  array: <E>(element: Schema<E>, options?: ArrayOptions<E>) => new ArraySchema<E>(element, options),
  map: <V>(value: Schema<V>, keyPattern?: { readonly regex: RegExp; readonly means: string }) => new MapSchema<V>(value, keyPattern),
  object: <S extends Shape>(shape: S) => new ObjectSchema<S>(shape),
  optional: <S extends AnySchema>(schema: S, defaultValue?: Infer<S>) => new Optional<S>(schema, defaultValue),
  union: <T>(alternatives: readonly AnySchema[], expected: string) => new UnionSchema<T>(alternatives, expected),
  unknown: () => new UnknownSchema(),
  port: () => new NumberSchema({ integer: true, between: [1, 65535] }),
};
