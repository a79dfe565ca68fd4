// The public API, read from src/index.ts with the TypeScript compiler: the reference in docs/API.md
// (scripts/generate-api-docs.ts writes it) and the props lint (test/unit/docs/api-docs.test.ts):
// every property of a public props/options interface is documented, every optional one with @default.
import { dirname, join, relative, resolve, sep } from "node:path";
import * as ts from "typescript";

export const ROOT = resolve(__dirname, "..");
export const API_DOC_FILE = "docs/API.md";
export const API_REPORT_FILE = "docs/api-report.md";

/** One documented property of an interface or class. */
export interface ApiProperty {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  readonly doc: string;
  /** The `@default` text, when there is one. */
  readonly defaultValue?: string;
  /** Where it is declared (an inherited property names its own interface's file). */
  readonly file: string;
  readonly line: number;
}

/** One exported symbol of the public API. */
export interface ApiEntry {
  readonly name: string;
  readonly kind: "class" | "interface" | "function" | "type" | "const" | "enum";
  /** The layer: the folder under src/ (`config`, `gateway`, ...). */
  readonly layer: string;
  readonly file: string;
  readonly line: number;
  readonly doc: string;
  /** Signatures: constructor and methods for classes, the call for functions, the definition for types. */
  readonly signatures: readonly string[];
  /** Methods' documentation, by signature, for classes. */
  readonly methods: readonly { readonly signature: string; readonly doc: string }[];
  readonly properties: readonly ApiProperty[];
  readonly heritage?: string;
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  return { ...(config?.options ?? {}), noEmit: true };
}

const docOf = (symbol: ts.Symbol, checker: ts.TypeChecker) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();

function defaultOf(symbol: ts.Symbol, checker: ts.TypeChecker): string | undefined {
  const tag = symbol.getJsDocTags(checker).find((t) => t.name === "default");
  if (!tag) return undefined;
  return ts.displayPartsToString(tag.text ?? []).trim() || "(empty)";
}

function position(node: ts.Node): { file: string; line: number } {
  const source = node.getSourceFile();
  return { file: relative(ROOT, source.fileName).split(sep).join("/"), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 };
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
const shorten = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function typeText(checker: ts.TypeChecker, symbol: ts.Symbol, at: ts.Node): string {
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  // Written types read better than inferred ones: `readonly string[]`, `KongEdition`.
  if (declaration && (ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration) || ts.isParameter(declaration)) && declaration.type) {
    return oneLine(declaration.type.getText());
  }
  return oneLine(checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, at), at, ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope));
}

function propertiesOf(checker: ts.TypeChecker, type: ts.Type, at: ts.Node, onlyPublic: boolean): ApiProperty[] {
  return checker
    .getPropertiesOfType(type)
    .filter((p) => {
      const d = p.valueDeclaration ?? p.declarations?.[0];
      if (!d) return false;
      if (!(ts.isPropertySignature(d) || ts.isPropertyDeclaration(d) || ts.isGetAccessorDeclaration(d) || ts.isParameter(d))) return false;
      if (p.name.startsWith("_")) return false;
      if (!onlyPublic) return true;
      const modifiers = ts.canHaveModifiers(d) ? (ts.getModifiers(d) ?? []) : [];
      return !modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword);
    })
    .map((p) => {
      const d = (p.valueDeclaration ?? p.declarations![0])!;
      return {
        name: p.name,
        type: typeText(checker, p, at),
        optional: (p.flags & ts.SymbolFlags.Optional) !== 0,
        doc: docOf(p, checker),
        defaultValue: defaultOf(p, checker),
        ...position(d),
      };
    });
}

function signatureText(checker: ts.TypeChecker, name: string, signature: ts.Signature, at: ts.Node): string {
  const text = checker.signatureToString(signature, at, ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope | ts.TypeFormatFlags.WriteArrowStyleSignature);
  return `${name}${text.replace(/ => /, ": ")}`;
}

