/** What an outer Monte Carlo says about one output. */
export interface MonteCarloSummary {
  /** Number of samples. */
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (divisor n − 1). */
  readonly sd: number;
  /** Monte Carlo standard error of the mean, sd/√n: shrinks as 1/√n. */
  readonly se: number;
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
}

/**
 * The `p` quantile of values sorted ascending, by linear interpolation between order statistics
 * (Hyndman & Fan 1996 type 7, numpy's default).
 * @param p probability in [0, 1]
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const x0 = sorted[lo]!;
  if (lo + 1 >= n) return x0;
  const x1 = sorted[lo + 1]!;
  return x0 === x1 ? x0 : x0 + (h - lo) * (x1 - x0);
}

/**
 * Mean, standard deviation, Monte Carlo standard error and 5/50/95 percentiles of the values of
 * one output over n samples. Sums run in sample order, so the same samples give the same bits.
 * With one sample, sd and se are NaN.
 * @example monteCarloSummary(Float64Array.of(1, 2, 3, 4)).se // ≈ 0.6455
 */
export function monteCarloSummary(values: ArrayLike<number>): MonteCarloSummary {
  const n = values.length;
  // Sums of deviations from the first value: an output that does not vary (one the uncertain
  // parameters cannot reach) gets exactly its value as mean and 0 as sd, not rounding noise.
  const x0 = n > 0 ? values[0]! : NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]! - x0;
  const mean = x0 + sum / n;
  // Two passes: the textbook one-pass formula cancels badly when sd ≪ mean.
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  const sorted = Float64Array.from(values).sort();
  return {
    n,
    mean,
    sd,
    se: sd / Math.sqrt(n),
    p05: quantileSorted(sorted, 0.05),
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
  };
}
