import type { DefenseLayer } from "../engagement/types.ts";
import type { ExchangeInput, Side } from "../exchange/types.ts";
import type { OffenseOption, RaceSide, UnitCosts } from "./types.ts";

/** The counts a race changes for one force element. */
export interface ElementLevel {
  readonly launchers: number;
  readonly warheadsPerLauncher: number;
  readonly decoysPerWarhead: number;
}

/**
 * The quantities a race changes, per side: every force element's levels and every defense
 * layer's interceptors (layers in declaration order, across the side's defenses).
 */
export interface Posture {
  readonly forces: readonly [readonly ElementLevel[], readonly ElementLevel[]];
  readonly interceptors: readonly [readonly number[], readonly number[]];
}

/** One thing a side bought in a round. */
export interface Purchase {
  readonly kind: "launchers" | "warheads" | "decoys" | "interceptors";
  /** Force element or layer id. */
  readonly target: string;
  /** The level before and after: launchers, warheads per launcher, decoys per warhead, interceptors. */
  readonly from: number;
  readonly to: number;
  /** Items bought: launchers, warheads, decoys or interceptors. */
  readonly units: number;
  readonly costMillionUsd: number;
}

/** The layers of a side in declaration order (the order of `Posture.interceptors`). */
export function sideLayers(side: Side): DefenseLayer[] {
  return side.defenses.flatMap((d) => d.layers);
}

/** The posture of an exchange input. */
export function postureOf(input: ExchangeInput): Posture {
  const forces = (s: Side) =>
    s.forces.map((f) => ({
      launchers: f.launchers,
      warheadsPerLauncher: f.warheadsPerLauncher,
      decoysPerWarhead: f.decoysPerWarhead,
    }));
  const layers = (s: Side) => sideLayers(s).map((l) => l.interceptors);
  return {
    forces: [forces(input.sides[0]), forces(input.sides[1])],
    interceptors: [layers(input.sides[0]), layers(input.sides[1])],
  };
}

/** The exchange input with a posture's counts in place of the base's. */
export function withPosture(base: ExchangeInput, p: Posture): ExchangeInput {
  const side = (s: Side, i: 0 | 1): Side => {
    let li = 0;
    return {
      ...s,
      forces: s.forces.map((f, e) => ({ ...f, ...p.forces[i][e]! })),
      defenses: s.defenses.map((d) => ({
        ...d,
        layers: d.layers.map((l) => ({ ...l, interceptors: p.interceptors[i][li++]! })),
      })),
    };
  };
  return { ...base, sides: [side(base.sides[0], 0), side(base.sides[1], 1)] };
}

/** A stable text key of a posture (for caches). */
export function postureKey(p: Posture): string {
  const f = (levels: readonly ElementLevel[]) =>
    levels.map((l) => `${l.launchers}.${l.warheadsPerLauncher}.${l.decoysPerWarhead}`).join(",");
  return `${f(p.forces[0])}|${p.interceptors[0].join(",")}|${f(p.forces[1])}|${p.interceptors[1].join(",")}`;
}

/** Warheads and launchers a side's posture deploys. */
export function forceTotals(levels: readonly ElementLevel[]): {
  launchers: number;
  warheads: number;
  decoys: number;
} {
  let launchers = 0;
  let warheads = 0;
  let decoys = 0;
  for (const l of levels) {
    launchers += l.launchers;
    warheads += l.launchers * l.warheadsPerLauncher;
    decoys += l.launchers * l.warheadsPerLauncher * l.decoysPerWarhead;
  }
  return { launchers, warheads, decoys };
}

function replaceAt<T>(xs: readonly T[], i: number, x: T): T[] {
  const out = xs.slice();
  out[i] = x;
  return out;
}

function withSide(
  p: Posture,
  side: 0 | 1,
  forces: readonly ElementLevel[] | undefined,
  interceptors: readonly number[] | undefined,
): Posture {
  const f = p.forces.slice() as [readonly ElementLevel[], readonly ElementLevel[]];
  const i = p.interceptors.slice() as [readonly number[], readonly number[]];
  if (forces) f[side] = forces;
  if (interceptors) i[side] = interceptors;
  return { forces: f, interceptors: i };
}

/** Millions of US dollars one more launcher of an element costs, with its payload. */
export function launcherUnitCost(costs: UnitCosts, elementId: string, level: ElementLevel): number {
  return (
    need(
      costs.launcher && Object.hasOwn(costs.launcher, elementId)
        ? costs.launcher[elementId]
        : undefined,
      `launcher cost of ${elementId}`,
    ) +
    level.warheadsPerLauncher *
      (need(costs.warhead, "warhead cost") +
        level.decoysPerWarhead * (level.decoysPerWarhead > 0 ? need(costs.decoy, "decoy cost") : 0))
  );
}

function need(x: number | undefined, what: string): number {
  if (x === undefined) throw new Error(`race: missing ${what}`);
  return x;
}

/**
 * The posture after `amount` steps of an offense option, and what it costs: `launchers` adds
 * `amount` launchers with the element's payload; `warheads` and `decoys` raise the element's
 * level by `amount` on every launcher (warhead).
 */
