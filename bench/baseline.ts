// What the baseline app does, as a function the tests can call: declares a plan's elements with the
// provider bindings' classes and cdktf's own, in plain TerraformStacks. No library code.
import { App, LocalBackend, TerraformElement, TerraformStack } from "cdktf";
import type { Ref, StackPlan } from "./plan";

type Element = TerraformElement & { getStringAttribute?(attr: string): string };
type ElementClass = new (scope: TerraformStack, id: string, props: unknown) => Element;

/** `Ref` markers to the declared elements, or to cdktf tokens for their attributes. */
function withTokens(value: unknown, declared: Map<string, Element>): unknown {
  if (Array.isArray(value)) return value.map((v) => withTokens(v, declared));
  if (value === null || typeof value !== "object") return value;
  if ("$ref" in value) {
    const { $ref, attr } = value as Ref;
    const element = declared.get($ref)!;
    return attr ? element.getStringAttribute!(attr) : element;
  }
  const out: { [key: string]: unknown } = {};
  for (const [k, v] of Object.entries(value)) out[k] = withTokens(v, declared);
  return out;
}

/** What a plan's module path holds: by default, `require` from this folder, as the plan's paths expect. */
export type ModuleLoader = (module: string) => object;

/** Declares every stack of the plan in `app`. */
export function declarePlan(app: App, plan: readonly StackPlan[], load: ModuleLoader = (module) => require(module) as object): void {
  for (const stackPlan of plan) {
    const stack = new TerraformStack(app, stackPlan.name);
    if (stackPlan.localBackend) new LocalBackend(stack, stackPlan.localBackend);
    if (stackPlan.requiredProviders) stack.addOverride("terraform.required_providers", stackPlan.requiredProviders);
    const declared = new Map<string, Element>();
    for (const el of stackPlan.elements) {
      const Class = (load(el.module) as { [name: string]: ElementClass })[el.exportName];
      const element = new Class(stack, el.name, withTokens(el.props, declared));
      element.overrideLogicalId(el.name);
      for (const [path, value] of Object.entries(el.overrides ?? {})) element.addOverride(path, value);
      declared.set(el.address, element);
    }
  }
}
