import { convolve } from "../prob/convolve.ts";
import { hypergeometricPmf } from "../prob/hypergeometricPmf.ts";
import type { Pmf } from "../prob/pmf.ts";
import {
  DEFAULT_PRUNE_TOLERANCE,
  pmfMax,
  pmfMean,
  pmfScale,
  pointMass,
  trimPmf,
} from "../prob/pmf.ts";
import { CellMap } from "./cellMap.ts";
import type { LayerKill } from "./layerKill.ts";
import { layerKill } from "./layerKill.ts";
import { spendWork } from "../limits.ts";
import { numberList } from "../lists.ts";
import { poolDelivered } from "./poolDelivered.ts";
import type { DefenseLayer, Phase, RaidElement, VehicleKind } from "./types.ts";
export type { Coverage, DefenseLayer, RaidElement } from "./types.ts";

/** What one layer did, in expectation. */
export interface LayerBreakdown {
  readonly id: string;
  readonly phase: Phase;
  /** Expected threat RVs (boost: missiles) within the layer's footprint when it engages. */
  readonly expectedThreats: number;
  /** Expected RVs removed by this layer (boost: all RVs of the missiles it kills). */
  readonly expectedRVsKilled: number;
  /** Expected interceptors fired. */
  readonly expectedInterceptorsUsed: number;
}

export interface RaidEngagement {
  readonly ok: true;
  /** PMF of RVs delivered through every layer. */
  readonly delivered: Pmf;
  readonly pNoLeak: number;
  readonly expectedDelivered: number;
  readonly expectedInterceptorsUsed: number;
  readonly layers: readonly LayerBreakdown[];
  /** Upper bound on probability mass dropped by tail pruning. */
  readonly prunedMass: number;
}

export interface RaidEngagementFailure {
  readonly ok: false;
  readonly code: "state_too_large";
  readonly message: string;
}

export interface EngageRaidOptions {
  readonly tolerance?: number;
  /** Largest joint state (cells) the exact computation may build before it gives up. */
  readonly maxCells?: number;
}

const PHASE_ORDER: Record<Phase, number> = { boost: 0, midcourse: 1, terminal: 2 };

/** Whether a layer of this phase can engage this kind of vehicle at all. */
export function engageable(phase: Phase, kind: VehicleKind): boolean {
  if (kind === "cruise") return false; // air-breathing: outside ballistic missile defense
  if (kind === "hgv") return phase !== "midcourse"; // glides below midcourse interceptors
  return true;
}

/** The coverage of `layer` for element `id` of kind `kind`, zero where it cannot engage. */
export function coverageOf(layer: DefenseLayer, id: string, kind: VehicleKind): number {
  if (!engageable(layer.phase, kind)) return 0;
  if (typeof layer.coverage === "number") return layer.coverage;
  // Own properties only: an element id such as "constructor" must not find Object.prototype's.
  return Object.hasOwn(layer.coverage, id) ? (layer.coverage[id] ?? 0) : 0;
}

type CoordKind = "missile" | "rv" | "decoy" | "sink";

interface Coord {
  readonly kind: CoordKind;
  /** Bit i set: still to face layer i. */
  readonly route: number;
  /** For missile coordinates: RVs and decoys per missile. */
  readonly w: number;
  readonly k: number;
  /** Largest value the coordinate can take. */
  readonly max: number;
}

interface Factor {
  readonly coords: readonly Coord[];
  readonly cells: CellMap;
}

/**
 * Exact distribution of RVs delivered by a raid of several elements through an ordered layered
 * defense (DESIGN §2.1 "Layers"). Coverage splits each element's missiles deterministically into
 * routes (the sets of layers they fly through; footprints independent, largest-remainder
 * rounding). Leakers and surviving decoys of a layer are the raid of the next; the terminal layer
 * sees no decoys; a boost layer engages missiles before release, and a boost kill removes the
 * missile's whole payload; glide vehicles are not engageable in midcourse, cruise vehicles never.
 * The state is a joint PMF over the counts that still matter, kept in independent factors.
 */