/** Every symbol src/index.ts exports, with its documentation, in a stable order. */
export function readApi(): ApiEntry[] {
  const index = join(ROOT, "src", "index.ts");
  const program = ts.createProgram([index], compilerOptions());
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
  const entries: ApiEntry[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.[0];
    if (!declaration) continue;
    const { file, line } = position(declaration);
    const layer = file.startsWith("src/") ? dirname(file.slice(4)).split("/")[0].replace(/^\.$/, "(root)") : "(other)";
    const base = { name: exported.name, file, line, layer, doc: docOf(symbol, checker) };
    if (ts.isClassDeclaration(declaration)) {
      const type = checker.getDeclaredTypeOfSymbol(symbol);
      const staticType = checker.getTypeOfSymbolAtLocation(symbol, declaration);
      const methods = [
        ...checker
          .getPropertiesOfType(staticType)
          .filter((p) => p.flags & ts.SymbolFlags.Method && p.valueDeclaration !== undefined && position(p.valueDeclaration).file.startsWith("src/"))
          .flatMap((p) =>
            checker
              .getTypeOfSymbolAtLocation(p, declaration)
              .getCallSignatures()
              .map((s) => ({ signature: `static ${signatureText(checker, `${exported.name}.${p.name}`, s, declaration)}`, doc: docOf(p, checker) })),
          ),
        ...checker
          .getPropertiesOfType(type)
          .filter((p) => p.flags & ts.SymbolFlags.Method && !p.name.startsWith("_"))
          .filter((p) => {
            const d = p.valueDeclaration;
            const modifiers = d && ts.canHaveModifiers(d) ? (ts.getModifiers(d) ?? []) : [];
            const own = d ? position(d).file.startsWith("src/") : false;
            return own && !modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword);
          })
          .flatMap((p) =>
            checker
              .getTypeOfSymbolAtLocation(p, declaration)
              .getCallSignatures()
              .map((s) => ({ signature: signatureText(checker, `.${p.name}`, s, declaration), doc: docOf(p, checker) })),
          ),
      ];
      const constructors = staticType
        .getConstructSignatures()
        .map((s) => signatureText(checker, `new ${exported.name}`, s, declaration).replace(/: [^:]+$/, ""));
      const signatures = [...constructors, ...methods.map((m) => m.signature)];
      const heritage = declaration.heritageClauses?.map((h) => oneLine(h.getText())).join(" ");
      const properties = propertiesOf(checker, type, declaration, true).filter((p) => p.file.startsWith("src/"));
      entries.push({ ...base, kind: "class", signatures, methods, properties, heritage });
    } else if (ts.isInterfaceDeclaration(declaration)) {
      const heritage = declaration.heritageClauses?.map((h) => oneLine(h.getText())).join(" ");
      entries.push({
        ...base,
        kind: "interface",
        signatures: [],
        methods: [],
        properties: propertiesOf(checker, checker.getDeclaredTypeOfSymbol(symbol), declaration, false),
        heritage,
      });
    } else if (ts.isFunctionDeclaration(declaration)) {
      const signatures = checker
        .getTypeOfSymbolAtLocation(symbol, declaration)
        .getCallSignatures()
        .map((s) => signatureText(checker, exported.name, s, declaration));
      entries.push({ ...base, kind: "function", signatures, methods: [], properties: [] });
    } else if (ts.isTypeAliasDeclaration(declaration)) {
      entries.push({
        ...base,
        kind: "type",
        signatures: [shorten(`type ${exported.name} = ${oneLine(declaration.type.getText())}`, 400)],
        methods: [],
        properties: [],
      });
    } else if (ts.isEnumDeclaration(declaration)) {
      entries.push({ ...base, kind: "enum", signatures: [declaration.members.map((m) => m.name.getText()).join(" | ")], methods: [], properties: [] });
    } else if (ts.isVariableDeclaration(declaration)) {
      const written = declaration.type
        ? oneLine(declaration.type.getText())
        : oneLine(checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, declaration), declaration));
      entries.push({ ...base, kind: "const", signatures: [shorten(`const ${exported.name}: ${written}`)], methods: [], properties: [] });
    }
  }
  const order = ["class", "interface", "function", "const", "type", "enum"];
  return entries.sort((a, b) => a.layer.localeCompare(b.layer) || order.indexOf(a.kind) - order.indexOf(b.kind) || a.name.localeCompare(b.name));
}

/** Interfaces whose properties configure something: `*Props` and `*Options`. */
export function isPropsInterface(entry: ApiEntry): boolean {
  return entry.kind === "interface" && /(Props|Options)$/.test(entry.name);
}

/**
 * The props lint: for each public props/options interface declared in src/ (generated provider
 * bindings excepted), a property without documentation, and an optional property without `@default`.
 * One line each: `<file>:<line> <Interface>.<property>: <problem>`.
 */
export function propsLint(entries: readonly ApiEntry[]): string[] {
  const problems = new Set<string>();
  for (const entry of entries.filter(isPropsInterface)) {
    if (entry.file.startsWith("src/providers/")) continue;
    for (const property of entry.properties) {
      if (property.file.startsWith("src/providers/") || !property.file.startsWith("src/")) continue;
      const where = `${property.file}:${property.line} ${entry.name}.${property.name}`;
      if (!property.doc && property.defaultValue === undefined) problems.add(`${where}: no documentation`);
      if (property.optional && property.defaultValue === undefined)
        problems.add(`${where}: optional without @default (say the value, or the behaviour when it is absent)`);
    }
  }
  return [...problems].sort();
}

const escapeCell = (text: string) => oneLine(text).replace(/\|/g, "\\|");
const anchor = (entry: ApiEntry) => `${entry.kind}-${entry.name}`.toLowerCase();

/** docs/API.md: every export by layer, props tables with defaults, signatures. */
/**
 * What of Kong 3.9's Admin API the library writes, and why the rest is missing: the kong provider
 * (kevholditch/kong 6.5.1) is the only way the library talks to Kong, and it has a resource for
 * some entities only.
 */
