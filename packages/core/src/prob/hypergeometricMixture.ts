import { hypergeometricPmf } from "./hypergeometricPmf.ts";
import type { Pmf } from "./pmf.ts";
import { DEFAULT_PRUNE_TOLERANCE, trimPmf } from "./pmf.ts";

/** Parameters of one hypergeometric component: draws without replacement from `total` objects. */
export interface HypergeometricParams {
  readonly total: number;
  readonly successes: number;
  readonly draws: number;
}

/**
 * A mixture of hypergeometric distributions: the PMF of `J` where `V ~ mixing` and
 * `J | V = v ~ Hypergeometric(paramsOf(v))`. Used where the number of objects drawn depends on
 * a random count (for example undiscriminated decoys). Components are pruned at `tolerance`.
 * @param size the largest possible value of J (the output covers 0..size)
 */
export function hypergeometricMixture(
  mixing: Pmf,
  paramsOf: (value: number) => HypergeometricParams,
  size: number,
  tolerance: number = DEFAULT_PRUNE_TOLERANCE,
): Pmf {
  const out = new Float64Array(size + 1);
  let pruned = mixing.pruned;
  for (let i = 0; i < mixing.mass.length; i++) {
    const w = mixing.mass[i]!;
    if (w === 0) continue;
    const { total, successes, draws } = paramsOf(mixing.offset + i);
    const row = hypergeometricPmf(total, successes, draws, tolerance);
    pruned += w * row.pruned;
    for (let k = 0; k < row.mass.length; k++) {
      const j = row.offset + k;
      out[j] = out[j]! + w * row.mass[k]!;
    }
  }
  return trimPmf(out, 0, pruned, tolerance);
}
