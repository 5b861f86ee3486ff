export { makeProgram } from "./program.ts";
export type { Io, UsageIssue } from "./io.ts";
export { EXIT, ModelError, UsageError, formatIssue } from "./io.ts";
