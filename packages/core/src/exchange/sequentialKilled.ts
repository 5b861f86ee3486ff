import type { DefenseLayer, RaidElement } from "../engagement/types.ts";
import { killProbability, missProbability } from "../engagement/killProbability.ts";
import { binomialPmf } from "../prob/binomialPmf.ts";
import { convolve } from "../prob/convolve.ts";
import { hypergeometricPmf } from "../prob/hypergeometricPmf.ts";
import type { Pmf } from "../prob/pmf.ts";
import { addSmallHypergeometric } from "../engagement/poolDelivered.ts";
import { pointMass, trimPmf } from "../prob/pmf.ts";

/** The joint PMF of (RVs, decoys) of one class of objects, dense over a box. */
interface ClassState {
  readonly n0: number;
  readonly nN: number;
  readonly m0: number;
  readonly nM: number;
  readonly data: Float64Array;
  /** Layers (bits) still ahead of the class. */
  readonly route: number;
  /** Layers whose pools this class's state depends on (classes sharing one are dependent). */
  readonly ancestors: number;
  /** The raid element the class still is, before any layer has changed it. */
  readonly element?: RaidElement;
}

/** Cells below this are dropped (each is far below any probability that matters). */
const FLOOR = 1e-21;

function stateOf(el: RaidElement): ClassState {
  const m = el.missiles;
  const w = el.warheadsPerMissile;
  const k = el.decoysPerMissile;
  const lo = m.offset;
  const hi = m.offset + m.mass.length - 1;
  const nN = w * (hi - lo) + 1;
  const nM = k * (hi - lo) + 1;
  const data = new Float64Array(nN * nM);
  for (let i = 0; i < m.mass.length; i++) data[w * i * nM + k * i] = m.mass[i]!;
  return { n0: w * lo, nN, m0: k * lo, nM, data, route: el.route ?? 0, ancestors: 0, element: el };
}

/** The joint state of two independent classes: a 2D convolution of (RVs, decoys). */
function mergeStates(a: ClassState, b: ClassState): ClassState {
  const nN = a.nN + b.nN - 1;
  const nM = a.nM + b.nM - 1;
  const data = new Float64Array(nN * nM);
  for (let i = 0; i < a.nN; i++) {
    for (let j = 0; j < a.nM; j++) {
      const wa = a.data[i * a.nM + j]!;
      if (wa < FLOOR) continue;
      for (let k = 0; k < b.nN; k++) {
        const base = (i + k) * nM + j;
        for (let l = 0; l < b.nM; l++) {
          const wb = b.data[k * b.nM + l]!;
          if (wb !== 0) data[base + l] = data[base + l]! + wa * wb;
        }
      }
    }
  }
  return {
    n0: a.n0 + b.n0,
    nN,
    m0: a.m0 + b.m0,
    nM,
    data,
    route: a.route,
    ancestors: a.ancestors | b.ancestors,
  };
}

/** PMF of the threat objects T = N + Binomial(M, 1 − δ) a class presents to a layer. */
function threatPmf(
  c: ClassState,
  layer: DefenseLayer,
  tolerance: number,
): { p: Pmf; q: Float64Array } {
  const decoys = layer.phase === "midcourse" && layer.discrimination < 1;
  const maxT = c.n0 + c.nN - 1 + (decoys ? c.m0 + c.nM - 1 : 0);
  const p = new Float64Array(maxT + 1);
  const q = new Float64Array(maxT + 1); // E[N; T = t]
  for (let i = 0; i < c.nN; i++) {
    const n = c.n0 + i;
    for (let j = 0; j < c.nM; j++) {
      const w = c.data[i * c.nM + j]!;
      if (w === 0) continue;
      const m = c.m0 + j;
      if (!decoys || m === 0) {
        p[n] = p[n]! + w;
        q[n] = q[n]! + w * n;
        continue;
      }
      const u = binomialPmf(m, 1 - layer.discrimination, tolerance);
      for (let x = 0; x < u.mass.length; x++) {
        const t = n + u.offset + x;
        p[t] = p[t]! + w * u.mass[x]!;
        q[t] = q[t]! + w * n * u.mass[x]!;
      }
    }
  }
  return { p: trimPmf(p, 0, 0, tolerance), q };
}

/** Share of the RVs among t threat objects that a working barrage or even layer kills. */
function killShare(layer: DefenseLayer, t: number): number {
  if (t === 0) return 0;
  const d = layer.doctrine;
  if (d.kind === "barrage") {
    return (
      (killProbability(layer.sspk, d.shots, layer.tracking) *
        Math.min(t, Math.floor(layer.interceptors / d.shots))) /
      t
    );
  }
  const b = Math.floor(layer.interceptors / t);
  const r = layer.interceptors - b * t;
  const kb = killProbability(layer.sspk, b, layer.tracking);
  return kb + (r / t) * (killProbability(layer.sspk, b + 1, layer.tracking) - kb);
}

