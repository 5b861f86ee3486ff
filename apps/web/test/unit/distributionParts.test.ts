// The form's distribution inputs: each part of each kind of distribution, written into a real
// scenario's YAML, is read back by the scenario parser as the new distribution, with every other
// byte of the text unchanged.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Distribution } from "@stratbal/core";
import { findParam, parseScenario, safeParseScenario } from "@stratbal/scenario";
import { describe, expect, it } from "vitest";
import { distributionParts, distributionValues } from "../../src/scenario/distributionParts.ts";
import { rawValues, setValueInYaml } from "../../src/scenario/yamlEdit.ts";

const ROOT = resolve(import.meta.dirname, "../../../..");
const TEXT = readFileSync(resolve(ROOT, "scenarios/us-russia-2017.yaml"), "utf8");
const GMD = "sides.us.defenses.gmd.layers.gmd-mid.sspk";
const WRITTEN = "sspk: { beta: { successes: 10, trials: 18 }, source: gmd-tests-2017 }";

/** The 2017 scenario with the GMD SSPK written as another distribution. */
function withGmd(yaml: string): string {
  expect(TEXT).toContain(WRITTEN);
  return TEXT.replace(WRITTEN, `sspk: ${yaml}`);
}

const CASES: readonly { yaml: string; dist: Distribution; edits: readonly number[] }[] = [
  {
    yaml: "{ beta: { successes: 10, trials: 18 }, source: gmd-tests-2017 }",
    dist: { kind: "beta", successes: 10, trials: 18, prior: "uniform" },
    edits: [12, 21],
  },
  {
    yaml: "{ uniform: [0.4, 0.7], source: gmd-tests-2017 }",
    dist: { kind: "uniform", low: 0.4, high: 0.7 },
    edits: [0.35, 0.75],
  },
  {
    yaml: "{ triangular: [0.3, 0.55, 0.8], source: gmd-tests-2017 }",
    dist: { kind: "triangular", low: 0.3, mode: 0.55, high: 0.8 },
    edits: [0.2, 0.5, 0.9],
  },
  {
    yaml: "\n              normal90: [0.4, 0.7]\n              source: gmd-tests-2017",
    dist: { kind: "normal90", low: 0.4, high: 0.7 },
    edits: [0.45, 0.65],
  },
];

describe("distribution parts", () => {
  for (const c of CASES) {
    it(`edits each number of a ${c.dist.kind} in place`, () => {
      const text = withGmd(c.yaml);
      const ref = findParam(parseScenario(text), GMD)!;
      expect(ref.param.dist).toEqual(c.dist);
      const parts = distributionParts(c.dist.kind);
      expect(parts).toHaveLength(c.edits.length);
      // The values the form shows: from the parsed distribution, and read from the text.
      const values = distributionValues(ref.param.dist!);
      expect(
        rawValues(
          text,
          parts.map((p) => [...ref.at, ...p.sub]),
        ),
      ).toEqual(values.map((value) => ({ kind: "number", value })));
      parts.forEach((part, i) => {
        const edited = setValueInYaml(text, [...ref.at, ...part.sub], c.edits[i]!);
        // Exactly one number of the text changed.
        const before = text.split("\n");
        const after = edited.split("\n");
        expect(after).toHaveLength(before.length);
        expect(after.filter((l, k) => l !== before[k])).toHaveLength(1);
        const want = [...values];
        want[i] = c.edits[i]!;
        const parsed = findParam(parseScenario(edited), GMD)!;
        expect(distributionValues(parsed.param.dist!)).toEqual(want);
        expect(parsed.param.dist!.kind).toBe(c.dist.kind);
        expect(parsed.param.source).toBe("gmd-tests-2017");
      });
    });
  }

  it("an edit the schema refuses is reported at the part's own path", () => {
    const ref = findParam(parseScenario(TEXT), GMD)!;
    const edited = setValueInYaml(TEXT, [...ref.at, "beta", "successes"], 19);
    const r = safeParseScenario(edited);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const issue = r.issues.find((i) => i.pathText.startsWith(`${ref.indexText}.beta`));
      expect(issue?.message).toMatch(/successes \(19\) cannot exceed trials \(18\)/);
    }
  });
});
