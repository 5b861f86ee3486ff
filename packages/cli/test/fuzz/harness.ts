import { createHash } from "node:crypto";
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Command } from "commander";
import { expect } from "vitest";
import { configureAnalyze } from "../../src/commands/analyze.ts";
import { configureEngage } from "../../src/commands/engage.ts";
import { configureHistory } from "../../src/commands/history.ts";
import { configureMerge } from "../../src/commands/merge.ts";
import { configureRace } from "../../src/commands/race.ts";
import { configureSchema } from "../../src/commands/schema.ts";
import { configureSweep } from "../../src/commands/sweep.ts";
import { configureTreaty } from "../../src/commands/treaty.ts";
import { configureValidate } from "../../src/commands/validate.ts";
import type { Io } from "../../src/io.ts";
import { runCli } from "../runCli.ts";
import type { CommandSpec } from "../../../../test-support/fuzz/argv.ts";
import { SLOW_MS, noteDuration } from "../../../../test-support/fuzz/config.ts";

// Shared by the CLI fuzz tests (docs/fuzzing.md): a temporary directory, in-process runs that
// are timed, and the checks every run must pass whatever its input.

export interface CliRun {
  readonly args: readonly string[];
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** A fresh temporary directory for one test file; `cleanup` removes it. */
export function tempDir(prefix: string): { dir: string; file: (name: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), `stratbal-fuzz-${prefix}-`));
  return { dir, file: (name) => join(dir, name) };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs the CLI in process, timing the run (slow runs are reported, see config.ts). */
export async function run(args: readonly string[], detail = ""): Promise<CliRun> {
  // FUZZ_TRACE=<file>: each command line is appended before it runs, so that the input of a run
  // that never ends (the analysis is synchronous; no timeout can stop it) is the last line.
  const trace = process.env["FUZZ_TRACE"];
  if (trace) appendFileSync(trace, `${args.map(quote).join(" ")}\n`);
  const t0 = performance.now();
  const r = await runCli([...args]);
  const ms = noteDuration(args.map(quote).join(" "), performance.now() - t0, detail);
  if (trace) appendFileSync(trace, `  → exit ${r.code} in ${Math.round(ms)} ms\n`);
  // FUZZ_SLOW_DIR=<dir>: keep a copy of the files a slow run read, to study them later.
  const keep = process.env["FUZZ_SLOW_DIR"];
  if (keep && ms > SLOW_MS) {
    mkdirSync(keep, { recursive: true });
    for (const a of args)
      if (existsSync(a) && statSync(a).isFile()) copyFileSync(a, join(keep, basename(a)));
  }
  return { args, ...r, ms };
}

/** Quotes an argument for a shell, for failure messages a developer can paste. */
export function quote(a: string): string {
  return /^[A-Za-z0-9_./:=,+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** A failing run's description: the command line and what it printed. */
export function show(r: CliRun): string {
  const cut = (s: string) => (s.length > 3000 ? s.slice(0, 3000) + "\n…" : s);
  return `stratbal ${r.args.map(quote).join(" ")}\n→ exit ${r.code} in ${Math.round(r.ms)} ms\n--- stderr ---\n${cut(r.stderr)}--- stdout ---\n${cut(r.stdout)}`;
}

/**
 * What every run must do, whatever it was given: exit 0, 1 or 2; never an internal error or a
 * stack trace; a failure says why; a model error (exit 1) is one clear line.
 */
export function expectNoCrash(r: CliRun): void {
  const context = show(r);
  expect([0, 1, 2], context).toContain(r.code);
  expect(r.stderr, context).not.toMatch(/internal error/);
  expect(r.stderr, context).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(r.stderr, context).not.toMatch(/\b(TypeError|RangeError|ReferenceError|SyntaxError)\b/);
  // A failure says why: on stderr, or in the JSON report of `validate --json`.
  if (r.code !== 0) expect((r.stderr + r.stdout).trim().length, context).toBeGreaterThan(0);
  if (r.code === 1) {
    const errors = r.stderr.split("\n").filter((l) => l.startsWith("✖"));
    expect(errors.length, `one error line: ${context}`).toBe(1);
  }
  // JSON on stdout is whole JSON.
  if (r.code === 0 && r.args.includes("--json") && /^\s*[{[]/.test(r.stdout)) {
    expect(() => JSON.parse(r.stdout), context).not.toThrow();
  }
}

/** A file's content hash, to check that inputs are never changed. */
export function fingerprint(path: string): string {
  try {
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  } catch {
    return "(absent)";
  }
}

export function writeText(path: string, text: string): string {
  writeFileSync(path, text);
  return path;
}

/** Each command's real options and positional arguments, read from its commander definition. */
export function commandSpecs(): CommandSpec[] {
  const io: Io = { stdout: () => {}, stderr: () => {}, stderrIsTty: false, now: () => 0 };
  const program = new Command("stratbal");
  for (const add of [
    configureEngage,
    configureValidate,
    configureSchema,
    configureAnalyze,
    configureTreaty,
    configureHistory,
    configureSweep,
    configureMerge,
    configureRace,
  ])
    add(program, io, () => {});
  return program.commands.map((cmd) => ({
    name: cmd.name(),
    flags: cmd.options.map((o) => ({
      flag: o.long ?? o.short ?? o.flags,
      takesValue: o.required || o.optional,
    })),
    positionals: cmd.registeredArguments.reduce((n, a) => n + (a.variadic ? 3 : 1), 0),
  }));
}
