import { hypergeometricLogPmf } from "./dbinom.ts";
import type { Pmf } from "./pmf.ts";
import { DEFAULT_PRUNE_TOLERANCE, pointMass } from "./pmf.ts";
import { unimodalRow } from "./unimodalRow.ts";

/**
 * The PMF of the number of successes in `draws` draws without replacement from `total` objects
 * of which `successes` are successes (scipy's `hypergeom(M=total, n=successes, N=draws)`).
 * @example hypergeometricPmf(10, 4, 3) // support 0..3
 */
export function hypergeometricPmf(
  total: number,
  successes: number,
  draws: number,
  tolerance: number = DEFAULT_PRUNE_TOLERANCE,
): Pmf {
  const failures = total - successes;
  const lo = Math.max(0, draws - failures);
  const hi = Math.min(draws, successes);
  if (lo === hi) return pointMass(lo);
  const mode = Math.min(
    hi,
    Math.max(lo, Math.floor(((draws + 1) * (successes + 1)) / (total + 2))),
  );
  return unimodalRow(
    lo,
    hi,
    mode,
    (k) => hypergeometricLogPmf(k, total, successes, draws),
    (k) => ((successes - k) * (draws - k)) / ((k + 1) * (failures - draws + k + 1)),
    tolerance,
  );
}
