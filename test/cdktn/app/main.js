// The app: the embedded default estate, synthesized by cdktn's App into the folder given.
"use strict";
const { App } = require("cdktn");
const { DEFAULT_TOPOLOGY, KongEstate, resolveTopology } = require("cdktf-kong-ha");

const app = new App({ outdir: process.argv[2] });
const { topology, issues } = resolveTopology(DEFAULT_TOPOLOGY);
if (!topology) throw new Error(`the default topology does not resolve: ${JSON.stringify(issues)}`);
new KongEstate(app, { topology });
app.synth();