export function engageRaid(
  elements: readonly RaidElement[],
  layers: readonly DefenseLayer[],
  options: EngageRaidOptions = {},
): RaidEngagement | RaidEngagementFailure {
  const tolerance = options.tolerance ?? DEFAULT_PRUNE_TOLERANCE;
  const maxCells = options.maxCells ?? 2_000_000;
  if (layers.length > 30)
    throw new Error("at most 30 layers: routes are sets of layers kept in 31 bits");
  for (let i = 1; i < layers.length; i++) {
    if (PHASE_ORDER[layers[i]!.phase] < PHASE_ORDER[layers[i - 1]!.phase]) {
      throw new Error("layers must be in flight order: boost, midcourse, terminal");
    }
  }
  const L = layers.length;
  const fast = engageSeparatePools(elements, layers, tolerance);
  if (fast) return fast;
  const midcourseBits = layers.reduce((m, l, i) => (l.phase === "midcourse" ? m | (1 << i) : m), 0);
  const firstNonBoost = layers.findIndex((l) => l.phase !== "boost");
  const releaseAt = firstNonBoost === -1 ? L : firstNonBoost;

  let factors: Factor[] = elements.map((e) => initialFactor(e, layers));
  let pruned = elements.reduce((s, e) => s + e.missiles.pruned, 0);
  const breakdown: LayerBreakdown[] = [];

  for (let li = 0; li <= L; li++) {
    if (li === releaseAt) factors = factors.map((f) => release(f, li, midcourseBits));
    if (li === L) break;
    const layer = layers[li]!;
    const bit = 1 << li;
    const stage: CoordKind = layer.phase === "boost" ? "missile" : "rv";
    const touches = (f: Factor) => f.coords.some((c) => c.kind === stage && c.route & bit);
    const involved = factors.filter(touches);
    const rest = factors.filter((f) => !touches(f));
    if (involved.length === 0) {
      breakdown.push({
        id: layer.id,
        phase: layer.phase,
        expectedThreats: 0,
        expectedRVsKilled: 0,
        expectedInterceptorsUsed: 0,
      });
      factors = rest.map((f) => simplify(f, li + 1, midcourseBits));
      continue;
    }
    // Merge one factor at a time, summing interchangeable coordinates as we go, so the joint
    // grows like a convolution rather than a product.
    let merged = simplify(involved[0]!, li, midcourseBits);
    for (const f of involved.slice(1)) {
      merged = simplify(product(merged, f), li, midcourseBits);
      if (merged.cells.size > maxCells) return tooLarge(layer.id, merged.cells.size, maxCells);
    }
    const step = engageLayer(merged, layer, li, midcourseBits, tolerance, maxCells);
    if (!step.ok) return step;
    pruned += step.pruned;
    breakdown.push(step.breakdown);
    factors = [...rest, step.factor].map((f) => simplify(f, li + 1, midcourseBits));
  }

  let delivered: Pmf = pointMass(0);
  for (const f of factors) delivered = convolve(delivered, deliveredOf(f), tolerance);
  return {
    ok: true,
    delivered: { ...delivered, pruned: delivered.pruned + pruned },
    pNoLeak: delivered.offset === 0 ? delivered.mass[0]! : 0,
    expectedDelivered: pmfMean(delivered),
    expectedInterceptorsUsed: breakdown.reduce((s, b) => s + b.expectedInterceptorsUsed, 0),
    layers: breakdown,
    prunedMass: delivered.pruned + pruned,
  };
}

/**
 * When every element flies through at most one layer (its route has at most one bit), the pools
 * of different layers are independent and each is computed on a dense grid (poolDelivered).
 */
function engageSeparatePools(
  elements: readonly RaidElement[],
  layers: readonly DefenseLayer[],
  tolerance: number,
): RaidEngagement | undefined {
  if (!elements.every((e) => e.route !== undefined && (e.route & (e.route - 1)) === 0))
    return undefined;
  let delivered: Pmf = pointMass(0);
  let pruned = 0;
  for (const e of elements) {
    if (e.route !== 0) continue;
    delivered = convolve(delivered, pmfScale(e.missiles, e.warheadsPerMissile), tolerance);
  }
  const breakdown: LayerBreakdown[] = [];
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    const pool = elements.filter((e) => e.route === 1 << i);
    if (pool.length === 0) {
      breakdown.push({
        id: layer.id,
        phase: layer.phase,
        expectedThreats: 0,
        expectedRVsKilled: 0,
        expectedInterceptorsUsed: 0,
      });
      continue;
    }
    const r = poolDelivered(pool, layer, tolerance);
    if (!r) return undefined;
    delivered = convolve(delivered, r.delivered, tolerance);
    breakdown.push({
      id: layer.id,
      phase: layer.phase,
      expectedThreats: r.expectedThreats,
      expectedRVsKilled: r.expectedRVsKilled,
      expectedInterceptorsUsed: r.expectedInterceptorsUsed,
    });
  }
  pruned += delivered.pruned;
  return {
    ok: true,
    delivered,
    pNoLeak: delivered.offset === 0 ? delivered.mass[0]! : 0,
    expectedDelivered: pmfMean(delivered),
    expectedInterceptorsUsed: breakdown.reduce((s, b) => s + b.expectedInterceptorsUsed, 0),
    layers: breakdown,
    prunedMass: pruned,
  };
}

