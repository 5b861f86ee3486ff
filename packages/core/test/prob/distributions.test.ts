import { describe, it } from "vitest";
import {
  betaBinomialPmf,
  betaFromTestRecord,
  binomialPmf,
  binomialThin,
  convolve,
  hypergeometricPmf,
  pmfTotal,
  pointMass,
} from "../../src/index.ts";
import { expectAbsErrorAtMost, expectRelErrorAtMost } from "../../../../test-support/expect.ts";

// Tails within the pruning tolerance (1e-15) of each component differ by up to that much, so
// entries are compared with a relative tolerance of 1e-10 above 1e-4 and absolutely (1e-14) below.
function expectPmfEntry(actual: number, expected: number): void {
  expectRelErrorAtMost(actual, expected, 1e-10, 1e-4);
}

describe("probability core", () => {
  it("binomial rows sum to 1 within 1e-12 across sizes", () => {
    for (const n of [1, 7, 100, 10_000, 1_000_000]) {
      for (const p of [1e-6, 0.01, 0.3, 0.5, 0.999]) {
        const b = binomialPmf(n, p);
        expectAbsErrorAtMost(pmfTotal(b) + b.pruned, 1, 1e-12);
        if (!(b.pruned <= 1e-15)) throw new Error(`pruned ${b.pruned} above tolerance`);
      }
    }
  });

  it("thinning a point mass gives the binomial", () => {
    const t = binomialThin(pointMass(50), 0.3);
    const b = binomialPmf(50, 0.3);
    for (let k = 0; k < b.mass.length; k++) {
      expectRelErrorAtMost(t.mass[b.offset + k - t.offset]!, b.mass[k]!, 1e-13, 1e-300);
    }
  });

  it("thinning a binomial gives the binomial of the product probability", () => {
    const t = binomialThin(binomialPmf(200, 0.6), 0.5);
    const b = binomialPmf(200, 0.3);
    for (let k = 0; k < b.mass.length; k++) {
      expectPmfEntry(t.mass[b.offset + k - t.offset] ?? 0, b.mass[k]!);
    }
  });

  it("convolving binomials with the same p adds their trials", () => {
    const c = convolve(binomialPmf(30, 0.4), binomialPmf(70, 0.4));
    const b = binomialPmf(100, 0.4);
    for (let k = 0; k < b.mass.length; k++) {
      expectPmfEntry(c.mass[b.offset + k - c.offset] ?? 0, b.mass[k]!);
    }
  });

  it("hypergeometric rows sum to 1 and have mean draws·K/T", () => {
    const h = hypergeometricPmf(15_000, 10_000, 10_000);
    expectAbsErrorAtMost(pmfTotal(h) + h.pruned, 1, 1e-12);
    let mean = 0;
    h.mass.forEach((p, i) => (mean += p * (h.offset + i)));
    expectRelErrorAtMost(mean, (10_000 * 10_000) / 15_000, 1e-12);
  });

  it("beta-binomial: P(next 5 GMD tests all succeed | 10 of 18) = 0.0707 (MODELS-RESEARCH §6.2)", () => {
    const post = betaFromTestRecord(10, 18);
    expectRelErrorAtMost(betaBinomialPmf(5, post).mass[5]!, 0.0707, 1e-3);
  });
});
