import { binomialPmf } from "../prob/binomialPmf.ts";
import { binomialThin } from "../prob/binomialThin.ts";
import { convolve } from "../prob/convolve.ts";
import type { Dense2 } from "../prob/dense2.ts";
import { addOuter, makeDense2 } from "../prob/dense2.ts";
import { hypergeometricPmf } from "../prob/hypergeometricPmf.ts";
import type { Pmf } from "../prob/pmf.ts";
import { DEFAULT_PRUNE_TOLERANCE, pointMass, trimPmf } from "../prob/pmf.ts";
import { spendWork } from "../limits.ts";
import { killProbability, missProbability } from "./killProbability.ts";
import type { LayerParams } from "./types.ts";

/** What one layer does to a raid, given that the layer works (reliability is applied outside). */
export interface LayerKill {
  /** PMF of RVs killed. */
  readonly killed: Pmf;
  /** Joint PMF of (RVs killed, decoys killed), when asked for with `withDecoys`. */
  readonly joint?: Dense2;
  /** Expected interceptors fired. */
  readonly expectedShots: number;
  /** Expected objects engaged in the first (or only) look. */
  readonly expectedEngaged: number;
}

export interface LayerKillOptions {
  /** Tail-pruning tolerance for every distribution built on the way. */
  readonly tolerance?: number;
  /** Also return the joint distribution of decoys killed (needed when a later layer sees decoys). */
  readonly withDecoys?: boolean;
}

/**
 * Exact outcome of one layer against `warheads` RVs and `decoys` credible decoys, given that the
 * layer works, for each doctrine of DESIGN §2.1:
 * - undiscriminated decoys U ~ Binomial(M, 1 - δ); threat objects T = N + U;
 * - barrage n: E = min(T, ⌊I/n⌋) objects engaged at random, RVs engaged j ~ Hyp(T, N, E);
 * - even: ⌊I/T⌋ shots each, I mod T objects get one more, RVs among them ~ Hyp(T, N, I mod T);
 * - shoot-look-shoot: a barrage n1, then n2 at survivors recognised alive (probability k), at
 *   random while the remaining inventory lasts.
 * Tracking d is drawn once per RV: an untracked RV is never killed but still draws fire.
 */
export function layerKill(
  warheads: number,
  decoys: number,
  layer: LayerParams,
  options: LayerKillOptions = {},
): LayerKill {
  const tolerance = options.tolerance ?? DEFAULT_PRUNE_TOLERANCE;
  const withDecoys = options.withDecoys ?? false;
  if (warheads + decoys === 0 || layer.interceptors === 0) {
    return {
      killed: pointMass(0),
      ...(withDecoys ? { joint: pointJoint() } : {}),
      expectedShots: 0,
      expectedEngaged: 0,
    };
  }
  const doctrine = layer.doctrine;
  switch (doctrine.kind) {
    case "barrage":
      return barrage(warheads, decoys, layer, doctrine.shots, tolerance, withDecoys);
    case "even":
      return even(warheads, decoys, layer, tolerance, withDecoys);
    case "shoot-look-shoot":
      return shootLookShoot(
        warheads,
        decoys,
        layer,
        doctrine.shots[0],
        doctrine.shots[1],
        doctrine.killAssessment,
        tolerance,
        withDecoys,
      );
    default:
      return doctrine satisfies never;
  }
}

/**
 * RVs killed by a working layer when its footprint holds `warheads` RVs among `threats` threat
 * objects (RVs plus undiscriminated decoys; in boost, missiles), with the expected interceptors
 * fired: the per-draw body of `layerKill`, for callers that already know the threat count.
 */
