import { formatScenarioIssue } from "@stratbal/scenario";
import type { Command } from "commander";
import type { Io } from "../io.ts";
import { EXIT } from "../io.ts";
import { ScenarioFileError, readScenarioFile } from "../scenarioFile.ts";
import { toJson } from "../format.ts";

export function configureValidate(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command("validate")
    .summary("check scenario files and report every problem with its location")
    .argument("<files...>", "scenario files (YAML or JSON)")
    .option(
      "--strict",
      "also check that every number carries a source, and fail (exit 2) on any warning",
    )
    .option("--json", "print the issues as one JSON document")
    .addHelpText("after", "\nExample:\n  stratbal validate scenarios/*.yaml\n")
    .action(async (files: string[], flags: { strict?: boolean; json?: boolean }) => {
      const report: { file: string; ok: boolean; issues: unknown[] }[] = [];
      let bad = false;
      for (const file of files) {
        try {
          const r = await readScenarioFile(file, { requireSources: flags.strict ?? false });
          // Under --strict a warning fails the file, as a compiler's -Werror would.
          const ok = !(flags.strict && r.warnings.length > 0);
          if (!ok) bad = true;
          report.push({ file, ok, issues: [...r.warnings] });
          if (!flags.json) {
            for (const w of r.warnings) io.stderr(formatScenarioIssue(w) + "\n");
            if (ok) io.stdout(`✔ ${file}  valid (${r.scenario.title})\n`);
            else
              io.stderr(
                `✖ ${file}  ${r.warnings.length} warning${r.warnings.length === 1 ? "" : "s"} (--strict fails on warnings)\n`,
              );
          }
        } catch (err) {
          if (!(err instanceof ScenarioFileError)) throw err;
          bad = true;
          report.push({ file, ok: false, issues: [...err.issues] });
          if (!flags.json) for (const i of err.issues) io.stderr(formatScenarioIssue(i) + "\n");
        }
      }
      if (flags.json) io.stdout(toJson({ valid: !bad, files: report }));
      setExit(bad ? EXIT.usage : EXIT.ok);
    });
}
