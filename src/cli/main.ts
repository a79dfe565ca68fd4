// The `cdktf-kong-ha` command (bin/cdktf-kong-ha.js loads this file, compiled or through tsx).
import { runCli } from "./cli";

process.exitCode = runCli(process.argv.slice(2));
