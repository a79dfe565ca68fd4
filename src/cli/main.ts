// The `cdktf-kong-ha` command (bin/cdktf-kong-ha.js loads this file, compiled or through tsx).
import { runCliAsync } from "./cli";

void runCliAsync(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
