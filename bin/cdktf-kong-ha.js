#!/usr/bin/env node
// The package's `cdktf-kong-ha` command. In the library's own repository (src/ present and tsx
// installed) it runs the TypeScript sources, so `npx cdktf-kong-ha` needs no build; in an installed
// package it runs the compiled lib/. See src/cli/README.md.
"use strict";
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
const source = join(root, "src", "cli", "main.ts");
const compiled = join(root, "lib", "src", "cli", "main.js");

function tsxRegister() {
  try {
    return require("tsx/cjs/api").register;
  } catch {
    return undefined;
  }
}

const register = existsSync(source) ? tsxRegister() : undefined;
if (register) {
  register();
  require(source);
} else if (existsSync(compiled)) {
  require(compiled);
} else {
  process.stderr.write(
    "cdktf-kong-ha: neither the compiled CLI (lib/src/cli/main.js) nor tsx to run its sources was found: " +
      "run `npm run build`, or `npm ci` in the repository\n",
  );
  process.exitCode = 4;
}
