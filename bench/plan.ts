// Turns the library's synthesized stacks into a plan for the baseline app: every element of every
// stack (providers, resources, data sources, variables, outputs, locals) with the plain cdktf class
// that declares it and that class's props. Runs outside the timed region; the baseline app only
// walks the plan. References to elements of the same stack become `{ $ref }` markers, which the
// baseline turns back into cdktf tokens (so it resolves references as a hand-written app would).

/** `{ $ref: address }` is the element itself (depends_on, provider); with `attr`, its attribute. */
export interface Ref {
  readonly $ref: string;
  readonly attr?: string;
}

export interface PlanElement {
  /** Terraform address: `kong_service.x`, `data.aws_caller_identity.y`, `provider.aws.<alias>`, `var.z`. */
  readonly address: string;
  /** The logical ID in the JSON (the construct ID the baseline gives it). */
  readonly name: string;
  /** What to require, and the export to construct: `new (require(module)[exportName])(stack, name, props)`. */
  readonly module: string;
  readonly exportName: string;
  /** Constructor props (the third argument); camelCase keys, `Ref` markers for references. */
  readonly props: unknown;
  /** Attributes the binding does not take as props: set with `addOverride`, as an app would. */
  readonly overrides?: { readonly [path: string]: unknown };
}

export interface StackPlan {
  readonly name: string;
  /** In dependency order: what an element refers to comes before it. */
  readonly elements: readonly PlanElement[];
  /** `terraform.backend.local` props, when the stack has local state. */
  readonly localBackend?: unknown;
  /** The stack's `terraform.required_providers`, set as an override (it carries version pins). */
  readonly requiredProviders?: unknown;
}

export interface Bindings {
  /** Module folders of providers whose bindings are not `@cdktf/provider-<name>/lib` (the generated kong ones). */
  readonly roots: { readonly [provider: string]: string };
  /** The export of `module` whose `tfResourceType` is `tfType`. */
  readonly exportOf: (module: string, tfType: string) => string;
}

/** The project's bindings; module paths are relative to bench/, where the baseline requires them. */
export const BINDINGS: Bindings = {
  roots: { kong: "../src/providers/kong" },
  exportOf: (module, tfType) => {
    const found = Object.entries(require(module) as object).find(([, value]) => value?.tfResourceType === tfType);
    if (!found) throw new Error(`no class with tfResourceType "${tfType}" in ${module}`);
    return found[0];
  },
};

type Json = { readonly [key: string]: unknown };

