// Replaces cdktf/lib/tokens/private/stack-trace.js in the app's bundle (scripts/run-app.cjs), and
// CDK Terrain's (cdktn) copy of it, which also exports captureCreationStack.
//
// cdktf records the complete, formatted stack trace of every token it creates (references, lists,
// lazies: thousands per stack) and reads them only to word an error about a token it cannot
// resolve. Recording them is a fifth to a third of a synth (docs/PERFORMANCE.md). In the bundle,
// each token gets this one line instead; CDKTF_KONG_HA_DEBUG=1 runs the sources through tsx with
// cdktf's own recording, and CDKTF_KONG_HA_TOKEN_STACKS=1 keeps it in the bundle.
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const NOT_RECORDED = Object.freeze([
  "(token creation stacks are not recorded in the bundled app: run again with CDKTF_KONG_HA_DEBUG=1 or CDKTF_KONG_HA_TOKEN_STACKS=1)",
]);
exports.captureStackTrace = function captureStackTrace() {
  return NOT_RECORDED;
};
exports.captureCreationStack = function captureCreationStack() {
  return NOT_RECORDED;
};
