#!/usr/bin/env node
// Runs a TypeScript app (the cdktf.json app: `node scripts/run-app.cjs stacks/main.ts`) from one
// JavaScript bundle, built with esbuild when the sources change and reused until they do.
//
// Why: the app must not type-check on every synth, and how it is loaded is most of a small synth's
// cost. Under tsx, Node reads ~430 modules (8.4 MB, two thirds of it the inline source maps of
// cdktf and the provider bindings) through tsx's hooks; one bundle, without those comments, is read
// at once and, after the first run, not even compiled: it runs from V8's code cache
// (docs/PERFORMANCE.md). The bundle is transpile-only, like tsx: `npm run typecheck` (and CI) is
// where types are checked.
//
// Freshness: the bundle is rebuilt when any file it was built from (sources and the node_modules
// files it includes) or any folder holding one (a file added next to them) changed size or mtime,
// or when esbuild, Node or this script changed. Bundles live in node_modules/.cache/cdktf-kong-ha
// (CDKTF_KONG_HA_APP_CACHE overrides it); concurrent runs each write their own file and rename it.
//
// Token stacks: cdktf records the formatted stack trace of every token it creates, only to word an
// error about a token it cannot resolve; that is a fifth to a third of a synth. The bundle replaces
// the recording with one line that says how to get it back (scripts/cdktf-token-stacks.cjs);
// CDKTF_KONG_HA_TOKEN_STACKS=1 builds and runs a bundle that keeps it.
//
// Provider bindings: each `@cdktf/provider-*/lib/<resource>` module the app imports is evaluated
// when the app first uses it, not when the bundle starts. The library imports every binding any of
// its constructs can create (Vault, TLS, Firehose, S3, ...) and an estate uses a part of them.
//
// CDKTF_KONG_HA_DEBUG=1 runs the TypeScript sources through tsx instead, with source maps and
// cdktf's token stacks, so stack traces point at the TypeScript lines. So does a run under the
// other line of the AWS bindings (CDKTF_KONG_HA_AWS_BINDING, test/support/aws-binding.cjs): its
// `require` hook, not the bundle, decides which `@cdktf/provider-aws` the app gets.
//
// Start-up: the check that the bundle is fresh and the loading of the bundle run on every synth, so
// they take the cheap way each time: node:crypto is loaded only to build, a missing file is not an
// exception, and the bundle is stored already wrapped as a CommonJS function and read as Latin-1
// (below, runBundle).
"use strict";
const { accessSync, constants, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { dirname, join, relative, resolve } = require("node:path");

const root = resolve(__dirname, "..");
// The esbuild namespace of the modules that stand in for provider bindings (lazyBindings below).
const LAZY_BINDING = "lazy-binding";
const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg) {
  process.stderr.write("usage: node scripts/run-app.cjs <entry.ts> [args...]\n");
  process.exit(2);
}
const entry = resolve(entryArg);

if (process.env.CDKTF_KONG_HA_DEBUG || process.env.CDKTF_KONG_HA_AWS_BINDING) {
  require("tsx/cjs");
  process.argv = [process.argv[0], entry, ...args];
  require("node:module").runMain();
} else {
  const { bundle, stale } = locateBundle();
  const start = () => {
    process.argv = [process.argv[0], bundle, ...args];
    // Once this script has returned: cdktf records a stack trace for every token it creates (unless
    // the bundle replaced that), and this script's and Node's loader frames would lengthen each.
    setImmediate(runBundle, bundle);
  };
  if (stale) stale().then(start);
  else start();
}

