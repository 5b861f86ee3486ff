import type { Pmf } from "./pmf.ts";
import { DEFAULT_PRUNE_TOLERANCE, trimPmf } from "./pmf.ts";

/**
 * The PMF of `X + Y` for independent `X ~ a`, `Y ~ b` (direct convolution; exact in floating
 * point, unlike an FFT, whose rounding swamps tail probabilities). Pruned masses add.
 * @example convolve(binomialPmf(3, 0.5), binomialPmf(2, 0.5)) // Binomial(5, 0.5)
 */
export function convolve(a: Pmf, b: Pmf, tolerance: number = DEFAULT_PRUNE_TOLERANCE): Pmf {
  const [x, y] = a.mass.length >= b.mass.length ? [a, b] : [b, a];
  const n = x.mass.length;
  const m = y.mass.length;
  const out = new Float64Array(n + m - 1);
  const xm = x.mass;
  for (let j = 0; j < m; j++) {
    const w = y.mass[j]!;
    if (w === 0) continue;
    for (let i = 0; i < n; i++) out[i + j] = out[i + j]! + w * xm[i]!;
  }
  return trimPmf(out, a.offset + b.offset, a.pruned + b.pruned, tolerance);
}

/** Convolution of many independent PMFs (the distribution of their sum). */
export function convolveAll(
  parts: readonly Pmf[],
  tolerance: number = DEFAULT_PRUNE_TOLERANCE,
): Pmf {
  let acc: Pmf = { offset: 0, mass: Float64Array.of(1), pruned: 0 };
  for (const p of parts) acc = convolve(acc, p, tolerance);
  return acc;
}
