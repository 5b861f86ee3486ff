import { coverageOf } from "../engagement/engageRaid.ts";
import type { Doctrine } from "../engagement/types.ts";
import type { Posture } from "./posture.ts";
import { applyInterceptors, applyOffense, marginalStep, sideLayers } from "./posture.ts";
import type { RaceEvaluator } from "./raceEvaluator.ts";
import type { OffenseKind, RaceInput } from "./types.ts";

/** One attacker option at the margin. */
export interface CostExchangeOption {
  readonly kind: OffenseKind;
  readonly element: string;
  /** Steps taken for the finite difference: launchers added, or levels raised. */
  readonly step: number;
  /** Items the step buys (launchers, warheads or decoys) and what it costs. */
  readonly units: number;
  readonly attackerCostMillionUsd: number;
  /** Extra warheads the attacker delivers (mean of its retaliation) after the step. */
  readonly warheadsGained: number;
  /** Attacker's cost per extra warhead delivered (Infinity when the step gains nothing). */
  readonly attackerCostPerWarheadMillionUsd: number;
  /**
   * Cost-exchange ratio: attacker's cost per extra warhead through ÷ defender's cost per warhead
   * stopped. >= 1: the defense is cost-effective at the margin against this response (Nitze).
   */
  readonly ratio: number;
  /** The attacker's cost per item (launcher with payload, warhead, decoy) at which the ratio is 1. */
  readonly breakEvenUnitCostMillionUsd: number;
  /** Whether the option is already at its cap or the side's limits (the margin is hypothetical). */
  readonly atCap: boolean;
}

/**
 * The cost-exchange ratio at the margin between an attacker's offense options and a defender's
 * sized layer, measured on the attacker's retaliation after the defender's best first strike.
 */
export interface CostExchange {
  /**
   * False when the defender's layer engages none of the attacker's elements (coverage 0 or not
   * engageable): the ratio does not apply, and `options` is empty.
   */
  readonly applicable: boolean;
  readonly attacker: string;
  readonly defender: string;
  readonly layer: string;
  /** Interceptors added for the defender's finite difference, and what they cost. */
  readonly defenderStep: number;
  readonly defenderCostMillionUsd: number;
  /** Warheads (mean) the added interceptors stop. */
  readonly warheadsStopped: number;
  /** Defender's cost per warhead stopped (Infinity when more interceptors stop nothing). */
  readonly defenderCostPerWarheadMillionUsd: number;
  readonly options: readonly CostExchangeOption[];
  /**
   * The attacker's cheapest response per warhead delivered among the options not at their cap
   * (among all of them when every one is), if any gains anything.
   */
  readonly cheapest?: { readonly kind: OffenseKind; readonly element: string };
  /** The ratio against the attacker's cheapest response (Infinity when no response gains). */
  readonly ratio: number;
  /** Nitze's third criterion, "cost-effective at the margin": ratio >= 1. */
  readonly nitze: { readonly pass: boolean; readonly statement: string };
}

/** Interceptors per engaged object in the first look of a doctrine. */
function shotsPerEngagement(d: Doctrine): number {
  switch (d.kind) {
    case "barrage":
      return d.shots;
    case "shoot-look-shoot":
      return d.shots[0];
    case "even":
      return 1;
    default:
      return d satisfies never;
  }
}

function money(x: number): string {
  if (!Number.isFinite(x)) return "unbounded";
  return `$${x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toPrecision(2)}M`;
}

/**
 * Cost-exchange ratio at the margin (Nitze 1985; DESIGN §2.4): for each offense option of the
 * attacker, its cost per extra warhead delivered (a finite difference of one step: 5% of the
 * element's launchers, at least 10, or one level of warheads or decoys) divided by the
 * defender's cost per warhead stopped (interceptors for about 5% more inventory, in whole
 * engagements). Both are measured on the same quantity: the mean of the attacker's retaliation
 * after the defender's best first strike, through the defender's defenses.
 */
