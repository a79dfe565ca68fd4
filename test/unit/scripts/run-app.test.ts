import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { appCommand } from "../../support/app";
import { exampleTopologies, ROOT, TOPOLOGY_DIR } from "../../support/examples";
import { tsExampleFiles } from "../../support/ts-examples";

const LAUNCHER = join(ROOT, "scripts", "run-app.cjs");

/**
 * The environment of a launcher run, under the installed AWS bindings whatever line this test
 * process runs under (`unit@v20` preloads test/support/aws-binding.cjs): the runner's behaviour does
 * not depend on the line, and with the line set it would run the sources through tsx, not a bundle.
 */
function runnerEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { CDKTF_KONG_HA_AWS_BINDING: _line, NODE_OPTIONS: options = "", ...rest } = process.env;
  return { ...rest, NODE_OPTIONS: options.replace(/--require\s+\S*aws-binding\.cjs/, "").trim(), ...extra };
}

/** A scratch project: an entry that prints what it imports, and a cache of its own. */
function scratch() {
  const dir = mkdtempSync(join(tmpdir(), "run-app-"));
  const cache = mkdtempSync(join(tmpdir(), "run-app-cache-"));
  writeFileSync(join(dir, "main.ts"), 'import { word } from "./word";\nconst n: number = 1;\nconsole.log(word, n, process.argv.slice(2).join(","));\n');
  writeFileSync(join(dir, "word.ts"), 'export const word: string = "one";\n');
  const run = (env: NodeJS.ProcessEnv = {}, args: string[] = []) =>
    spawnSync(process.execPath, [LAUNCHER, join(dir, "main.ts"), ...args], {
      cwd: dir,
      encoding: "utf8",
      env: runnerEnv({ CDKTF_KONG_HA_APP_CACHE: cache, ...env }),
    });
  /** The stdout of a run that must succeed (its stderr in the failure message otherwise). */
  const output = (env: NodeJS.ProcessEnv = {}, args: string[] = []) => {
    const result = run(env, args);
    assert.equal(result.status, 0, result.stderr);
    return result.stdout;
  };
  const bundle = () =>
    join(
      cache,
      readdirSync(cache).find((f) => f.endsWith(".js"))!,
    );
  return { dir, run, output, bundle, cache };
}

/** Sets a file's modification time `seconds` into the future, as a later edit would. */
function touchLater(file: string, seconds: number) {
  const later = new Date(Date.now() + seconds * 1000);
  utimesSync(file, later, later);
}

