import type { CostExchange } from "./costExchange.ts";
import { costExchangeAtMargin } from "./costExchange.ts";
import type { Posture, Purchase } from "./posture.ts";
import {
  applyInterceptors,
  applyOffense,
  forceTotals,
  marginalStep,
  mergePostures,
  offenseHeadroom,
  postureOf,
  sideLayers,
} from "./posture.ts";
import {
  RaceEvaluator,
  headAtMost,
  tailAtLeast,
  warheadsAtConfidence,
  warheadsAtMost,
} from "./raceEvaluator.ts";
import { smallestFeasible } from "./smallestFeasible.ts";
import type { DefenseGoal, OffenseKind, RaceInput } from "./types.ts";

/** What one offense option would take, alone, to restore the requirement. */
export interface OptionTrial {
  readonly kind: OffenseKind;
  readonly element: string;
  /**
   * `feasible`: the option alone restores the requirement; `infeasible`: not within its cap;
   * `at_cap`: no room left; `dearer`: it would cost at least as much as a cheaper option found
   * first, so its search was cut short.
   */
  readonly status: "feasible" | "infeasible" | "at_cap" | "dearer";
  /** Steps the option still has (launchers, or levels of warheads or decoys). */
  readonly headroom: number;
  /** Steps needed alone, and their cost. */
  readonly amount?: number;
  readonly costMillionUsd?: number;
  /** Cost per extra warhead delivered (mean), measured over `marginalStep` steps: the option's price at the margin. */
  readonly marginalCostPerWarheadMillionUsd?: number;
}

/** How a side responded in a round. */
export interface SideResponse {
  readonly status: "none" | "satisfied" | "bought" | "unaffordable" | "unreachable";
  readonly purchases: readonly Purchase[];
  readonly costMillionUsd: number;
  readonly reason: string;
  /** Offense responses: what each option would have taken. */
  readonly trials?: readonly OptionTrial[];
}

/** One side at the end of a round. */
export interface RaceRoundSide {
  readonly id: string;
  readonly name: string;
  readonly forces: readonly {
    readonly id: string;
    readonly launchers: number;
    readonly warheadsPerLauncher: number;
    readonly decoysPerWarhead: number;
  }[];
  readonly launchers: number;
  readonly warheads: number;
  readonly decoys: number;
  readonly layers: readonly { readonly id: string; readonly interceptors: number }[];
  /** All interceptors of the side's layers. */
  readonly interceptors: number;
  readonly purchases: readonly Purchase[];
  readonly spendingMillionUsd: number;
  readonly cumulativeSpendingMillionUsd: number;
  readonly defenseResponse?: SideResponse;
  readonly offenseResponse?: SideResponse;
  /** The side's retaliation after the other's best first strike. */
  readonly retaliation: {
    readonly mean: number;
    readonly p05: number;
    readonly p50: number;
    readonly p95: number;
  };
  readonly requirement?: {
    readonly warheads: number;
    readonly confidence: number;
    /** P(retaliation >= warheads). */
    readonly probability: number;
    /** The most warheads delivered with probability >= confidence. */
    readonly warheadsAtConfidence: number;
    readonly met: boolean;
  };
  readonly goal?: {
    readonly kind: DefenseGoal["kind"];
    readonly description: string;
    /** The goal's measure: P(no leak), P(peer retaliation <= warheads), or interceptors. */
    readonly value: number;
    readonly target: number;
    readonly met: boolean;
  };
}

export interface RaceRound {
  /** 0 is the starting posture. */
  readonly round: number;
  readonly sides: readonly [RaceRoundSide, RaceRoundSide];
  /** Kent & Thaler first-strike stability index at the end of the round. */
  readonly firstStrikeStability: number;
  /** Cost-exchange ratios at the margin at the end of the round (attacker → defender pairs). */
  readonly costExchange: readonly CostExchange[];
}

