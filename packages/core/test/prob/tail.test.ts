import { describe, expect, it } from "vitest";
import { binomialPmf, pmfFromArray, pmfTailAtLeast, pmfToDense } from "../../src/index.ts";

// Regression for a fuzz counterexample (docs/fuzzing.md): a side of 36 silo launchers
// (reliability 0.928) against a prompt strike reported P(retaliation >= threshold) =
// 1.0000000000000002, because masses that sum to 1 add up to slightly more in floating point.

describe("pmfTailAtLeast", () => {
  it("P(X >= 0) is 1, not 1 + 2e-16, when the masses sum to a hair above 1", () => {
    // Binomial(2, 0.81) written out: 0.0361 + 0.3078 + 0.6561000000000001 = 1.0000000000000002.
    const p = pmfFromArray([0.0361, 0.3078, 0.6561000000000001]);
    expect(p.mass.reduce((a, b) => a + b, 0)).toBeGreaterThan(1);
    expect(pmfTailAtLeast(p, 0)).toBe(1);
    expect(pmfTailAtLeast(p, -5)).toBe(1);
  });

  it("stays in [0, 1] for binomials of every size and probability on a grid", () => {
    const outside: string[] = [];
    for (let n = 0; n <= 60; n++)
      for (let i = 0; i <= 100; i++) {
        const pmf = binomialPmf(n, i / 100);
        for (let k = -1; k <= n + 1; k++) {
          const t = pmfTailAtLeast(pmf, k);
          if (!(t >= 0 && t <= 1)) outside.push(`n=${n} p=${i / 100} k=${k}: ${t}`);
        }
      }
    expect(outside).toEqual([]);
  });
});

describe("pmfToDense", () => {
  it("writes a certain outcome summed to 1 + 2e-16 as probability 1", () => {
    // Regression for a fuzz counterexample (seed 900674583): secondStrike.deliveredPmf = [1.0000000000000002].
    expect(Array.from(pmfToDense(pmfFromArray([1.0000000000000002]), 0))).toEqual([1]);
    expect(Array.from(pmfToDense(pmfFromArray([0.25, 0.75], 1), 2))).toEqual([0, 0.25, 0.75]);
  });
});
