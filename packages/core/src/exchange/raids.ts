import type { DefenseLayer, RaidElement } from "../engagement/engageRaid.ts";
import { RouteSplitter, coverageVector } from "../engagement/engageRaid.ts";
import { spendWork } from "../limits.ts";
import { mapList, numberList, objectList } from "../lists.ts";
import { binomialPmf } from "../prob/binomialPmf.ts";
import { convolve } from "../prob/convolve.ts";
import type { Pmf } from "../prob/pmf.ts";
import { DEFAULT_PRUNE_TOLERANCE, pmfMixture, pointMass } from "../prob/pmf.ts";
import type { CounterforcePlan } from "./counterforcePlan.ts";
import type { Side } from "./types.ts";

const PHASE_ORDER = { boost: 0, midcourse: 1, terminal: 2 } as const;

/** All layers of a side's defenses in flight order (stable: declared order within a phase). */
export function defenseLayers(side: Side): DefenseLayer[] {
  const order = objectList<{ l: DefenseLayer; i: number }>();
  for (const d of side.defenses) for (const l of d.layers) order.push({ l, i: order.length });
  order.sort((a, b) => PHASE_ORDER[a.l.phase] - PHASE_ORDER[b.l.phase] || a.i - b.i);
  // One list representation with layers or without (see lists.ts).
  return mapList(order, ({ l }) => l);
}

/**
 * The victim's retaliation as raid elements: for each force element and each route (set of the
 * striker's defense layers its missiles fly through), the PMF of missiles that survive and work.
 * A targeted launcher survives with probability LUA + (1 − LUA)·S (it launches under attack, or
 * the warheads aimed at it fail); an untargetable one always survives; then each launcher works
 * with the element's reliability. Launchers, not warheads, are split among routes, so the
 * elements returned are independent.
 */
export function retaliationRaid(
  victim: Side,
  plan: CounterforcePlan,
  layers: readonly DefenseLayer[],
  launchUnderAttack: number,
  tolerance: number = DEFAULT_PRUNE_TOLERANCE,
  cache?: Map<string, RaidElement[]>,
  coveredOnly = false,
): RaidElement[] {
  const out: RaidElement[] = [];
  victim.forces.forEach((f, e) => {
    // An element's sub-elements depend only on its launcher groups: reuse them while the plan
    // has not touched the element (the walk changes one element per warhead).
    const key = `${plan.version(e)}|${coveredOnly ? 1 : 0}`;
    const hit = cache?.get(key);
    if (hit) {
      out.push(...hit);
      return;
    }
    const splitter = new RouteSplitter(coverageVector(layers, f.id, f.kind));
    const parts = new Map<number, { n: number; p: number }[]>();
    for (const g of plan.groups(e)) {
      const survive = g.targetable ? launchUnderAttack + (1 - launchUnderAttack) * g.survival : 1;
      for (const [route, n] of splitter.split(g.count)) {
        const list = parts.get(route) ?? [];
        list.push({ n, p: survive * f.reliability });
        parts.set(route, list);
      }
    }
    const mine = routeElements(f, parts, coveredOnly, tolerance);
    cache?.set(key, mine);
    out.push(...mine);
  });
  return out;
}

/**
 * An element's raid elements, one per route (descending), each the sum of independent
 * Binomial(n, p) missile counts of the launcher groups split to it, in the order given.
 */
function routeElements(
  f: Side["forces"][number],
  parts: ReadonlyMap<number, readonly { n: number; p: number }[]>,
  coveredOnly: boolean,
  tolerance: number,
): RaidElement[] {
  const mine: RaidElement[] = [];
  for (const [route, list] of [...parts].sort((a, b) => b[0] - a[0])) {
    if (coveredOnly && route === 0) continue;
    let missiles: Pmf = pointMass(0);
    for (const { n, p } of list) {
      const b = binomialPmf(n, p, tolerance);
      // Metered: the row costs its length, the convolution the product of the lengths.
      spendWork((b.mass.length * (1 + missiles.mass.length)) / 3, "retaliation distribution");
      missiles = convolve(missiles, b, tolerance);
    }
    mine.push({
      id: f.id,
      kind: f.kind,
      warheadsPerMissile: f.warheadsPerLauncher,
      decoysPerMissile: f.warheadsPerLauncher * f.decoysPerWarhead,
      missiles,
      route,
    });
  }
  return mine;
}