export function applyOffense(
  p: Posture,
  side: 0 | 1,
  elementIndex: number,
  option: OffenseOption,
  amount: number,
  costs: UnitCosts,
): { posture: Posture; purchase: Purchase } {
  const level = p.forces[side][elementIndex]!;
  let next: ElementLevel;
  let units: number;
  let cost: number;
  let from: number;
  let to: number;
  switch (option.kind) {
    case "launchers":
      next = { ...level, launchers: level.launchers + amount };
      units = amount;
      cost = amount * launcherUnitCost(costs, option.element, level);
      from = level.launchers;
      to = next.launchers;
      break;
    case "warheads":
      next = { ...level, warheadsPerLauncher: level.warheadsPerLauncher + amount };
      units = level.launchers * amount;
      cost =
        units *
        (need(costs.warhead, "warhead cost") +
          (level.decoysPerWarhead > 0
            ? level.decoysPerWarhead * need(costs.decoy, "decoy cost")
            : 0));
      from = level.warheadsPerLauncher;
      to = next.warheadsPerLauncher;
      break;
    case "decoys":
      next = { ...level, decoysPerWarhead: level.decoysPerWarhead + amount };
      units = level.launchers * level.warheadsPerLauncher * amount;
      cost = units * need(costs.decoy, "decoy cost");
      from = level.decoysPerWarhead;
      to = next.decoysPerWarhead;
      break;
    default:
      return option.kind satisfies never;
  }
  return {
    posture: withSide(p, side, replaceAt(p.forces[side], elementIndex, next), undefined),
    purchase: { kind: option.kind, target: option.element, from, to, units, costMillionUsd: cost },
  };
}

/** The posture with a layer's inventory set to `interceptors`, and what the addition costs. */
export function applyInterceptors(
  p: Posture,
  side: 0 | 1,
  layerIndex: number,
  layerId: string,
  interceptors: number,
  costs: UnitCosts,
): { posture: Posture; purchase: Purchase } {
  const from = p.interceptors[side][layerIndex]!;
  const units = interceptors - from;
  return {
    posture: withSide(
      p,
      side,
      undefined,
      replaceAt(p.interceptors[side], layerIndex, interceptors),
    ),
    purchase: {
      kind: "interceptors",
      target: layerId,
      from,
      to: interceptors,
      units,
      costMillionUsd: units === 0 ? 0 : units * need(costs.interceptor, "interceptor cost"),
    },
  };
}

/**
 * Warheads as New START counts them: those on deployed missiles, plus one per deployed heavy
 * bomber whatever it carries (`bomber[e]` marks bomber elements).
 */
export function countedWarheads(
  levels: readonly ElementLevel[],
  bomber: readonly boolean[],
): number {
  let n = 0;
  levels.forEach((l, e) => {
    n += bomber[e] ? l.launchers : l.launchers * l.warheadsPerLauncher;
  });
  return n;
}

/**
 * The most steps an offense option can still take: its own cap, and the side's limits on
 * deployed launchers and on warheads counted as New START counts them (`bomber[e]`: element e
 * is a heavy bomber, counted as one warhead).
 */
export function offenseHeadroom(
  p: Posture,
  side: 0 | 1,
  elementIndex: number,
  option: OffenseOption,
  race: RaceSide,
  bomber: readonly boolean[],
): number {
  const level = p.forces[side][elementIndex]!;
  const launchers = forceTotals(p.forces[side]).launchers;
  const counted = countedWarheads(p.forces[side], bomber);
  const isBomber = bomber[elementIndex] ?? false;
  const lw = race.limits?.warheads ?? Infinity;
  const ll = race.limits?.launchers ?? Infinity;
  let room: number;
  switch (option.kind) {
    case "launchers":
      room = Math.min(
        option.max - level.launchers,
        ll - launchers,
        Math.floor((lw - counted) / (isBomber ? 1 : level.warheadsPerLauncher)),
      );
      break;
    case "warheads":
      room = option.max - level.warheadsPerLauncher;
      if (level.launchers === 0)
        room = 0; // uploading an element with no launchers buys nothing
      else if (!isBomber) room = Math.min(room, Math.floor((lw - counted) / level.launchers));
      break;
    case "decoys":
      room = level.launchers > 0 ? option.max - level.decoysPerWarhead : 0;
      break;
    default:
      return option.kind satisfies never;
  }
  return Math.max(0, Number.isFinite(room) ? room : 0);
}

/** Merges the posture changes of two postures derived from the same basis (disjoint sides or items). */
export function mergePostures(basis: Posture, a: Posture, b: Posture): Posture {
  const pick = <T>(x0: T, xa: T, xb: T): T => (xa !== x0 ? xa : xb);
  const forces = ([0, 1] as const).map((s) =>
    basis.forces[s].map((l, e) => pick(l, a.forces[s][e]!, b.forces[s][e]!)),
  ) as unknown as [ElementLevel[], ElementLevel[]];
  const interceptors = ([0, 1] as const).map((s) =>
    basis.interceptors[s].map((n, i) => pick(n, a.interceptors[s][i]!, b.interceptors[s][i]!)),
  ) as unknown as [number[], number[]];
  return { forces, interceptors };
}

/**
 * Steps of an offense option used to measure its price at the margin: one level for uploads and
 * decoys; for launchers about 5% of the element (at least 10), because the untargetable share
 * round(launchers × survivable) moves in whole launchers and single-launcher differences
 * alternate between a targetable and an untargetable launcher.
 */
export function marginalStep(option: OffenseOption, level: ElementLevel): number {
  return option.kind === "launchers" ? Math.max(10, Math.round(level.launchers / 20)) : 1;
}