/**
 * Runs the bundle as the process's main module (`require.main === module` holds in it), from V8's
 * code cache when there is one: the bundle's JavaScript is then neither parsed nor compiled again.
 * V8 checks only a cached script's length, so each cache is named after the hash of the bundle it
 * was made from, read from the bundle's first line. The cache is written as the process exits with
 * code 0, with every function the run compiled, when it was missing or V8 refused it (another Node).
 *
 * The file is already the module's function (`(function (exports, require, module, ...) {...})`),
 * so its text is the script's source as read, not a copy joined to Node's wrapper. It is read as
 * Latin-1, which takes each byte as one character: for the ASCII that esbuild writes that is the
 * same text, read at half the cost of UTF-8 (5 MB: 6 ms instead of 12, docs/PERFORMANCE.md). A
 * bundle with other characters says so on its first line and is decoded as UTF-8.
 */
function runBundle(bundle) {
  const Module = require("node:module");
  const vm = require("node:vm");
  let source = readFileSync(bundle, "latin1");
  const [, hash, encoding] = /^\/\/ bundle ([0-9a-f]+) (ascii|utf8)\n/.exec(source) ?? [];
  if (encoding !== "ascii") source = Buffer.from(source, "latin1").toString("utf8");
  const prefix = bundle.replace(/\.js$/, ".");
  const codeCache = hash && `${prefix}${hash}.v8-cache`;
  const cachedData = codeCache && readOptional(codeCache);
  const script = new vm.Script(hash ? source : Module.wrap(source), { filename: bundle, cachedData });
  if (codeCache && (!cachedData || script.cachedDataRejected)) {
    process.once("exit", (code) => {
      // Only a run that went through: one that stopped early (bad input, exit 1) compiled a part of
      // the app, and V8 would take that part as the cache of every later run, which would compile
      // the rest again each time (the default estate's build took 48 ms instead of 19).
      if (code !== 0) return;
      try {
        writeAtomically(codeCache, script.createCachedData());
        for (const other of readdirSync(dirname(bundle))) {
          const path = join(dirname(bundle), other);
          if (path.startsWith(prefix) && path.endsWith(".v8-cache") && path !== codeCache) rmSync(path, { force: true });
        }
      } catch {
        // The cache only saves time: the next run compiles again.
      }
    });
  }
  const module = new Module(bundle, undefined);
  module.filename = bundle;
  module.paths = Module._nodeModulePaths(dirname(bundle));
  const moduleRequire = Module.createRequire(bundle);
  moduleRequire.main = module;
  script.runInThisContext().call(module.exports, module.exports, moduleRequire, module, bundle, dirname(bundle));
  module.loaded = true;
}

/**
 * Where the bundle of `entry` is and, when anything it was built from changed, `stale`: a function
 * that rebuilds it. CDKTF_KONG_HA_TOKEN_STACKS=1 selects a bundle that keeps cdktf's token stacks.
 */
function locateBundle() {
  const cache = cacheFolder();
  const tokenStacks = Boolean(process.env.CDKTF_KONG_HA_TOKEN_STACKS);
  // stacks/main.ts -> stacks_main; an entry outside the project keeps its path's words, not "..".
  const name =
    relative(root, entry)
      .replace(/\.[cm]?[jt]sx?$/, "")
      .replace(/[^A-Za-z0-9-]+/g, "_")
      .replace(/^_+/, "") + (tokenStacks ? ".token-stacks" : "");
  const bundle = join(cache, `${name}.js`);
  const manifestFile = join(cache, `${name}.inputs.json`);
  const builder = builderIdentity();
  const manifest = readJson(manifestFile);
  // A checkout copied with its cache (`cp -a`) finds the original's manifest: it names the original's
  // entry and files, unchanged there, so the entry is compared too.
  if (manifest && manifest.builder === builder && manifest.entry === entry && unchanged(manifest.files)) return { bundle };
  return { bundle, stale: () => build(bundle, manifestFile, builder, tokenStacks) };
}

