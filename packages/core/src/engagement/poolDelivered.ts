import { binomialPmf } from "../prob/binomialPmf.ts";
import { hypergeometricPmf as hypergeometricRow } from "../prob/hypergeometricPmf.ts";
import type { Pmf } from "../prob/pmf.ts";
import { DEFAULT_PRUNE_TOLERANCE, trimPmf } from "../prob/pmf.ts";
import type { DefenseLayer, RaidElement } from "./types.ts";
import { killProbability } from "./killProbability.ts";
import { spendWork } from "../limits.ts";
import { killedGivenThreats } from "./layerKill.ts";

/**
 * Grid cells below this probability are dropped as they arise (their total is added to the
 * reported pruned mass): even a million of them carry less than 1e-15.
 */
const CELL_FLOOR = 1e-21;

/** What one layer did to the independent elements that fly through it (and nothing else). */
export interface PoolOutcome {
  /** PMF of RVs of the pool that get through the layer. */
  readonly delivered: Pmf;
  readonly expectedThreats: number;
  readonly expectedRVsKilled: number;
  readonly expectedInterceptorsUsed: number;
}

/**
 * Exact outcome of one layer against a pool of independent raid elements that face no other
 * layer. Builds the joint PMF of (RVs, decoys) — or (RVs, missiles) in boost — on a dense grid by
 * convolving each element's lattice line (w·m, k·m), thins decoys by discrimination to the threat
 * count T, and applies the layer's kill distribution given (N, T). Barrage, the common case, is
 * aggregated over engaged RVs j (at most ⌊I/n⌋) first, so each (N, T) costs one short
 * hypergeometric row. Returns undefined for a boost pool mixing payloads (use the general engine).
 */
