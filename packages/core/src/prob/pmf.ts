/**
 * A probability mass function over the integers `offset .. offset + mass.length - 1`.
 *
 * Tails whose total probability is below a stated tolerance may be pruned; the dropped mass is
 * carried in `pruned` (an upper bound), so that pruning is always reported, never silent.
 */
export interface Pmf {
  /** The smallest value with stored mass. */
  readonly offset: number;
  /** `mass[i] = P(X = offset + i)`. */
  readonly mass: Float64Array;
  /** Upper bound on the probability removed by tail pruning. */
  readonly pruned: number;
}

/** Default tail-pruning tolerance: tails with less total mass than this are dropped and reported. */
export const DEFAULT_PRUNE_TOLERANCE = 1e-15;

/** The distribution of a constant `k`. */
export function pointMass(k: number): Pmf {
  return { offset: k, mass: Float64Array.of(1), pruned: 0 };
}

/** Wraps plain masses over `offset..` as a PMF (no copy is made of a Float64Array). */
export function pmfFromArray(values: ArrayLike<number>, offset = 0, pruned = 0): Pmf {
  const mass = values instanceof Float64Array ? values : Float64Array.from(values);
  return { offset, mass, pruned };
}

/** Total stored probability (1 minus pruned mass, up to rounding). */
export function pmfTotal(p: Pmf): number {
  let s = 0;
  for (let i = 0; i < p.mass.length; i++) s += p.mass[i]!;
  return s;
}

/** Largest value with stored mass. */
export function pmfMax(p: Pmf): number {
  return p.offset + p.mass.length - 1;
}

/** `P(X = k)`; zero outside the stored support. */
export function pmfAt(p: Pmf, k: number): number {
  const i = k - p.offset;
  return i >= 0 && i < p.mass.length ? p.mass[i]! : 0;
}

/** Mean of the stored mass, normalised by the stored total. */
export function pmfMean(p: Pmf): number {
  let s = 0;
  let m = 0;
  for (let i = 0; i < p.mass.length; i++) {
    const w = p.mass[i]!;
    s += w;
    m += w * i;
  }
  return s > 0 ? p.offset + m / s : Number.NaN;
}

/** Variance of the stored mass, normalised by the stored total. */
export function pmfVariance(p: Pmf): number {
  const mean = pmfMean(p) - p.offset;
  let s = 0;
  let v = 0;
  for (let i = 0; i < p.mass.length; i++) {
    const w = p.mass[i]!;
    s += w;
    v += w * (i - mean) * (i - mean);
  }
  return s > 0 ? v / s : Number.NaN;
}

/**
 * The `q`-quantile: the smallest value `k` with `P(X <= k) >= q` (stored mass normalised).
 * @param q probability in [0, 1]
 */
export function pmfQuantile(p: Pmf, q: number): number {
  const total = pmfTotal(p);
  const target = q * total;
  let c = 0;
  for (let i = 0; i < p.mass.length; i++) {
    c += p.mass[i]!;
    // 1e-12 relative slack: a quantile that lands on a CDF step is not moved by rounding.
    if (c >= target - 1e-12 * total) return p.offset + i;
  }
  return pmfMax(p);
}

/** `P(X >= k)` from the stored mass. */
export function pmfTailAtLeast(p: Pmf, k: number): number {
  let s = 0;
  for (let i = Math.max(0, k - p.offset); i < p.mass.length; i++) s += p.mass[i]!;
  // Masses that sum to 1 can add up to 1 + 2e-16 in floating point; a probability stays in [0, 1].
  return Math.min(1, s);
}

/** The masses as a dense array over `0..n` (values outside are dropped; they must be zero). */
export function pmfToDense(p: Pmf, n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let i = 0; i < p.mass.length; i++) {
    const k = p.offset + i;
    // A certain outcome summed from many paths can come to 1 + 2e-16; a probability stays <= 1.
    if (k >= 0 && k <= n) out[k] = Math.min(1, p.mass[i]!);
  }
  return out;
}

/** The distribution of `X + k`. */
export function pmfShift(p: Pmf, k: number): Pmf {
  return { offset: p.offset + k, mass: p.mass, pruned: p.pruned };
}

/** The distribution of `k - X` (a reflection). */
export function pmfReflect(p: Pmf, k: number): Pmf {
  const n = p.mass.length;
  const mass = new Float64Array(n);
  for (let i = 0; i < n; i++) mass[n - 1 - i] = p.mass[i]!;
  return { offset: k - pmfMax(p), mass, pruned: p.pruned };
}

/** The distribution of `w * X` for an integer `w >= 1` (a lattice with zeros between points). */
export function pmfScale(p: Pmf, w: number): Pmf {
  if (w === 1) return p;
  const n = p.mass.length;
  const mass = new Float64Array((n - 1) * w + 1);
  for (let i = 0; i < n; i++) mass[i * w] = p.mass[i]!;
  return { offset: p.offset * w, mass, pruned: p.pruned };
}

/** `a*P + b*Q`-style mixture of PMFs with the given weights (weights need not sum to 1). */
export function pmfMixture(parts: ReadonlyArray<{ weight: number; pmf: Pmf }>): Pmf {
  let lo = Infinity;
  let hi = -Infinity;
  let pruned = 0;
  for (const { weight, pmf } of parts) {
    if (weight === 0) continue;
    lo = Math.min(lo, pmf.offset);
    hi = Math.max(hi, pmfMax(pmf));
    pruned += weight * pmf.pruned;
  }
  if (lo > hi) return { offset: 0, mass: new Float64Array(1), pruned };
  const mass = new Float64Array(hi - lo + 1);
  for (const { weight, pmf } of parts) {
    if (weight === 0) continue;
    const base = pmf.offset - lo;
    for (let i = 0; i < pmf.mass.length; i++) mass[base + i]! += weight * pmf.mass[i]!;
  }
  return { offset: lo, mass, pruned };
}

/**
 * Trims the tails of `mass` (over `offset..`) whose total is below `tolerance / 2` on each side,
 * adding what it drops to `pruned`. Exact zeros at either end are always removed.
 */
export function trimPmf(
  mass: Float64Array,
  offset: number,
  pruned: number,
  tolerance: number = DEFAULT_PRUNE_TOLERANCE,
): Pmf {
  const half = tolerance / 2;
  let lo = 0;
  let hi = mass.length - 1;
  let dropLo = 0;
  while (lo < hi && dropLo + mass[lo]! <= half) dropLo += mass[lo++]!;
  let dropHi = 0;
  while (hi > lo && dropHi + mass[hi]! <= half) dropHi += mass[hi--]!;
  const kept = lo === 0 && hi === mass.length - 1 ? mass : mass.slice(lo, hi + 1);
  return { offset: offset + lo, mass: kept, pruned: pruned + dropLo + dropHi };
}