async function build(bundle, manifestFile, builder, tokenStacks) {
  const esbuild = requireEsbuild();
  let result;
  try {
    result = await esbuild.build({
      entryPoints: [entry],
      absWorkingDir: root,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: `node${process.versions.node.split(".")[0]}`,
      // esbuild's default, stated because runBundle relies on it: strings and names are escaped to ASCII.
      charset: "ascii",
      metafile: true,
      write: false,
      logLevel: "silent",
      plugins: [lazyBindings(), ...(tokenStacks ? [] : [withoutTokenStacks()])],
    });
  } catch (error) {
    // One line per error, located as the topology loader locates its own; no stack trace.
    const lines = (error.errors || []).map(({ location, text }) =>
      location ? `${relative(process.cwd(), resolve(root, location.file))}:${location.line}:${location.column + 1}: ${text}` : text,
    );
    process.stderr.write(`${(lines.length ? lines : [error.message]).join("\n")}\n`);
    process.exit(1);
  }
  const inputs = Object.keys(result.metafile.inputs)
    .filter((input) => !input.startsWith(`${LAZY_BINDING}:`))
    .map((input) => resolve(root, input.replace(/^[a-z-]+:/, "")));
  const folders = [...new Set(inputs.map((input) => dirname(input)))];
  const files = Object.fromEntries([...inputs, ...folders].map((path) => [path, fingerprint(path)]));
  // The module's function, as Node would wrap the file (runBundle); first the line runBundle reads.
  const code = require("node:module").wrap(result.outputFiles[0].text);
  // eslint-disable-next-line no-control-regex
  const encoding = /^[\x00-\x7f]*$/.test(code) ? "ascii" : "utf8";
  writeAtomically(bundle, `// bundle ${sha256(code).slice(0, 32)} ${encoding}\n${code}`);
  writeAtomically(manifestFile, JSON.stringify({ builder, entry, files }));
}

/**
 * The esbuild plugin that puts, in place of each provider binding module the app imports
 * (`@cdktf/provider-aws/lib/s3-bucket`, ...), a module with the same exports as getters that
 * evaluate the binding on first use. The binding itself is still in the bundle.
 *
 * When every import of the binding in a file names what it takes (`import { S3Bucket } from ...`),
 * that file's stand-in has getters for those names only: a binding exports up to hundreds of
 * classes and functions, and each getter is copied once more as the bundle links the import.
 * Otherwise (`import * as`, a re-export, a require) the stand-in has every export, read from the
 * binding's source (`exports.<Name> =`, as tsc writes them); a binding written otherwise is
 * imported as it is.
 */
function lazyBindings() {
  const sources = new Map();
  const read = (file) => {
    if (!sources.has(file)) sources.set(file, readFileSync(file, "utf8"));
    return sources.get(file);
  };
  return {
    name: "cdktf-kong-ha-lazy-bindings",
    setup(build) {
      build.onResolve({ filter: /^@cdktf\/provider-[a-z0-9-]+\/lib\/[a-z0-9-]+$/ }, async (args) => {
        if (args.pluginData?.binding) return undefined;
        const binding = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: { binding: true } });
        if (binding.errors.length) return { errors: binding.errors };
        const exported = exportNames(read(binding.path));
        if (!exported.length) return { path: binding.path };
        const imported = args.importer ? importedNames(read(args.importer), args.path) : undefined;
        const names = imported ? exported.filter((name) => imported.has(name)) : exported;
        return { path: `${binding.path}?${names.join(",")}`, namespace: LAZY_BINDING };
      });
      build.onLoad({ filter: /.*/, namespace: LAZY_BINDING }, (args) => {
        const [file, names] = args.path.split("?");
        const contents =
          `let binding;\nconst load = () => (binding ??= require(${JSON.stringify(file)}));\nObject.defineProperty(exports, "__esModule", { value: true });\n` +
          `for (const name of ${JSON.stringify(names ? names.split(",") : [])}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });\n`;
        return { contents, loader: "js", resolveDir: dirname(file) };
      });
    },
  };
}

