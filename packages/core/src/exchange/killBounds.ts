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
  const out = new Float64Array(2);
  intervalTo(layerConstants(layer), m, maxPayload, out, 0);
  return [out[0]!, out[1]!];
}

/** What `layerKillInterval` needs of a layer that does not depend on the pool. */
interface LayerConstants {
  /** The layer removes nothing (no interceptors, or it never works). */
  readonly idle: boolean;
  readonly reliability: number;
  /** d·p·I, and for a barrage at most pk_n·⌊I/n⌋. */
  readonly cap: number;
  readonly boost: boolean;
  readonly barrage: boolean;
  /** A midcourse layer that does not recognise every decoy. */
  readonly decoyBlind: boolean;
  /** Barrage: pk_n and ⌊I/n⌋. */
  readonly pk: number;
  readonly engageable: number;
}

function layerConstants(layer: DefenseLayer): LayerConstants {
  const d = layer.doctrine;
  const barrage = d.kind === "barrage";
  let cap = layer.tracking * layer.sspk * layer.interceptors;
  const pk = barrage ? killProbability(layer.sspk, d.shots, layer.tracking) : 0;
  const engageable = barrage ? Math.floor(layer.interceptors / d.shots) : 0;
  if (barrage) cap = Math.min(cap, engageable * pk);
  return {
    idle: layer.interceptors === 0 || layer.reliability === 0,
    reliability: layer.reliability,
    cap,
    boost: layer.phase === "boost",
    barrage,
    decoyBlind: layer.phase === "midcourse" && layer.discrimination < 1,
    pk,
    engageable,
  };
}

function intervalTo(
  c: LayerConstants,
  m: PoolMoments,
  maxPayload: number,
  out: Float64Array,
  at: number,
): void {
  const R = c.reliability;
  out[at] = 0;
  out[at + 1] = 0;
  if (c.idle || m.mean <= 0) return;
  if (c.boost) {
    out[at + 1] = R * c.cap * maxPayload;
    return;
  }
  const hi = Math.min(c.cap, m.mean);
  if (!c.barrage || (m.decoys && c.decoyBlind)) {
    out[at + 1] = R * hi;
    return;
  }
  const lo = c.pk * Math.max(0, m.mean - excessBound(m.mean, m.variance, c.engageable));
  out[at] = R * lo;
  out[at + 1] = R * Math.min(hi, c.pk * Math.min(m.mean, c.engageable));
}

type RoutePart = { route: number; mean: number; variance: number; decoys: boolean };

/**
 * Moments of the RVs each layer's pool receives from a victim's retaliation at a plan's current
 * allocation (launcher groups split by coverage as in `retaliationRaid`). `at(plan)` returns
 * undefined when some launchers fly through more than one layer (then only the generic bound
 * applies). An element's parts are recomputed only when the plan's version for it changes. This
 * runs once per counterforce spend: it reuses its objects and allocates nothing in the loop.
 */
export class RetaliationMoments {
  private readonly victim: Side;
  private readonly lua: number;
  private readonly versions: number[];
  private readonly splitters: RouteSplitter[];
  /** Each element's parts: the first `partCounts[e]` of `parts[e]` are current. */
  private readonly parts: RoutePart[][];
  private readonly partCounts: number[];
  private readonly out: PoolMoments[];
  private readonly routes: number[] = [];
  private readonly counts: number[] = [];

  constructor(victim: Side, layers: readonly DefenseLayer[], launchUnderAttack: number) {
    this.victim = victim;
    this.lua = launchUnderAttack;
    this.versions = victim.forces.map(() => -1);
    this.splitters = victim.forces.map(
      (f) => new RouteSplitter(coverageVector(layers, f.id, f.kind)),
    );
    this.parts = victim.forces.map(() => []);
    this.partCounts = victim.forces.map(() => 0);
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
        this.elementParts(plan, e);
        this.versions[e] = plan.version(e);
      }
      if (!addParts(this.out, this.parts[e]!, this.partCounts[e]!)) return undefined;
    }
    return this.out;
  }

  /** Element e's parts by route, launcher groups in `plan.groups(e)` order. */
  private elementParts(plan: CounterforcePlan, e: number): void {
    const f = this.victim.forces[e]!;
    const splitter = this.splitters[e]!;
    splitter.reset();
    this.partCounts[e] = 0;
    const u = plan.untargetableCount(e);
    if (u > 0) this.addGroup(e, splitter, u, f.reliability);
    for (const g of plan.targetedGroups(e)) {
      this.addGroup(e, splitter, g.count, (this.lua + (1 - this.lua) * g.survival) * f.reliability);
    }
  }

  private addGroup(e: number, splitter: RouteSplitter, count: number, p: number): void {
    const f = this.victim.forces[e]!;
    const w = f.warheadsPerLauncher;
    const parts = this.parts[e]!;
    const k = splitter.splitTo(count, this.routes, this.counts);
    for (let j = 0; j < k; j++) {
      const route = this.routes[j]!;
      const n = this.counts[j]!;
      let i = 0;
      const used = this.partCounts[e]!;
      while (i < used && parts[i]!.route !== route) i++;
      if (i === used) {
        if (i === parts.length) parts.push({ route, mean: 0, variance: 0, decoys: false });
        const fresh = parts[i]!;
        fresh.route = route;
        fresh.mean = 0;
        fresh.variance = 0;
        fresh.decoys = f.decoysPerWarhead > 0;
        this.partCounts[e] = used + 1;
      }
      const acc = parts[i]!;
      acc.mean += w * n * p;
      acc.variance += w * w * n * p * (1 - p);
    }
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

function addParts(out: PoolMoments[], parts: readonly RoutePart[], count: number): boolean {
  for (let j = 0; j < count; j++) {
    const p = parts[j]!;
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
  const out = new Float64Array(2);
  new KillIntervals(layers, maxPayload, generic).into(moments, out, 0);
  return [out[0]!, out[1]!];
}

/**
 * `killInterval` for one set of layers at many pools: the layers' constants are worked out once,
 * and `into` writes the interval to `out[at]` (low) and `out[at + 1]` (high), allocating nothing,
 * since it runs for every counterforce spend.
 */
export class KillIntervals {
  private readonly constants: readonly LayerConstants[];
  private readonly maxPayload: number;
  private readonly generic: number;
  private readonly scratch = new Float64Array(2);

  constructor(layers: readonly DefenseLayer[], maxPayload: number, generic: number) {
    this.constants = layers.map(layerConstants);
    this.maxPayload = maxPayload;
    this.generic = generic;
  }

  into(moments: readonly PoolMoments[] | undefined, out: Float64Array, at: number): void {
    if (!moments) {
      out[at] = 0;
      out[at + 1] = this.generic;
      return;
    }
    let lo = 0;
    let hi = 0;
    const scratch = this.scratch;
    for (let i = 0; i < this.constants.length; i++) {
      intervalTo(this.constants[i]!, moments[i]!, this.maxPayload, scratch, 0);
      lo += scratch[0]!;
      hi += scratch[1]!;
    }
    out[at] = lo;
    out[at + 1] = Math.min(hi, this.generic);
  }
}
