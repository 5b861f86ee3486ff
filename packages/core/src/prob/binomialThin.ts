import { binomialPmf } from "./binomialPmf.ts";
import type { Pmf } from "./pmf.ts";
import { DEFAULT_PRUNE_TOLERANCE, pmfMax, trimPmf } from "./pmf.ts";

/**
 * Binomial thinning: the PMF of `Y` where `Y | X ~ Binomial(X, q)` and `X ~ pmf`.
 * Each row is pruned at `tolerance`, so the reported pruned mass stays below
 * `pmf.pruned + tolerance` (the row bounds are weighted by the mixing masses).
 * @param q retention probability in [0, 1]
 * @example binomialThin(pointMass(10), 0.5) // Binomial(10, 0.5)
 */
export function binomialThin(
  pmf: Pmf,
  q: number,
  tolerance: number = DEFAULT_PRUNE_TOLERANCE,
): Pmf {
  if (q >= 1) return pmf;
  if (q <= 0) {
    let total = 0;
    for (let i = 0; i < pmf.mass.length; i++) total += pmf.mass[i]!;
    return { offset: 0, mass: Float64Array.of(total), pruned: pmf.pruned };
  }
  const out = new Float64Array(pmfMax(pmf) + 1);
  let pruned = pmf.pruned;
  for (let i = 0; i < pmf.mass.length; i++) {
    const w = pmf.mass[i]!;
    if (w === 0) continue;
    const row = binomialPmf(pmf.offset + i, q, tolerance);
    pruned += w * row.pruned;
    const m = row.mass;
    const o = row.offset;
    for (let k = 0; k < m.length; k++) out[o + k] = out[o + k]! + w * m[k]!;
  }
  return trimPmf(out, 0, pruned, tolerance);
}
