import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  fuzzParameters,
  fuzzTimeout,
  reportSlowRuns,
} from "../../../../test-support/fuzz/config.ts";
import type { GeneratedScenario, TextFormat } from "../../../../test-support/fuzz/scenarios.ts";
import { textFormat, toText, validScenario } from "../../../../test-support/fuzz/scenarios.ts";
import type { CliRun } from "./harness.ts";
import { expectNoCrash, fingerprint, removeDir, run, show, tempDir, writeText } from "./harness.ts";

// Fuzzing the CLI with valid scenarios (docs/fuzzing.md): every generated scenario validates,
// and `analyze` succeeds with a finite stability index, probabilities in [0, 1] and retaliation
// distributions that sum to 1; `treaty` and a small nominal `sweep` run on it without error.
// The scenario files are left as they were.

const tmp = tempDir("valid");
afterAll(() => {
  removeDir(tmp.dir);
  reportSlowRuns("cli valid scenarios");
});

let count = 0;
function writeScenario(g: GeneratedScenario, format: TextFormat): string {
  const ext = format.startsWith("json") ? "json" : "yaml";
  return writeText(tmp.file(`s${count++}.${ext}`), toText(g.doc, format));
}

/** Every number in the analysis JSON is finite (JSON writes NaN and Infinity as null). */
function expectNoNull(v: unknown, path: string, context: string): void {
  expect(v, `${path} is null (NaN or Infinity?): ${context}`).not.toBeNull();
  if (Array.isArray(v)) v.forEach((x, i) => expectNoNull(x, `${path}[${i}]`, context));
  else if (v !== null && typeof v === "object")
    for (const [k, x] of Object.entries(v)) expectNoNull(x, `${path}.${k}`, context);
}

const within = (x: unknown, lo: number, hi: number) =>
  typeof x === "number" && Number.isFinite(x) && x >= lo && x <= hi;

interface SideJson {
  id: string;
  ratio: number;
  firstStrike: { cost: number; delivered: { mean: number; p05: number; p50: number; p95: number } };
  secondStrike: {
    cost: number;
    deliveredPmf: number[];
    pAdequate: number;
    delivered: { mean: number; p05: number; p50: number; p95: number };
  };
}

function expectSane(r: CliRun, g: GeneratedScenario): void {
  const context = show(r);
  const out = JSON.parse(r.stdout) as {
    firstStrikeStability: number;
    sides: SideJson[];
    withoutDefenses: { firstStrikeStability: number; sides: SideJson[] };
    prunedMass: number;
  };
  expectNoNull(out, "analysis", context);
  expect(within(out.firstStrikeStability, 0, 1), `firstStrikeStability: ${context}`).toBe(true);
  expect(within(out.withoutDefenses.firstStrikeStability, 0, 1), context).toBe(true);
  expect(within(out.prunedMass, 0, 1e-6), `prunedMass: ${context}`).toBe(true);
  expect(out.sides.map((s) => s.id)).toEqual(g.intent.sideIds);
  for (const [world, sides] of [
    ["with defenses", out.sides],
    ["without defenses", out.withoutDefenses.sides],
  ] as const) {
    for (const s of sides) {
      const at = `${world}, ${s.id}`;
      expect(within(s.ratio, 0, 1), `${at}: ratio ${s.ratio}: ${context}`).toBe(true);
      expect(within(s.secondStrike.pAdequate, 0, 1), `${at}: pAdequate: ${context}`).toBe(true);
      const pmf = s.secondStrike.deliveredPmf;
      expect(
        pmf.every((p) => within(p, 0, 1)),
        `${at}: PMF entries in [0, 1]`,
      ).toBe(true);
      const total = pmf.reduce((a, b) => a + b, 0);
      // The sum is 1 up to the pruned tail (prunedMass bounds it) and rounding.
      expect(
        total <= 1 + 1e-9 && total >= 1 - out.prunedMass - 1e-9,
        `${at}: retaliation PMF sums to ${total}: ${context}`,
      ).toBe(true);
      const objects = g.intent.maxObjects[g.intent.sideIds.indexOf(s.id)]!;
      for (const d of [s.firstStrike.delivered, s.secondStrike.delivered]) {
        expect(d.p05 <= d.p50 && d.p50 <= d.p95, `${at}: quantiles in order: ${context}`).toBe(
          true,
        );
        expect(within(d.mean, 0, 300), `${at}: mean delivered ${d.mean}`).toBe(true);
      }
      expect(
        within(s.secondStrike.delivered.mean, 0, objects),
        `${at}: retaliation delivered ${s.secondStrike.delivered.mean} > ${objects} warheads and decoys: ${context}`,
      ).toBe(true);
      expect(Number.isFinite(s.firstStrike.cost) && Number.isFinite(s.secondStrike.cost)).toBe(
        true,
      );
    }
  }
}

describe("fuzz: the CLI on valid scenarios", () => {
  it(
    "validate, analyze, treaty and a nominal sweep succeed; analysis results are sane",
    async () => {
      await fc.assert(
        fc.asyncProperty(validScenario, textFormat, async (g, format) => {
          const file = writeScenario(g, format);
          const before = fingerprint(file);

          const v = await run(["validate", "--json", file]);
          expectNoCrash(v);
          expect(v.code, show(v)).toBe(0);
          expect((JSON.parse(v.stdout) as { valid: boolean }).valid).toBe(true);

          const a = await run(["analyze", "--json", file]);
          expectNoCrash(a);
          // Exit 1 is allowed for an analysis past the model's work limit, with its message.
          if (a.code === 1) expect(a.stderr, show(a)).toMatch(/limit/);
          else {
            expect(a.code, show(a)).toBe(0);
            expectSane(a, g);
            const text = await run(["analyze", file]);
            expectNoCrash(text);
            expect(text.code, show(text)).toBe(0);
            // The report shows no NaN or undefined (names and the title are the user's text).
            let report = text.stdout;
            for (const s of [
              g.doc["title"],
              ...(g.doc["sides"] as { name: string }[]).map((s) => s.name),
            ])
              report = report.split(String(s)).join("");
            expect(report, show(text)).not.toMatch(/\bNaN\b|\bundefined\b|Infinity/);
          }

          const t = await run(["treaty", "--json", file]);
          expectNoCrash(t);

          const out = `${file}.sweep.csv`;
          const s = await run(["sweep", file, "--samples", "0", "--workers", "1", "--out", out]);
          expectNoCrash(s);
          if (a.code === 0) {
            expect(s.code, show(s)).toBe(0);
            expect(existsSync(out)).toBe(true);
            const rows = readFileSync(out, "utf8").trim().split("\n");
            expect(rows.length, show(s)).toBe(2);
            expect(rows[1], show(s)).not.toMatch(/NaN|Infinity|,,|,$/);
          }
          expect(fingerprint(file), "the scenario file is unchanged").toBe(before);
        }),
        fuzzParameters(25),
      );
    },
    fuzzTimeout(50_000),
  );
});
