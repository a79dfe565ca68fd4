/**
 * The state one decK import shares across its entity readers: the issues, warnings and secrets it
 * collects (each located at its line and column in the file), the catalog-path -> decK-path origins
 * that map the catalog check's issues back to the file, and the field, list and reference readers.
 */
import { LocatedIssue, locateYamlPath, ParsedYaml, splitPath } from "../core/located-yaml";
import { Issue, isPlainObject, joinPath } from "../core/schema";
import { SecretValue } from "../gateway/catalog";
import { MANAGED_TAG } from "../gateway/kong-gateway";
import { PluginRegistry } from "../gateway/plugins/plugin-registry";
import { FieldRule, Json, Segments, snake, variableName } from "./deck-fields";

/** Fields every decK entity may carry that say nothing about the configuration. */
const IGNORED = new Set(["id", "created_at", "updated_at"]);

/** A secret found in the decK file, now a sensitive Terraform variable (the shape of `DeckSecret`). */
export type DeckContextSecret = LocatedIssue & { readonly variable: string };

/** What the context needs of the import options. */
export interface DeckContextOptions {
  /** The plugins the catalog may use. */
  readonly registry: PluginRegistry;
  /** Drop what the library does not support (with a warning each) instead of failing. */
  readonly skipUnsupported?: boolean;
}

/** One import's collected issues, secrets and origins, and the readers every entity kind uses. */
export class DeckContext {
  readonly errors: LocatedIssue[] = [];
  readonly warnings: LocatedIssue[] = [];
  readonly secrets: DeckContextSecret[] = [];
  private readonly usedVariables = new Set<string>();
  /** Catalog path -> decK path, for mapping the catalog check's issues back to the file. */
  private readonly origins: [string, Segments][] = [];
  /** Certificate ID -> catalog certificate name, for services' client_certificate. */
  readonly certificateIds = new Map<string, string>();
  /** The plugins the catalog may use. */
  readonly registry: PluginRegistry;

  constructor(
    private readonly parsed: ParsedYaml,
    private readonly options: DeckContextOptions,
  ) {
    this.registry = options.registry;
  }

  private located(path: Segments, message: string): LocatedIssue {
    return { path: path.reduce<string>((p, s) => joinPath(p, s), ""), message, ...locateYamlPath(this.parsed.doc, this.parsed.lines, path) };
  }

  /** Records an error at a decK path. */
  error(path: Segments, message: string): void {
    this.errors.push(this.located(path, message));
  }

  /** Records a warning at a decK path. */
  warn(path: Segments, message: string): void {
    this.warnings.push(this.located(path, message));
  }

  /** Something the library cannot express: an error, or a dropped-with-a-warning under skipUnsupported. */
  unsupported(path: Segments, message: string): void {
    if (this.options.skipUnsupported) this.warn(path, `dropped: ${message}`);
    else this.error(path, `${message} (or import with --skip-unsupported to drop it)`);
  }

  /** Maps an issue of the catalog check (catalog path) to the decK entity it came from. */
  fromCatalogIssue(issue: Issue): LocatedIssue {
    let best: [string, Segments] | undefined;
    for (const origin of this.origins) {
      const [prefix] = origin;
      const matches = issue.path === prefix || issue.path.startsWith(`${prefix}.`) || issue.path.startsWith(`${prefix}[`);
      if (matches && (!best || prefix.length > best[0].length)) best = origin;
    }
    if (!best) return { ...issue, ...locateYamlPath(this.parsed.doc, this.parsed.lines, issue.path) };
    const rest = splitPath(issue.path.slice(best[0].length));
    // Inside a plugin's config the names are Kong's own; entity fields are camelCase in the catalog.
    const configAt = rest.indexOf("config");
    const mapped = rest.map((s, i) => (typeof s === "string" && (configAt < 0 || i <= configAt) ? snake(s) : s));
    return this.located([...best[1], ...mapped], issue.message);
  }

  /** Records that the catalog entity at `catalogPath` came from `deckPath`. */
  origin(catalogPath: string, deckPath: Segments): void {
    this.origins.push([catalogPath, deckPath]);
  }

  /** Replaces a secret value by a sensitive variable and records it. */
  secret(path: Segments, name: string, what: string): SecretValue {
    let variable = name;
    for (let n = 2; this.usedVariables.has(variable); n++) variable = variableName(name, n);
    this.usedVariables.add(variable);
    this.secrets.push({ ...this.located(path, what), variable });
    return { variable };
  }

  /**
   * Copies the fields a table allows into a catalog entity; reports the rest. Returns the entity
   * without the "custom" fields, which the caller handles.
   */
  fields(source: Json, rules: { [name: string]: FieldRule }, path: Segments, what: string): Json {
    const out: Json = {};
    for (const [key, value] of Object.entries(source)) {
      if (IGNORED.has(key) || value === null) continue;
      const rule = rules[key];
      if (rule === undefined) {
        this.unsupported([...path, key], `${what} field "${key}" is not supported by the library`);
      } else if (rule === "custom") {
        continue;
      } else if ("to" in rule) {
        out[rule.to] = key === "tags" ? this.tags(value) : value;
      } else if (!rule.drop(value)) {
        this.unsupported([...path, key], rule.why);
      }
    }
    return out;
  }

  /** Tags without the ones the library adds itself (when the entity came from this library). */
  private tags(value: unknown): unknown {
    if (!Array.isArray(value)) return value;
    if (!value.includes(MANAGED_TAG)) return value;
    const own = value.filter((t) => t !== MANAGED_TAG && !/^(estate|site):/.test(String(t)));
    return own.length ? own : undefined;
  }

  /** The maps of a decK entity list; anything else is reported (an item that is not a map reads as `{}`). */
  list(value: unknown, path: Segments, what: string): Json[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.error(path, `expected a list of ${what}`);
      return [];
    }
    return value.map((item, i) => {
      if (isPlainObject(item)) return item;
      this.error([...path, i], `expected a ${what.replace(/s$/, "")} (a map)`);
      return {};
    });
  }

  /** A foreign reference in decK: a name or ID string, or `{ id }` / `{ name }`. */
  reference(value: unknown, path: Segments, kind: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    if (isPlainObject(value)) {
      const ref = value.name ?? value.id ?? value.username;
      if (typeof ref === "string") return ref;
    }
    this.error(path, `expected a ${kind} name or ID`);
    return undefined;
  }
}
