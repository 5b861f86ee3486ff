// Preloaded (node --import) into each CLI run of the bad-input corpus test: when the process
// exits, it writes what it used as JSON to file descriptor 3, a pipe the test opened, so the
// CLI's own stdout and stderr stay exactly as a user sees them. A process killed by the test's
// time limit writes nothing.
// - wallMs: time since the process started, measured here, so that a busy test process that
//   notices the exit late does not make the CLI look slow;
// - rssKb: peak resident memory. On Linux VmHWM of /proc/self/status: getrusage's maxRSS keeps
//   the peak of the process before exec, i.e. of the forked copy of the (large) test runner.
import { readFileSync, writeSync } from "node:fs";

function peakRssKb() {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]);
  } catch {
    // Not Linux: fall back to getrusage.
  }
  return process.resourceUsage().maxRSS;
}

process.on("exit", () => {
  const r = process.resourceUsage();
  const report = {
    wallMs: process.uptime() * 1000,
    rssKb: peakRssKb(),
    cpuMs: (r.userCPUTime + r.systemCPUTime) / 1000,
  };
  try {
    writeSync(3, JSON.stringify(report));
  } catch {
    // No descriptor 3 (run by hand): nothing to report to.
  }
});
