import type { DefenseLayer } from "../engagement/types.ts";
import { coverageVector, RouteSplitter } from "../engagement/engageRaid.ts";
import { killProbability } from "../engagement/killProbability.ts";
import type { CounterforcePlan } from "./counterforcePlan.ts";
import type { Side } from "./types.ts";

/** Mean and variance of the RVs in one layer's footprint, and whether decoys come with them. */
export interface PoolMoments {
  mean: number;
  variance: number;
  decoys: boolean;
}

/**
 * Upper bound on E[(X − c)^+] for any X with mean μ and variance σ²: (√(σ² + (c − μ)²) − (c − μ)) / 2
 * (Scarf 1958; Lo 1987). It is what the second moment alone can say about a tail's excess.
 */
export function excessBound(mean: number, variance: number, c: number): number {
  const d = c - mean;
  return (Math.sqrt(Math.max(0, variance) + d * d) - d) / 2;
}

/**
 * An interval that contains the expected RVs a layer removes from a pool with the given moments.
 * Always: 0 ≤ kills ≤ R·min(E[N], d·p·I) (each interceptor kills at most with d·p), and for a
 * barrage ≤ R·pk_n·⌊I/n⌋. When the layer sees no decoys and fires a barrage, the threat count is
 * the RV count and E[killed] = R·pk_n·E[min(N, cap)] = R·pk_n·(E[N] − E[(N − cap)^+]), so the
 * excess bound gives a lower bound and Jensen (min is concave) an upper one: tight when the pool
 * is well below or well above the layer's capacity.
 */
export function layerKillInterval(
  layer: DefenseLayer,
  m: PoolMoments,
  maxPayload: number,
): [number, number] {
  const R = layer.reliability;
  if (layer.interceptors === 0 || R === 0 || m.mean <= 0) return [0, 0];
  const d = layer.doctrine;
  let hi = layer.tracking * layer.sspk * layer.interceptors;
  if (d.kind === "barrage") {
    hi = Math.min(
      hi,
      Math.floor(layer.interceptors / d.shots) *
        killProbability(layer.sspk, d.shots, layer.tracking),
    );
  }
  if (layer.phase === "boost") return [0, R * hi * maxPayload];
  hi = Math.min(hi, m.mean);
  const seesDecoys = m.decoys && layer.phase === "midcourse" && layer.discrimination < 1;
  if (d.kind !== "barrage" || seesDecoys) return [0, R * hi];
  const pk = killProbability(layer.sspk, d.shots, layer.tracking);
  const cap = Math.floor(layer.interceptors / d.shots);
  const lo = pk * Math.max(0, m.mean - excessBound(m.mean, m.variance, cap));
  return [R * lo, R * Math.min(hi, pk * Math.min(m.mean, cap))];
}

type RoutePart = { route: number; mean: number; variance: number; decoys: boolean };

/**
 * Moments of the RVs each layer's pool receives from a victim's retaliation at a plan's current
 * allocation (launcher groups split by coverage as in `retaliationRaid`). `at(plan)` returns
 * undefined when some launchers fly through more than one layer (then only the generic bound
 * applies). An element's parts are recomputed only when the plan's version for it changes.
 */
export class RetaliationMoments {
  private readonly victim: Side;
  private readonly layers: readonly DefenseLayer[];
  private readonly lua: number;
  private readonly versions: number[];
  private readonly parts: RoutePart[][];
  private readonly out: PoolMoments[];

  constructor(victim: Side, layers: readonly DefenseLayer[], launchUnderAttack: number) {
    this.victim = victim;
    this.layers = layers;
    this.lua = launchUnderAttack;
    this.versions = victim.forces.map(() => -1);
    this.parts = victim.forces.map(() => []);
    this.out = layers.map(() => ({ mean: 0, variance: 0, decoys: false }));
  }

  at(plan: CounterforcePlan): PoolMoments[] | undefined {
    for (const m of this.out) {
      m.mean = 0;
      m.variance = 0;
      m.decoys = false;
    }
    const forces = this.victim.forces;
    for (let e = 0; e < forces.length; e++) {
      if (plan.version(e) !== this.versions[e]) {
        this.parts[e] = this.elementParts(plan, e);
        this.versions[e] = plan.version(e);
      }
      if (!addParts(this.out, this.parts[e]!)) return undefined;
    }
    return this.out;
  }

