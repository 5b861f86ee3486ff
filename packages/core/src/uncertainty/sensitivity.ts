import { quantileSorted } from "./summary.ts";

/** Values ranked with ties sharing their average rank. */
export interface Ranking {
  /** Sample indices in ascending order of value. */
  readonly order: Uint32Array;
  /** Twice each sample's average rank (ranks from 1): whole numbers, so sums of them are exact. */
  readonly rank2: Float64Array;
  /** Start of each run of tied values in `order`, and `order.length` at the end. */
  readonly groups: Uint32Array;
}

/** Ranks values, ties getting the average of the ranks they span (NaN is not allowed). */
export function rankValues(values: ArrayLike<number>): Ranking {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a]! - values[b]!);
  const rank2 = new Float64Array(n);
  const starts: number[] = [];
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && values[order[j]!] === values[order[i]!]) j++;
    // Ranks i+1 … j average to (i+1+j)/2; twice that is a whole number.
    for (let k = i; k < j; k++) rank2[order[k]!] = i + 1 + j;
    starts.push(i);
    i = j;
  }
  starts.push(n);
  return { order, rank2, groups: Uint32Array.from(starts) };
}

/**
 * Σ a.rank2[i] · b.rank2[i], summed tie group by tie group of `a` in value order: the group sums
 * are exact whole numbers, so the result does not depend on the order of the samples.
 */
function crossSum(a: Ranking, b: Ranking): number {
  let total = 0;
  for (let g = 0; g + 1 < a.groups.length; g++) {
    let s = 0;
    for (let k = a.groups[g]!; k < a.groups[g + 1]!; k++) s += b.rank2[a.order[k]!]!;
    total += a.rank2[a.order[a.groups[g]!]!]! * s;
  }
  return total;
}

/**
 * Spearman's rank correlation of two ranked samples (Pearson's correlation of the average
 * ranks, so ties are handled as scipy.stats.spearmanr does). NaN when either is constant.
 */
export function spearmanRanked(a: Ranking, b: Ranking): number {
  const n = a.rank2.length;
  const centre = n * (n + 1) ** 2; // n · (mean of twice the ranks)²
  const sab = crossSum(a, b) - centre;
  const saa = crossSum(a, a) - centre;
  const sbb = crossSum(b, b) - centre;
  if (saa <= 0 || sbb <= 0) return NaN;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/** Spearman's rank correlation of two samples of equal length. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return spearmanRanked(rankValues(x), rankValues(y));
}

/** Inverse of a small symmetric matrix (Gauss–Jordan with partial pivoting), or undefined if singular. */
function invert(m: Float64Array, n: number): Float64Array | undefined {
  const a = Float64Array.from(m);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]!) > Math.abs(a[p * n + c]!)) p = r;
    if (!(Math.abs(a[p * n + c]!) > 1e-12)) return undefined;
    if (p !== c) {
      for (let k = 0; k < n; k++) {
        [a[c * n + k], a[p * n + k]] = [a[p * n + k]!, a[c * n + k]!];
        [inv[c * n + k], inv[p * n + k]] = [inv[p * n + k]!, inv[c * n + k]!];
      }
    }
    const d = a[c * n + c]!;
    for (let k = 0; k < n; k++) {
      a[c * n + k] = a[c * n + k]! / d;
      inv[c * n + k] = inv[c * n + k]! / d;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r * n + c]!;
      if (f === 0) continue;
      for (let k = 0; k < n; k++) {
        a[r * n + k] = a[r * n + k]! - f * a[c * n + k]!;
        inv[r * n + k] = inv[r * n + k]! - f * inv[c * n + k]!;
      }
    }
  }
  return inv;
}

