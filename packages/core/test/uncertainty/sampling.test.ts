import { describe, expect, it } from "vitest";
import type { SamplingPlan, UncertainParam } from "../../src/index.ts";
import {
  betaShape,
  engage,
  makeSampler,
  monteCarloSummary,
  pearsonToSpearman,
  sampleStream,
  spearman,
  spearmanToPearson,
} from "../../src/index.ts";
import { expectAbsErrorAtMost, expectRelErrorAtMost } from "../../../../test-support/expect.ts";
import fixtures from "./fixtures/uncertainty.json" with { type: "json" };

const prob = { min: 0, max: 1 };
const gmd: UncertainParam = {
  path: "sides.us.defenses.gmd.layers.gmd-mid.sspk",
  dist: { kind: "beta", successes: 10, trials: 18, prior: "uniform" },
  support: prob,
  integer: false,
};
const cover: UncertainParam = {
  path: "sides.us.defenses.gmd.layers.gmd-mid.coverage",
  dist: { kind: "triangular", low: 0.2, mode: 0.5, high: 0.9 },
  support: prob,
  integer: false,
};
const interceptors: UncertainParam = {
  path: "sides.us.defenses.gmd.layers.gmd-mid.interceptors",
  dist: { kind: "normal90", low: 30, high: 60 },
  support: { min: 0, max: 1_000_000 },
  integer: true,
};

function sampler(plan: SamplingPlan) {
  const r = makeSampler(plan);
  if (!r.ok) throw new Error("plan rejected");
  return r.sampler;
}

function column(plan: SamplingPlan, seed: number, n: number, j: number): Float64Array {
  const s = sampler(plan);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = s.draw(seed, i)[j]!;
  return out;
}

describe("seeded streams", () => {
  it("the same (seed, sample) gives the same draws; another sample or seed does not", () => {
    const a = sampleStream(7, 123);
    const b = sampleStream(7, 123);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(sampleStream(7, 124)()).not.toBe(xs[0]);
    expect(sampleStream(8, 123)()).not.toBe(xs[0]);
  });

  it("draws lie strictly inside (0, 1) with mean 1/2 and variance 1/12 (within 4 standard errors)", () => {
    const n = 20_000;
    const first = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = sampleStream(1, i)();
      if (!(u > 0 && u < 1)) throw new Error(`draw ${u} outside (0, 1)`);
      first[i] = u;
    }
    const s = monteCarloSummary(first);
    expectAbsErrorAtMost(s.mean, 0.5, 4 * Math.sqrt(1 / 12 / n));
    // The sample variance's standard error is √((μ₄ − σ⁴)/n), μ₄ = 1/80 for U(0, 1).
    expectAbsErrorAtMost(s.sd ** 2, 1 / 12, 4 * Math.sqrt((1 / 80 - 1 / 144) / n));
  });

  it("first draws of neighbouring samples are uncorrelated (|ρ| within 4/√n)", () => {
    const n = 20_000;
    const x = new Float64Array(n - 1);
    const y = new Float64Array(n - 1);
    for (let i = 0; i + 1 < n; i++) {
      x[i] = sampleStream(42, i)();
      y[i] = sampleStream(42, i + 1)();
    }
    expectAbsErrorAtMost(spearman(x, y), 0, 4 / Math.sqrt(n));
  });
});