export function killedGivenThreats(
  warheads: number,
  threats: number,
  layer: LayerParams,
  tolerance: number = DEFAULT_PRUNE_TOLERANCE,
): { killed: Pmf; shots: number } {
  const N = warheads;
  const T = threats;
  const I = layer.interceptors;
  if (T === 0 || I === 0 || N === 0) {
    const d = layer.doctrine;
    const shots =
      T === 0 || I === 0
        ? 0
        : d.kind === "even"
          ? I
          : d.kind === "barrage"
            ? d.shots * Math.min(T, Math.floor(I / d.shots))
            : d.shots[0] * Math.min(T, Math.floor(I / d.shots[0]));
    return { killed: pointMass(0), shots };
  }
  const d = layer.doctrine;
  switch (d.kind) {
    case "barrage": {
      const E = Math.min(T, Math.floor(I / d.shots));
      const row = E >= T ? pointMass(N) : hypergeometricPmf(T, N, E, tolerance);
      return {
        killed: binomialThin(row, killProbability(layer.sspk, d.shots, layer.tracking), tolerance),
        shots: d.shots * E,
      };
    }
    case "even": {
      const b = Math.floor(I / T);
      const r = I - b * T;
      const row = r === 0 ? pointMass(0) : hypergeometricPmf(T, N, r, tolerance);
      const kPlus = killProbability(layer.sspk, b + 1, layer.tracking);
      const kBase = killProbability(layer.sspk, b, layer.tracking);
      const out = new Float64Array(N + 1);
      let pruned = row.pruned;
      const pairs = binomialPairs(
        N,
        row.offset,
        row.offset + row.mass.length - 1,
        kPlus,
        kBase,
        tolerance,
      );
      for (let k = 0; k < row.mass.length; k++) {
        const wh = row.mass[k]!;
        if (wh === 0) continue;
        const c = pairs[k]!;
        pruned += wh * c.pruned;
        for (let t = 0; t < c.mass.length; t++)
          out[c.offset + t] = out[c.offset + t]! + wh * c.mass[t]!;
      }
      return { killed: trimPmf(out, 0, pruned, tolerance), shots: I };
    }
    case "shoot-look-shoot": {
      const [n1, n2] = d.shots;
      const miss1 = missProbability(layer.sspk, n1);
      const pk2 = 1 - missProbability(layer.sspk, n2);
      const a = layer.tracking * (1 - miss1);
      const b = layer.tracking * miss1 * d.killAssessment;
      const c = (1 - layer.tracking) * d.killAssessment;
      const e = miss1 * d.killAssessment;
      const E1 = Math.min(T, Math.floor(I / n1));
      const cap2 = Math.floor((I - n1 * E1) / n2);
      const row = E1 >= T ? pointMass(N) : hypergeometricPmf(T, N, E1, tolerance);
      const out = new Float64Array(N + 1);
      let pruned = row.pruned;
      let shots = n1 * E1;
      for (let t = 0; t < row.mass.length; t++) {
        const wj = row.mass[t]!;
        if (wj === 0) continue;
        const j = row.offset + t;
        const hit = slsGivenEngaged(j, E1 - j, cap2, a, b, c, e, pk2, tolerance);
        spendWork(4 * hit.killed.mass.length, "shoot-look-shoot engagement");
        shots += wj * n2 * hit.engaged2;
        pruned += wj * hit.killed.pruned;
        for (let x = 0; x < hit.killed.mass.length; x++) {
          out[hit.killed.offset + x] = out[hit.killed.offset + x]! + wj * hit.killed.mass[x]!;
        }
      }
      return { killed: trimPmf(out, 0, pruned, tolerance), shots };
    }
    default:
      return d satisfies never;
  }
}

function pointJoint(): Dense2 {
  const d = makeDense2(0, 1, 0, 1);
  d.data[0] = 1;
  return d;
}