function tooLarge(layerId: string, size: number, maxCells: number): RaidEngagementFailure {
  return {
    ok: false,
    code: "state_too_large",
    message:
      `the exact layered engagement at layer "${layerId}" needs a joint state of ${size} cells ` +
      `(limit ${maxCells}); give elements that share a layer the same coverage of later layers, ` +
      `or merge elements, so that their leakers need not be told apart`,
  };
}

/**
 * Splits counts of objects among routes (sets of layers) by coverage, one layer at a time:
 * of the objects reaching layer i's split, round(c_i × count) fly through its footprint (half up,
 * as for survivable shares); each part is then split by the next layer. Successive groups are
 * split cumulatively, so that the parts of several groups add up to the split of their total.
 */
export class RouteSplitter {
  private readonly coverage: ArrayLike<number>;
  /**
   * When every coverage is 0 or 1, the one route every object takes; else -1. (Fields keep one
   * type in every instance, so that the compiled loops reading them are not thrown away.)
   */
  private readonly fixedRoute: number;
  /**
   * Objects split so far at each node of the split tree, keyed (1 << layer) + route-so-far: in a
   * typed array when there are few layers (with the keys touched, to clear them cheaply), since
   * clearing a Map allocates a new table; in a Map otherwise.
   */
  private readonly seen = new Map<number, number>();
  /** Empty when the Map is used. */
  private readonly seenDense: Float64Array;
  private readonly touched: number[] = [];
  private touchedCount = 0;
  /** Output of the split in progress (routes and counts, in the order the tree is walked). */
  private routes: number[] = [];
  private counts: number[] = [];
  private found = 0;

  constructor(coverage: ArrayLike<number>) {
    this.coverage = coverage;
    let route = 0;
    for (let i = 0; i < coverage.length && route >= 0; i++) {
      if (coverage[i] === 1) route |= 1 << i;
      else if (coverage[i] !== 0) route = -1;
    }
    this.fixedRoute = route;
    this.seenDense = new Float64Array(
      route < 0 && coverage.length <= 10 ? 2 << coverage.length : 0,
    );
  }

  /** Splits the next group of `count` objects; returns counts by route bitmask. */
  split(count: number): Map<number, number> {
    const routes = numberList();
    const counts = numberList();
    const k = this.splitTo(count, routes, counts);
    const out = new Map<number, number>();
    for (let i = 0; i < k; i++) out.set(routes[i]!, counts[i]!);
    return out;
  }

  /**
   * `split` without allocation: writes the routes and counts of the next group of `count`
   * objects into `routes[0..k)` and `counts[0..k)` (each route at most once, none with count 0)
   * and returns k.
   */
  splitTo(count: number, routes: number[], counts: number[]): number {
    if (count === 0) return 0;
    // (Whole counts only: the rounding walk below is what defines a fractional count's split.)
    if (this.fixedRoute >= 0 && Number.isInteger(count)) {
      routes[0] = this.fixedRoute;
      counts[0] = count;
      return 1;
    }
    this.routes = routes;
    this.counts = counts;
    this.found = 0;
    this.walk(0, 0, count);
    return this.found;
  }

  /** Forgets every split so far: the next split starts a fresh sequence. */
  reset(): void {
    const dense = this.seenDense;
    if (dense.length > 0) {
      for (let i = 0; i < this.touchedCount; i++) dense[this.touched[i]!] = 0;
      this.touchedCount = 0;
    } else if (this.seen.size > 0) this.seen.clear();
  }

