import { describe, expect, it } from "vitest";
import {
  gridPoint,
  gridSize,
  linspace,
  monteCarloSummary,
  quantileSorted,
  shardEvaluation,
  shardSize,
} from "../../src/index.ts";
import { expectRelErrorAtMost } from "../../../../test-support/expect.ts";
import fixtures from "./fixtures/uncertainty.json" with { type: "json" };

describe("Monte Carlo summaries", () => {
  it("mean, sd and percentiles match numpy (linear interpolation)", () => {
    const f = fixtures.summary;
    const s = monteCarloSummary(Float64Array.from(f.x));
    expectRelErrorAtMost(s.mean, f.mean, 1e-13);
    expectRelErrorAtMost(s.sd, f.sd, 1e-12);
    expectRelErrorAtMost(s.se, f.sd / Math.sqrt(f.x.length), 1e-12);
    expectRelErrorAtMost(s.p05, f.p05, 1e-13);
    expectRelErrorAtMost(s.p50, f.p50, 1e-13);
    expectRelErrorAtMost(s.p95, f.p95, 1e-13);
  });

  it("a constant has itself as mean and percentiles and no spread; one sample has no sd", () => {
    expect(quantileSorted([3, 3, 3], 0.37)).toBe(3);
    const c = monteCarloSummary(new Float64Array(7).fill(0.8123289));
    expect([c.mean, c.sd, c.se, c.p05, c.p95]).toEqual([0.8123289, 0, 0, 0.8123289, 0.8123289]);
    const one = monteCarloSummary([0.25]);
    expect(one.mean).toBe(0.25);
    expect(one.sd).toBeNaN();
  });
});

describe("sweep grids and shards", () => {
  it("linspace includes both ends exactly", () => {
    expect(linspace(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(0.1, 0.7, 7).at(-1)).toBe(0.7);
    expect(linspace(44, 44, 1)).toEqual([44]);
    // Decimal grids stay decimal: 0.3 + 0.3 would be 0.6000000000000001.
    expect(linspace(0.3, 0.9, 3)).toEqual([0.3, 0.6, 0.9]);
    expect(linspace(0.01, 0.99, 99)[50]).toBe(0.51);
  });

  it("grid points are row-major: the last axis varies fastest", () => {
    const axes = [
      { path: "a", values: [1, 2] },
      { path: "b", values: [10, 20, 30] },
    ];
    expect(gridSize(axes)).toBe(6);
    expect([0, 1, 2, 3, 4, 5].map((p) => gridPoint(axes, p))).toEqual([
      [1, 10],
      [1, 20],
      [1, 30],
      [2, 10],
      [2, 20],
      [2, 30],
    ]);
    expect(gridSize([])).toBe(1);
  });

  it("shards cover every evaluation exactly once, whatever the count", () => {
    for (const total of [0, 1, 7, 100, 101]) {
      for (const count of [1, 2, 3, 8, 150]) {
        const seen = new Uint8Array(total);
        for (let k = 0; k < count; k++) {
          for (let j = 0; j < shardSize(total, k, count); j++)
            seen[shardEvaluation(k, count, j)]!++;
        }
        expect(seen.every((v) => v === 1)).toBe(true);
      }
    }
  });
});
