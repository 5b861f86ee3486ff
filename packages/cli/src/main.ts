import { performance } from "node:perf_hooks";
import { makeProgram } from "./program.ts";

// The shell: real stdout/stderr, real clock, real exit code.
const code = await makeProgram({
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stderrIsTty: Boolean(process.stderr.isTTY),
  now: () => performance.now(),
}).run(process.argv.slice(2));
process.exitCode = code;