const kebab = (snake: string) => snake.replace(/_/g, "-");
export const camelCase = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Terraform's `type.name.attr` reference, alone or inside a string (`https://${aws_lb.x.dns_name}`). */
const REFERENCE = /\$\{((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)\.([a-z][a-z0-9_]*)\}/g;

/** Builds the baseline plan of one synthesized stack (`cdk.tf.json`). */
export function planStack(name: string, stack: Json, bindings: Bindings = BINDINGS): StackPlan {
  const known = new Set<string>();
  const raw: { address: string; name: string; module: string; exportName: string; config: Json; kind: string }[] = [];
  const add = (kind: string, address: string, logicalId: string, module: string, exportName: string, config: Json) => {
    known.add(address);
    raw.push({ kind, address, name: logicalId, module, exportName, config });
  };
  const root = (provider: string) => bindings.roots[provider] ?? `@cdktf/provider-${provider}/lib`;
  const addBinding = (kind: string, address: string, logicalId: string, tfType: string, file: string, config: Json) => {
    const module = `${root(tfType.split("_")[0])}/${file}`;
    add(kind, address, logicalId, module, bindings.exportOf(module, tfType), config);
  };

  for (const [key, section] of Object.entries(stack)) {
    const entries = Object.entries((section ?? {}) as Json);
    switch (key) {
      case "//":
      case "terraform":
        break;
      case "provider":
        for (const [provider, blocks] of entries) {
          for (const block of blocks as Json[]) {
            const alias = block.alias as string | undefined;
            const address = alias ? `provider.${provider}.${alias}` : `provider.${provider}`;
            addBinding("provider", address, alias ? `${provider}_${alias}` : provider, provider, "provider", block);
          }
        }
        break;
      case "resource":
      case "data":
        for (const [type, byName] of entries) {
          for (const [logicalId, config] of Object.entries(byName as Json)) {
            const address = key === "data" ? `data.${type}.${logicalId}` : `${type}.${logicalId}`;
            if (type === "terraform_remote_state") {
              const { backend, ...rest } = config as Json;
              add("builtin", address, logicalId, "cdktf", `DataTerraformRemoteState${pascal(backend as string)}`, flattenRemoteState(rest));
            } else if (type === "terraform_data") {
              add("builtin", address, logicalId, "cdktf", "DataResource", config as Json);
            } else {
              const file = key === "data" ? `data-${kebab(type)}` : kebab(type.slice(type.indexOf("_") + 1));
              addBinding(key, address, logicalId, type, file, config as Json);
            }
          }
        }
        break;
      case "variable":
        for (const [id, config] of entries) add("builtin", `var.${id}`, id, "cdktf", "TerraformVariable", config as Json);
        break;
      case "output":
        for (const [id, config] of entries) add("builtin", `output.${id}`, id, "cdktf", "TerraformOutput", config as Json);
        break;
      case "locals":
        for (const [id, expression] of entries) add("builtin", `local.${id}`, id, "cdktf", "TerraformLocal", { expression } as Json);
        break;
      default:
        throw new Error(`stack ${name}: top-level "${key}" is not handled by bench/plan.ts; add it there`);
    }
  }

  const elements = raw.map((el) => ({
    address: el.address,
    name: el.name,
    module: el.module,
    exportName: el.exportName,
    props: el.kind === "builtin" && el.exportName === "TerraformLocal" ? el.config.expression : toProps(el.config, known),
  }));
  const terraform = (stack.terraform ?? {}) as Json;
  const backend = (terraform.backend ?? {}) as Json;
  const others = Object.keys(backend).filter((b) => b !== "local");
  if (others.length || terraform.cloud) throw new Error(`stack ${name}: only local state is handled by bench/plan.ts (got ${others.join(", ") || "cloud"})`);
  return {
    name,
    elements: dependencyOrder(elements),
    localBackend: backend.local ? toProps(backend.local as Json, known) : undefined,
    requiredProviders: terraform.required_providers,
  };
}

function pascal(kebabOrSnake: string): string {
  return kebabOrSnake.replace(/(^|[-_])([a-z0-9])/g, (_, _sep, c: string) => c.toUpperCase());
}

/** `{ config: { path }, workspace }` -> the remote state class's flat props `{ path, workspace }`. */
function flattenRemoteState(config: Json): Json {
  const { config: backendConfig, ...rest } = config;
  return { ...rest, ...(backendConfig as Json) };
}

/** An element's props: camelCase keys, and the meta-arguments `depends_on`/`provider` as `Ref`s. */
function toProps(config: Json, known: ReadonlySet<string>): Json {
  const { depends_on: dependsOn, provider, ...rest } = config;
  const props = withCamelKeys(rest, known) as { [key: string]: unknown };
  if (dependsOn) props.dependsOn = (dependsOn as string[]).map((address) => ({ $ref: address }));
  if (typeof provider === "string") props.provider = { $ref: `provider.${provider}` };
  return props;
}

/** snake_case keys to camelCase (keys without "_", such as tag names, stay), references as `Ref`s. */
function withCamelKeys(value: unknown, known: ReadonlySet<string>): unknown {
  if (typeof value === "string") return referencesIn(value, known);
  if (Array.isArray(value)) return value.map((v) => withCamelKeys(v, known));
  if (value === null || typeof value !== "object") return value;
  const out: { [key: string]: unknown } = {};
  for (const [k, v] of Object.entries(value)) if (k !== "//") out[camelCase(k)] = withCamelKeys(v, known);
  return out;
}

/** A whole-string reference to an element of this stack becomes a `Ref`; anything else stays text. */
function referencesIn(text: string, known: ReadonlySet<string>): unknown {
  const refs = [...text.matchAll(REFERENCE)];
  if (refs.length !== 1 || refs[0][0] !== text || !known.has(refs[0][1])) return text;
  return { $ref: refs[0][1], attr: refs[0][2] };
}

function refsOf(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => refsOf(v, into));
  else if (value && typeof value === "object") {
    if ("$ref" in value) into.add((value as Ref).$ref);
    else Object.values(value).forEach((v) => refsOf(v, into));
  }
  return into;
}

/** Depth-first: every element after the elements its props refer to (Terraform forbids cycles). */
function dependencyOrder<T extends { address: string; props: unknown }>(elements: T[]): T[] {
  const byAddress = new Map(elements.map((el) => [el.address, el]));
  const done = new Set<string>();
  const ordered: T[] = [];
  const visit = (el: T) => {
    if (done.has(el.address)) return;
    done.add(el.address);
    for (const address of refsOf(el.props, new Set())) {
      const target = byAddress.get(address);
      if (target) visit(target);
    }
    ordered.push(el);
  };
  elements.forEach(visit);
  return ordered;
}