  private walk(layer: number, route: number, n: number): void {
    if (n === 0) return;
    if (layer === this.coverage.length) {
      this.routes[this.found] = route;
      this.counts[this.found] = n;
      this.found++;
      return;
    }
    const key = (1 << layer) + route; // route < 2^layer: a unique node id
    const dense = this.seenDense;
    let before: number;
    if (dense.length > 0) {
      before = dense[key]!;
      if (before === 0) this.touched[this.touchedCount++] = key;
      dense[key] = before + n;
    } else {
      before = this.seen.get(key) ?? 0;
      this.seen.set(key, before + n);
    }
    const c = this.coverage[layer]!;
    const covered = Math.round(c * (before + n)) - Math.round(c * before);
    this.walk(layer + 1, route | (1 << layer), covered);
    this.walk(layer + 1, route, n - covered);
  }
}

/** The coverage of each layer for one element, zero where the layer cannot engage it. */
export function coverageVector(
  layers: readonly DefenseLayer[],
  id: string,
  kind: VehicleKind,
): Float64Array {
  // A typed array: whether the coverages are whole (0, 1) or not, every vector has the same
  // representation, so the loops that read them are compiled once.
  const out = new Float64Array(layers.length);
  for (let i = 0; i < layers.length; i++) out[i] = coverageOf(layers[i]!, id, kind);
  return out;
}

function initialFactor(element: RaidElement, layers: readonly DefenseLayer[]): Factor {
  const m = element.missiles;
  // Each possible missile count splits into routes on its own (a fresh splitter per value).
  const splits: Map<number, number>[] = [];
  for (let i = 0; i < m.mass.length; i++) {
    const n = m.offset + i;
    splits.push(
      element.route !== undefined
        ? new Map([[element.route, n]])
        : new RouteSplitter(coverageVector(layers, element.id, element.kind)).split(n),
    );
  }
  const routes = [...new Set(splits.flatMap((sp) => [...sp.keys()]))].sort((a, b) => b - a);
  if (routes.length === 0) routes.push(element.route ?? 0);
  const max = pmfMax(m);
  const coords: Coord[] = routes.map((route) => ({
    kind: "missile",
    route,
    w: element.warheadsPerMissile,
    k: element.decoysPerMissile,
    max,
  }));
  const cells = new CellMap(coords.map((c) => c.max));
  splits.forEach((sp, i) =>
    cells.add(
      routes.map((r) => sp.get(r) ?? 0),
      m.mass[i]!,
    ),
  );
  return { coords, cells };
}

/** Missiles release their RVs and decoys (after the boost layers). */
function release(f: Factor, from: number, midcourseBits: number): Factor {
  const coords: Coord[] = [];
  const map: { src: number; mult: number }[] = [];
  f.coords.forEach((c, i) => {
    if (c.kind !== "missile") {
      coords.push(c);
      map.push({ src: i, mult: 1 });
      return;
    }
    coords.push({ kind: "rv", route: c.route, w: 1, k: 0, max: c.max * c.w });
    map.push({ src: i, mult: c.w });
    if (c.k > 0) {
      coords.push({ kind: "decoy", route: c.route, w: 1, k: 0, max: c.max * c.k });
      map.push({ src: i, mult: c.k });
    }
  });
  spendWork((4 + f.coords.length) * f.cells.size, "layered engagement");
  const cells = new CellMap(coords.map((c) => c.max));
  for (let n = 0; n < f.cells.size; n++) {
    const src = f.cells.counts[n]!;
    cells.add(
      map.map((m) => src[m.src]! * m.mult),
      f.cells.probs[n]!,
    );
  }
  return simplify({ coords, cells }, from, midcourseBits);
}

/**
 * Drops what no longer matters from layer `from` on and merges interchangeable coordinates:
 * RVs with no layer left become delivered ("sink"); decoys with no midcourse layer left vanish;
 * coordinates of the same kind and remaining route are summed.
 */
