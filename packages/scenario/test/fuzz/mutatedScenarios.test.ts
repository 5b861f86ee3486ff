import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ScenarioIssue } from "../../src/index.ts";
import { pathToText, safeParseScenario, toExchangeInput } from "../../src/index.ts";
import { fuzzParameters, fuzzTimeout } from "../../../../test-support/fuzz/config.ts";
import type { Mutant, Path } from "../../../../test-support/fuzz/mutate.ts";
import { mutant } from "../../../../test-support/fuzz/mutate.ts";

// Fuzzing the parser with broken documents (docs/fuzzing.md): mutated generated and shipped
// scenarios never make the parser throw or pollute Object.prototype; every refusal comes with
// well-formed issues located in the text (line and column inside the file); a mutation that
// certainly breaks the document is refused with an issue about the place it broke.

const FILE = "fuzz.yaml";

/** Checks one issue against the house rules (DESIGN §3, STYLE "Errors"). */
export function expectWellFormed(issue: ScenarioIssue, text: string): void {
  const where = `${issue.pathText} (${issue.code}: ${issue.message})`;
  expect(issue.code, where).toMatch(/^[a-z][a-z0-9_]*$/);
  expect(["error", "warning"]).toContain(issue.severity);
  expect(Array.isArray(issue.path), where).toBe(true);
  for (const p of issue.path) expect(["string", "number"]).toContain(typeof p);
  expect(issue.pathText, where).toBe(pathToText(issue.path));
  expect(issue.message.trim().length, where).toBeGreaterThan(0);
  expect(issue.message, `${where}: one line per issue`).not.toMatch(/[\r\n]/);
  expect(issue.file).toBe(FILE);
  expect(Number.isInteger(issue.line) && Number.isInteger(issue.col), where).toBe(true);
  if (issue.code === "file_too_large") return;
  // Every other issue has a place in the text: 1-based, inside the file.
  const lines = text.split("\n");
  expect(issue.line, `${where}: line`).toBeGreaterThanOrEqual(1);
  expect(issue.col, `${where}: column`).toBeGreaterThanOrEqual(1);
  expect(issue.line, `${where}: line within the file`).toBeLessThanOrEqual(lines.length);
  expect(issue.col, `${where}: column within its line`).toBeLessThanOrEqual(
    lines[issue.line - 1]!.length + 1,
  );
}

/** One path encloses the other (or they are the same). */
export function related(a: Path, b: readonly (string | number)[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (String(a[i]) !== String(b[i])) return false;
  return true;
}

function describeMutant(m: Mutant & { from: string }): string {
  return `${m.what} on ${m.from}\n--- text ---\n${m.text.length > 4000 ? m.text.slice(0, 4000) + "\n…" : m.text}`;
}

function expectNoPollution(): void {
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
  expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
}

describe("fuzz: mutated scenario documents", () => {
  it(
    "never throw, are refused with located issues, and are refused where they broke",
    () => {
      fc.assert(
        fc.property(mutant, (m) => {
          const r = safeParseScenario(m.text, { file: FILE });
          expectNoPollution();
          const context = describeMutant(m);
          if (r.ok) {
            expect(m.mustReject, `accepted, but it must be refused: ${context}`).toBe(false);
            for (const w of r.warnings) expectWellFormed(w, m.text);
            toExchangeInput(r.scenario);
            return;
          }
          expect(r.issues.length, context).toBeGreaterThan(0);
          expect(r.issues.some((i) => i.severity === "error")).toBe(true);
          for (const issue of r.issues) expectWellFormed(issue, m.text);
          if (m.mustReject && m.focus.length > 0) {
            const errors = r.issues.filter((i) => i.severity === "error");
            const about = errors.some((i) => m.focus.some((f) => related(f, i.path)));
            expect(
              about,
              `no issue names ${m.focus.map((f) => pathToText(f)).join(" or ")}; got ${errors
                .map((i) => i.pathText)
                .join(", ")}: ${context}`,
            ).toBe(true);
          }
        }),
        fuzzParameters(200, 5),
      );
    },
    fuzzTimeout(40_000),
  );
});
