import { TerraformBackend, TerraformDataSource, TerraformElement, TerraformProvider, TerraformResource, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";

// Whether a construct is one of cdktf's own kinds (resource, provider, data source, element, stack,
// backend), asked the way cdktf itself asks: through the `Symbol.for` marker each of them carries,
// never with `instanceof`. An app may load two copies of the runtime: under CDK Terrain, the
// library's `cdktf` (an npm alias of `cdktn`) and the app's and AWS bindings' own `cdktn`
// (docs/CDKTN.md). A resource of one copy is no `instanceof` the other's TerraformResource, and a
// rule or a checkov skip that asked so would silently pass it by.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyClass = abstract new (...args: any[]) => unknown;

export const isResource = (node: unknown): node is TerraformResource => TerraformResource.isTerraformResource(node);
export const isProvider = (node: unknown): node is TerraformProvider => TerraformProvider.isTerraformProvider(node);
export const isDataSource = (node: unknown): node is TerraformDataSource => TerraformDataSource.isTerraformDataSource(node);
export const isStack = (node: unknown): node is TerraformStack => TerraformStack.isStack(node);

const MARKED = new Map<AnyClass, (x: unknown) => boolean>([
  [TerraformResource, isResource],
  [TerraformProvider, isProvider],
  [TerraformDataSource, isDataSource],
  [TerraformElement, (x) => TerraformElement.isTerraformElement(x)],
  [TerraformStack, isStack],
  [TerraformBackend, (x) => TerraformBackend.isBackend(x)],
]);

/** `node instanceof cls`, except for cdktf's own kinds, which are asked by their marker (see above). */
export function isInstanceOf<T>(node: unknown, cls: abstract new (...args: never[]) => T): node is T {
  const marked = MARKED.get(cls as AnyClass);
  return marked ? marked(node) : node instanceof cls;
}

/** The backend a stack keeps its state with ("local", "s3", ...; "cloud" for Terraform Cloud), or "local" when it has none. */
export function backendKind(stack: IConstruct): string {
  const backend = stack.node.children.find((c) => TerraformBackend.isBackend(c)) as TerraformBackend | undefined;
  if (!backend) return "local";
  const terraform = (backend.toTerraform() as { terraform?: { backend?: object; cloud?: object } }).terraform ?? {};
  return terraform.cloud ? "cloud" : (Object.keys(terraform.backend ?? {})[0] ?? "local");
}