export function poolDelivered(
  pool: readonly RaidElement[],
  layer: DefenseLayer,
  tolerance: number = DEFAULT_PRUNE_TOLERANCE,
): PoolOutcome | undefined {
  const boost = layer.phase === "boost";
  if (boost && new Set(pool.map((e) => e.warheadsPerMissile)).size > 1) return undefined;
  const withDecoys = layer.phase === "midcourse";
  // Joint over (RVs N, second coordinate C): C = decoys (midcourse), missiles (boost), 0 (terminal).
  let grid = { n0: 0, nN: 1, c0: 0, nC: 1, data: Float64Array.of(1) };
  let pruned = 0;
  for (const el of pool) {
    const w = el.warheadsPerMissile;
    const c = boost ? 1 : withDecoys ? el.decoysPerMissile : 0;
    const m = el.missiles;
    pruned += m.pruned;
    const mLo = m.offset;
    const mHi = m.offset + m.mass.length - 1;
    const next = {
      n0: grid.n0 + w * mLo,
      nN: grid.nN + w * (mHi - mLo),
      c0: grid.c0 + c * mLo,
      nC: grid.nC + c * (mHi - mLo),
      data: new Float64Array(0),
    };
    next.data = new Float64Array(next.nN * next.nC);
    spendWork(grid.nN * grid.nC * m.mass.length, "pooled engagement");
    for (let i = 0; i < grid.nN; i++) {
      for (let j = 0; j < grid.nC; j++) {
        const g = grid.data[i * grid.nC + j]!;
        if (g < CELL_FLOOR) {
          pruned += g;
          continue;
        }
        for (let k = 0; k < m.mass.length; k++) {
          const a = m.mass[k]!;
          if (a === 0) continue;
          const idx = (i + w * k) * next.nC + (j + c * k);
          next.data[idx] = next.data[idx]! + g * a;
        }
      }
    }
    grid = next;
  }

  const R = layer.reliability;
  const nMax = grid.n0 + grid.nN - 1;
  const out = new Float64Array(nMax + 1);
  let eThreats = 0;
  let eShots = 0;
  let eKilled = 0;
  const d = layer.doctrine;

  // Threat objects T for each cell: boost engages missiles (T = C); midcourse engages RVs and the
  // undiscriminated decoys, T = N + Binomial(C, 1 − δ); terminal sees RVs only. Fold the grid into
  // a dense table over (N, missiles) or (N, U) first, so each (N, T) is engaged once.
  const discr = withDecoys ? layer.discrimination : 1;
  // `table` over (N, second): second = missiles (boost) or undiscriminated decoys U (otherwise).
  let table: { n0: number; nN: number; t0: number; nT: number; data: Float64Array };
  if (boost || discr <= 0) {
    table = { n0: grid.n0, nN: grid.nN, t0: grid.c0, nT: grid.nC, data: grid.data };
  } else if (discr >= 1 || (grid.nC === 1 && grid.c0 === 0)) {
    // Every decoy is recognised (or there are none): U = 0.
    const data = new Float64Array(grid.nN);
    for (let i = 0; i < grid.nN; i++)
      for (let j = 0; j < grid.nC; j++) data[i] = data[i]! + grid.data[i * grid.nC + j]!;
    table = { n0: grid.n0, nN: grid.nN, t0: 0, nT: 1, data };
  } else {
    const rows = new Map<number, Pmf>();
    const maxU = grid.c0 + grid.nC - 1;
    table = {
      n0: grid.n0,
      nN: grid.nN,
      t0: 0,
      nT: maxU + 1,
      data: new Float64Array(grid.nN * (maxU + 1)),
    };
    for (let i = 0; i < grid.nN; i++) {
      for (let j = 0; j < grid.nC; j++) {
        const p = grid.data[i * grid.nC + j]!;
        if (p < CELL_FLOOR) {
          pruned += p;
          continue;
        }
        const C = grid.c0 + j;
        let row = rows.get(C);
        if (!row) {
          row = binomialPmf(C, 1 - discr, tolerance);
          rows.set(C, row);
        }
        pruned += p * row.pruned;
        spendWork(row.mass.length, "pooled engagement");
        const base = i * table.nT + row.offset;
        for (let u = 0; u < row.mass.length; u++)
          table.data[base + u] = table.data[base + u]! + p * row.mass[u]!;
      }
    }
  }
  const barrage = d.kind === "barrage" && !boost;
  const cap = d.kind === "barrage" ? Math.floor(layer.interceptors / d.shots) : 0;
  // Barrage: W[N][j] = P(N, j engaged RVs), then RVs killed ~ Binomial(j, pk).
  const engagedByN = barrage ? new Map<number, Float64Array>() : undefined;
  const perKill = boost ? (pool[0]?.warheadsPerMissile ?? 1) : 1;
  let walk: HypergeometricWalk | undefined;
  for (let i = 0; i < table.nN; i++) {
    const N = table.n0 + i;
    for (let j = 0; j < table.nT; j++) {
      const p = table.data[i * table.nT + j]!;
      if (p < CELL_FLOOR) {
        pruned += p;
        continue;
      }
      const second = table.t0 + j;
      const T = boost ? second : N + second;
      eThreats += p * (boost ? T : N);
      out[N] = out[N]! + p * (1 - R);
      const pu = p * R;
      if (pu === 0) continue;
      if (engagedByN && d.kind === "barrage") {
        const E = Math.min(T, cap);
        eShots += pu * E * d.shots;
        let wj = engagedByN.get(N);
        if (!wj) {
          wj = new Float64Array(Math.min(N, cap) + 1);
          engagedByN.set(N, wj);
        }
        if (E >= T) wj[N] = wj[N]! + pu;
        else if (E <= 64 && addSmallHypergeometric(wj, T, N, E, pu)) {
          // added in place
        } else {
          // Many totals T for the same N and draws: walk the row along T (HypergeometricWalk).
          if (!walk || walk.successes !== N) walk = new HypergeometricWalk(N, E);
          walk.addTo(wj, T, pu);
        }
        continue;
      }
      // Other doctrines (and boost): the kill distribution given (N, T).
      const k = killedGivenThreats(boost ? T : N, T, layer, tolerance);
      spendWork(8 * k.killed.mass.length, "pooled engagement");
      eShots += pu * k.shots;
      pruned += pu * k.killed.pruned;
      for (let x = 0; x < k.killed.mass.length; x++) {
        const kx = pu * k.killed.mass[x]!;
        if (kx === 0) continue;
        const removed = (k.killed.offset + x) * perKill;
        eKilled += kx * removed;
        out[N - removed] = out[N - removed]! + kx;
      }
    }
  }
  if (engagedByN && d.kind === "barrage") {
    const pk = killProbability(layer.sspk, d.shots, layer.tracking);
    const rows: Pmf[] = [];
    for (const [N, wj] of engagedByN) {
      for (let j = 0; j < wj.length; j++) {
        const w = wj[j]!;
        if (w === 0) continue;
        const row = (rows[j] ??= binomialPmf(j, pk, tolerance));
        pruned += w * row.pruned;
        for (let x = 0; x < row.mass.length; x++) {
          const kx = w * row.mass[x]!;
          const killed = row.offset + x;
          eKilled += kx * killed;
          out[N - killed] = out[N - killed]! + kx;
        }
      }
    }
  }
  return {
    delivered: trimPmf(out, 0, pruned, tolerance),
    expectedThreats: eThreats,
    expectedRVsKilled: eKilled,
    expectedInterceptorsUsed: eShots,
  };
}