  private elementParts(plan: CounterforcePlan, e: number): RoutePart[] {
    const f = this.victim.forces[e]!;
    const byRoute = new Map<number, RoutePart>();
    const splitter = new RouteSplitter(coverageVector(this.layers, f.id, f.kind));
    const w = f.warheadsPerLauncher;
    for (const g of plan.groups(e)) {
      const p = (g.targetable ? this.lua + (1 - this.lua) * g.survival : 1) * f.reliability;
      for (const [route, n] of splitter.split(g.count)) {
        const acc = byRoute.get(route) ?? {
          route,
          mean: 0,
          variance: 0,
          decoys: f.decoysPerWarhead > 0,
        };
        acc.mean += w * n * p;
        acc.variance += w * w * n * p * (1 - p);
        byRoute.set(route, acc);
      }
    }
    return [...byRoute.values()];
  }
}

/**
 * Moments of the RVs each layer's pool receives from a value strike (see `valueStrikeRaid`), as a
 * function of the counterforce spend s: each element's remaining missiles x (a real count) split
 * among routes by real shares, each route's arrivals a binomial with a real number of trials
 * (mixture of ⌊x⌋ and ⌊x⌋ + 1). The routes do not depend on s, so they are worked out once.
 */
export function valueStrikeMoments(
  striker: Side,
  perElement: readonly number[],
  counterforceTotal: number,
  meanReliability: number,
  layers: readonly DefenseLayer[],
): (s: number) => PoolMoments[] | undefined {
  const rho = meanReliability;
  const plans = striker.forces.map((f, e) => {
    const shares = new Map<number, number>([[0, 1]]);
    coverageVector(layers, f.id, f.kind).forEach((c, i) => {
      for (const [route, share] of [...shares]) {
        shares.set(route, share * (1 - c));
        shares.set(route | (1 << i), (shares.get(route | (1 << i)) ?? 0) + share * c);
      }
    });
    const routes = [...shares].filter(([route, share]) => route !== 0 && share > 0);
    return {
      f,
      a: perElement[e]!,
      overlap: routes.some(([route]) => (route & (route - 1)) !== 0),
      routes: routes.map(([route, share]) => ({ layer: 31 - Math.clz32(route), share })),
    };
  });
  const overlap = plans.some((p) => p.overlap && p.a > 0);
  const out: PoolMoments[] = layers.map(() => ({ mean: 0, variance: 0, decoys: false }));
  return (s) => {
    if (overlap) return undefined;
    for (const m of out) {
      m.mean = 0;
      m.variance = 0;
      m.decoys = false;
    }
    for (const { f, a, routes } of plans) {
      const left = f.counterforce && counterforceTotal > 0 ? a * (1 - s / counterforceTotal) : a;
      const missiles = Math.max(0, left) / f.warheadsPerLauncher;
      if (missiles <= 0) continue;
      const w = f.warheadsPerLauncher;
      for (const { layer, share } of routes) {
        const x = missiles * share;
        const frac = x - Math.floor(x);
        const m = out[layer]!;
        m.mean += w * x * rho;
        m.variance += w * w * (x * rho * (1 - rho) + frac * (1 - frac) * rho * rho);
        m.decoys ||= f.decoysPerWarhead > 0;
      }
    }
    return out;
  };
}

function addParts(
  out: PoolMoments[],
  parts: readonly { route: number; mean: number; variance: number; decoys: boolean }[],
): boolean {
  for (const p of parts) {
    if (p.route === 0 || p.mean === 0) continue;
    if ((p.route & (p.route - 1)) !== 0) return false;
    const i = 31 - Math.clz32(p.route);
    const m = out[i]!;
    m.mean += p.mean;
    m.variance += p.variance;
    m.decoys ||= p.decoys;
  }
  return true;
}

/** Sum of per-layer kill intervals, or the generic bound when moments are unavailable. */
export function killInterval(
  layers: readonly DefenseLayer[],
  moments: readonly PoolMoments[] | undefined,
  maxPayload: number,
  generic: number,
): [number, number] {
  if (!moments) return [0, generic];
  let lo = 0;
  let hi = 0;
  layers.forEach((l, i) => {
    const [a, b] = layerKillInterval(l, moments[i]!, maxPayload);
    lo += a;
    hi += b;
  });
  return [lo, Math.min(hi, generic)];
}