function barrage(
  N: number,
  M: number,
  layer: LayerParams,
  shots: number,
  tolerance: number,
  withDecoys: boolean,
): LayerKill {
  const cap = Math.floor(layer.interceptors / shots);
  const pk = killProbability(layer.sspk, shots, layer.tracking);
  const decoyKill = 1 - missProbability(layer.sspk, shots);
  const undiscriminated = binomialPmf(M, 1 - layer.discrimination, tolerance);

  // Mixing weights of j, the RVs engaged; with decoys, of (j, engaged decoys) pairs.
  const jWeights = new Float64Array(N + 1);
  const pairs = withDecoys ? new Map<number, Map<number, number>>() : undefined;
  let pruned = undiscriminated.pruned;
  let expectedEngaged = 0;
  for (let i = 0; i < undiscriminated.mass.length; i++) {
    const w = undiscriminated.mass[i]!;
    if (w === 0) continue;
    const u = undiscriminated.offset + i;
    const T = N + u;
    const E = Math.min(T, cap);
    expectedEngaged += w * E;
    const row = E >= T ? pointMass(N) : hypergeometricPmf(T, N, E, tolerance);
    pruned += w * row.pruned;
    for (let k = 0; k < row.mass.length; k++) {
      const j = row.offset + k;
      const wj = w * row.mass[k]!;
      jWeights[j] = jWeights[j]! + wj;
      if (pairs) addPair(pairs, j, E - j, wj);
    }
  }
  const jPmf = trimPmf(jWeights, 0, pruned, tolerance);
  const killed = binomialThin(jPmf, pk, tolerance);
  const result = { killed, expectedShots: shots * expectedEngaged, expectedEngaged };
  if (!pairs) return result;

  // Given (j, e) the RV kills ~ Bin(j, pk) and decoy kills ~ Bin(e, 1 - (1-p)^n) are independent.
  const joint = makeDense2(0, N + 1, 0, Math.min(M, cap) + 1, jPmf.pruned);
  let extra = 0;
  for (const [j, byE] of pairs) {
    const eMass = new Float64Array(Math.max(...byE.keys()) + 1);
    let wj = 0;
    for (const [e, w] of byE) {
      eMass[e] = w;
      wj += w;
    }
    const rv = binomialPmf(j, pk, tolerance);
    const dk = binomialThin({ offset: 0, mass: eMass, pruned: 0 }, decoyKill, tolerance);
    extra += wj * rv.pruned + dk.pruned;
    addOuter(joint, 1, rv, dk);
  }
  return { ...result, joint: { ...joint, pruned: joint.pruned + extra } };
}

function addPair(pairs: Map<number, Map<number, number>>, j: number, e: number, w: number): void {
  let byE = pairs.get(j);
  if (!byE) {
    byE = new Map();
    pairs.set(j, byE);
  }
  byE.set(e, (byE.get(e) ?? 0) + w);
}

function even(
  N: number,
  M: number,
  layer: LayerParams,
  tolerance: number,
  withDecoys: boolean,
): LayerKill {
  const I = layer.interceptors;
  const p = layer.sspk;
  const d = layer.tracking;
  const undiscriminated = binomialPmf(M, 1 - layer.discrimination, tolerance);

  // For each base allotment b, the mixing weights of h = RVs that get b + 1 shots.
  const byB = new Map<number, Float64Array>();
  // With decoys: for each (b, h), the mixture over u of the decoy-kill distribution.
  const decoyMix = withDecoys ? new Map<string, { w: number; mass: Float64Array }>() : undefined;
  let pruned = undiscriminated.pruned;
  let expectedShots = 0;
  let expectedEngaged = 0;
  let idle = 0;
  for (let i = 0; i < undiscriminated.mass.length; i++) {
    const w = undiscriminated.mass[i]!;
    if (w === 0) continue;
    const u = undiscriminated.offset + i;
    const T = N + u;
    if (T === 0) {
      // Nothing to shoot at (no RVs, every decoy recognised): nothing fired, nothing killed.
      idle += w;
      continue;
    }
    const b = Math.floor(I / T);
    const r = I - b * T;
    expectedShots += w * I;
    expectedEngaged += w * (b > 0 ? T : r);
    const row = r === 0 ? pointMass(0) : hypergeometricPmf(T, N, r, tolerance);
    pruned += w * row.pruned;
    let acc = byB.get(b);
    if (!acc) {
      acc = new Float64Array(N + 1);
      byB.set(b, acc);
    }
    for (let k = 0; k < row.mass.length; k++) {
      const h = row.offset + k;
      const wh = w * row.mass[k]!;
      acc[h] = acc[h]! + wh;
      if (decoyMix && wh > 0) {
        // r - h decoys get b + 1 shots, u - (r - h) get b.
        const dk = convolve(
          binomialPmf(r - h, 1 - missProbability(p, b + 1), tolerance),
          binomialPmf(u - r + h, 1 - missProbability(p, b), tolerance),
          tolerance,
        );
        pruned += wh * dk.pruned;
        const key = `${b},${h}`;
        let slot = decoyMix.get(key);
        if (!slot) {
          slot = { w: 0, mass: new Float64Array(M + 1) };
          decoyMix.set(key, slot);
        }
        slot.w += wh;
        for (let t = 0; t < dk.mass.length; t++) {
          slot.mass[dk.offset + t] = slot.mass[dk.offset + t]! + wh * dk.mass[t]!;
        }
      }
    }
  }

  const out = new Float64Array(N + 1);
  const joint = decoyMix ? makeDense2(0, N + 1, 0, M + 1) : undefined;
  for (const [b, acc] of byB) {
    const kPlus = killProbability(p, b + 1, d);
    const kBase = killProbability(p, b, d);
    const hPmf = trimPmf(acc, 0, 0, tolerance);
    pruned += hPmf.pruned;
    const pairs = binomialPairs(
      N,
      hPmf.offset,
      hPmf.offset + hPmf.mass.length - 1,
      kPlus,
      kBase,
      tolerance,
    );
    for (let k = 0; k < hPmf.mass.length; k++) {
      const wh = hPmf.mass[k]!;
      if (wh === 0) continue;
      const h = hPmf.offset + k;
      const killedGivenH = pairs[k]!;
      pruned += wh * killedGivenH.pruned;
      for (let t = 0; t < killedGivenH.mass.length; t++) {
        const x = killedGivenH.offset + t;
        out[x] = out[x]! + wh * killedGivenH.mass[t]!;
      }
      if (joint && decoyMix) {
        const slot = decoyMix.get(`${b},${h}`);
        if (slot && slot.w > 0) {
          // Normalise the decoy mixture to a conditional PMF given (b, h), then weight by P(b, h).
          addOuter(joint, wh / slot.w, killedGivenH, { offset: 0, mass: slot.mass, pruned: 0 });
        }
      }
    }
  }
  if (idle > 0) {
    out[0] = out[0]! + idle;
    if (joint) joint.data[0] = joint.data[0]! + idle;
  }
  const killed = trimPmf(out, 0, pruned, tolerance);
  const result = { killed, expectedShots, expectedEngaged };
  return joint ? { ...result, joint: { ...joint, pruned } } : result;
}