/** How a race ended (a result with a typed code, never an exception). */
export type RaceOutcome =
  | {
      /** A round in which nobody bought anything: the posture is a fixed point of the responses. */
      readonly code: "equilibrium";
      readonly round: number;
      readonly reason: string;
    }
  | {
      readonly code: "budget_exhausted";
      readonly round: number;
      readonly side: string;
      readonly neededMillionUsd: number;
      readonly remainingMillionUsd: number;
      readonly reason: string;
    }
  | {
      /** A side cannot meet its requirement or goal at any purchase within its caps and limits. */
      readonly code: "unreachable";
      readonly round: number;
      readonly side: string;
      readonly what: "requirement" | "defense_goal";
      readonly reason: string;
    }
  | {
      /** Rounds ran out while reactive spending per round was not falling. */
      readonly code: "runaway";
      readonly round: number;
      readonly spendingRatio: number;
      readonly reason: string;
    }
  | {
      /** Rounds ran out while reactive spending per round was falling. */
      readonly code: "converging";
      readonly round: number;
      readonly spendingRatio: number;
      /** Geometric projection of the spending still to come. */
      readonly projectedRemainingMillionUsd: number;
      readonly reason: string;
    }
  | {
      /** Rounds ran out while a defense kept growing (its plan, a growing third party) unanswered. */
      readonly code: "unanswered";
      readonly round: number;
      readonly reason: string;
    }
  | {
      /** Too few rounds to tell. */
      readonly code: "undetermined";
      readonly round: number;
      readonly reason: string;
    };

/** How `runRace` searches (the result is the same; only the work differs). */
export interface RaceOptions {
  /**
   * `fast` (default): a linear guess from the first step, galloping and bisection, a posture
   * cache, and searches cut at the cost of the best purchase found. `plain`: galloping and
   * bisection from 1 with no guess, no cache and no cut — the benchmark's baseline.
   */
  readonly search?: "fast" | "plain";
  /**
   * Called with each round as soon as it is computed (round 0, the starting posture, first), for
   * progress reports. The round is the one `rounds` will hold, except that the last round's
   * cost-exchange ratios are computed after the race ends (with `costExchange: "ends"`), so they
   * are in the result only. An exception thrown here stops the race and propagates.
   */
  readonly onRound?: (round: RaceRound, planned: number) => void;
}

export interface RaceResult {
  readonly rounds: readonly RaceRound[];
  readonly outcome: RaceOutcome;
  readonly totals: readonly { readonly id: string; readonly spendingMillionUsd: number }[];
  /** Work done: exchange analyses computed, served from the cache, engagements for P0 goals. */
  readonly work: {
    readonly exchangeEvaluations: number;
    readonly cacheHits: number;
    readonly engagementEvaluations: number;
  };
}

/** Reactive spending per round at or above this share of the window before counts as not falling. */
const RUNAWAY_RATIO = 0.9;

/**
 * How a race that ran out of rounds is going. Spending is split into reactive (offenses
 * answering the other side; defenses sized to damage limitation or to a fixed third-party raid)
 * and driven from outside (a defense following its plan or a growing third party). The mean
 * reactive spending per round over the last third of the rounds is compared with the third
 * before: not falling (>= 0.9) is a runaway, falling is converging; none at all while the
 * defense keeps growing is "unanswered".
 */
