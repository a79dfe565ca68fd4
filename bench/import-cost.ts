// Prints, in ms of wall and CPU time: the process's start-up until this line (node, plus the loader
// when there is one), `require("cdktf")`, and then the library's entry point on top of it.
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const start = { wall: performance.now(), cpu: cpuMs() };
require("cdktf");
const cdktf = { wall: performance.now(), cpu: cpuMs() };
require("../src/index");
const library = { wall: performance.now(), cpu: cpuMs() };
process.stdout.write(
  JSON.stringify({
    start,
    cdktf: { wall: cdktf.wall - start.wall, cpu: cdktf.cpu - start.cpu },
    library: { wall: library.wall - cdktf.wall, cpu: library.cpu - cdktf.cpu },
  }),
);
