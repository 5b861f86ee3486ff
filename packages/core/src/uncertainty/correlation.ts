import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";

/**
 * The Pearson correlation a pair of standard normals needs for their Spearman rank correlation
 * to be `rho`: r = 2·sin(π·ρ/6) (Pearson 1907; Kruskal 1958, JASA 53:814). The rank correlation
 * survives any increasing transform, so the sampled parameters keep it whatever their marginals.
 * @param rho Spearman rank correlation in (-1, 1)
 */
export function spearmanToPearson(rho: number): number {
  return 2 * Math.sin((Math.PI * rho) / 6);
}

/** The Spearman rank correlation of a bivariate normal with Pearson correlation `r`. */
export function pearsonToSpearman(r: number): number {
  return (6 / Math.PI) * Math.asin(r / 2);
}

/**
 * Cholesky factor L (row-major n×n, lower triangular, L·Lᵀ = m) of a symmetric matrix, or the
 * first row at which it is not positive definite (a pivot at or below `minPivot`).
 */
export function cholesky(
  m: Float64Array,
  n: number,
  minPivot = 1e-10,
): { ok: true; factor: Float64Array } | { ok: false; row: number } {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = m[j * n + j]!;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! ** 2;
    if (!(d > minPivot)) return { ok: false, row: j };
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = m[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / ljj;
    }
  }
  return { ok: true, factor: l };
}

/** A Gaussian copula over some of a sample's uniforms (the members of correlation pairs). */
export interface Copula {
  /** Positions, in the sample's uniforms, of the correlated parameters. */
  readonly members: readonly number[];
  /** Cholesky factor of the members' normal-scale correlation matrix (row-major). */
  readonly factor: Float64Array;
}

/** One required rank correlation between two of a sample's parameters (by position). */
export interface RankPair {
  readonly a: number;
  readonly b: number;
  readonly rank: number;
}

/**
 * The Gaussian copula that gives the parameters the pairwise Spearman rank correlations asked
 * for (unlisted pairs of members are uncorrelated on the normal scale), or the members whose
 * correlations no joint distribution can have (the matrix is not positive definite).
 */
export function makeCopula(
  pairs: readonly RankPair[],
): { ok: true; copula: Copula } | { ok: false; members: number[] } {
  const members = [...new Set(pairs.flatMap((p) => [p.a, p.b]))].sort((x, y) => x - y);
  const n = members.length;
  const pos = new Map(members.map((m, i) => [m, i]));
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  for (const p of pairs) {
    const i = pos.get(p.a)!;
    const j = pos.get(p.b)!;
    const r = spearmanToPearson(p.rank);
    m[i * n + j] = r;
    m[j * n + i] = r;
  }
  const c = cholesky(m, n);
  if (!c.ok) return { ok: false, members: members.slice(0, c.row + 1) };
  return { ok: true, copula: { members, factor: c.factor } };
}

/**
 * Imposes the copula on one sample's uniforms in place: z = Φ⁻¹(u), x = L·z, u = Φ(x). It needs
 * only that sample's own draws, so any sample can be made alone, in any worker or shard. Rows of
 * L that are unit rows leave their uniform untouched (bit for bit).
 */
export function applyCopula(u: Float64Array, copula: Copula): void {
  const { members, factor } = copula;
  const n = members.length;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = normalQuantile(u[members[i]!]!, 0, 1);
  for (let i = 0; i < n; i++) {
    let x = 0;
    let unit = true;
    for (let k = 0; k <= i; k++) {
      const lik = factor[i * n + k]!;
      if (k < i ? lik !== 0 : lik !== 1) unit = false;
      x += lik * z[k]!;
    }
    if (unit) continue;
    // Keep the uniform strictly inside (0, 1): quantile functions are infinite at the ends.
    u[members[i]!] = Math.min(1 - 2 ** -53, Math.max(2 ** -1074, normalCdf(x, 0, 1)));
  }
}