function trendOutcome(race: RaceInput, rounds: readonly RaceRound[]): RaceOutcome {
  const T = rounds.length - 1;
  if (T < 3) {
    return {
      code: "undetermined",
      round: T,
      reason: `the race was still going after ${T} round${T === 1 ? "" : "s"}; run at least 3 rounds to judge its trend`,
    };
  }
  const driven = (s: 0 | 1): boolean => {
    const g = race.sides[s].defense?.goal;
    return (
      g !== undefined &&
      (g.kind === "schedule" ||
        (g.kind === "third-party" && g.raid.some((e) => e.growthPerRound > 0)))
    );
  };
  const split = (r: RaceRound) => {
    let reactive = 0;
    let outside = 0;
    r.sides.forEach((x, s) => {
      for (const p of x.purchases) {
        if (p.kind === "interceptors" && driven(s as 0 | 1)) outside += p.costMillionUsd;
        else reactive += p.costMillionUsd;
      }
    });
    return { reactive, outside };
  };
  const per = rounds.slice(1).map(split);
  const w = Math.max(1, Math.floor(T / 3));
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const last = mean(per.slice(T - w).map((x) => x.reactive));
  const before = mean(per.slice(T - 2 * w, T - w).map((x) => x.reactive));
  const outsideLast = mean(per.slice(T - w).map((x) => x.outside));
  const names = rounds[0]!.sides.map((x) => x.name);
  const drivers = ([0, 1] as const).filter(driven).map((s) => names[s]);
  const drivenText = drivers.length
    ? ` (${drivers.join(" and ")} ${drivers.length === 1 ? "follows" : "follow"} a plan or a growing third-party threat)`
    : "";
  if (last === 0) {
    return {
      code: "unanswered",
      round: T,
      reason:
        outsideLast > 0
          ? `the defense keeps growing${drivenText} but nobody answers it: no reactive spending in the last ${w} round${w === 1 ? "" : "s"}`
          : `no spending in the last ${w} round${w === 1 ? "" : "s"}, but the defense plan still rises after round ${T}; run more rounds`,
    };
  }
  const ratio = before > 0 ? last / before : Infinity;
  if (ratio >= RUNAWAY_RATIO) {
    return {
      code: "runaway",
      round: T,
      spendingRatio: ratio,
      reason:
        `reactive spending per round did not fall: ${money(last)} a round over the last ${w} round${w === 1 ? "" : "s"} against ${money(before)} before` +
        `${drivenText}; each answer is answered`,
    };
  }
  // Per-round decay factor of the windowed means, projected geometrically.
  const r = Math.pow(ratio, 1 / w);
  const remaining = r < 1 ? (last * r) / (1 - r) : Infinity;
  return {
    code: "converging",
    round: T,
    spendingRatio: ratio,
    projectedRemainingMillionUsd: remaining,
    reason: `reactive spending per round is falling (${money(last)} a round over the last ${w} round${w === 1 ? "" : "s"} against ${money(before)} before); about ${money(remaining)} more before it settles`,
  };
}

function money(x: number): string {
  return `$${x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(1)}M`;
}

function summarize(pmf: Float64Array): RaceRoundSide["retaliation"] {
  let m = 0;
  let s = 0;
  for (let k = 0; k < pmf.length; k++) {
    m += k * pmf[k]!;
    s += pmf[k]!;
  }
  return {
    mean: s > 0 ? m / s : 0,
    p05: warheadsAtMost(pmf, 0.05),
    p50: warheadsAtMost(pmf, 0.5),
    p95: warheadsAtMost(pmf, 0.95),
  };
}

/**
 * Offense–defense action–reaction on the exchange model (DESIGN §2.4). Each round, each side
 * that has a defense plan sizes its layer to its goal; each side that has a retaliation
 * requirement buys the cheapest offense that restores it (more launchers, an upload, or decoys,
 * each sized alone by a monotone search; if none suffices alone, the cheapest per warhead at the
 * margin is bought to its cap and the rest searched again). Sides never scrap what they have.
 * The race stops at an equilibrium (a round without purchases), when a side cannot afford its
 * response or cannot reach its target, or when the rounds run out (runaway or converging, judged
 * by the trend of spending per round).
 */
