import { describe, it } from "vitest";
import type { Distribution } from "../../src/index.ts";
import { distributionMean, distributionQuantile } from "../../src/index.ts";
import { expectRelErrorAtMost } from "../../../../test-support/expect.ts";
import fixtures from "./fixtures/uncertainty.json" with { type: "json" };

// Reference values: scipy.stats (beta, norm, truncnorm, triang) via fixtures/make_fixtures.py.
describe("parameter distributions against scipy", () => {
  it("the beta posterior of a test record has scipy's quantiles and mean (GMD 10 of 18 included)", () => {
    for (const c of fixtures.beta) {
      const d: Distribution = {
        kind: "beta",
        successes: c.successes,
        trials: c.trials,
        prior: c.prior as "uniform" | "jeffreys",
      };
      c.u.forEach((u, i) =>
        expectRelErrorAtMost(distributionQuantile(d, u), c.quantiles[i]!, 1e-9),
      );
      expectRelErrorAtMost(distributionMean(d), c.mean, 1e-14);
    }
  });

  it("normal90 has its 90% interval at the 5th and 95th percentiles", () => {
    const d: Distribution = { kind: "normal90", low: 0.3, high: 0.7 };
    expectRelErrorAtMost(distributionQuantile(d, 0.05), 0.3, 1e-14);
    expectRelErrorAtMost(distributionQuantile(d, 0.95), 0.7, 1e-14);
  });

  it("normal90 matches scipy's norm, and truncnorm when held to its domain", () => {
    for (const c of fixtures.normal90) {
      const d: Distribution = { kind: "normal90", low: c.low, high: c.high };
      const support = c.support ? { min: c.support[0]!, max: c.support[1]! } : undefined;
      c.u.forEach((u, i) =>
        expectRelErrorAtMost(distributionQuantile(d, u, support), c.quantiles[i]!, 1e-9, 1e-12),
      );
    }
  });

  it("a truncated normal90 never leaves a probability's [0, 1]", () => {
    const d: Distribution = { kind: "normal90", low: 0.9, high: 0.999 };
    for (const u of [1e-15, 0.5, 1 - 2 ** -53]) {
      const x = distributionQuantile(d, u, { min: 0, max: 1 });
      if (!(x >= 0 && x <= 1)) throw new Error(`${x} left [0, 1] at u = ${u}`);
    }
  });

  it("triangular matches scipy's triang, including a mode at either end", () => {
    for (const c of fixtures.triangular) {
      const d: Distribution = { kind: "triangular", low: c.low, mode: c.mode, high: c.high };
      c.u.forEach((u, i) =>
        expectRelErrorAtMost(distributionQuantile(d, u), c.quantiles[i]!, 1e-12, 1e-12),
      );
      expectRelErrorAtMost(distributionMean(d), c.mean, 1e-14);
    }
  });

  it("uniform runs linearly from low to high", () => {
    const d: Distribution = { kind: "uniform", low: 40, high: 64 };
    expectRelErrorAtMost(distributionQuantile(d, 0.25), 46, 1e-15);
    expectRelErrorAtMost(distributionMean(d), 52, 1e-15);
  });
});
