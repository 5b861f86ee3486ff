import fc from "fast-check";
import { safeParseScenario } from "@stratbal/scenario";
import { afterAll, describe, expect, it } from "vitest";
import {
  fuzzParameters,
  fuzzTimeout,
  reportSlowRuns,
} from "../../../../test-support/fuzz/config.ts";
import { mutant } from "../../../../test-support/fuzz/mutate.ts";
import { expectNoCrash, fingerprint, removeDir, run, show, tempDir, writeText } from "./harness.ts";

// Fuzzing the CLI with broken scenarios (docs/fuzzing.md): `validate` and `analyze` agree with
// the parser on every mutated file; a refused file exits 2 with one `✖ file:line:col  path
// message` line per problem (warnings `⚠`) and nothing on stdout; an accepted one analyses to
// finite results or stops at the model's limit with exit 1; no file is ever changed.

const tmp = tempDir("mutated");
afterAll(() => {
  removeDir(tmp.dir);
  reportSlowRuns("cli mutated scenarios");
});

let count = 0;

describe("fuzz: the CLI on mutated scenarios", () => {
  it(
    "validate and analyze refuse what the parser refuses, in the house format, and change nothing",
    async () => {
      await fc.assert(
        fc.asyncProperty(mutant, async (m) => {
          const file = writeText(tmp.file(`m${count++}.yaml`), m.text);
          const before = fingerprint(file);
          const parsed = safeParseScenario(m.text, { file });
          // Reading the file back as UTF-8 may differ from the text (lone surrogates), so the
          // CLI is compared with a parse of what it reads.
          const expected = safeParseScenario(Buffer.from(m.text, "utf8").toString("utf8"), {
            file,
          });
          const context = `${m.what} on ${m.from}`;

          const v = await run(["validate", "--json", file], context);
          expectNoCrash(v);
          expect(v.code, show(v)).toBe(expected.ok ? 0 : 2);
          const report = JSON.parse(v.stdout) as {
            valid: boolean;
            files: { ok: boolean; issues: { line: number; pathText: string; code: string }[] }[];
          };
          expect(report.valid).toBe(expected.ok);
          if (!expected.ok) {
            expect(report.files[0]!.issues.length).toBe(expected.issues.length);
            if (m.mustReject) expect(parsed.ok, context).toBe(false);
          }

          const a = await run(["analyze", file], context);
          expectNoCrash(a);
          if (!expected.ok) {
            expect(a.code, show(a)).toBe(2);
            expect(a.stdout, show(a)).toBe("");
            const lines = a.stderr.split("\n").filter((l) => l !== "");
            for (const l of lines) {
              expect(l, `house format: ${show(a)}`).toMatch(
                new RegExp(`^[✖⚠] ${escape(file)}(:\\d+:\\d+)?  \\S.*  \\S`),
              );
            }
            expect(lines.filter((l) => l.startsWith("✖")).length).toBeGreaterThan(0);
          } else {
            expect([0, 1], show(a)).toContain(a.code);
            if (a.code === 1) expect(a.stderr, show(a)).toMatch(/limit/);
            else expect(a.stdout, show(a)).not.toMatch(/\bNaN\b|\bundefined\b/);
          }
          expect(fingerprint(file), `the file is unchanged: ${context}`).toBe(before);
        }),
        fuzzParameters(100),
      );
    },
    fuzzTimeout(50_000),
  );
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