const KONG_COVERAGE = [
  "## Kong entities: what the library writes and what it cannot",
  "",
  "Every plugin Kong 3.9 ships is in the registry (91, with editions from Kong's tier list: see `kongPlugin`,",
  "`PluginRegistry`); plugin configs are checked against Kong's published schemas (`kong-schemas/3.9`).",
  "",
  "| Kong entity | in the catalog | why not |",
  "|---|---|---|",
  "| services, routes (HTTP and stream: sources, destinations), upstreams (with a client certificate), targets, consumers, certificates (with SNIs), plugins (global, service, route, consumer, route or service + consumer) | yes | |",
  "| key-auth, basic-auth, ACL, JWT and OAuth2 credentials | yes | |",
  "| CA certificates (`/ca_certificates`) | by ID only (`pki.caCertificateIds`, a service's `tls.caCertificateIds`) | the provider has no CA-certificate resource: upload the CA once, then list its ID |",
  "| consumer groups, consumer-group scoped plugins | no | the provider has no consumer-group resource |",
  "| SNIs as their own entities | under their certificate (`snis`) | the provider sets SNIs on `kong_certificate` only |",
  "| vaults (`/vaults`) | no | the provider has no vault resource: configure vaults in kong.conf or the node environment (`{vault://env/...}` needs none) |",
  "| keys and key sets, HMAC-auth, mTLS-auth and other credentials, RBAC, workspaces' contents, licenses | no | the provider has no resource for them |",
  "| a plugin's `protocols`, `instance_name`, `ordering` | no | `kong_plugin` has no such arguments: a plugin runs on Kong's default protocols for it |",
  "",
];

export function renderApiMarkdown(entries: readonly ApiEntry[]): string {
  const out: string[] = [
    "# API reference",
    "",
    "<!-- Generated from the JSDoc in src/ by `npm run generate:api-docs`. Do not edit: change the doc comments and regenerate. -->",
    "",
    'Everything `cdktf-kong-ha` exports (`import { ... } from "cdktf-kong-ha"`), grouped by layer (the folder under `src/`).',
    "Props tables list every property with its type and default; `(required)` marks the ones without a default.",
    "",
  ];
  out.push(...KONG_COVERAGE);
  const layers = [...new Set(entries.map((e) => e.layer))];
  out.push("## Layers", "");
  for (const layer of layers) {
    const names = entries.filter((e) => e.layer === layer).map((e) => `[${e.name}](#${anchor(e)})`);
    out.push(`- **${layer}**: ${names.join(", ")}`);
  }
  for (const layer of layers) {
    out.push("", `## ${layer}`, "");
    for (const entry of entries.filter((e) => e.layer === layer)) {
      out.push(`<a id="${anchor(entry)}"></a>`, `### ${entry.kind} \`${entry.name}\``, "");
      // No line numbers: the reference changes when the API does, not when code moves.
      out.push(`[${entry.file}](../${entry.file})${entry.heritage ? ` · \`${entry.heritage}\`` : ""}`, "");
      if (entry.doc) out.push(entry.doc, "");
      if (entry.signatures.length) out.push("```ts", ...entry.signatures, "```", "");
      const documented = entry.methods.filter((m) => m.doc);
      if (documented.length) out.push(...documented.map((m) => `- \`${m.signature.replace(/\(.*$/s, "()")}\`: ${oneLine(m.doc)}`), "");
      if (entry.properties.length) {
        if (entry.kind === "interface") {
          out.push("| Property | Type | Default | Description |", "| --- | --- | --- | --- |");
          for (const p of entry.properties) {
            const fallback = p.defaultValue !== undefined ? escapeCell(p.defaultValue) : p.optional ? "" : "(required)";
            out.push(`| \`${p.name}\` | \`${escapeCell(p.type)}\` | ${fallback} | ${escapeCell(p.doc)} |`);
          }
        } else {
          out.push("| Property | Type | Description |", "| --- | --- | --- |");
          for (const p of entry.properties) out.push(`| \`${p.name}\` | \`${escapeCell(p.type)}\` | ${escapeCell(p.doc)} |`);
        }
        out.push("");
      }
    }
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

/**
 * The API report: every exported name with its kind and signature, one line each, grouped by layer.
 * Committed next to API.md and regenerated with it, so a change to the public surface (a name added,
 * removed or re-typed) shows as a diff in review, as api-extractor's report does for TypeScript APIs.
 */
export function renderApiReport(entries: readonly ApiEntry[]): string {
  const lines = [
    "# API report",
    "",
    "Generated by `npm run generate:api-docs` from `src/index.ts`; a test fails when it is stale. Every name",
    "`cdktf-kong-ha` exports, by layer, with its signature: review a change to this file as a change to the",
    "public API (CHANGELOG, deprecation before removal). The reference with docs is [API.md](API.md).",
    "",
  ];
  const layers = [...new Set(entries.map((e) => e.layer))];
  for (const layer of layers) {
    lines.push(`## ${layer}`, "", "```ts");
    const inLayer = entries.filter((e) => e.layer === layer).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.kind < b.kind ? -1 : 1));
    for (const entry of inLayer) {
      const signature = entry.signatures[0] ? oneLine(entry.signatures[0]) : "";
      lines.push(`${entry.kind} ${entry.name}${signature ? `: ${signature}` : ""}`);
    }
    lines.push("```", "");
  }
  return lines.join("\n");
}
