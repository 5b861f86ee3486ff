import type { DefenseLayer } from "../engagement/types.ts";
import { coverageVector, RouteSplitter } from "../engagement/engageRaid.ts";
import { killProbability } from "../engagement/killProbability.ts";
import { mapList, numberList } from "../lists.ts";
import type { CounterforcePlan } from "./counterforcePlan.ts";
import type { Side } from "./types.ts";

/** Mean and variance of the RVs in one layer's footprint, and whether decoys come with them. */
export interface PoolMoments {
  mean: number;
  variance: number;
  decoys: boolean;
}

/**
 * `PoolMoments` of every layer, in typed arrays (index = layer) so that the loops that refill them
 * at every counterforce spend write numbers in place and allocate nothing.
 */
export interface PoolMomentSet {
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  /** 1 when decoys come with the layer's RVs. */
  readonly decoys: Uint8Array;
}

function momentSet(layers: number): PoolMomentSet {
  return {
    mean: new Float64Array(layers),
    variance: new Float64Array(layers),
    decoys: new Uint8Array(layers),
  };
}

function clearMoments(m: PoolMomentSet): void {
  // A loop: for a handful of layers it is several times cheaper than three fill() calls.
  for (let i = 0; i < m.mean.length; i++) {
    m.mean[i] = 0;
    m.variance[i] = 0;
    m.decoys[i] = 0;
  }
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
  intervalTo(layerConstants(layer), m.mean, m.variance, m.decoys, maxPayload, out, 0);
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
  mean: number,
  variance: number,
  decoys: boolean,
  maxPayload: number,
  out: Float64Array,
  at: number,
): void {
  const R = c.reliability;
  out[at] = 0;
  out[at + 1] = 0;
  if (c.idle || mean <= 0) return;
  if (c.boost) {
    out[at + 1] = R * c.cap * maxPayload;
    return;
  }
  const hi = Math.min(c.cap, mean);
  if (!c.barrage || (decoys && c.decoyBlind)) {
    out[at + 1] = R * hi;
    return;
  }
  const lo = c.pk * Math.max(0, mean - excessBound(mean, variance, c.engageable));
  out[at] = R * lo;
  out[at + 1] = R * Math.min(hi, c.pk * Math.min(mean, c.engageable));
}

/**
 * Moments of the RVs each layer's pool receives from a victim's retaliation at a plan's current
 * allocation (launcher groups split by coverage as in `retaliationRaid`). `at(plan)` returns
 * undefined when some launchers fly through more than one layer (then only the generic bound
 * applies). An element's parts are recomputed only when the plan's version for it changes. This
 * runs once per counterforce spend: it reuses its arrays and allocates nothing in the loop.
 */
export class RetaliationMoments {
  private readonly victim: Side;
  private readonly lua: number;
  private readonly versions: Float64Array;
  private readonly splitters: RouteSplitter[];
  /** Element e's parts by route: the first `partCounts[e]` entries are current. */
  private readonly partRoutes: number[][];
  private readonly partMeans: number[][];
  private readonly partVariances: number[][];
  private readonly partCounts: Float64Array;
  private readonly out: PoolMomentSet;
  private readonly routes = numberList();
  private readonly counts = numberList();

  constructor(victim: Side, layers: readonly DefenseLayer[], launchUnderAttack: number) {
    this.victim = victim;
    this.lua = launchUnderAttack;
    const n = victim.forces.length;
    this.versions = new Float64Array(n).fill(-1);
    this.splitters = mapList(
      victim.forces,
      (f) => new RouteSplitter(coverageVector(layers, f.id, f.kind)),
    );
    // Lists of doubles from the start, whole numbers or not (see lists.ts).
    this.partRoutes = mapList(victim.forces, numberList);
    this.partMeans = mapList(victim.forces, numberList);
    this.partVariances = mapList(victim.forces, numberList);
    this.partCounts = new Float64Array(n);
    this.out = momentSet(layers.length);
  }

  at(plan: CounterforcePlan): PoolMomentSet | undefined {
    const out = this.out;
    clearMoments(out);
    const forces = this.victim.forces;
    for (let e = 0; e < forces.length; e++) {
      if (plan.version(e) !== this.versions[e]) {
        this.elementParts(plan, e);
        this.versions[e] = plan.version(e);
      }
      const routes = this.partRoutes[e]!;
      const means = this.partMeans[e]!;
      const variances = this.partVariances[e]!;
      const decoys = forces[e]!.decoysPerWarhead > 0 ? 1 : 0;
      for (let j = 0; j < this.partCounts[e]!; j++) {
        const route = routes[j]!;
        if (route === 0 || means[j] === 0) continue;
        if ((route & (route - 1)) !== 0) return undefined;
        const i = 31 - Math.clz32(route);
        out.mean[i] = out.mean[i]! + means[j]!;
        out.variance[i] = out.variance[i]! + variances[j]!;
        out.decoys[i] = out.decoys[i]! | decoys;
      }
    }
    return out;
  }

