#!/usr/bin/env node
// Runs a TypeScript app (the cdktf.json app: `node scripts/run-app.cjs stacks/main.ts`) from one
// JavaScript bundle, built with esbuild when the sources change and reused until they do.
//
// Why: the app must not type-check on every synth, and how it is loaded is most of a small synth's
// cost. Under tsx, Node reads ~430 modules (8.4 MB, two thirds of it the inline source maps of
// cdktf and the provider bindings) through tsx's hooks; one bundle, without those comments, is read
// and compiled at once: the default topology synthesizes in ~0.4 s instead of ~0.8 s, with ~95 MB
// instead of ~130 MB (docs/PERFORMANCE.md). The bundle is transpile-only, like tsx: `npm run
// typecheck` (and CI) is where types are checked.
//
// Freshness: the bundle is rebuilt when any file it was built from (sources and the node_modules
// files it includes) or any folder holding one (a file added next to them) changed size or mtime,
// or when esbuild, Node or this script changed. Bundles live in node_modules/.cache/cdktf-kong-ha
// (CDKTF_KONG_HA_APP_CACHE overrides it); concurrent runs each write their own file and rename it.
//
// CDKTF_KONG_HA_DEBUG=1 runs the TypeScript sources through tsx instead, with source maps, so a
// crash's stack trace points at the TypeScript lines.
"use strict";
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");
const { dirname, join, relative, resolve } = require("node:path");

const root = resolve(__dirname, "..");
const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg) {
  process.stderr.write("usage: node scripts/run-app.cjs <entry.ts> [args...]\n");
  process.exit(2);
}
const entry = resolve(entryArg);

// Run as the process's main module (`require.main === module` holds in it), with its arguments.
if (process.env.CDKTF_KONG_HA_DEBUG) {
  require("tsx/cjs");
  process.argv = [process.argv[0], entry, ...args];
} else {
  process.argv = [process.argv[0], freshBundle(), ...args];
}
require("node:module").runMain();

/** The bundle of `entry`, rebuilt first if anything it was built from changed. */
function freshBundle() {
  const cache = process.env.CDKTF_KONG_HA_APP_CACHE || join(root, "node_modules", ".cache", "cdktf-kong-ha");
  const name = relative(root, entry).replace(/[^A-Za-z0-9.-]+/g, "_").replace(/\.[cm]?[jt]sx?$/, "");
  const bundle = join(cache, `${name}.js`);
  const manifestFile = join(cache, `${name}.inputs.json`);
  const builder = builderIdentity();
  const manifest = readJson(manifestFile);
  if (manifest && manifest.builder === builder && unchanged(manifest.files)) return bundle;

  const esbuild = require("esbuild");
  mkdirSync(cache, { recursive: true });
  let result;
  try {
    result = esbuild.buildSync({
      entryPoints: [entry],
      absWorkingDir: root,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: `node${process.versions.node.split(".")[0]}`,
      // Class and function names stay as written: stack traces and `.name` read as in the sources.
      keepNames: true,
      metafile: true,
      write: false,
      logLevel: "silent",
    });
  } catch (error) {
    // One line per error, located as the topology loader locates its own; no stack trace.
    const lines = (error.errors || []).map(({ location, text }) =>
      location ? `${relative(process.cwd(), resolve(root, location.file))}:${location.line}:${location.column + 1}: ${text}` : text,
    );
    process.stderr.write(`${(lines.length ? lines : [error.message]).join("\n")}\n`);
    process.exit(1);
  }
  const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(root, input));
  const folders = [...new Set(inputs.map((input) => dirname(input)))];
  const files = Object.fromEntries([...inputs, ...folders].map((path) => [path, fingerprint(path)]));
  // Each run writes its own files and renames them into place: a concurrent run reads either the old
  // bundle or the new one, never half of one.
  const temporary = `.${process.pid}.tmp`;
  writeFileSync(bundle + temporary, result.outputFiles[0].contents);
  renameSync(bundle + temporary, bundle);
  writeFileSync(manifestFile + temporary, JSON.stringify({ builder, entry, files }));
  renameSync(manifestFile + temporary, manifestFile);
  return bundle;
}

/** What the bundle depends on besides its inputs: esbuild's version, Node's major version, this script. */
function builderIdentity() {
  const esbuildVersion = readJson(join(dirname(require.resolve("esbuild")), "..", "package.json")).version;
  return `esbuild ${esbuildVersion}, node ${process.versions.node.split(".")[0]}, ${fingerprint(__filename)}`;
}

/** Size and modification time, or "missing". */
function fingerprint(path) {
  try {
    const stat = statSync(path);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return "missing";
  }
}

function unchanged(files) {
  return Object.entries(files).every(([path, recorded]) => fingerprint(path) === recorded);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}