export function runRace(race: RaceInput, options: RaceOptions = {}): RaceResult {
  const plain = options.search === "plain";
  if (!(Number.isInteger(race.rounds) && race.rounds >= 0))
    throw new Error("rounds must be an integer >= 0");
  const ev = new RaceEvaluator(race.exchange, { cache: !plain });
  const sides = race.exchange.sides;
  const layerIndex = ([0, 1] as const).map((s) => {
    const plan = race.sides[s].defense;
    if (!plan) return -1;
    const i = sideLayers(sides[s]).findIndex((l) => l.id === plan.layer);
    if (i < 0) throw new Error(`race: side ${sides[s].id} has no layer ${plan.layer}`);
    return i;
  });
  const elementIndex = (s: 0 | 1, id: string) => {
    const i = sides[s].forces.findIndex((f) => f.id === id);
    if (i < 0) throw new Error(`race: side ${sides[s].id} has no force element ${id}`);
    return i;
  };
  for (const s of [0, 1] as const)
    for (const o of race.sides[s].offense) elementIndex(s, o.element);
  const bombers = sides.map((x) => x.forces.map((f) => f.basing === "bomber"));

  // --- measures -------------------------------------------------------------------------------
  const requirementProbability = (p: Posture, s: 0 | 1): number => {
    const req = race.sides[s].requirement!;
    return tailAtLeast(ev.evaluate(p).retaliation[s], req.warheads);
  };
  const goalValue = (p: Posture, s: 0 | 1, round: number): number => {
    const plan = race.sides[s].defense!;
    const goal = plan.goal;
    switch (goal.kind) {
      case "schedule":
        return p.interceptors[s][layerIndex[s]!]!;
      case "third-party":
        return ev.thirdPartyPNoLeak(p, s, goal.layers, goal.raid, round);
      case "damage-limitation":
        return headAtMost(ev.evaluate(p).retaliation[1 - s]!, goal.warheads);
      default:
        return goal satisfies never;
    }
  };
  const goalTarget = (s: 0 | 1, round: number): number => {
    const goal = race.sides[s].defense!.goal;
    switch (goal.kind) {
      case "schedule":
        return goal.interceptors.length === 0
          ? 0
          : goal.interceptors[Math.min(Math.max(round, 1), goal.interceptors.length) - 1]!;
      case "third-party":
        return goal.pNoLeak;
      case "damage-limitation":
        return goal.confidence;
      default:
        return goal satisfies never;
    }
  };
  const goalMet = (p: Posture, s: 0 | 1, round: number) =>
    goalValue(p, s, round) >= goalTarget(s, round) - 1e-12;

  // --- responses ------------------------------------------------------------------------------
  const defenseResponse = (
    basis: Posture,
    s: 0 | 1,
    round: number,
  ): { posture: Posture; response: SideResponse } | undefined => {
    const plan = race.sides[s].defense;
    if (!plan) return undefined;
    const li = layerIndex[s]!;
    const now = basis.interceptors[s][li]!;
    const costs = race.sides[s].costs;
    const at = (n: number) => applyInterceptors(basis, s, li, plan.layer, n, costs);
    const unchanged = (status: SideResponse["status"], reason: string) => ({
      posture: basis,
      response: { status, purchases: [], costMillionUsd: 0, reason },
    });
    let target: number | undefined;
    const goal = plan.goal;
    if (goal.kind === "schedule") {
      const want = Math.min(plan.max, goalTarget(s, round));
      if (want <= now)
        return unchanged("satisfied", `the plan for round ${round} is met (${now} interceptors)`);
      target = want;
    } else {
      if (goalMet(basis, s, round)) return unchanged("satisfied", "the goal is met");
      if (now >= plan.max)
        return unchanged("unreachable", `the layer is at its most (${plan.max} interceptors)`);
      const ok = (n: number) => goalMet(at(n).posture, s, round);
      let guess: number | undefined;
      if (goal.kind === "damage-limitation") {
        // Guess from the mean: warheads the peer must lose ÷ warheads one engagement removes.
        const peer = (1 - s) as 0 | 1;
        const shots = Math.max(1, Math.round(now / 20));
        const gain =
          ev.evaluate(basis).retaliationMean[peer] -
          ev.evaluate(at(Math.min(plan.max, now + shots)).posture).retaliationMean[peer];
        const excess =
          warheadsAtMost(ev.evaluate(basis).retaliation[peer], goal.confidence) - goal.warheads;
        if (gain > 0 && !plain) guess = now + Math.ceil((excess / gain) * shots);
      }
      target = smallestFeasible(now + 1, plan.max, ok, guess);
      if (target === undefined) {
        const best = goalValue(at(plan.max).posture, s, round);
        return unchanged(
          "unreachable",
          `even ${plan.max} interceptors reach only ${best.toPrecision(4)} against a goal of ${goalTarget(s, round)}`,
        );
      }
    }
    const r = at(target);
    return {
      posture: r.posture,
      response: {
        status: "bought",
        purchases: [r.purchase],
        costMillionUsd: r.purchase.costMillionUsd,
        reason: `${plan.layer}: ${now} → ${target} interceptors`,
      },
    };
  };

  const offenseResponse = (
    basis: Posture,
    s: 0 | 1,
  ): { posture: Posture; response: SideResponse } | undefined => {
    const race_ = race.sides[s];
    const req = race_.requirement;
    if (!req || race_.offense.length === 0) return undefined;
    const costs = race_.costs;
    const feasible = (p: Posture) => requirementProbability(p, s) >= req.confidence - 1e-12;
    if (feasible(basis)) {
      return {
        posture: basis,
        response: {
          status: "satisfied",
          purchases: [],
          costMillionUsd: 0,
          reason: "the requirement is met",
        },
      };
    }
    const purchases: Purchase[] = [];
    let current = basis;
    let allTrials: OptionTrial[] = [];
    const used = new Set<number>();
    for (;;) {
      const ev0 = ev.evaluate(current);
      const deficit = req.warheads - warheadsAtConfidence(ev0.retaliation[s], req.confidence);
      const trials: OptionTrial[] = [];
      let best:
        { trial: OptionTrial; index: number; posture: Posture; purchase: Purchase } | undefined;
      race_.offense.forEach((o, oi) => {
        if (used.has(oi)) return;
        const e = elementIndex(s, o.element);
        const room = offenseHeadroom(current, s, e, o, race_, bombers[s]!);
        if (room < 1) {
          trials.push({ kind: o.kind, element: o.element, status: "at_cap", headroom: 0 });
          return;
        }
        const one = applyOffense(current, s, e, o, 1, costs);
        // Costs are linear in the amount: amounts that cost at least the best purchase found so
        // far cannot beat it (ties go to the option listed first), so the search stops there.
        const step = one.purchase.costMillionUsd;
        const limit =
          best && step > 0 && !plain
            ? Math.min(room, Math.ceil((best.purchase.costMillionUsd - 1e-9) / step) - 1)
            : room;
        if (limit < 1) {
          trials.push({ kind: o.kind, element: o.element, status: "dearer", headroom: room });
          return;
        }
        // Price at the margin and a linear guess, from a probe of marginalStep steps.
        const probe = Math.min(room, marginalStep(o, current.forces[s][e]!));
        const gain =
          (ev.evaluate(applyOffense(current, s, e, o, probe, costs).posture).retaliationMean[s] -
            ev0.retaliationMean[s]) /
          probe;
        const marginal = gain > 1e-12 ? step / gain : Infinity;
        const guess = gain > 1e-12 && !plain ? Math.ceil(Math.max(1, deficit) / gain) : undefined;
        const x = smallestFeasible(
          1,
          limit,
          (n) => feasible(applyOffense(current, s, e, o, n, costs).posture),
          guess,
        );
        const base = {
          kind: o.kind,
          element: o.element,
          headroom: room,
          ...(Number.isFinite(marginal) ? { marginalCostPerWarheadMillionUsd: marginal } : {}),
        };
        if (x === undefined) {
          trials.push({ ...base, status: limit < room ? "dearer" : "infeasible" });
          return;
        }
        const r = applyOffense(current, s, e, o, x, costs);
        const trial: OptionTrial = {
          ...base,
          status: "feasible",
          amount: x,
          costMillionUsd: r.purchase.costMillionUsd,
        };
        trials.push(trial);
        if (!best || r.purchase.costMillionUsd < best.purchase.costMillionUsd - 1e-9)
          best = { trial, index: oi, posture: r.posture, purchase: r.purchase };
      });
      allTrials = allTrials.length === 0 ? trials : allTrials;
      if (best) {
        purchases.push(best.purchase);
        current = best.posture;
        break;
      }
      // No option suffices alone: buy the cheapest per warhead at the margin to its cap, then
      // search the rest again from there.
      let fill: OptionTrial | undefined;
      for (const t of trials) {
        if (t.status !== "infeasible" || t.marginalCostPerWarheadMillionUsd === undefined) continue;
        if (
          !fill ||
          t.marginalCostPerWarheadMillionUsd < fill.marginalCostPerWarheadMillionUsd! - 1e-12
        )
          fill = t;
      }
      if (!fill) {
        return {
          posture: basis,
          response: {
            status: "unreachable",
            purchases: [],
            costMillionUsd: 0,
            reason:
              `no combination of ${race_.offense.map((o) => `${o.kind} on ${o.element}`).join(", ")} ` +
              `within caps and limits restores P(retaliation >= ${req.warheads}) >= ${req.confidence}`,
            trials: allTrials,
          },
        };
      }
      const oi = race_.offense.findIndex((o) => o.kind === fill.kind && o.element === fill.element);
      used.add(oi);
      const r = applyOffense(
        current,
        s,
        elementIndex(s, fill.element),
        race_.offense[oi]!,
        fill.headroom,
        costs,
      );
      purchases.push(r.purchase);
      current = r.posture;
      if (feasible(current)) break;
    }
    const cost = purchases.reduce((a, p) => a + p.costMillionUsd, 0);
    return {
      posture: current,
      response: {
        status: "bought",
        purchases,
        costMillionUsd: cost,
        reason: purchases
          .map((p) => `${p.kind} on ${p.target}: ${p.from} → ${p.to} (${money(p.costMillionUsd)})`)
          .join("; "),
        trials: allTrials,
      },
    };
  };

  // --- rounds ---------------------------------------------------------------------------------
  const cumulative = [0, 0];
  const budget = race.sides.map((r) => r.budgetMillionUsd ?? Infinity);

  const costExchangeAt = (p: Posture): CostExchange[] =>
    ([0, 1] as const)
      .map((a) => costExchangeAtMargin(race, ev, p, a))
      .filter((c): c is CostExchange => c !== undefined);
  const everyRound = race.costExchange === "every-round";

  const record = (
    round: number,
    p: Posture,
    withCostExchange: boolean,
    responses: readonly [
      { defense?: SideResponse; offense?: SideResponse },
      { defense?: SideResponse; offense?: SideResponse },
    ],
  ): RaceRound => {
    const e = ev.evaluate(p);
    const side = (s: 0 | 1): RaceRoundSide => {
      const spec = sides[s];
      const rs = race.sides[s];
      const totals = forceTotals(p.forces[s]);
      const layers = sideLayers(spec).map((l, i) => ({
        id: l.id,
        interceptors: p.interceptors[s][i]!,
      }));
      const { defense, offense } = responses[s];
      const purchases = [...(defense?.purchases ?? []), ...(offense?.purchases ?? [])];
      const spending = purchases.reduce((a, x) => a + x.costMillionUsd, 0);
      const req = rs.requirement;
      const plan = rs.defense;
      const goalDescription = (g: DefenseGoal): string => {
        switch (g.kind) {
          case "schedule":
            return `${plan!.layer} inventory per plan`;
          case "third-party":
            return `P(no leak) of the third-party raid (${g.raid.map((x) => x.id).join(", ")})`;
          case "damage-limitation":
            return `P(${sides[1 - s]!.name} retaliation <= ${g.warheads})`;
          default:
            return g satisfies never;
        }
      };
      return {
        id: spec.id,
        name: spec.name,
        forces: spec.forces.map((f, i) => ({ id: f.id, ...p.forces[s][i]! })),
        launchers: totals.launchers,
        warheads: totals.warheads,
        decoys: totals.decoys,
        layers,
        interceptors: layers.reduce((a, l) => a + l.interceptors, 0),
        purchases,
        spendingMillionUsd: spending,
        cumulativeSpendingMillionUsd: cumulative[s]!,
        ...(defense ? { defenseResponse: defense } : {}),
        ...(offense ? { offenseResponse: offense } : {}),
        retaliation: summarize(e.retaliation[s]),
        ...(req
          ? {
              requirement: {
                warheads: req.warheads,
                confidence: req.confidence,
                probability: tailAtLeast(e.retaliation[s], req.warheads),
                warheadsAtConfidence: warheadsAtConfidence(e.retaliation[s], req.confidence),
                met: tailAtLeast(e.retaliation[s], req.warheads) >= req.confidence - 1e-12,
              },
            }
          : {}),
        ...(plan
          ? {
              goal: {
                kind: plan.goal.kind,
                description: goalDescription(plan.goal),
                value: goalValue(p, s, round),
                target: goalTarget(s, round),
                met: goalMet(p, s, round),
              },
            }
          : {}),
      };
    };
    const costExchange = withCostExchange ? costExchangeAt(p) : [];
    return {
      round,
      sides: [side(0), side(1)],
      firstStrikeStability: e.firstStrikeStability,
      costExchange,
    };
  };

  // A defense driven from outside (a plan that still rises, a third party that keeps growing)
  // can make a quiet round something other than a fixed point.
  const exogenousAhead = (t: number, p: Posture): boolean =>
    ([0, 1] as const).some((s) => {
      const plan = race.sides[s].defense;
      if (!plan) return false;
      const g = plan.goal;
      if (g.kind === "schedule") {
        const now = p.interceptors[s][layerIndex[s]!]!;
        return g.interceptors.slice(t).some((n) => Math.min(n, plan.max) > now);
      }
      if (g.kind === "third-party") return g.raid.some((e) => e.growthPerRound > 0);
      return false;
    });

  let posture = postureOf(race.exchange);
  const rounds: RaceRound[] = [record(0, posture, true, [{}, {}])];
  options.onRound?.(rounds[0]!, race.rounds);
  let outcome: RaceOutcome | undefined;

  for (let t = 1; t <= race.rounds && !outcome; t++) {
    const basis = posture;
    const responses: [
      { defense?: SideResponse; offense?: SideResponse },
      { defense?: SideResponse; offense?: SideResponse },
    ] = [{}, {}];
    const issues: RaceOutcome[] = [];
    const spent = [0, 0];
    const settle = (
      s: 0 | 1,
      r: { posture: Posture; response: SideResponse },
      from: Posture,
      what: "requirement" | "defense_goal",
    ): Posture => {
      if (r.response.status === "unreachable") {
        issues.push({
          code: "unreachable",
          round: t,
          side: sides[s].id,
          what,
          reason: `${sides[s].name} cannot reach its ${what === "requirement" ? "retaliation requirement" : "defense goal"}: ${r.response.reason}`,
        });
        return from;
      }
      const left = budget[s]! - cumulative[s]! - spent[s]!;
      if (r.response.costMillionUsd > left + 1e-9) {
        const response: SideResponse = {
          ...r.response,
          status: "unaffordable",
          purchases: [],
          costMillionUsd: 0,
          reason: `needs ${money(r.response.costMillionUsd)} (${r.response.reason}); ${money(Math.max(0, left))} of the budget is left`,
        };
        issues.push({
          code: "budget_exhausted",
          round: t,
          side: sides[s].id,
          neededMillionUsd: r.response.costMillionUsd,
          remainingMillionUsd: Math.max(0, left),
          reason: `${sides[s].name} cannot afford its response in round ${t}: ${response.reason}`,
        });
        r.response = response;
        return from;
      }
      spent[s] = spent[s]! + r.response.costMillionUsd;
      return r.posture;
    };

    // Defenses move first (against the offenses of the previous round).
    const d = ([0, 1] as const).map((s) => defenseResponse(basis, s, t));
    let mid = basis;
    for (const s of [0, 1] as const) {
      const r = d[s];
      if (!r) continue;
      const next = settle(s, r, basis, "defense_goal");
      mid = mergePostures(basis, mid, next);
      responses[s].defense = r.response;
    }
    // Offenses respond to the new defenses (alternating) or to the previous round (simultaneous).
    const offBasis = race.moves === "alternating" ? mid : basis;
    const o = ([0, 1] as const).map((s) => offenseResponse(offBasis, s));
    let end = mid;
    for (const s of [0, 1] as const) {
      const r = o[s];
      if (!r) continue;
      const next = settle(s, r, offBasis, "requirement");
      end = mergePostures(offBasis === mid ? mid : basis, end, next);
      responses[s].offense = r.response;
    }
    cumulative[0] = cumulative[0]! + spent[0]!;
    cumulative[1] = cumulative[1]! + spent[1]!;
    posture = end;
    rounds.push(record(t, posture, everyRound, responses));
    options.onRound?.(rounds[t]!, race.rounds);
    if (issues.length > 0) {
      outcome = issues[0];
    } else if (spent[0] === 0 && spent[1] === 0 && !exogenousAhead(t, posture)) {
      outcome = {
        code: "equilibrium",
        round: t,
        reason:
          t === 1
            ? "nobody needs to buy anything: every requirement and goal is met at the starting posture"
            : `nobody buys anything in round ${t}: the posture after round ${t - 1} meets every requirement and goal`,
      };
    }
  }

  const lastRound = rounds[rounds.length - 1]!;
  if (lastRound.round > 0 && !everyRound)
    rounds[rounds.length - 1] = { ...lastRound, costExchange: costExchangeAt(posture) };

  if (!outcome) outcome = trendOutcome(race, rounds);

  return {
    rounds,
    outcome,
    totals: sides.map((s, i) => ({ id: s.id, spendingMillionUsd: cumulative[i]! })),
    work: {
      exchangeEvaluations: ev.exchangeEvaluations,
      cacheHits: ev.cacheHits,
      engagementEvaluations: ev.engagementEvaluations,
    },
  };
}
