import { TerraformElement, TerraformResource, Tokenization } from "cdktf";
import { isProvider, isResource } from "../construct-kinds";

// The security rules look at Terraform resources and providers as they will be synthesized: the
// arguments of `toTerraform()` (snake_case, escape-hatch overrides applied, tokens left as tokens),
// so a rule sees what Terraform will see, whichever construct (or user code) made the resource.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Arguments = { readonly [name: string]: any };

/** The arguments a resource or provider will be synthesized with (without the `//` comment). */
export function argumentsOf(element: TerraformElement): Arguments {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const out = element.toTerraform() as any;
  let args: Arguments | undefined;
  if (isResource(element)) args = out.resource?.[element.terraformResourceType]?.[element.friendlyUniqueId];
  else if (isProvider(element)) args = Object.values(out.provider ?? {}).flat()[0] as Arguments | undefined;
  const { "//": _comment, ...rest }: { [name: string]: unknown } = args ?? {};
  for (const [name, value] of Object.entries(rest)) {
    if (name.endsWith("_wo") && Tokenization.isResolvable(value)) rest[name] = writeOnlyInput(element, name, value);
  }
  return rest;
}

/**
 * A write-only argument (`secret_string_wo`, `data_json_wo`, ...) as given. CDK Terrain's bindings
 * synthesize each one wrapped in a token of their own (it records that the stack uses write-only
 * arguments when the token resolves), where cdktf's give the value itself: the binding's
 * `<camelName>Input` getter holds the value under both, so a rule sees the same thing under either.
 */
function writeOnlyInput(element: TerraformElement, name: string, wrapped: unknown): unknown {
  const overrides = rawOverridesOf(element);
  if (overrides && Object.hasOwn(overrides, name)) return wrapped;
  const getter = inputGetterOf(name);
  return getter in element ? (element as unknown as { readonly [key: string]: unknown })[getter] : wrapped;
}

/**
 * One top-level argument as it will be synthesized, without rendering the whole element: the
 * escape-hatch override when there is one (`addOverride("key", ...)`), else what the binding's
 * `<camelName>Input` getter holds, which cdktf synthesizes as given when it is a string, number or
 * boolean. A nested block, a list or map, or an element without that getter is read through
 * `argumentsOf`. Estates have thousands of credentials and plugins, and rendering each one for a
 * rule cost more than the rule.
 */
export function argumentOf(element: TerraformElement, name: string): unknown {
  const overrides = rawOverridesOf(element);
  if (overrides && Object.hasOwn(overrides, name)) {
    const override = overrides[name];
    return override !== null && typeof override === "object" ? argumentsOf(element)[name] : override;
  }
  const getter = inputGetterOf(name);
  if (!(getter in element)) return argumentsOf(element)[name];
  const input = (element as unknown as { readonly [key: string]: unknown })[getter];
  return input !== null && typeof input === "object" ? argumentsOf(element)[name] : input;
}

/** The escape-hatch overrides of an element (`addOverride`), as cdktf keeps them. */
function rawOverridesOf(element: TerraformElement): { readonly [key: string]: unknown } | undefined {
  return (element as unknown as { rawOverrides?: { readonly [key: string]: unknown } }).rawOverrides;
}

/** `config_json` -> `configJsonInput`, kept per name: rules ask for a few names thousands of times. */
function inputGetterOf(name: string): string {
  let getter = inputGetters.get(name);
  if (getter === undefined) inputGetters.set(name, (getter = `${name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())}Input`));
  return getter;
}
const inputGetters = new Map<string, string>();

/** The reference a token stands for, e.g. `tls_private_key.root.private_key_pem`; undefined for anything else. */
export function referenceOf(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const token = Tokenization.reverseString(value).firstToken as { identifier?: unknown } | undefined;
  return typeof token?.identifier === "string" ? token.identifier : undefined;
}

/** True when Terraform will not destroy or replace the resource without first removing a guard. */
export function hasPreventDestroy(args: Arguments): boolean {
  return args.lifecycle?.prevent_destroy === true;
}

/** A short label for messages: `aws_kms_key "key"` (type and construct id). */
export function labelOf(resource: TerraformResource): string {
  return `${resource.terraformResourceType} "${resource.node.id}"`;
}