function shootLookShoot(
  N: number,
  M: number,
  layer: LayerParams,
  n1: number,
  n2: number,
  k: number,
  tolerance: number,
  withDecoys: boolean,
): LayerKill {
  if (withDecoys) {
    return shootLookShootWithDecoys(N, M, layer, n1, n2, k, tolerance);
  }
  const I = layer.interceptors;
  const p = layer.sspk;
  const d = layer.tracking;
  const cap1 = Math.floor(I / n1);
  const miss1 = missProbability(p, n1);
  const pk2 = 1 - missProbability(p, n2);
  // Per engaged RV after look 1: killed (a), tracked and alive and recognised (b),
  // untracked and recognised (c). Per engaged decoy: alive and recognised (e).
  const a = d * (1 - miss1);
  const b = d * miss1 * k;
  const c = (1 - d) * k;
  const e = miss1 * k;
  const undiscriminated = binomialPmf(M, 1 - layer.discrimination, tolerance);

  const out = new Float64Array(N + 1);
  let pruned = undiscriminated.pruned;
  let expectedShots = 0;
  let expectedEngaged = 0;
  const cache = new Map<string, { killed: Pmf; engaged2: number }>();
  for (let i = 0; i < undiscriminated.mass.length; i++) {
    const w = undiscriminated.mass[i]!;
    if (w === 0) continue;
    const u = undiscriminated.offset + i;
    const T = N + u;
    const E1 = Math.min(T, cap1);
    const cap2 = Math.floor((I - n1 * E1) / n2);
    expectedEngaged += w * E1;
    expectedShots += w * n1 * E1;
    const row = E1 >= T ? pointMass(N) : hypergeometricPmf(T, N, E1, tolerance);
    pruned += w * row.pruned;
    for (let t = 0; t < row.mass.length; t++) {
      const wj = w * row.mass[t]!;
      if (wj === 0) continue;
      const j = row.offset + t;
      const key = `${j},${E1 - j},${cap2}`;
      let hit = cache.get(key);
      if (!hit) {
        hit = slsGivenEngaged(j, E1 - j, cap2, a, b, c, e, pk2, tolerance);
        cache.set(key, hit);
      }
      spendWork(4 + hit.killed.mass.length, "shoot-look-shoot engagement");
      expectedShots += wj * n2 * hit.engaged2;
      pruned += wj * hit.killed.pruned;
      for (let x = 0; x < hit.killed.mass.length; x++) {
        const idx = hit.killed.offset + x;
        out[idx] = out[idx]! + wj * hit.killed.mass[x]!;
      }
    }
  }
  return { killed: trimPmf(out, 0, pruned, tolerance), expectedShots, expectedEngaged };
}