/**
 * A class's state after a working layer, given the threat objects of the rest of the pool:
 * engaged objects are drawn uniformly from all T threat objects, so the class's RVs engaged
 * (barrage) or given an extra shot (even) are hypergeometric in (T, its RVs), and its decoys
 * likewise among the rest; the other classes matter only through their threat count.
 */
function afterLayer(
  c: ClassState,
  rest: Pmf,
  layer: DefenseLayer,
  keepDecoys: boolean,
  tolerance: number,
): ClassState {
  const d = layer.doctrine;
  const midcourse = layer.phase === "midcourse";
  const p = layer.sspk;
  const dTrack = layer.tracking;
  const R = layer.reliability;
  if (
    !keepDecoys &&
    d.kind === "barrage" &&
    (!midcourse || layer.discrimination >= 1 || c.m0 + c.nM === 1)
  ) {
    return {
      ...c,
      n0: 0,
      nN: c.n0 + c.nN,
      nM: 1,
      m0: 0,
      data: barrageRvsOnly(c, rest, layer, tolerance),
    };
  }
  // Kills only lower counts: the state after the layer lives on [0, max] in both coordinates.
  const outN = c.n0 + c.nN;
  const outM = keepDecoys ? c.m0 + c.nM : 1;
  const out = new Float64Array(outN * outM);
  const add = (n: number, m: number, w: number) => {
    const idx = n * outM + (keepDecoys ? m : 0);
    out[idx] = out[idx]! + w;
  };
  const kills = new Map<number, number>();
  const rvKill = (shots: number) => {
    let k = kills.get(shots);
    if (k === undefined) {
      k = killProbability(p, shots, dTrack);
      kills.set(shots, k);
    }
    return k;
  };
  const decoyKill = (shots: number) => 1 - missProbability(p, shots);
  const rows = new Map<string, Pmf>();
  const binom = (n: number, q: number): Pmf => {
    const key = `${n},${q}`;
    let r = rows.get(key);
    if (!r) {
      r = binomialPmf(n, q, tolerance);
      rows.set(key, r);
    }
    return r;
  };
  for (let i = 0; i < c.nN; i++) {
    const n = c.n0 + i;
    for (let j = 0; j < c.nM; j++) {
      const w0 = c.data[i * c.nM + j]!;
      if (w0 < FLOOR) continue;
      const m = c.m0 + j;
      if (R < 1) add(n, m, w0 * (1 - R));
      const w = w0 * R;
      const u: Pmf =
        !midcourse || m === 0 || layer.discrimination >= 1
          ? pointMass(0)
          : binomialPmf(m, 1 - layer.discrimination, tolerance);
      for (let a = 0; a < u.mass.length; a++) {
        const wu = w * u.mass[a]!;
        if (wu < FLOOR) continue;
        const ownU = u.offset + a;
        for (let b = 0; b < rest.mass.length; b++) {
          const wt = wu * rest.mass[b]!;
          if (wt < FLOOR) continue;
          const T = n + ownU + rest.offset + b;
          if (T === 0) {
            add(n, m, wt);
            continue;
          }
          if (d.kind === "barrage") {
            const E = Math.min(T, Math.floor(layer.interceptors / d.shots));
            const jRow = E >= T ? pointMass(n) : hypergeometricPmf(T, n, E, tolerance);
            for (let x = 0; x < jRow.mass.length; x++) {
              const wj = wt * jRow.mass[x]!;
              if (wj < FLOOR) continue;
              const jr = jRow.offset + x;
              const killed = binom(jr, rvKill(d.shots));
              const decoysKilled: Pmf =
                keepDecoys && ownU > 0
                  ? convolveThin(
                      E >= T ? pointMass(ownU) : hypergeometricPmf(T - n, ownU, E - jr, tolerance),
                      decoyKill(d.shots),
                      tolerance,
                    )
                  : pointMass(0);
              spread(add, n, m, wj, killed, decoysKilled);
            }
          } else if (d.kind === "even") {
            const bShots = Math.floor(layer.interceptors / T);
            const r = layer.interceptors - bShots * T;
            const hRow = r === 0 ? pointMass(0) : hypergeometricPmf(T, n, r, tolerance);
            for (let x = 0; x < hRow.mass.length; x++) {
              const wh = wt * hRow.mass[x]!;
              if (wh < FLOOR) continue;
              const h = hRow.offset + x;
              const killed = convolve(
                binomialPmf(h, rvKill(bShots + 1), tolerance),
                binomialPmf(n - h, rvKill(bShots), tolerance),
                tolerance,
              );
              let decoysKilled: Pmf = pointMass(0);
              if (keepDecoys && ownU > 0) {
                const extra =
                  r - h <= 0 ? pointMass(0) : hypergeometricPmf(T - n, ownU, r - h, tolerance);
                const parts: { weight: number; pmf: Pmf }[] = [];
                for (let e = 0; e < extra.mass.length; e++) {
                  const g = extra.offset + e;
                  parts.push({
                    weight: extra.mass[e]!,
                    pmf: convolve(
                      binomialPmf(g, decoyKill(bShots + 1), tolerance),
                      binomialPmf(ownU - g, decoyKill(bShots), tolerance),
                      tolerance,
                    ),
                  });
                }
                decoysKilled = mix(parts);
              }
              spread(add, n, m, wh, killed, decoysKilled);
            }
          } else {
            throw new Error("afterLayer: shoot-look-shoot is handled by the general engine");
          }
        }
      }
    }
  }
  return { ...c, n0: 0, nN: outN, m0: 0, nM: outM, data: out };
}

