export { makeProgram } from "./program.ts";
export type { Io, UsageIssue } from "./io.ts";
export { EXIT, ModelError, UsageError, formatIssue } from "./io.ts";
export type { SweepJob } from "./sweep/job.ts";
export type { RunOptions, RunResult } from "./sweep/runner.ts";
export { runJob, workerScript } from "./sweep/runner.ts";