/**
 * The covered part of a victim's retaliation (`retaliationRaid` with `coveredOnly`) along a
 * counterforce walk, identified by its content. Most warheads of a walk change launchers that
 * fly through no layer, or regroup covered ones without changing what flies through the layers;
 * two allocations with equal `key(plan)` have equal covered raids, so what is computed from a
 * raid can be kept by key, and each element's raid elements are kept by theirs.
 */
export class CoveredRetaliation {
  private readonly victim: Side;
  private readonly lua: number;
  private readonly tolerance: number;
  /** Per element, its route splitter; undefined when the element flies through no layer. */
  private readonly splitters: (RouteSplitter | undefined)[];
  private readonly elementKeys: string[];
  private readonly elements = new Map<string, RaidElement[]>();
  private readonly routes = numberList();
  private readonly counts = numberList();

  constructor(
    victim: Side,
    layers: readonly DefenseLayer[],
    launchUnderAttack: number,
    tolerance: number = DEFAULT_PRUNE_TOLERANCE,
  ) {
    this.victim = victim;
    this.lua = launchUnderAttack;
    this.tolerance = tolerance;
    this.splitters = mapList(victim.forces, (f) => {
      const cov = coverageVector(layers, f.id, f.kind);
      return cov.some((c) => c > 0) ? new RouteSplitter(cov) : undefined;
    });
    this.elementKeys = mapList(victim.forces, () => "");
  }

  /** The content key of the covered raid at the plan's allocation (equal keys: equal raids). */
  key(plan: CounterforcePlan): string {
    let key = "";
    for (let e = 0; e < this.splitters.length; e++) {
      const splitter = this.splitters[e];
      if (!splitter) continue;
      const f = this.victim.forces[e]!;
      splitter.reset();
      let k = "";
      const u = plan.untargetableCount(e);
      if (u > 0) k += this.groupKey(splitter, u, f.reliability);
      const groups = plan.targetedGroups(e);
      for (let i = 0; i < groups.length; i++) {
        const g = groups[i]!;
        const p = (this.lua + (1 - this.lua) * g.survival) * f.reliability;
        k += this.groupKey(splitter, g.count, p);
      }
      this.elementKeys[e] = k;
      key += `${e}[${k}]`;
    }
    return key;
  }

  /** The covered raid at the plan's allocation; call `key(plan)` first, at the same allocation. */
  raid(): RaidElement[] {
    const out: RaidElement[] = [];
    for (let e = 0; e < this.splitters.length; e++) {
      if (!this.splitters[e]) continue;
      const k = this.elementKeys[e]!;
      let mine = this.elements.get(`${e}[${k}]`);
      if (!mine) {
        mine = routeElements(this.victim.forces[e]!, parseParts(k), true, this.tolerance);
        // Bounded (its elements' PMFs can be large); a walk comes back to few of them.
        if (this.elements.size >= 256) this.elements.clear();
        this.elements.set(`${e}[${k}]`, mine);
      }
      out.push(...mine);
    }
    return out;
  }

  /** The covered routes of one launcher group: "route:n:p;" per route it splits to. */
  private groupKey(splitter: RouteSplitter, count: number, p: number): string {
    const k = splitter.splitTo(count, this.routes, this.counts);
    let key = "";
    for (let j = 0; j < k; j++) {
      if (this.routes[j] !== 0) key += `${this.routes[j]}:${this.counts[j]}:${p};`;
    }
    return key;
  }
}