describe("outer Monte Carlo sampling", () => {
  it("beta draws for the GMD record have scipy's posterior mean and sd (within 4 standard errors)", () => {
    const ref = fixtures.beta[0]!;
    const n = 40_000;
    const s = monteCarloSummary(column({ params: [gmd], correlations: [] }, 3, n, 0));
    expectAbsErrorAtMost(s.mean, ref.mean, 4 * (ref.sd / Math.sqrt(n)));
    expectRelErrorAtMost(s.sd, ref.sd, 0.03);
    expect(betaShape(gmd.dist as never)).toEqual({ alpha: ref.alpha, beta: ref.beta });
  });

  it("outer Monte Carlo over the GMD record gives E[P0] = 0.7704, below the plug-in 0.8111", () => {
    // MODELS-RESEARCH §6.2: 5 RVs, 4 shots each, ample inventory; oracle by quadrature in scipy.
    const ref = fixtures.gmdP0;
    const s = sampler({ params: [gmd], correlations: [] });
    const n = 4000;
    const p0 = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const sspk = s.draw(2017, i)[0]!;
      p0[i] = engage({
        warheads: ref.warheads,
        decoys: 0,
        interceptors: ref.warheads * ref.shots,
        sspk,
        tracking: 1,
        discrimination: 0,
        reliability: 1,
        doctrine: { kind: "barrage", shots: ref.shots },
      }).pNoLeak;
    }
    const m = monteCarloSummary(p0);
    expectAbsErrorAtMost(m.mean, ref.meanP0, 4 * (ref.sdP0 / Math.sqrt(n)));
    expectRelErrorAtMost(m.se, ref.sdP0 / Math.sqrt(n), 0.05);
    expect(m.mean + 4 * m.se).toBeLessThan(ref.plugInP0);
  });

  it("the Monte Carlo standard error shrinks as 1/√n", () => {
    const plan = { params: [gmd], correlations: [] };
    const se = [1000, 4000, 16_000].map((n) => monteCarloSummary(column(plan, 11, n, 0)).se);
    // Each quadrupling of n halves the error; the sd estimate itself wobbles by ~2–5%.
    expectRelErrorAtMost(se[0]! / se[1]!, 2, 0.1);
    expectRelErrorAtMost(se[1]! / se[2]!, 2, 0.05);
    expectRelErrorAtMost(se[2]! * Math.sqrt(16_000), fixtures.beta[0]!.sd, 0.03);
  });

  it("whole-number parameters are drawn as whole numbers, held to their domain", () => {
    const xs = column({ params: [interceptors], correlations: [] }, 5, 2000, 0);
    for (const x of xs) if (!Number.isInteger(x) || x < 0) throw new Error(`bad count ${x}`);
    const s = monteCarloSummary(xs);
    expectAbsErrorAtMost(s.p05, 30, 2);
    expectAbsErrorAtMost(s.p95, 60, 2);
  });

  it("a parameter's draws do not move when another parameter gets a distribution", () => {
    const alone = column({ params: [gmd], correlations: [] }, 9, 50, 0);
    const withOthers = column({ params: [cover, gmd, interceptors], correlations: [] }, 9, 50, 1);
    expect(Array.from(withOthers)).toEqual(Array.from(alone));
  });

  it("a rank correlation is imposed through the Gaussian copula (within 4 standard errors)", () => {
    for (const rank of [-0.7, 0.3, 0.9]) {
      const plan: SamplingPlan = {
        params: [gmd, cover, interceptors],
        correlations: [{ a: 0, b: 2, rank }],
      };
      const n = 8000;
      const s = sampler(plan);
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      const z = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const d = s.draw(21, i);
        x[i] = d[0]!;
        y[i] = d[2]!;
        z[i] = d[1]!;
      }
      // Spearman's ρ̂ has standard error below 1/√n (about 1.06/√n at ρ = 0, less as |ρ| grows);
      // rounding the counts adds ties that cost little.
      expectAbsErrorAtMost(spearman(x, y), rank, 4 / Math.sqrt(n));
      expectAbsErrorAtMost(spearman(x, z), 0, 4 / Math.sqrt(n));
    }
  });

  it("spearmanToPearson inverts the bivariate normal's rank correlation", () => {
    for (const rho of [-0.95, -0.3, 0, 0.5, 0.99]) {
      expectAbsErrorAtMost(pearsonToSpearman(spearmanToPearson(rho)), rho, 1e-15);
    }
  });

  it("correlations that cannot hold together are reported with their parameters", () => {
    const r = makeSampler({
      params: [gmd, cover, interceptors],
      correlations: [
        { a: 0, b: 1, rank: 0.9 },
        { a: 1, b: 2, rank: 0.9 },
        { a: 0, b: 2, rank: -0.9 },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.members).toEqual([0, 1, 2]);
  });
});
