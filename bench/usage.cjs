// Preloaded into each measured app process (NODE_OPTIONS=--require=<this file>; a CommonJS preload
// leaves the app's own loader choice alone): at exit, writes the process's own CPU time and peak RSS
// to $BENCH_USAGE_FILE, so the figures are the app's, not a wrapper's.
const { writeFileSync } = require("node:fs");

process.on("exit", () => {
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ cpuSeconds, maxRssMb: usage.maxRSS / 1024 }));
});