export function costExchangeAtMargin(
  race: RaceInput,
  evaluator: RaceEvaluator,
  posture: Posture,
  attacker: 0 | 1,
): CostExchange | undefined {
  const defender = (1 - attacker) as 0 | 1;
  const plan = race.sides[defender].defense;
  const offense = race.sides[attacker].offense;
  if (!plan || offense.length === 0) return undefined;
  const exchange = race.exchange;
  const layers = sideLayers(exchange.sides[defender]);
  const li = layers.findIndex((l) => l.id === plan.layer);
  const layer = layers[li]!;
  const attackerSide = exchange.sides[attacker];
  if (!attackerSide.forces.some((f) => f.launchers > 0 && coverageOf(layer, f.id, f.kind) > 0)) {
    return {
      applicable: false,
      attacker: attackerSide.id,
      defender: exchange.sides[defender].id,
      layer: layer.id,
      defenderStep: 0,
      defenderCostMillionUsd: 0,
      warheadsStopped: 0,
      defenderCostPerWarheadMillionUsd: Number.NaN,
      options: [],
      ratio: Number.NaN,
      nitze: {
        pass: true,
        statement: `${layer.id} engages none of ${attackerSide.name}'s warheads (coverage 0): the cost-exchange ratio against ${attackerSide.name} does not apply.`,
      },
    };
  }
  const base = evaluator.evaluate(posture).retaliationMean[attacker];

  const shots = shotsPerEngagement(layer.doctrine);
  const inventory = posture.interceptors[defender][li]!;
  const dI = shots * Math.max(1, Math.round(inventory / (20 * shots)));
  const more = applyInterceptors(
    posture,
    defender,
    li,
    layer.id,
    inventory + dI,
    race.sides[defender].costs,
  );
  const stopped = base - evaluator.evaluate(more.posture).retaliationMean[attacker];
  const defenderPerWarhead = stopped > 1e-12 ? more.purchase.costMillionUsd / stopped : Infinity;

  const forces = exchange.sides[attacker].forces;
  const options: CostExchangeOption[] = offense.map((o) => {
    const e = forces.findIndex((f) => f.id === o.element);
    const level = posture.forces[attacker][e]!;
    const step = marginalStep(o, level);
    const atCap =
      o.kind === "launchers"
        ? level.launchers + step > o.max
        : o.kind === "warheads"
          ? level.warheadsPerLauncher + 1 > o.max
          : level.decoysPerWarhead + 1 > o.max;
    const next = applyOffense(posture, attacker, e, o, step, race.sides[attacker].costs);
    const gained = evaluator.evaluate(next.posture).retaliationMean[attacker] - base;
    const perWarhead = gained > 1e-12 ? next.purchase.costMillionUsd / gained : Infinity;
    const ratio = perWarhead / defenderPerWarhead;
    const unitCost =
      next.purchase.units > 0 ? next.purchase.costMillionUsd / next.purchase.units : 0;
    return {
      kind: o.kind,
      element: o.element,
      step,
      units: next.purchase.units,
      attackerCostMillionUsd: next.purchase.costMillionUsd,
      warheadsGained: gained,
      attackerCostPerWarheadMillionUsd: perWarhead,
      ratio: Number.isNaN(ratio) ? Infinity : ratio,
      breakEvenUnitCostMillionUsd:
        Number.isFinite(ratio) && ratio > 0 ? unitCost / ratio : ratio === 0 ? Infinity : 0,
      atCap,
    };
  });
  // The attacker's cheapest answer among the options it can still buy (all, if none can).
  const open = options.some((o) => !o.atCap) ? options.filter((o) => !o.atCap) : options;
  let cheapest: CostExchangeOption | undefined;
  for (const o of open) {
    if (!Number.isFinite(o.attackerCostPerWarheadMillionUsd)) continue;
    if (!cheapest || o.attackerCostPerWarheadMillionUsd < cheapest.attackerCostPerWarheadMillionUsd)
      cheapest = o;
  }
  const ratio = cheapest ? cheapest.ratio : Infinity;
  const attackerName = exchange.sides[attacker].name;
  const defenderName = exchange.sides[defender].name;
  const pass = ratio >= 1;
  let statement: string;
  if (!cheapest) {
    statement = `No offense option of ${attackerName} gets another warhead through at the margin; the defense is not outpaced by these options.`;
  } else if (!Number.isFinite(defenderPerWarhead)) {
    statement = `More interceptors in ${layer.id} stop no more warheads of ${attackerName} at the margin: the defense fails Nitze's criterion outright.`;
  } else {
    statement =
      `${attackerName} gets one more warhead through for ${money(cheapest.attackerCostPerWarheadMillionUsd)} ` +
      `(${cheapest.kind} on ${cheapest.element}); ${defenderName} pays ${money(defenderPerWarhead)} in ${layer.id} interceptors to stop one: ` +
      `ratio ${ratio.toPrecision(3)}, ${pass ? "cost-effective at the margin (Nitze: pass)" : "not cost-effective at the margin (Nitze: fail)"}.`;
  }
  return {
    applicable: true,
    attacker: exchange.sides[attacker].id,
    defender: exchange.sides[defender].id,
    layer: layer.id,
    defenderStep: dI,
    defenderCostMillionUsd: more.purchase.costMillionUsd,
    warheadsStopped: stopped,
    defenderCostPerWarheadMillionUsd: defenderPerWarhead,
    options,
    ...(cheapest ? { cheapest: { kind: cheapest.kind, element: cheapest.element } } : {}),
    ratio,
    nitze: { pass, statement },
  };
}
