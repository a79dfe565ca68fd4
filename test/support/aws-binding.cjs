// Loads another line of the AWS provider bindings in place of the installed `@cdktf/provider-aws`.
//
// The library supports two lines of `@cdktf/provider-aws` (peer range `^20.1.0 || ^21.0.0`): 21.x
// (AWS provider 6) is installed as `@cdktf/provider-aws`, 20.x (AWS provider 5) as the npm alias
// `@cdktf/provider-aws-v20`. With CDKTF_KONG_HA_AWS_BINDING=v20, every `require` of
// `@cdktf/provider-aws[/...]` in this process resolves to the alias instead, so the same sources
// synthesize against the other line. scripts/run-tests.mjs preloads this file (NODE_OPTIONS
// --require) for the passes that run under 20.x: a second unit pass, and the suites that hand the
// output to the AWS provider 5.100.0 binary (validate, e2e, rehearsal).
"use strict";
const Module = require("node:module");

const line = process.env.CDKTF_KONG_HA_AWS_BINDING;
if (line) {
  const PACKAGE = "@cdktf/provider-aws";
  const alias = `${PACKAGE}-${line}`;
  try {
    require.resolve(`${alias}/package.json`); // from this repository's node_modules, whatever the cwd
  } catch {
    process.stderr.write(`CDKTF_KONG_HA_AWS_BINDING=${line}: ${alias} is not installed (npm ci installs it)\n`);
    process.exit(2);
  }
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    if (request === PACKAGE || request.startsWith(`${PACKAGE}/`)) request = alias + request.slice(PACKAGE.length);
    return resolve.call(this, request, ...rest);
  };
}