describe("scripts/run-app.cjs", () => {
  it("is the app command of cdktf.json", () => {
    assert.deepEqual(appCommand(), ["node", "scripts/run-app.cjs", "stacks/main.ts"]);
  });

  it("runs a TypeScript entry with its arguments, without type-checking", () => {
    const { output } = scratch();
    assert.equal(output({}, ["a", "b"]), "one 1 a,b\n");
  });

  it("reuses the bundle while nothing it was built from changed", () => {
    const { run, bundle } = scratch();
    assert.equal(run().status, 0);
    const built = statSync(bundle()).mtimeMs;
    assert.equal(run().stdout, "one 1 \n");
    assert.equal(statSync(bundle()).mtimeMs, built);
  });

  it("rebuilds when an imported source changes", () => {
    const { dir, run } = scratch();
    assert.equal(run().stdout, "one 1 \n");
    writeFileSync(join(dir, "word.ts"), 'export const word: string = "two";\n');
    touchLater(join(dir, "word.ts"), 5);
    assert.equal(run().stdout, "two 1 \n");
  });

  it("keeps one V8 code cache, of the current bundle: a rebuilt bundle of the same length does not run the old code", () => {
    const { dir, run, cache } = scratch();
    const caches = () => readdirSync(cache).filter((f) => f.endsWith(".v8-cache"));
    assert.equal(run().stdout, "one 1 \n");
    const [first] = caches();
    assert.ok(first, "no code cache after the first run");
    assert.equal(run().stdout, "one 1 \n");
    writeFileSync(join(dir, "word.ts"), 'export const word: string = "six";\n');
    touchLater(join(dir, "word.ts"), 5);
    assert.equal(run().stdout, "six 1 \n");
    assert.equal(caches().length, 1);
    assert.notEqual(caches()[0], first);
  });

  it("rebuilds when a file added next to the sources changes what an import resolves to", () => {
    const { dir, run } = scratch();
    writeFileSync(join(dir, "main.ts"), 'import { word } from "./other";\nconsole.log(word);\n');
    writeFileSync(join(dir, "other.js"), 'exports.word = "from js";\n');
    assert.equal(run().stdout, "from js\n");
    // esbuild resolves ./other to other.ts before other.js: only the folder's change shows it.
    writeFileSync(join(dir, "other.ts"), 'export const word = "from ts";\n');
    touchLater(dir, 5);
    assert.equal(run().stdout, "from ts\n");
  });

  it("stores an ASCII bundle marked as such, and runs it from its code cache", () => {
    const { run, bundle, cache } = scratch();
    assert.equal(run().stdout, "one 1 \n");
    assert.match(readFileSync(bundle(), "utf8"), /^\/\/ bundle [0-9a-f]{32} ascii\n\(function \(exports, require, module, __filename, __dirname\) \{/);
    const codeCache = join(
      cache,
      readdirSync(cache).find((f) => f.endsWith(".v8-cache"))!,
    );
    const written = statSync(codeCache).mtimeMs;
    assert.equal(run().stdout, "one 1 \n");
    // V8 took the cache: a refused one would be written again as the run exits.
    assert.equal(statSync(codeCache).mtimeMs, written);
  });

  it("writes the code cache after a run that went through, not after one that stopped early", () => {
    const { dir, run, cache } = scratch();
    writeFileSync(join(dir, "main.ts"), 'import { word } from "./word";\nif (process.argv[2] === "fail") process.exit(1);\nconsole.log(word);\n');
    const caches = () => readdirSync(cache).filter((f) => f.endsWith(".v8-cache"));
    assert.equal(run({}, ["fail"]).status, 1);
    assert.deepEqual(caches(), []);
    assert.equal(run().stdout, "one\n");
    assert.equal(caches().length, 1);
  });

  it("decodes a bundle with non-ASCII text (a license comment esbuild keeps) as UTF-8", () => {
    const { dir, output, bundle } = scratch();
    // esbuild escapes strings to ASCII but keeps `/*! ... */` comments as written.
    writeFileSync(join(dir, "main.ts"), '/*! © Zoë Ünal, 2026 */\nconst s: string = "café ✓";\nconsole.log(s, s.length);\n');
    for (let i = 0; i < 2; i++) assert.equal(output(), "café ✓ 6\n");
    const text = readFileSync(bundle(), "utf8");
    assert.match(text, /^\/\/ bundle [0-9a-f]{32} utf8\n/);
    assert.ok(text.includes("© Zoë Ünal"));
  });

  it("keeps its bundles in the system's temp folder when the cache folder cannot be created", () => {
    const { output } = scratch();
    const file = join(mkdtempSync(join(tmpdir(), "run-app-file-")), "not-a-folder");
    writeFileSync(file, "");
    assert.equal(output({ CDKTF_KONG_HA_APP_CACHE: join(file, "cache") }), "one 1 \n");
  });

  /** A scratch project with a provider binding, `@cdktf/provider-fake/lib/thing`, that counts its evaluations. */
  function withFakeBinding() {
    const project = scratch();
    const binding = join(project.dir, "node_modules", "@cdktf", "provider-fake", "lib", "thing");
    mkdirSync(binding, { recursive: true });
    // As tsc writes a binding: exports named up front, assigned after the classes.
    writeFileSync(
      join(binding, "index.js"),
      '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.Other = exports.Thing = void 0;\n' +
        "globalThis.evaluated = (globalThis.evaluated ?? 0) + 1;\nclass Thing { constructor() { this.made = true; } }\nexports.Thing = Thing;\n" +
        "class Other {}\nexports.Other = Other;\n",
    );
    return project;
  }

  it("evaluates a provider binding module when the app first uses it, not when the bundle starts", () => {
    const { dir, output } = withFakeBinding();
    writeFileSync(
      join(dir, "main.ts"),
      'import { Thing } from "@cdktf/provider-fake/lib/thing";\nconst g = globalThis as { evaluated?: number };\n' +
        "console.log(g.evaluated ?? 0, new Thing().made, g.evaluated, new Thing().made, g.evaluated);\n",
    );
    assert.equal(output(), "0 true 1 true 1\n");
  });

  it("gives every export of a binding to a file that imports all of it, next to a file that names what it takes", () => {
    const { dir, output } = withFakeBinding();
    writeFileSync(
      join(dir, "all.ts"),
      'import * as all from "@cdktf/provider-fake/lib/thing";\nexport const names = Object.keys(all).filter((k) => k !== "default").sort();\n',
    );
    writeFileSync(
      join(dir, "main.ts"),
      'import { Thing } from "@cdktf/provider-fake/lib/thing";\nimport { names } from "./all";\nconsole.log(names.join(","), new Thing().made);\n',
    );
    assert.equal(output(), "Other,Thing true\n");
  });

  it("reports a syntax error with its file, line and column, exit 1 and no stack trace", () => {
    const { dir, run } = scratch();
    writeFileSync(join(dir, "word.ts"), "export const word = ;\n");
    const result = run();
    assert.equal(result.status, 1);
    assert.equal(result.stderr, 'word.ts:1:21: Unexpected ";"\n');
    assert.doesNotMatch(result.stderr, /^\s+at /m);
  });

  it("runs the TypeScript sources through tsx with CDKTF_KONG_HA_DEBUG=1, so stack traces name them", () => {
    const { dir, output } = scratch();
    writeFileSync(join(dir, "main.ts"), 'import { word } from "./word";\nconsole.log(word, new Error("where").stack!.split("\\n")[1]);\n');
    assert.match(output({ CDKTF_KONG_HA_DEBUG: "1" }), /^one +at .*main\.ts:2:\d+\)?\n$/);
  });

  it("replaces cdktf's token creation stacks with a line saying how to record them; TOKEN_STACKS and DEBUG record them", () => {
    const { dir, output } = scratch();
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    writeFileSync(
      join(dir, "main.ts"),
      [
        'import { Lazy, Tokenization } from "cdktf";',
        'const token = Tokenization.reverseString(Lazy.stringValue({ produce: () => "x" })).tokens[0] as unknown as { creationStack: string[] };',
        "console.log(JSON.stringify(token.creationStack));",
        "",
      ].join("\n"),
    );
    const stacks = (env: NodeJS.ProcessEnv) => JSON.parse(output(env)) as string[];
    const [line, ...rest] = stacks({});
    assert.match(line, /not recorded in the bundled app: run again with CDKTF_KONG_HA_DEBUG=1 or CDKTF_KONG_HA_TOKEN_STACKS=1/);
    assert.deepEqual(rest, []);
    assert.ok(stacks({ CDKTF_KONG_HA_TOKEN_STACKS: "1" }).some((frame) => /main\.ts|\.js:\d+/.test(frame)));
    assert.ok(stacks({ CDKTF_KONG_HA_DEBUG: "1" }).some((frame) => /main\.ts:2:\d+/.test(frame)));
  });

  it("rebuilds in a copy of the checkout made with its cache (cp -a), and runs the copy's sources", () => {
    const original = mkdtempSync(join(tmpdir(), "run-app-checkout-"));
    mkdirSync(join(original, "scripts"));
    for (const file of ["run-app.cjs", "cdktf-token-stacks.cjs"]) cpSync(join(ROOT, "scripts", file), join(original, "scripts", file));
    symlinkSync(join(ROOT, "node_modules"), join(original, "node_modules"));
    writeFileSync(join(original, "main.ts"), 'import { word } from "./word";\nconsole.log(word);\n');
    writeFileSync(join(original, "word.ts"), 'export const word = "one";\n');
    const run = (checkout: string) =>
      spawnSync(process.execPath, [join(checkout, "scripts", "run-app.cjs"), join(checkout, "main.ts")], {
        cwd: checkout,
        encoding: "utf8",
        env: runnerEnv({ CDKTF_KONG_HA_APP_CACHE: join(checkout, "cache") }),
      }).stdout;
    assert.equal(run(original), "one\n");
    const copy = `${original}-copy`;
    // cp -a keeps modification times to the nanosecond, as the fingerprints read them (cpSync does not).
    assert.equal(spawnSync("cp", ["-a", original, copy]).status, 0);
    writeFileSync(join(copy, "word.ts"), 'export const word = "two";\n');
    assert.equal(run(copy), "two\n");
  });

  it("stands in for every function of cdktf's stack-trace module, and for captureCreationStack that CDK Terrain's calls", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const standIn = require(join(ROOT, "scripts", "cdktf-token-stacks.cjs")) as { [name: string]: unknown };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cdktf = require(join(ROOT, "node_modules", "cdktf", "lib", "tokens", "private", "stack-trace.js")) as { [name: string]: unknown };
    const functions = (module: { [name: string]: unknown }) => Object.keys(module).filter((name) => typeof module[name] === "function");
    assert.deepEqual(functions(standIn).sort(), [...new Set([...functions(cdktf), "captureCreationStack"])].sort());
  });

  // The bundle must be the same program as the sources: every example, synthesized both ways.
  const bothWays = (args: string[], env: NodeJS.ProcessEnv) => {
    const outdirs = ["bundle", "tsx"].map((how) => join(mkdtempSync(join(tmpdir(), `app-${how}-`)), "cdktf.out"));
    const run = (outdir: string, debug: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, [LAUNCHER, ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: runnerEnv({ CHECKPOINT_DISABLE: "1", ...env, CDKTF_OUTDIR: outdir, ...debug }),
      });
    const bundled = run(outdirs[0], {});
    const sources = run(outdirs[1], { CDKTF_KONG_HA_DEBUG: "1" });
    assert.equal(bundled.status, 0, bundled.stderr);
    assert.equal(sources.status, 0, sources.stderr);
    assert.equal(bundled.stderr, sources.stderr);
    assert.deepEqual(filesOf(outdirs[0]), filesOf(outdirs[1]));
  };
  for (const { name } of exampleTopologies()) {
    it(`synthesizes the same files as the TypeScript sources through tsx: stacks/main.ts with ${name}`, () => {
      bothWays(appCommand().slice(2), { KONG_HA_CONFIG: name === "default" ? "" : join(TOPOLOGY_DIR, name) });
    });
  }
  for (const file of tsExampleFiles()) {
    it(`synthesizes the same files as the TypeScript sources through tsx: examples/${file}`, () => {
      bothWays([join("examples", file)], {});
    });
  }
});

/**
 * Every file under `dir` with its text, by relative path. The manifest's annotation stack traces name
 * the code that ran (the bundle or the TypeScript sources), so they are left out of the comparison.
 */
function filesOf(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const text = readFileSync(path, "utf8");
    files.set(
      path.slice(dir.length + 1),
      entry.name === "manifest.json" ? JSON.stringify(JSON.parse(text, (k, v) => (k === "stacktrace" ? undefined : v))) : text,
    );
  }
  return files;
}
