import { binomialLogPmfRaw } from "./dbinom.ts";
import type { Pmf } from "./pmf.ts";
import { DEFAULT_PRUNE_TOLERANCE, pointMass } from "./pmf.ts";
import { unimodalRow } from "./unimodalRow.ts";

/**
 * The PMF of `Binomial(n, p)`, with tails below `tolerance` pruned and reported.
 * @param n integer number of trials, n >= 0
 * @param p success probability in [0, 1]
 * @example binomialPmf(4, 0.5).mass // [0.0625, 0.25, 0.375, 0.25, 0.0625]
 */
export function binomialPmf(
  n: number,
  p: number,
  tolerance: number = DEFAULT_PRUNE_TOLERANCE,
): Pmf {
  if (n === 0 || p <= 0) return pointMass(0);
  if (p >= 1) return pointMass(n);
  const q = 1 - p;
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const odds = p / q;
  return unimodalRow(
    0,
    n,
    mode,
    (k) => binomialLogPmfRaw(k, n, p, q),
    (k) => ((n - k) / (k + 1)) * odds,
    tolerance,
  );
}
