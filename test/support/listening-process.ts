import { ChildProcess } from "node:child_process";

/**
 * Waits for a stand-in started as a child process to print `listening <url>` on stdout; resolves to
 * the URL. Rejects with one line (the last line it wrote on stderr) if it exits first or does not
 * answer within `timeoutMs`, killing it then, so nothing is left running.
 */
export function waitForListening(child: ChildProcess, what: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const lastLine = () => err.trim().split("\n").pop() || "(no output)";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${what} did not start within ${timeoutMs / 1000} s: ${lastLine()}`));
    }, timeoutMs);
    const exited = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}): ${lastLine()}`));
    };
    child.stderr!.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    child.on("exit", exited);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const match = /^listening (\S+)$/m.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.removeListener("exit", exited);
      resolve(match[1]);
    });
  });
}

/** Stops a child process by PID, whether or not it is still running. */
export function stopByPid(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}
