// For `npm run bench -- --compiled`: preloaded after tsx, turns off the source maps tsx turns on, to
// measure what they cost (node then maps every frame of every stack trace cdktf captures per token).
process.setSourceMapsEnabled(false);