function simplify(f: Factor, from: number, midcourseBits: number): Factor {
  const remaining = ~((1 << from) - 1);
  const sig = (c: Coord): string | undefined => {
    const route = c.route & remaining;
    if (c.kind === "decoy") return route & midcourseBits ? `d${route}` : undefined;
    if (c.kind === "rv" || c.kind === "sink") return route === 0 ? "s" : `r${route}`;
    return `m${route},${c.w},${c.k}`;
  };
  const groups = new Map<string, number[]>();
  f.coords.forEach((c, i) => {
    const s = sig(c);
    if (s === undefined) return;
    const g = groups.get(s);
    if (g) g.push(i);
    else groups.set(s, [i]);
  });
  const coords: Coord[] = [];
  const sources: number[][] = [];
  for (const [s, idx] of groups) {
    const first = f.coords[idx[0]!]!;
    const max = idx.reduce((m, i) => m + f.coords[i]!.max, 0);
    coords.push({
      kind: s === "s" ? "sink" : first.kind,
      route: s === "s" ? 0 : first.route & remaining,
      w: first.w,
      k: first.k,
      max,
    });
    sources.push(idx);
  }
  const unchanged =
    coords.length === f.coords.length &&
    sources.every((idx, i) => idx.length === 1 && idx[0] === i);
  if (
    unchanged &&
    coords.every((c, i) => c.route === f.coords[i]!.route && c.kind === f.coords[i]!.kind)
  ) {
    return f;
  }
  spendWork((4 + f.coords.length) * f.cells.size, "layered engagement");
  const cells = new CellMap(coords.map((c) => c.max));
  for (let n = 0; n < f.cells.size; n++) {
    const src = f.cells.counts[n]!;
    cells.add(
      sources.map((idx) => idx.reduce((s, i) => s + src[i]!, 0)),
      f.cells.probs[n]!,
    );
  }
  return { coords, cells };
}

function product(a: Factor, b: Factor): Factor {
  const coords = [...a.coords, ...b.coords];
  spendWork((4 + coords.length) * a.cells.size * b.cells.size, "layered engagement");
  const cells = new CellMap(coords.map((c) => c.max));
  for (let i = 0; i < a.cells.size; i++) {
    const ca = a.cells.counts[i]!;
    const pa = a.cells.probs[i]!;
    for (let j = 0; j < b.cells.size; j++) {
      cells.add([...ca, ...b.cells.counts[j]!], pa * b.cells.probs[j]!);
    }
  }
  return { coords, cells };
}

/**
 * Every way `x` kills can fall on groups of sizes `sizes` when the killed objects are a uniformly
 * random subset (a multivariate hypergeometric, drawn group by group).
 */
function splitKills(
  sizes: readonly number[],
  x: number,
  tolerance: number,
): { parts: number[]; p: number }[] {
  if (sizes.length === 1) return [{ parts: [x], p: 1 }];
  let total = sizes.reduce((s, n) => s + n, 0);
  let acc: { parts: number[]; p: number; left: number }[] = [{ parts: [], p: 1, left: x }];
  for (let g = 0; g < sizes.length; g++) {
    const n = sizes[g]!;
    const next: typeof acc = [];
    for (const a of acc) {
      if (g === sizes.length - 1) {
        next.push({ parts: [...a.parts, a.left], p: a.p, left: 0 });
        continue;
      }
      const row = hypergeometricPmf(total, n, a.left, tolerance);
      for (let i = 0; i < row.mass.length; i++) {
        const w = row.mass[i]!;
        if (w === 0) continue;
        const xi = row.offset + i;
        next.push({ parts: [...a.parts, xi], p: a.p * w, left: a.left - xi });
      }
    }
    total -= n;
    acc = next;
  }
  return acc.map(({ parts, p }) => ({ parts, p }));
}