/**
 * RVs killed in a shoot-look-shoot engagement once look 1 has engaged `j` RVs and `dE` decoys,
 * with room for `cap2` look-2 engagements; also the expected number of look-2 engagements.
 */
function slsGivenEngaged(
  j: number,
  dE: number,
  cap2: number,
  a: number,
  b: number,
  c: number,
  e: number,
  pk2: number,
  tolerance: number,
): { killed: Pmf; engaged2: number } {
  if (cap2 >= j + dE) {
    // Every candidate is re-engaged: each engaged RV is killed with probability a + b pk2.
    return { killed: binomialPmf(j, a + b * pk2, tolerance), engaged2: j * (b + c) + dE * e };
  }
  const out = new Float64Array(j + 1);
  let pruned = 0;
  let engaged2 = 0;
  const decoyCandidates = binomialPmf(dE, e, tolerance);
  const killed2Cache = new Map<number, Pmf>();
  const xa = binomialPmf(j, a, tolerance);
  pruned += xa.pruned;
  const bGivenNotA = a < 1 ? b / (1 - a) : 0;
  const cGivenNotAB = a + b < 1 ? c / (1 - a - b) : 0;
  for (let ia = 0; ia < xa.mass.length; ia++) {
    const wa = xa.mass[ia]!;
    if (wa === 0) continue;
    const killed1 = xa.offset + ia;
    const xb = binomialPmf(j - killed1, Math.min(1, bGivenNotA), tolerance);
    pruned += wa * xb.pruned;
    for (let ib = 0; ib < xb.mass.length; ib++) {
      const wb = wa * xb.mass[ib]!;
      if (wb === 0) continue;
      const killable = xb.offset + ib;
      const z = convolve(
        binomialPmf(j - killed1 - killable, Math.min(1, cGivenNotAB), tolerance),
        decoyCandidates,
        tolerance,
      );
      // Metered: the look-2 splits below cost about (1 + |k2|) per candidate count, more on a miss.
      let steps = 16 * z.mass.length;
      pruned += wb * z.pruned;
      for (let iz = 0; iz < z.mass.length; iz++) {
        const wz = wb * z.mass[iz]!;
        if (wz === 0) continue;
        const C = killable + z.offset + iz;
        const G = Math.min(C, cap2);
        engaged2 += wz * G;
        const key = killable * 1_000_003 + C;
        let k2 = killed2Cache.get(key);
        if (!k2) {
          // Killable candidates among the G re-engaged ~ Hyp(C, killable, G); each dies w.p. pk2.
          const engagedKillable =
            G >= C ? pointMass(killable) : hypergeometricPmf(C, killable, G, tolerance);
          k2 = binomialThin(engagedKillable, pk2, tolerance);
          killed2Cache.set(key, k2);
          steps += engagedKillable.mass.length * (8 + k2.mass.length);
        }
        steps += 4 + k2.mass.length;
        pruned += wz * k2.pruned;
        for (let x = 0; x < k2.mass.length; x++) {
          const idx = killed1 + k2.offset + x;
          out[idx] = out[idx]! + wz * k2.mass[x]!;
        }
      }
      spendWork(steps, "shoot-look-shoot engagement");
    }
  }
  return { killed: trimPmf(out, 0, pruned, tolerance), engaged2 };
}

/**
 * Shoot-look-shoot with the joint distribution of decoys killed, for layers followed by another
 * layer that sees decoys. Enumerates the look-1 outcome per object class, then splits the look-2
 * engagements among killable RVs, unkillable RVs and decoys (a multivariate hypergeometric).
 */
