import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./runCli.ts";

// `stratbal validate --strict`: every number must carry a source, and a warning fails the file.

const scenariosDir = fileURLToPath(new URL("../../../scenarios/", import.meta.url));
const shipped = readdirSync(scenariosDir)
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => join(scenariosDir, f));
const dir = mkdtempSync(join(tmpdir(), "stratbal-validate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("stratbal validate --strict", () => {
  it("passes every shipped scenario with nothing on stderr", async () => {
    expect(shipped.length).toBeGreaterThanOrEqual(10);
    const r = await runCli(["validate", "--strict", ...shipped]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(shipped.length);
  });

  it("fails a file with an unsourced number (exit 2) that passes without --strict", async () => {
    // The 2017 scenario with one number's source removed.
    const text = readFileSync(join(scenariosDir, "us-russia-2017.yaml"), "utf8");
    const edited = text.replace("w80: { value: 500, source: n-w80 }", "w80: 500");
    expect(edited).not.toBe(text);
    const file = join(dir, "unsourced.yaml");
    writeFileSync(file, edited);

    const lax = await runCli(["validate", file]);
    expect(lax.code).toBe(0);
    expect(lax.stderr).toBe("");

    const strict = await runCli(["validate", "--strict", file]);
    expect(strict.code).toBe(2);
    expect(strict.stdout).toBe("");
    const lines = strict.stderr.trim().split("\n");
    expect(lines[0]).toMatch(
      new RegExp(`^⚠ ${file}:\\d+:\\d+ {2}sides\\[0\\]\\.w80 {2}this number has no source`),
    );
    expect(lines.at(-1)).toBe(`✖ ${file}  1 warning (--strict fails on warnings)`);

    const json = await runCli(["validate", "--strict", "--json", file]);
    expect(json.code).toBe(2);
    const doc = JSON.parse(json.stdout) as { valid: boolean; files: { ok: boolean }[] };
    expect(doc.valid).toBe(false);
    expect(doc.files[0]!.ok).toBe(false);
  });
});
