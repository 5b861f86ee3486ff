import betaln from "@stdlib/math-base-special-betaln";
import type { Pmf } from "./pmf.ts";
import { DEFAULT_PRUNE_TOLERANCE, trimPmf } from "./pmf.ts";

/** Parameters of a Beta distribution. */
export interface BetaParams {
  readonly alpha: number;
  readonly beta: number;
}

/** Prior for a success probability learned from a test record. */
export type BetaPrior = "uniform" | "jeffreys";

/**
 * The Beta posterior of a success probability after `successes` in `trials` independent tests,
 * from a uniform prior Beta(1, 1) or the Jeffreys prior Beta(1/2, 1/2).
 * @example betaFromTestRecord(10, 18) // { alpha: 11, beta: 9 } (GMD record to May 2017)
 */
export function betaFromTestRecord(
  successes: number,
  trials: number,
  prior: BetaPrior = "uniform",
): BetaParams {
  const a0 = prior === "jeffreys" ? 0.5 : 1;
  return { alpha: a0 + successes, beta: a0 + trials - successes };
}

/** Mean of a Beta distribution. */
export function betaMean(b: BetaParams): number {
  return b.alpha / (b.alpha + b.beta);
}

/** Variance of a Beta distribution. */
export function betaVariance(b: BetaParams): number {
  const s = b.alpha + b.beta;
  return (b.alpha * b.beta) / (s * s * (s + 1));
}

/** Log density of a Beta distribution at `x` in [0, 1]. */
export function betaLogPdf(x: number, b: BetaParams): number {
  if (x < 0 || x > 1) return -Infinity;
  if (x === 0) return b.alpha === 1 ? -betaln(b.alpha, b.beta) : b.alpha < 1 ? Infinity : -Infinity;
  if (x === 1) return b.beta === 1 ? -betaln(b.alpha, b.beta) : b.beta < 1 ? Infinity : -Infinity;
  return (b.alpha - 1) * Math.log(x) + (b.beta - 1) * Math.log1p(-x) - betaln(b.alpha, b.beta);
}

/**
 * The beta-binomial PMF over 0..n: the number of successes in n further trials when the
 * success probability is Beta(alpha, beta). Computed in log space (betaln from @stdlib), since
 * the binomial coefficient and the Beta functions overflow separately for large n.
 * @example betaBinomialPmf(5, { alpha: 11, beta: 9 }).mass[5] // P(next 5 all succeed) ≈ 0.0707
 */
export function betaBinomialPmf(
  n: number,
  b: BetaParams,
  tolerance: number = DEFAULT_PRUNE_TOLERANCE,
): Pmf {
  const mass = new Float64Array(n + 1);
  const lbAB = betaln(b.alpha, b.beta);
  const ln1 = Math.log(n + 1);
  for (let k = 0; k <= n; k++) {
    // ln C(n, k) = -ln(n + 1) - ln B(n - k + 1, k + 1)
    const lchoose = -ln1 - betaln(n - k + 1, k + 1);
    mass[k] = Math.exp(lchoose + betaln(k + b.alpha, n - k + b.beta) - lbAB);
  }
  return trimPmf(mass, 0, 0, tolerance);
}
