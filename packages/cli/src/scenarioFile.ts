import { readFile, stat } from "node:fs/promises";
import type { Scenario, ScenarioIssue } from "@stratbal/scenario";
import {
  MAX_SCENARIO_BYTES,
  decodeScenarioBytes,
  formatScenarioIssue,
  safeParseScenario,
} from "@stratbal/scenario";
import type { Io } from "./io.ts";

/** A scenario file that could not be used, with every reason. */
export class ScenarioFileError extends Error {
  readonly issues: readonly ScenarioIssue[];
  constructor(issues: readonly ScenarioIssue[]) {
    super(issues.map(formatScenarioIssue).join("\n"));
    this.issues = issues;
  }
}

function fileIssue(file: string, code: string, message: string): ScenarioIssue {
  return { code, severity: "error", path: [], pathText: "(file)", message, file, line: 0, col: 0 };
}

/**
 * Reads and validates a scenario file. Never loads a file larger than the scenario limit into
 * memory; every problem comes back as a located issue (throws ScenarioFileError).
 */
export async function readScenarioFile(
  file: string,
  options: { requireSources?: boolean } = {},
): Promise<{ scenario: Scenario; text: string; warnings: readonly ScenarioIssue[] }> {
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new ScenarioFileError([fileIssue(file, "not_a_file", "is not a file")]);
    size = st.size;
  } catch (err) {
    if (err instanceof ScenarioFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ScenarioFileError([
      fileIssue(
        file,
        "file_not_found",
        code === "ENOENT" ? "no such file" : `cannot read: ${code ?? String(err)}`,
      ),
    ]);
  }
  if (size > MAX_SCENARIO_BYTES) {
    throw new ScenarioFileError([
      fileIssue(
        file,
        "file_too_large",
        `file is ${size >= 1048576 ? `${(size / 1048576).toFixed(1)} MiB` : `${Math.ceil(size / 1024)} KiB`}; a scenario may be at most ${MAX_SCENARIO_BYTES / 1024} KiB`,
      ),
    ]);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new ScenarioFileError([
      fileIssue(file, "unreadable", `cannot read: ${(err as Error).message}`),
    ]);
  }
  // Not UTF-8 (UTF-16, Latin-1, binary): refused with a reason rather than read with U+FFFD.
  const decoded = decodeScenarioBytes(bytes, file);
  if (!decoded.ok) throw new ScenarioFileError([decoded.issue]);
  const text = decoded.text;
  const r = safeParseScenario(text, { file, requireSources: options.requireSources ?? false });
  if (!r.ok) throw new ScenarioFileError(r.issues);
  return { scenario: r.scenario, text, warnings: r.warnings };
}

/** Prints warnings (one line each) on stderr. */
export function printWarnings(io: Io, warnings: readonly ScenarioIssue[]): void {
  for (const w of warnings) io.stderr(formatScenarioIssue(w) + "\n");
}
