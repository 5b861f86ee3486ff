import { Command, CommanderError } from "commander";
import { configureAnalyze } from "./commands/analyze.ts";
import { configureEngage } from "./commands/engage.ts";
import { configureHistory } from "./commands/history.ts";
import { configureMerge } from "./commands/merge.ts";
import { configureRace } from "./commands/race.ts";
import { configureSchema } from "./commands/schema.ts";
import { configureSweep } from "./commands/sweep.ts";
import { configureTreaty } from "./commands/treaty.ts";
import { configureValidate } from "./commands/validate.ts";
import { ModelLimitError } from "@stratbal/core";
import { formatScenarioIssue } from "@stratbal/scenario";
import type { Io } from "./io.ts";
import { EXIT, ModelError, UsageError, formatIssue } from "./io.ts";
import { ScenarioFileError } from "./scenarioFile.ts";

/** Adds each command to the program; commands register themselves here. */
// One line per command (the comments keep the formatter from joining them).
const COMMANDS: ReadonlyArray<(program: Command, io: Io, setExit: (code: number) => void) => void> =
  [
    configureEngage, // stratbal engage
    configureValidate, // stratbal validate
    configureSchema, // stratbal schema
    configureAnalyze, // stratbal analyze
    configureTreaty, // stratbal treaty
    configureHistory, // stratbal history
    configureSweep, // stratbal sweep
    configureMerge, // stratbal merge
    configureRace, // stratbal race
  ];

/** The `stratbal` program, with its output injected (tests run it in process). */
export function makeProgram(io: Io): { run(argv: readonly string[]): Promise<number> } {
  return {
    async run(argv) {
      let exitCode: number = EXIT.ok;
      const setExit = (code: number) => {
        exitCode = code;
      };
      const program = new Command("stratbal")
        .description(
          "Strategic Balance Lab: quantify the strategic nuclear balance (second strikes, missile defense, counterforce, stability, arms races, treaties) with numbers traceable to sources. Run `stratbal <command> --help` for a command's options and examples.",
        )
        .version("0.1.0", "-V, --version")
        .showHelpAfterError("(run with --help for usage)")
        .configureOutput({
          writeOut: (s) => io.stdout(s),
          writeErr: (s) => io.stderr(s),
          outputError: (s, write) => write(s.startsWith("error: ") ? `✖ ${s.slice(7)}` : s),
        })
        .exitOverride();
      for (const add of COMMANDS) add(program, io, setExit);
      for (const cmd of program.commands) {
        cmd.exitOverride();
        cmd.configureOutput({
          writeOut: (s) => io.stdout(s),
          writeErr: (s) => io.stderr(s),
          outputError: (s, write) => write(s.startsWith("error: ") ? `✖ ${s.slice(7)}` : s),
        });
        cmd.showHelpAfterError("(run with --help for usage)");
      }
      try {
        await program.parseAsync([...argv], { from: "user" });
        return exitCode;
      } catch (err) {
        return reportError(err, io);
      }
    },
  };
}

function reportError(err: unknown, io: Io): number {
  if (err instanceof CommanderError) {
    // Help and version are not errors; every parse problem is bad usage.
    if (
      err.code === "commander.helpDisplayed" ||
      err.code === "commander.version" ||
      err.code === "commander.help"
    ) {
      return EXIT.ok;
    }
    return EXIT.usage;
  }
  if (err instanceof UsageError) {
    for (const issue of err.issues) io.stderr(formatIssue(issue) + "\n");
    return EXIT.usage;
  }
  if (err instanceof ScenarioFileError) {
    for (const issue of err.issues) io.stderr(formatScenarioIssue(issue) + "\n");
    return EXIT.usage;
  }
  if (err instanceof ModelError || err instanceof ModelLimitError) {
    io.stderr(`✖ ${err.message}\n`);
    return EXIT.model;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr(
    `✖ internal error: ${message}\n  (this is a bug in stratbal; please report it with the command you ran)\n`,
  );
  if (process.env["STRATBAL_DEBUG"] && err instanceof Error && err.stack)
    io.stderr(err.stack + "\n");
  return EXIT.model;
}