  /** Element e's parts by route, launcher groups in `plan.groups(e)` order. */
  private elementParts(plan: CounterforcePlan, e: number): void {
    const f = this.victim.forces[e]!;
    const splitter = this.splitters[e]!;
    splitter.reset();
    this.partCounts[e] = 0;
    const u = plan.untargetableCount(e);
    if (u > 0) this.addGroup(e, splitter, u, f.reliability);
    const groups = plan.targetedGroups(e);
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      this.addGroup(e, splitter, g.count, (this.lua + (1 - this.lua) * g.survival) * f.reliability);
    }
  }

  private addGroup(e: number, splitter: RouteSplitter, count: number, p: number): void {
    const w = this.victim.forces[e]!.warheadsPerLauncher;
    const routes = this.partRoutes[e]!;
    const means = this.partMeans[e]!;
    const variances = this.partVariances[e]!;
    const k = splitter.splitTo(count, this.routes, this.counts);
    for (let j = 0; j < k; j++) {
      const route = this.routes[j]!;
      const n = this.counts[j]!;
      const used = this.partCounts[e]!;
      let i = 0;
      while (i < used && routes[i] !== route) i++;
      if (i === used) {
        routes[i] = route;
        means[i] = 0;
        variances[i] = 0;
        this.partCounts[e] = used + 1;
      }
      means[i] = means[i]! + w * n * p;
      variances[i] = variances[i]! + w * w * n * p * (1 - p);
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
  perElement: ArrayLike<number>,
  counterforceTotal: number,
  meanReliability: number,
  layers: readonly DefenseLayer[],
): (s: number) => PoolMomentSet | undefined {
  const rho = meanReliability;
  const plans = mapList(striker.forces, (f, e) => {
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
      routes: mapList(routes, ([route, share]) => ({ layer: 31 - Math.clz32(route), share })),
    };
  });
  const overlap = plans.some((p) => p.overlap && p.a > 0);
  const out = momentSet(layers.length);
  return (s) => {
    if (overlap) return undefined;
    clearMoments(out);
    for (let e = 0; e < plans.length; e++) {
      const { f, a, routes } = plans[e]!;
      const left = f.counterforce && counterforceTotal > 0 ? a * (1 - s / counterforceTotal) : a;
      const missiles = Math.max(0, left) / f.warheadsPerLauncher;
      if (missiles <= 0) continue;
      const w = f.warheadsPerLauncher;
      const decoys = f.decoysPerWarhead > 0 ? 1 : 0;
      for (let r = 0; r < routes.length; r++) {
        const { layer, share } = routes[r]!;
        const x = missiles * share;
        const frac = x - Math.floor(x);
        out.mean[layer] = out.mean[layer]! + w * x * rho;
        out.variance[layer] =
          out.variance[layer]! + w * w * (x * rho * (1 - rho) + frac * (1 - frac) * rho * rho);
        out.decoys[layer] = out.decoys[layer]! | decoys;
      }
    }
    return out;
  };
}

/** Sum of per-layer kill intervals, or the generic bound when moments are unavailable. */
export function killInterval(
  layers: readonly DefenseLayer[],
  moments: PoolMomentSet | undefined,
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
    this.constants = mapList(layers, layerConstants);
    this.maxPayload = maxPayload;
    this.generic = generic;
  }

  into(moments: PoolMomentSet | undefined, out: Float64Array, at: number): void {
    if (!moments) {
      out[at] = 0;
      out[at + 1] = this.generic;
      return;
    }
    let lo = 0;
    let hi = 0;
    const scratch = this.scratch;
    for (let i = 0; i < this.constants.length; i++) {
      const c = this.constants[i]!;
      const decoys = moments.decoys[i] === 1;
      intervalTo(c, moments.mean[i]!, moments.variance[i]!, decoys, this.maxPayload, scratch, 0);
      lo += scratch[0]!;
      hi += scratch[1]!;
    }
    out[at] = lo;
    out[at + 1] = Math.min(hi, this.generic);
  }
}