function shootLookShootWithDecoys(
  N: number,
  M: number,
  layer: LayerParams,
  n1: number,
  n2: number,
  k: number,
  tolerance: number,
): LayerKill {
  const I = layer.interceptors;
  const p = layer.sspk;
  const d = layer.tracking;
  const cap1 = Math.floor(I / n1);
  const miss1 = missProbability(p, n1);
  const pk2 = 1 - missProbability(p, n2);
  const a = d * (1 - miss1);
  const bGivenNotA = a < 1 ? (d * miss1 * k) / (1 - a) : 0;
  const cGivenNotAB = a + d * miss1 * k < 1 ? ((1 - d) * k) / (1 - a - d * miss1 * k) : 0;
  const undiscriminated = binomialPmf(M, 1 - layer.discrimination, tolerance);
  const joint = makeDense2(0, N + 1, 0, M + 1, undiscriminated.pruned);
  let pruned = undiscriminated.pruned;
  let expectedShots = 0;
  let expectedEngaged = 0;
  for (let i = 0; i < undiscriminated.mass.length; i++) {
    const w = undiscriminated.mass[i]!;
    if (w === 0) continue;
    const u = undiscriminated.offset + i;
    const T = N + u;
    const E1 = Math.min(T, cap1);
    const cap2 = Math.floor((I - n1 * E1) / n2);
    expectedEngaged += w * E1;
    expectedShots += w * n1 * E1;
    const row = E1 >= T ? pointMass(N) : hypergeometricPmf(T, N, E1, tolerance);
    pruned += w * row.pruned;
    for (let t = 0; t < row.mass.length; t++) {
      const wj = w * row.mass[t]!;
      if (wj === 0) continue;
      const j = row.offset + t;
      const dE = E1 - j;
      // Decoys after look 1: killed1d ~ Bin(dE, 1 - miss1); alive ones recognised w.p. k.
      const xa = binomialPmf(j, a, tolerance);
      for (let ia = 0; ia < xa.mass.length; ia++) {
        const wa = wj * xa.mass[ia]!;
        if (wa === 0) continue;
        const killed1 = xa.offset + ia;
        const xb = binomialPmf(j - killed1, Math.min(1, bGivenNotA), tolerance);
        for (let ib = 0; ib < xb.mass.length; ib++) {
          const wb = wa * xb.mass[ib]!;
          if (wb === 0) continue;
          const killable = xb.offset + ib;
          const xc = binomialPmf(j - killed1 - killable, Math.min(1, cGivenNotAB), tolerance);
          const dk1 = binomialPmf(dE, 1 - miss1, tolerance);
          for (let ic = 0; ic < xc.mass.length; ic++) {
            const wc = wb * xc.mass[ic]!;
            if (wc === 0) continue;
            const unkillable = xc.offset + ic;
            for (let id = 0; id < dk1.mass.length; id++) {
              const wd = wc * dk1.mass[id]!;
              if (wd === 0) continue;
              const decoysKilled1 = dk1.offset + id;
              const ye = binomialPmf(dE - decoysKilled1, k, tolerance);
              spendWork(16 * ye.mass.length, "shoot-look-shoot engagement");
              for (let iy = 0; iy < ye.mass.length; iy++) {
                const wy = wd * ye.mass[iy]!;
                if (wy === 0) continue;
                const decoyCand = ye.offset + iy;
                const C = killable + unkillable + decoyCand;
                const G = Math.min(C, cap2);
                expectedShots += wy * n2 * G;
                // Look-2 engagements split: killable g1 ~ Hyp(C, killable, G); then decoys among
                // the rest G - g1 ~ Hyp(C - killable, decoyCand, G - g1).
                const g1 =
                  G >= C ? pointMass(killable) : hypergeometricPmf(C, killable, G, tolerance);
                for (let i1 = 0; i1 < g1.mass.length; i1++) {
                  const w1 = wy * g1.mass[i1]!;
                  if (w1 === 0) continue;
                  const engK = g1.offset + i1;
                  const rest = G - engK;
                  const g2 =
                    rest >= C - killable
                      ? pointMass(decoyCand)
                      : hypergeometricPmf(C - killable, decoyCand, rest, tolerance);
                  const rvKilled2 = binomialPmf(engK, pk2, tolerance);
                  for (let i2 = 0; i2 < g2.mass.length; i2++) {
                    const w2 = w1 * g2.mass[i2]!;
                    if (w2 === 0) continue;
                    const engD = g2.offset + i2;
                    const dKilled2 = binomialPmf(engD, pk2, tolerance);
                    addOuter(
                      joint,
                      w2,
                      { offset: killed1 + rvKilled2.offset, mass: rvKilled2.mass, pruned: 0 },
                      { offset: decoysKilled1 + dKilled2.offset, mass: dKilled2.mass, pruned: 0 },
                    );
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  // Row-level pruning inside the enumeration is not tracked term by term; recover it exactly
  // from the mass that is missing.
  let total = 0;
  for (let i = 0; i < joint.data.length; i++) total += joint.data[i]!;
  const missing = Math.max(0, 1 - total);
  const killedMass = new Float64Array(N + 1);
  for (let x = 0; x <= N; x++) {
    let s = 0;
    for (let y = 0; y <= M; y++) s += joint.data[x * (M + 1) + y]!;
    killedMass[x] = s;
  }
  const killed = trimPmf(killedMass, 0, Math.max(pruned, missing), tolerance);
  return {
    killed,
    joint: { ...joint, pruned: Math.max(pruned, missing) },
    expectedShots,
    expectedEngaged,
  };
}

/**
 * The distributions D_h = Binomial(h, kPlus) ⊛ Binomial(N − h, kBase) for h = lo..hi (RVs killed
 * when h of N RVs get one shot more than the rest), index h − lo. Neighbouring h differ by one
 * Bernoulli swapped for another: a deconvolution and a convolution, O(width) per step instead of
 * a fresh O(width²) convolution. The walk goes in the direction that deconvolves the Bernoulli of
 * smaller variance: the step's transfer function |(a1 + b1 z)/(a0 + b0 z)| is at most 1 on the unit
 * circle exactly when a0 b0 <= a1 b1, so rounding errors never grow. Each deconvolution runs from
 * the end where it is stable (top-down when the probability exceeds 1/2). The window covers the
 * pruned supports of both ends.
 */
export function binomialPairs(
  N: number,
  lo: number,
  hi: number,
  kPlus: number,
  kBase: number,
  tolerance: number,
): Pmf[] {
  const direct = (h: number) =>
    convolve(binomialPmf(h, kPlus, tolerance), binomialPmf(N - h, kBase, tolerance), tolerance);
  if (hi - lo < 4) return Array.from({ length: hi - lo + 1 }, (_, i) => direct(lo + i));
  const up = kBase * (1 - kBase) <= kPlus * (1 - kPlus);
  // Going up swaps a kBase trial for a kPlus trial; going down the reverse.
  const [dec, con] = up ? [kBase, kPlus] : [kPlus, kBase];
  const first = direct(up ? lo : hi);
  const last = direct(up ? hi : lo);
  // One cell of room below: deconvolving a sure kill (probability 1) shifts mass down by one
  // before the convolution shifts it back.
  const base = Math.max(0, Math.min(first.offset, last.offset) - 1);
  const top = Math.max(first.offset + first.mass.length, last.offset + last.mass.length);
  const n = top - base + 1;
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  d.set(first.mass, first.offset - base);
  const out: Pmf[] = new Array<Pmf>(hi - lo + 1);
  const count = hi - lo + 1;
  for (let step = 0; step < count; step++) {
    const h = up ? lo + step : hi - step;
    out[h - lo] = step === 0 ? first : trimPmf(d.slice(), base, 0, tolerance);
    if (step === count - 1) break;
    // e = d ⊘ Bernoulli(dec): d[x] = (1 − dec) e[x] + dec e[x − 1].
    if (dec <= 0) e.set(d);
    else if (dec >= 1) {
      for (let x = 0; x < n - 1; x++) e[x] = d[x + 1]!;
      e[n - 1] = 0;
    } else if (dec > 0.5) {
      e[n - 1] = 0;
      e[n - 2] = d[n - 1]! / dec;
      for (let x = n - 2; x >= 1; x--) e[x - 1] = (d[x]! - (1 - dec) * e[x]!) / dec;
    } else {
      e[0] = d[0]! / (1 - dec);
      for (let x = 1; x < n; x++) e[x] = (d[x]! - dec * e[x - 1]!) / (1 - dec);
    }
    // d = e ⊛ Bernoulli(con).
    d[0] = (1 - con) * e[0]!;
    for (let x = 1; x < n; x++) d[x] = (1 - con) * e[x]! + con * e[x - 1]!;
  }
  return out;
}