function engageLayer(
  f: Factor,
  layer: DefenseLayer,
  li: number,
  midcourseBits: number,
  tolerance: number,
  maxCells: number,
): { ok: true; factor: Factor; breakdown: LayerBreakdown; pruned: number } | RaidEngagementFailure {
  const bit = 1 << li;
  const boost = layer.phase === "boost";
  const threatIdx: number[] = [];
  const decoyIdx: number[] = [];
  f.coords.forEach((c, i) => {
    if (!(c.route & bit)) return;
    if (boost ? c.kind === "missile" : c.kind === "rv") threatIdx.push(i);
    if (layer.phase === "midcourse" && c.kind === "decoy") decoyIdx.push(i);
  });
  const laterMidcourse = midcourseBits & ~((1 << (li + 1)) - 1);
  const decoysMatter = decoyIdx.some((i) => f.coords[i]!.route & laterMidcourse);
  const R = layer.reliability;
  const cells = new CellMap(f.coords.map((c) => c.max));
  const cache = new Map<number, LayerKill>();
  let pruned = 0;
  let eThreats = 0;
  let eKilledRV = 0;
  let eShots = 0;
  for (let n = 0; n < f.cells.size; n++) {
    const counts = f.cells.counts[n]!;
    const p = f.cells.probs[n]!;
    const sizes = threatIdx.map((i) => counts[i]!);
    const dSizes = decoyIdx.map((i) => counts[i]!);
    const N = sizes.reduce((s, v) => s + v, 0);
    const M = dSizes.reduce((s, v) => s + v, 0);
    eThreats += p * N;
    if (R < 1) cells.add(counts, p * (1 - R));
    const key = N * 1_000_003 + M;
    let kill = cache.get(key);
    if (!kill) {
      kill = layerKill(N, M, layer, { tolerance, withDecoys: decoysMatter && M > 0 });
      cache.set(key, kill);
    }
    eShots += p * R * kill.expectedShots;
    const pw = p * R;
    if (kill.joint && decoysMatter) {
      const j = kill.joint;
      pruned += pw * j.pruned;
      for (let xi = 0; xi < j.nx; xi++) {
        for (let yi = 0; yi < j.ny; yi++) {
          const pxy = j.data[xi * j.ny + yi]!;
          if (pxy === 0) continue;
          applyKills(
            cells,
            counts,
            threatIdx,
            sizes,
            j.x0 + xi,
            decoyIdx,
            dSizes,
            j.y0 + yi,
            pw * pxy,
            tolerance,
            f,
            boost,
            (rv) => (eKilledRV += rv),
          );
        }
      }
    } else {
      pruned += pw * kill.killed.pruned;
      for (let xi = 0; xi < kill.killed.mass.length; xi++) {
        const px = kill.killed.mass[xi]!;
        if (px === 0) continue;
        applyKills(
          cells,
          counts,
          threatIdx,
          sizes,
          kill.killed.offset + xi,
          [],
          [],
          0,
          pw * px,
          tolerance,
          f,
          boost,
          (rv) => (eKilledRV += rv),
        );
      }
    }
    if (cells.size > maxCells) return tooLarge(layer.id, cells.size, maxCells);
  }
  return {
    ok: true,
    factor: { coords: f.coords, cells },
    breakdown: {
      id: layer.id,
      phase: layer.phase,
      expectedThreats: eThreats,
      expectedRVsKilled: eKilledRV,
      expectedInterceptorsUsed: eShots,
    },
    pruned,
  };
}

function applyKills(
  cells: CellMap,
  counts: readonly number[],
  threatIdx: readonly number[],
  sizes: readonly number[],
  x: number,
  decoyIdx: readonly number[],
  dSizes: readonly number[],
  y: number,
  weight: number,
  tolerance: number,
  f: Factor,
  boost: boolean,
  onRvKilled: (expectedRvKilled: number) => void,
): void {
  const rvSplits = splitKills(sizes, x, tolerance);
  const decoySplits =
    decoyIdx.length > 0 ? splitKills(dSizes, y, tolerance) : [{ parts: [], p: 1 }];
  // Every pair of an RV split and a decoy split makes a cell of counts.length entries.
  spendWork((4 + counts.length) * rvSplits.length * decoySplits.length, "layered engagement");
  for (const rs of rvSplits) {
    let removed = 0;
    rs.parts.forEach((k, g) => {
      removed += boost ? k * f.coords[threatIdx[g]!]!.w : k;
    });
    onRvKilled(weight * rs.p * removed);
    for (const ds of decoySplits) {
      const next = counts.slice();
      rs.parts.forEach((k, g) => {
        next[threatIdx[g]!] = next[threatIdx[g]!]! - k;
      });
      ds.parts.forEach((k, g) => {
        next[decoyIdx[g]!] = next[decoyIdx[g]!]! - k;
      });
      cells.add(next, weight * rs.p * ds.p);
    }
  }
}

/** PMF of RVs delivered by a factor once every layer is done. */
function deliveredOf(f: Factor): Pmf {
  const rvIdx = f.coords.flatMap((c, i) => (c.kind === "sink" || c.kind === "rv" ? [i] : []));
  const max = rvIdx.reduce((s, i) => s + f.coords[i]!.max, 0);
  const mass = new Float64Array(max + 1);
  for (let n = 0; n < f.cells.size; n++) {
    const counts = f.cells.counts[n]!;
    let v = 0;
    for (const i of rvIdx) v += counts[i]!;
    mass[v] = mass[v]! + f.cells.probs[n]!;
  }
  return trimPmf(mass, 0, 0, 0);
}
