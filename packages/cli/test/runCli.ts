import { fileURLToPath } from "node:url";
import { makeProgram } from "../src/index.ts";

/** Runs the CLI in process and captures what it writes. */
export async function runCli(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await makeProgram({
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    stderrIsTty: false,
    now: () => 0,
  }).run(args);
  return { code, stdout, stderr };
}

/** Path of a file in test/fixtures. */
export const fixture = (name: string) =>
  fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