/**
 * The common case of `afterLayer`: a barrage, and no decoys of the class to track (none, all
 * recognised, or none seen after this layer). The class's RVs engaged depend only on (n, T), so
 * weights are gathered per (n, j) with in-place hypergeometric rows, and thinned once per (n, j).
 */
function barrageRvsOnly(
  c: ClassState,
  rest: Pmf,
  layer: DefenseLayer,
  tolerance: number,
): Float64Array {
  const d = layer.doctrine;
  if (d.kind !== "barrage") throw new Error("barrageRvsOnly: barrage only");
  const cap = Math.floor(layer.interceptors / d.shots);
  const pk = killProbability(layer.sspk, d.shots, layer.tracking);
  const R = layer.reliability;
  // Own threat objects are the class's RVs plus its undiscriminated decoys; here decoys are either
  // absent or all recognised (midcourse δ = 1), or the layer is terminal.
  // Indexed by the RV count itself (from 0): kills move mass below the class's lowest count.
  const out = new Float64Array(c.n0 + c.nN);
  for (let i = 0; i < c.nN; i++) {
    let pn = 0;
    for (let j = 0; j < c.nM; j++) pn += c.data[i * c.nM + j]!;
    if (pn < FLOOR) continue;
    const n = c.n0 + i;
    out[n] = out[n]! + pn * (1 - R);
    const engaged = new Float64Array(Math.min(n, cap) + 1);
    for (let b = 0; b < rest.mass.length; b++) {
      const w = pn * R * rest.mass[b]!;
      if (w < FLOOR) continue;
      const T = n + rest.offset + b;
      const E = Math.min(T, cap);
      if (E >= T) engaged[n] = engaged[n]! + w;
      else if (!(E <= 64 && addSmallHypergeometric(engaged, T, n, E, w))) {
        const row = hypergeometricPmf(T, n, E, tolerance);
        for (let x = 0; x < row.mass.length; x++)
          engaged[row.offset + x] = engaged[row.offset + x]! + w * row.mass[x]!;
      }
    }
    for (let jr = 0; jr < engaged.length; jr++) {
      const wj = engaged[jr]!;
      if (wj === 0) continue;
      const killed = binomialPmf(jr, pk, tolerance);
      for (let x = 0; x < killed.mass.length; x++) {
        const idx = n - killed.offset - x;
        out[idx] = out[idx]! + wj * killed.mass[x]!;
      }
    }
  }
  return out;
}

function spread(
  add: (n: number, m: number, w: number) => void,
  n: number,
  m: number,
  w: number,
  killed: Pmf,
  decoysKilled: Pmf,
): void {
  for (let x = 0; x < killed.mass.length; x++) {
    const wx = w * killed.mass[x]!;
    if (wx < FLOOR) continue;
    for (let y = 0; y < decoysKilled.mass.length; y++) {
      const wy = wx * decoysKilled.mass[y]!;
      if (wy === 0) continue;
      add(n - killed.offset - x, m - decoysKilled.offset - y, wy);
    }
  }
}

/** Binomial(X, q) thinning of a count PMF X (inline, small). */
function convolveThin(x: Pmf, q: number, tolerance: number): Pmf {
  const parts: { weight: number; pmf: Pmf }[] = [];
  for (let i = 0; i < x.mass.length; i++)
    parts.push({ weight: x.mass[i]!, pmf: binomialPmf(x.offset + i, q, tolerance) });
  return mix(parts);
}

function mix(parts: readonly { weight: number; pmf: Pmf }[]): Pmf {
  let lo = Infinity;
  let hi = -Infinity;
  for (const { pmf } of parts) {
    lo = Math.min(lo, pmf.offset);
    hi = Math.max(hi, pmf.offset + pmf.mass.length - 1);
  }
  if (lo > hi) return pointMass(0);
  const mass = new Float64Array(hi - lo + 1);
  for (const { weight, pmf } of parts)
    for (let i = 0; i < pmf.mass.length; i++)
      mass[pmf.offset - lo + i] = mass[pmf.offset - lo + i]! + weight * pmf.mass[i]!;
  return { offset: lo, mass, pruned: 0 };
}

