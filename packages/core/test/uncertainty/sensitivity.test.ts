import { describe, expect, it } from "vitest";
import { rankValues, sampleStream, spearman, tornado } from "../../src/index.ts";
import { expectAbsErrorAtMost, expectRelErrorAtMost } from "../../../../test-support/expect.ts";
import fixtures from "./fixtures/uncertainty.json" with { type: "json" };

function permute<T>(xs: readonly T[], perm: readonly number[]): T[] {
  return perm.map((i) => xs[i]!);
}

function shuffled(n: number, seed: number): number[] {
  const rng = sampleStream(seed, 0);
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

describe("rank-based sensitivity", () => {
  it("ties share their average rank", () => {
    expect(Array.from(rankValues([5, 1, 5, 3]).rank2)).toEqual([7, 2, 7, 4]);
  });

  it("Spearman's ρ with heavy ties matches scipy.stats.spearmanr", () => {
    const f = fixtures.spearmanTies;
    expectRelErrorAtMost(spearman(f.x, f.y), f.rho, 1e-13);
  });

  it("PRCC matches the residual method (numpy least squares) and ρ matches scipy", () => {
    const f = fixtures.prcc;
    const t = tornado(
      f.x.map((values, i) => ({ name: `x${i}`, values })),
      f.y,
    );
    for (let j = 0; j < 3; j++) {
      const row = t.rows.find((r) => r.param === `x${j}`)!;
      expectRelErrorAtMost(row.spearman, f.spearman[j]!, 1e-12);
      expectAbsErrorAtMost(row.prcc, f.prcc[j]!, 1e-10);
    }
    // Ordered by |ρ|, largest first.
    const mags = t.rows.map((r) => Math.abs(r.spearman));
    expect([...mags].sort((a, b) => b - a)).toEqual(mags);
    expectRelErrorAtMost(t.noise, 1.959963984540054 / Math.sqrt(399), 1e-15);
  });

  it("the tornado is the same, bit for bit, for any order of the samples", () => {
    const f = fixtures.prcc;
    const params = [
      ...f.x.map((values, i) => ({ name: `x${i}`, values })),
      { name: "tied", values: f.y.map((y) => Math.round(y)) },
    ];
    const base = tornado(params, f.y);
    for (const seed of [1, 2, 3]) {
      const perm = shuffled(f.y.length, seed);
      const again = tornado(
        params.map((p) => ({ name: p.name, values: permute(p.values, perm) })),
        permute(f.y, perm),
      );
      expect(again).toEqual(base);
    }
  });

  it("a parameter held fixed gets no importance rather than a spurious one", () => {
    const f = fixtures.prcc;
    const t = tornado(
      [
        { name: "fixed", values: f.y.map(() => 0.55) },
        { name: "x0", values: f.x[0]! },
      ],
      f.y,
    );
    const fixed = t.rows.find((r) => r.param === "fixed")!;
    expect(fixed.spearman).toBeNaN();
    expect(fixed.lowMean).toBeNaN();
    expect(t.rows[0]!.param).toBe("x0");
    expect(Number.isFinite(t.rows[0]!.prcc)).toBe(true);
  });

  it("the decile means bracket the output for an increasing relationship", () => {
    const x = Array.from({ length: 1000 }, (_, i) => i);
    const t = tornado(
      [{ name: "x", values: x }],
      x.map((v) => 2 * v),
    );
    const r = t.rows[0]!;
    expect(r.spearman).toBe(1);
    // Bottom decile: x ≤ 99.9 → 0…99, mean 99; top: x ≥ 899.1 → 900…999, mean 1899.
    expect(r.lowMean).toBe(99);
    expect(r.highMean).toBe(1899);
  });
});