/** mass[base + i] += weight · add[i]. */
function addScaled(mass: Float64Array, base: number, add: Float64Array, weight: number): void {
  for (let i = 0; i < add.length; i++) mass[base + i]! += weight * add[i]!;
}

/** The route → [(n, p)] lists an element key lists (numbers round-trip through strings). */
function parseParts(key: string): Map<number, { n: number; p: number }[]> {
  const parts = new Map<number, { n: number; p: number }[]>();
  for (const entry of key.split(";")) {
    if (entry === "") continue;
    const [route, n, p] = entry.split(":").map(Number) as [number, number, number];
    const list = parts.get(route) ?? [];
    list.push({ n, p });
    parts.set(route, list);
  }
  return parts;
}

/**
 * Binomial with a real number of trials: the mixture of Binomial(⌊x⌋, p) and Binomial(⌊x⌋+1, p)
 * with weight frac(x) on the latter, so that the mean is x·p exactly. Used where a count is an
 * expectation (warheads left for the value strike).
 */
export function binomialReal(
  x: number,
  p: number,
  tolerance: number = DEFAULT_PRUNE_TOLERANCE,
): Pmf {
  const lo = Math.floor(x);
  const f = x - lo;
  if (f < 1e-12) return binomialPmf(lo, p, tolerance);
  return pmfMixture([
    { weight: 1 - f, pmf: binomialPmf(lo, p, tolerance) },
    { weight: f, pmf: binomialPmf(lo + 1, p, tolerance) },
  ]);
}

/** Warheads of each element available to a first strike, and the counterforce-capable total. */
export function strikerAvailability(
  striker: Side,
  strikerReadiness: number,
): {
  readonly perElement: Float64Array;
  readonly total: number;
  readonly counterforce: number;
  /** Warhead-weighted mean reliability of the available warheads. */
  readonly meanReliability: number;
} {
  // A typed array: whole or fractional, every side's availability has the same representation.
  const perElement = Float64Array.from(
    striker.forces,
    (f) => f.launchers * f.warheadsPerLauncher * (f.basing === "silo" ? 1 : strikerReadiness),
  );
  const total = perElement.reduce((a, b) => a + b, 0);
  const counterforce = striker.forces.reduce(
    (s, f, e) => s + (f.counterforce ? perElement[e]! : 0),
    0,
  );
  const meanReliability =
    total > 0
      ? striker.forces.reduce((s, f, e) => s + perElement[e]! * f.reliability, 0) / total
      : 0;
  return { perElement, total, counterforce, meanReliability };
}

/**
 * The striker's value strike after spending `s` warheads on counterforce: the counterforce
 * warheads are drawn from the counterforce-capable elements in proportion to what each has
 * available; every remaining warhead goes to the victim's value, each missile arriving with the
 * striker's mean reliability (DESIGN §2.2), through the victim's defenses. Counts are
 * expectations, so coverage splits them as real numbers (no rounding).
 */
export function valueStrikeRaid(
  striker: Side,
  s: number,
  strikerReadiness: number,
  layers: readonly DefenseLayer[],
  tolerance: number = DEFAULT_PRUNE_TOLERANCE,
  coveredOnly = false,
): RaidElement[] {
  return new ValueStrike(striker, strikerReadiness, layers, tolerance).raid(s, coveredOnly);
}

/**
 * `valueStrikeRaid` for many spends of one striker against one set of layers: the availability
 * and each element's route shares do not depend on s and are worked out once, and the binomial
 * rows behind `binomialReal` are kept, since neighbouring spends share ⌊x⌋ (the same rows,
 * mixed with other weights). Rows are immutable, so sharing them changes nothing.
 */
export class ValueStrike {
  private readonly striker: Side;
  private readonly tolerance: number;
  private readonly avail: ReturnType<typeof strikerAvailability>;
  /** Per element: its routes (descending, as `valueStrikeRaid` lists them) and their shares. */
  private readonly routes: { route: number; share: number }[][];
  /** Binomial(n, mean reliability) rows by n. */
  private readonly rows = new Map<number, Pmf>();
  /** Mixture buffers, by position in the raid. */
  private readonly buffers: Float64Array[] = [];