/**
 * Expected RVs removed by layers that elements reach along different routes (a footprint partly
 * overlapping another), for barrage and even layers. Layers are taken in order; each layer's pool
 * holds independent classes — fresh elements and classes carried from earlier pools — and its
 * expected kills come from the classes' (P(T), E[N; T]) pairs. A class that goes on to later
 * layers carries its marginal (RVs, decoys) state, computed against the threat count of the rest
 * of the pool only. Exact as long as no pool holds two classes whose states share an earlier pool
 * (they would be dependent): then, and for boost or shoot-look-shoot layers, it returns undefined.
 */
export function sequentialKilled(
  raid: readonly RaidElement[],
  layers: readonly DefenseLayer[],
  tolerance: number,
  poolKilled: (pool: readonly RaidElement[], layer: DefenseLayer) => number,
): number | undefined {
  if (layers.some((l) => l.phase === "boost" || l.doctrine.kind === "shoot-look-shoot"))
    return undefined;
  let classes: ClassState[] = raid.filter((el) => (el.route ?? 0) !== 0).map(stateOf);
  if (raid.some((el) => el.route === undefined)) return undefined;
  const midcourseBits = layers.reduce(
    (mask, l, i) => (l.phase === "midcourse" ? mask | (1 << i) : mask),
    0,
  );
  let killed = 0;
  for (let li = 0; li < layers.length; li++) {
    const layer = layers[li]!;
    const bit = 1 << li;
    const pool = classes.filter((c) => c.route & bit);
    const others = classes.filter((c) => !(c.route & bit));
    if (pool.length === 0) continue;
    let seen = 0;
    for (const c of pool) {
      if (c.ancestors & seen) return undefined;
      seen |= c.ancestors;
    }
    const threats = pool.map((c) => threatPmf(c, layer, tolerance));
    // Expected kills of the whole pool: Σ_t killShare(t) E[N; T = t] over the independent classes
    // (fresh elements only: the fast methods of meanKilled).
    if (layer.interceptors > 0 && layer.reliability > 0) {
      if (pool.every((c) => c.element !== undefined)) {
        killed +=
          layer.reliability *
          poolKilled(
            pool.map((c) => c.element!),
            layer,
          );
      } else {
        let offset = 0;
        let accP: Float64Array = Float64Array.of(1);
        let accQ: Float64Array = Float64Array.of(0);
        for (const t of threats) {
          const lo = t.p.offset;
          const p = t.p.mass;
          const n = accP.length + p.length - 1;
          const np = new Float64Array(n);
          const nq = new Float64Array(n);
          for (let i = 0; i < accP.length; i++) {
            const ap = accP[i]!;
            const aq = accQ[i]!;
            if (ap === 0 && aq === 0) continue;
            for (let j = 0; j < p.length; j++) {
              np[i + j] = np[i + j]! + ap * p[j]!;
              nq[i + j] = nq[i + j]! + aq * p[j]! + ap * (t.q[lo + j] ?? 0);
            }
          }
          offset += lo;
          accP = np;
          accQ = nq;
        }
        let k = 0;
        for (let i = 0; i < accQ.length; i++)
          if (accQ[i]! !== 0) k += killShare(layer, offset + i) * accQ[i]!;
        killed += layer.reliability * k;
      }
    }
    // Classes that go on: merge the pool's classes by the route still ahead of them (independent
    // classes with the same future are interchangeable: their joint state is a convolution), then
    // each continuing group's state after this layer, against the rest of the pool.
    const poolAncestors = pool.reduce((mask, c) => mask | c.ancestors, bit);
    const groups = new Map<number, ClassState>();
    for (const c of pool) {
      const route = c.route & ~bit;
      const g = groups.get(route);
      groups.set(route, g ? mergeStates(g, c) : c);
    }
    const next: ClassState[] = [...others];
    const merged = [...groups.entries()];
    const groupThreats = merged.map(([, c]) => threatPmf(c, layer, tolerance).p);
    merged.forEach(([route, c], i) => {
      if (route === 0) return;
      let rest: Pmf = pointMass(0);
      groupThreats.forEach((t, k) => {
        if (k !== i) rest = convolve(rest, t, tolerance);
      });
      // Decoys matter only if the class has any and a midcourse layer is still ahead of it.
      const keepDecoys = (route & midcourseBits) !== 0 && !(c.m0 === 0 && c.nM === 1);
      const after = layer.interceptors > 0 ? afterLayer(c, rest, layer, keepDecoys, tolerance) : c;
      const { element: _fresh, ...state } = after;
      next.push({ ...state, route, ancestors: poolAncestors });
    });
    classes = next;
  }
  return killed;
}