/** The names a CommonJS binding exports, as tsc writes them: `exports.<Name> = ...`. */
function exportNames(source) {
  return [...new Set(Array.from(source.matchAll(/\bexports\.([A-Za-z_$][\w$]*)\s*=/g), (m) => m[1]))];
}

/**
 * The names `source` imports from `specifier` when every mention of it is a named import
 * (`import { A, B as C, type D } from "<specifier>"`); undefined otherwise.
 */
function importedNames(source, specifier) {
  const quoted = `(?<quote>["'])${specifier.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\k<quote>`;
  const mentions = source.match(new RegExp(quoted, "g"))?.length ?? 0;
  const imports = Array.from(source.matchAll(new RegExp(`\\bimport\\s+(?:type\\s+)?\\{([^}]*)\\}\\s*from\\s*${quoted}`, "g")));
  if (!imports.length || imports.length !== mentions) return undefined;
  const names = new Set();
  for (const [, list] of imports) {
    for (const item of list.split(",")) {
      const name = item
        .trim()
        .replace(/^type\s+/, "")
        .split(/\s+as\s+/)[0];
      if (name) names.add(name);
    }
  }
  return names;
}

/** The esbuild plugin that puts scripts/cdktf-token-stacks.cjs in place of cdktf's (or cdktn's) stack-trace module. */
function withoutTokenStacks() {
  const replacement = join(__dirname, "cdktf-token-stacks.cjs");
  return {
    name: "cdktf-kong-ha-without-token-stacks",
    setup(build) {
      build.onLoad({ filter: /[\\/]cdkt[fn][\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/ }, () => ({
        contents: readFileSync(replacement, "utf8"),
        loader: "js",
      }));
    },
  };
}

/** Writes its own file and renames it into place: a concurrent run reads the old file or the new one, never half of one. */
function writeAtomically(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

/**
 * Where bundles are kept: CDKTF_KONG_HA_APP_CACHE, or node_modules/.cache/cdktf-kong-ha, or, when
 * node_modules cannot be written (a read-only checkout), a folder of the system's temp folder.
 */
function cacheFolder() {
  const preferred = process.env.CDKTF_KONG_HA_APP_CACHE || join(root, "node_modules", ".cache", "cdktf-kong-ha");
  try {
    mkdirSync(preferred, { recursive: true });
    accessSync(preferred, constants.W_OK);
    return preferred;
  } catch {
    const fallback = join(tmpdir(), `cdktf-kong-ha-app-${sha256(root).slice(0, 12)}`);
    mkdirSync(fallback, { recursive: true });
    return fallback;
  }
}

function requireEsbuild() {
  try {
    return require("esbuild");
  } catch {
    process.stderr.write("scripts/run-app.cjs: esbuild is not installed: run `npm ci` (CDKTF_KONG_HA_DEBUG=1 runs the sources through tsx instead)\n");
    process.exit(1);
  }
}

/** What the bundle depends on besides its inputs: esbuild's version, Node's major version, this script. */
function builderIdentity() {
  let esbuildVersion = "missing";
  try {
    esbuildVersion = readJson(join(dirname(require.resolve("esbuild")), "..", "package.json"))?.version;
  } catch {
    // Not installed: the bundle counts as stale, and building it says what to do.
  }
  return `esbuild ${esbuildVersion}, node ${process.versions.node.split(".")[0]}, ${fingerprint(__filename)}, ${fingerprint(join(__dirname, "cdktf-token-stacks.cjs"))}`;
}

/** Size and modification time, or "missing". */
function fingerprint(path) {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat ? `${stat.size}:${stat.mtimeMs}` : "missing";
  } catch {
    return "missing";
  }
}

/** The hex SHA-256 of `text`; node:crypto is loaded when a hash is needed, not on every run. */
function sha256(text) {
  return require("node:crypto").createHash("sha256").update(text).digest("hex");
}

function unchanged(files) {
  return Object.entries(files).every(([path, recorded]) => fingerprint(path) === recorded);
}

function readOptional(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}