/** One row of a tornado table: how much one uncertain parameter moves an output. */
export interface TornadoRow {
  readonly param: string;
  /** Spearman rank correlation of the parameter with the output, in [-1, 1]. */
  readonly spearman: number;
  /**
   * Partial rank correlation: the same with the other parameters' (rank-linear) effects removed
   * from both, which separates correlated inputs.
   */
  readonly prcc: number;
  /** Mean output over the samples with the parameter at or below its 10th percentile. */
  readonly lowMean: number;
  /** Mean output over the samples with the parameter at or above its 90th percentile. */
  readonly highMean: number;
}

/** A tornado table: parameters by decreasing rank importance for one output. */
export interface Tornado {
  readonly n: number;
  /** |ρ| below this is indistinguishable from 0 at the 5% level (≈ 1.96/√(n−1)). */
  readonly noise: number;
  readonly rows: readonly TornadoRow[];
}

function sortedMean(values: number[]): number {
  if (values.length === 0) return NaN;
  values.sort((a, b) => a - b);
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/**
 * Rank-based importance of each parameter for one output over the same n samples: Spearman's ρ,
 * the partial rank correlation (PRCC; Marino et al. 2008, J. Theor. Biol. 254:178), and the
 * output's mean when the parameter is in its bottom or top decile. Rows are ordered by |ρ|,
 * largest first (NaN last, ties in input order). Every number is the same, bit for bit, for any
 * order of the samples. A constant parameter (one a sweep holds fixed) gets NaN.
 * @param params each parameter's values over the samples, by name
 * @param output the output's values over the same samples
 */
export function tornado(
  params: ReadonlyArray<{ readonly name: string; readonly values: ArrayLike<number> }>,
  output: ArrayLike<number>,
): Tornado {
  const n = output.length;
  const ry = rankValues(output);
  const ranks = params.map((p) => rankValues(p.values));
  const rho = ranks.map((r) => spearmanRanked(r, ry));
  // PRCC from the inverse of the rank correlation matrix of (varying parameters, output).
  const live = ranks.map((_, i) => i).filter((i) => !Number.isNaN(rho[i]!));
  const prcc = new Float64Array(params.length).fill(NaN);
  if (live.length > 0 && !Number.isNaN(spearmanRanked(ry, ry))) {
    const all = [...live.map((i) => ranks[i]!), ry];
    const m = all.length;
    const c = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      c[i * m + i] = 1;
      for (let j = i + 1; j < m; j++) {
        const v = spearmanRanked(all[i]!, all[j]!);
        c[i * m + j] = v;
        c[j * m + i] = v;
      }
    }
    const p = invert(c, m);
    if (p) {
      const y = m - 1;
      live.forEach((pi, i) => {
        const v = -p[i * m + y]! / Math.sqrt(p[i * m + i]! * p[y * m + y]!);
        prcc[pi] = Math.max(-1, Math.min(1, v));
      });
    }
  }
  const rows = params.map((p, i): TornadoRow => {
    const sorted = Float64Array.from(p.values).sort();
    const q10 = quantileSorted(sorted, 0.1);
    const q90 = quantileSorted(sorted, 0.9);
    const low: number[] = [];
    const high: number[] = [];
    for (let k = 0; k < n; k++) {
      const x = p.values[k]!;
      if (x <= q10) low.push(output[k]!);
      if (x >= q90) high.push(output[k]!);
    }
    const constant = Number.isNaN(rho[i]!) && sorted[0] === sorted[n - 1];
    return {
      param: p.name,
      spearman: rho[i]!,
      prcc: prcc[i]!,
      lowMean: constant ? NaN : sortedMean(low),
      highMean: constant ? NaN : sortedMean(high),
    };
  });
  const key = (r: TornadoRow) => (Number.isNaN(r.spearman) ? -1 : Math.abs(r.spearman));
  const order = rows.map((_, i) => i).sort((a, b) => key(rows[b]!) - key(rows[a]!) || a - b);
  return {
    n,
    noise: n > 1 ? 1.959963984540054 / Math.sqrt(n - 1) : NaN,
    rows: order.map((i) => rows[i]!),
  };
}