/**
 * Adds `weight × Hypergeometric(j; total, successes, draws)` into `into[j]` without allocating,
 * for few draws: P(lo) as a product of at most `draws` ratios, then the ratio recurrence (as in
 * hypergeometricPmf's small-draws path). Returns false if P(lo) would underflow.
 */
export function addSmallHypergeometric(
  into: Float64Array,
  total: number,
  successes: number,
  draws: number,
  weight: number,
): boolean {
  const failures = total - successes;
  const lo = Math.max(0, draws - failures);
  const hi = Math.min(draws, successes);
  let p = 1;
  let a = 0;
  let b = 0;
  for (let i = 0; i < draws; i++) {
    const num = a < lo ? successes - a++ : failures - b++;
    p *= num / (total - i);
  }
  for (let i = 1; i <= lo; i++) p *= (draws - lo + i) / i;
  if (!(p > 1e-290)) return false;
  into[lo] = into[lo]! + weight * p;
  for (let k = lo; k < hi; k++) {
    p *= ((successes - k) * (draws - k)) / ((k + 1) * (failures - draws + k + 1));
    into[k + 1] = into[k + 1]! + weight * p;
  }
  return true;
}

/**
 * Hypergeometric rows P(j; T, N, E) for a fixed number of successes N and draws E and totals T
 * that grow one at a time: P_{T+1}(j) = P_T(j) · (T+1−N)/(T+1−N−E+j) · (T+1−E)/(T+1), a few
 * multiplications per entry, with the entry that enters the support at the bottom from the ratio
 * in j. Re-anchored on an exact row every 128 steps or on a jump, so rounding cannot drift.
 */
export class HypergeometricWalk {
  readonly successes: number;
  private readonly draws: number;
  private readonly row: Float64Array;
  private total = -1;
  private lo = 0;
  private steps = 0;

  constructor(successes: number, draws: number) {
    this.successes = successes;
    this.draws = draws;
    this.row = new Float64Array(Math.min(successes, draws) + 1);
  }

  /** Adds weight × P(j; total, successes, draws) into `into[j]`. */
  addTo(into: Float64Array, total: number, weight: number): void {
    this.moveTo(total);
    const row = this.row;
    for (let j = this.lo; j < row.length; j++) into[j] = into[j]! + weight * row[j]!;
  }

  private moveTo(total: number): void {
    const gap = total - this.total;
    if (this.total < 0 || gap < 0 || gap > 16 || this.steps + gap > 128) {
      this.anchor(total);
      return;
    }
    for (let k = 0; k < gap; k++) this.step();
  }

  private anchor(total: number): void {
    const exact = hypergeometricRow(total, this.successes, this.draws, 0);
    this.row.fill(0);
    this.row.set(exact.mass, exact.offset);
    this.lo = exact.offset;
    this.total = total;
    this.steps = 0;
  }

  private step(): void {
    const N = this.successes;
    const E = this.draws;
    const T1 = this.total + 1;
    const row = this.row;
    const common = (T1 - E) / T1;
    for (let j = this.lo; j < row.length; j++)
      row[j] = row[j]! * ((T1 - N) / (T1 - N - E + j)) * common;
    const lo = Math.max(0, E - (T1 - N));
    if (lo < this.lo) {
      row[lo] = (row[lo + 1]! * ((lo + 1) * (T1 - N - E + lo + 1))) / ((N - lo) * (E - lo));
      this.lo = lo;
    }
    this.total = T1;
    this.steps++;
  }
}
