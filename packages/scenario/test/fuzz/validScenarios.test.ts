import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isParam, safeParseScenario, toExchangeInput, toSamplingPlan } from "../../src/index.ts";
import type { Scenario } from "../../src/index.ts";
import { fuzzParameters, fuzzTimeout } from "../../../../test-support/fuzz/config.ts";
import type { GeneratedScenario } from "../../../../test-support/fuzz/scenarios.ts";
import { textFormat, toText, validScenario } from "../../../../test-support/fuzz/scenarios.ts";

// Fuzzing the parser with valid documents (docs/fuzzing.md): every document the generator makes
// parses, in every text format, to the same scenario, and says what the generator meant (ids,
// coverage maps); its exchange input is all finite numbers. The CLI side is in
// packages/cli/test/fuzz/.

function parseOk(text: string, what: string): Scenario {
  const r = safeParseScenario(text, { file: "fuzz.yaml" });
  if (!r.ok) {
    expect.fail(
      `${what} was rejected:\n${r.issues.map((i) => `  ${i.pathText}: ${i.message}`).join("\n")}\n--- text ---\n${text}`,
    );
  }
  for (const w of r.warnings) {
    expect(w.severity).toBe("warning");
    expect(w.line, `warning ${w.pathText} has a line`).toBeGreaterThan(0);
  }
  return r.scenario;
}

/** What the generator meant, checked against the parsed scenario. */
function expectIntent(s: Scenario, g: GeneratedScenario): void {
  const { intent } = g;
  expect(s.sides.map((x) => x.id)).toEqual(intent.sideIds);
  expect(s.sides.map((x) => x.forces.map((f) => f.id))).toEqual(intent.forces);
  expect(s.sides.map((x) => (x.defenses ?? []).flatMap((d) => d.layers.map((l) => l.id)))).toEqual(
    intent.layers,
  );
  for (const side of s.sides)
    for (const d of side.defenses ?? [])
      for (const l of d.layers) {
        const keys = intent.coverageKeys[l.id];
        if (keys === undefined) continue;
        const cov = l.coverage;
        expect(
          cov !== undefined && !isParam(cov),
          `layer ${l.id}: coverage written as a map by element (${keys.join(", ")}) must stay a map`,
        ).toBe(true);
        expect(Object.keys(cov as object).sort()).toEqual([...keys].sort());
      }
}

/** Every number reachable in `v` is finite. */
function expectFinite(v: unknown, path: string): void {
  if (typeof v === "number") {
    expect(Number.isFinite(v), `${path} = ${v} is finite`).toBe(true);
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => expectFinite(x, `${path}[${i}]`));
  } else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) expectFinite(x, `${path}.${k}`);
  }
}

describe("fuzz: valid scenario documents", () => {
  it(
    "parse in every text format to the same scenario, with the ids and coverage they were written with",
    () => {
      fc.assert(
        fc.property(validScenario, textFormat, (g, format) => {
          const reference = parseOk(toText(g.doc, "json"), "the JSON text");
          const s = parseOk(toText(g.doc, format), `the ${format} text`);
          expect(s).toEqual(reference);
          expectIntent(s, g);
          expectFinite(toExchangeInput(s), "exchangeInput");
          expect(toSamplingPlan(s).issues).toEqual([]);
        }),
        fuzzParameters(200, 4),
      );
    },
    fuzzTimeout(30_000),
  );
});