  constructor(
    striker: Side,
    strikerReadiness: number,
    layers: readonly DefenseLayer[],
    tolerance: number = DEFAULT_PRUNE_TOLERANCE,
  ) {
    this.striker = striker;
    this.tolerance = tolerance;
    this.avail = strikerAvailability(striker, strikerReadiness);
    this.routes = mapList(striker.forces, (f) => {
      const shares = new Map<number, number>([[0, 1]]);
      coverageVector(layers, f.id, f.kind).forEach((c, i) => {
        for (const [route, share] of [...shares]) {
          shares.set(route, share * (1 - c));
          shares.set(route | (1 << i), (shares.get(route | (1 << i)) ?? 0) + share * c);
        }
      });
      const kept = [...shares].sort((x, y) => y[0] - x[0]).filter(([, share]) => share > 0);
      return mapList(kept, ([route, share]) => ({ route, share }));
    });
  }

  /**
   * The raid after spending s warheads on counterforce (route 0 left out when coveredOnly). Its
   * missile PMFs are written into buffers this object keeps (typed arrays of more than a few
   * entries live outside the heap, and a sweep makes millions of them): they stay valid until
   * the next call, so use the raid before asking for another.
   */
  raid(s: number, coveredOnly = false): RaidElement[] {
    const avail = this.avail;
    const out: RaidElement[] = [];
    const forces = this.striker.forces;
    for (let e = 0; e < forces.length; e++) {
      const f = forces[e]!;
      const a = avail.perElement[e]!;
      const left = f.counterforce && avail.counterforce > 0 ? a * (1 - s / avail.counterforce) : a;
      const missiles = Math.max(0, left) / f.warheadsPerLauncher;
      if (missiles <= 0) continue;
      const routes = this.routes[e]!;
      for (let r = 0; r < routes.length; r++) {
        const { route, share } = routes[r]!;
        if (coveredOnly && route === 0) continue;
        out.push({
          id: f.id,
          kind: f.kind,
          warheadsPerMissile: f.warheadsPerLauncher,
          decoysPerMissile: f.warheadsPerLauncher * f.decoysPerWarhead,
          missiles: this.binomialReal(missiles * share, out.length),
          route,
        });
      }
    }
    return out;
  }

  /** `binomialReal(x, mean reliability)` from the kept rows, mixed into buffer `slot`. */
  private binomialReal(x: number, slot: number): Pmf {
    const lo = Math.floor(x);
    const f = x - lo;
    if (f < 1e-12) return this.row(lo);
    const a = this.row(lo);
    const b = this.row(lo + 1);
    // The mixture (1 − f)·a + f·b, as `pmfMixture` computes it.
    const start = Math.min(a.offset, b.offset);
    const end = Math.max(a.offset + a.mass.length, b.offset + b.mass.length);
    while (this.buffers.length <= slot) this.buffers.push(new Float64Array(32));
    let buffer = this.buffers[slot]!;
    if (buffer.length < end - start) {
      buffer = new Float64Array(Math.max(end - start, 2 * buffer.length));
      this.buffers[slot] = buffer;
    }
    const mass = buffer.subarray(0, end - start);
    mass.fill(0);
    addScaled(mass, a.offset - start, a.mass, 1 - f);
    addScaled(mass, b.offset - start, b.mass, f);
    return { offset: start, mass, pruned: (1 - f) * a.pruned + f * b.pruned };
  }

  private row(n: number): Pmf {
    let r = this.rows.get(n);
    if (!r) {
      // Bounded: along a walk x(s) only falls, so only the last few rows are asked for again
      // (and a row of a huge element is large).
      if (this.rows.size >= 64) this.rows.clear();
      r = binomialPmf(n, this.avail.meanReliability, this.tolerance);
      this.rows.set(n, r);
    }
    return r;
  }
}
