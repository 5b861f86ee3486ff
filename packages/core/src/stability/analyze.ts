import type { DefenseLayer, RaidElement } from "../engagement/engageRaid.ts";
import { engageRaid } from "../engagement/engageRaid.ts";
import { DEFAULT_WORK_BUDGET, ModelLimitError, withWorkBudget } from "../limits.ts";
import { objectList } from "../lists.ts";
import { killProbability } from "../engagement/killProbability.ts";
import { convolve } from "../prob/convolve.ts";
import type { Pmf } from "../prob/pmf.ts";
import {
  DEFAULT_PRUNE_TOLERANCE,
  pmfMean,
  pmfQuantile,
  pmfScale,
  pmfTailAtLeast,
  pmfToDense,
  pointMass,
} from "../prob/pmf.ts";
import { CounterforcePlan } from "../exchange/counterforcePlan.ts";
import type { MeanMethod } from "../exchange/meanDelivered.ts";
import { KillIntervals, RetaliationMoments, valueStrikeMoments } from "../exchange/killBounds.ts";
import { meanKilled } from "../exchange/meanDelivered.ts";
import {
  CoveredRetaliation,
  ValueStrike,
  defenseLayers,
  retaliationRaid,
  strikerAvailability,
} from "../exchange/raids.ts";
import type { AnalysisOptions, ExchangeInput, Side } from "../exchange/types.ts";
import { breakEvenRatio, damage, kentThalerCost } from "./kentThaler.ts";

/** Mean and percentiles of a count distribution. */
export interface DistributionSummary {
  readonly mean: number;
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
}

/** One side's first strike on the other, at the spend chosen by the stop rule. */
export interface FirstStrike {
  /** Nuclear warheads spent on counterforce (s). */
  readonly counterforceWarheads: number;
  /** Conventional prompt-strike weapons spent on counterforce. */
  readonly promptStrikeWeapons: number;
  /** Warheads the striker had available: silo warheads plus readiness × all others. */
  readonly availableWarheads: number;
  /** The counterforce-capable part of `availableWarheads` (the upper end of s). */
  readonly counterforceAvailable: number;
  /** Expected enemy warheads on launchers that survive (before missile reliability). */
  readonly enemySurvivingWarheads: number;
  /** Enemy warheads delivered on the striker in retaliation, through the striker's defenses. */
  readonly delivered: DistributionSummary;
  /** Expected striker warheads delivered on the enemy's value, through the enemy's defenses. */
  readonly valueStrikeDelivered: number;
  readonly ownDamage: number;
  readonly enemyDamage: number;
  /** Striker's cost C1. */
  readonly cost: number;
  /** The enemy's cost in the same exchange. */
  readonly enemyCost: number;
}

/** What a side can still do after the other's best first strike. */
export interface SecondStrike {
  /** This side's cost C2 when the other strikes first and this side retaliates. */
  readonly cost: number;
  /** Warheads this side delivers in retaliation, through the other's defenses. */
  readonly delivered: DistributionSummary;
  /** `deliveredPmf[k]` = P(this side delivers k warheads in retaliation). */
  readonly deliveredPmf: Float64Array;
  /** Delivered warheads that count as an adequate second strike. */
  readonly threshold: number;
  /** P(delivered >= threshold). */
  readonly pAdequate: number;
}

/** The drawdown curve of one first strike: costs and damages for every counterforce spend. */
export interface StrikeCurve {
  readonly s: Float64Array;
  readonly strikerCost: Float64Array;
  readonly victimCost: Float64Array;
  readonly retaliationDelivered: Float64Array;
  readonly valueDelivered: Float64Array;
}

export interface SideResult {
  readonly id: string;
  readonly name: string;
  readonly firstStrike: FirstStrike;
  readonly secondStrike: SecondStrike;
  /** r = min(1, C1/C2): this side's break-even probability of being attacked. */
  readonly ratio: number;
}

/** The balance in one world (with or without defenses). */
export interface Balance {
  readonly sides: readonly [SideResult, SideResult];
  /** FSI = r_A · r_B (1: no advantage in striking first). */
  readonly firstStrikeStability: number;
  /** Drawdown curves, by striker id, when asked for. */
  readonly curves?: Readonly<Record<string, StrikeCurve>>;
}

/** What missile defense takes from (or adds to) the balance: with minus without. */
export interface DefenseEffect {
  readonly firstStrikeStability: number;
  readonly sides: readonly {
    readonly id: string;
    /** Change in the mean of this side's retaliation delivered. */
    readonly retaliationDelivered: number;
    readonly pAdequate: number;
    readonly ratio: number;
  }[];
}

export interface AnalysisResult extends Balance {
  readonly withoutDefenses: Balance;
  readonly defenseEffect: DefenseEffect;
  /** Upper bound on probability mass dropped by tail pruning in the reported distributions. */
  readonly prunedMass: number;
}

export interface AnalyzeOptions {
  readonly tolerance?: number;
  /**
   * `reference`: evaluate every counterforce spend exactly by plain convolution, with no bounds
   * or quadrature. Same results, several times slower: the baseline for tests and benchmarks.
   */
  readonly method?: MeanMethod;
  /** Work limit of the whole analysis (see limits.ts); past it, a ModelLimitError. */
  readonly workBudget?: number;
  /** Also return the drawdown curves (every s) for charts. */
  readonly curves?: boolean;
}

/** The layers of a world without defenses (one array, so that its shape never varies). */
const NO_LAYERS: readonly DefenseLayer[] = objectList();

/** Ties in cost within this are ties (DESIGN §2.3). */
const COST_TIE = 1e-12;

function summarize(pmf: Pmf): DistributionSummary {
  return {
    mean: pmfMean(pmf),
    p05: pmfQuantile(pmf, 0.05),
    p50: pmfQuantile(pmf, 0.5),
    p95: pmfQuantile(pmf, 0.95),
  };
}

/** PMF of RVs delivered by a raid through the layers (exact). */
export function deliveredPmf(
  raid: readonly RaidElement[],
  layers: readonly DefenseLayer[],
  tolerance: number,
): Pmf {
  if (layers.length === 0) {
    let acc: Pmf = pointMass(0);
    for (const el of raid)
      acc = convolve(acc, pmfScale(el.missiles, el.warheadsPerMissile), tolerance);
    return acc;
  }
  const r = engageRaid(raid, layers, { tolerance });
  if (!r.ok) throw new ModelLimitError(r.message);
  return r.delivered;
}

interface Direction {
  readonly s: number;
  readonly prompt: number;
  readonly available: number;
  readonly counterforceAvailable: number;
  readonly survivingWarheads: number;
  readonly retaliationMean: number;
  readonly valueMean: number;
  readonly ownDamage: number;
  readonly enemyDamage: number;
  readonly cost: number;
  readonly enemyCost: number;
  /** The retaliation's full PMF at the chosen spend (undefined when only means were asked for). */
  readonly retaliation: Pmf | undefined;
  readonly curve?: StrikeCurve;
}

/**
 * The undefended retaliation after every counterforce spend depends only on the two sides and
 * the launch-under-attack share; both worlds (with and without defenses) of one analysis walk
 * the same plan, so it is computed once per (striker, victim, share). Sides are immutable data.
 */
const undefendedMemo = new WeakMap<Side, WeakMap<Side, Map<number, { ret0: Float64Array }>>>();

function undefendedRetaliation(striker: Side, victim: Side, lua: number): { ret0: Float64Array } {
  let byVictim = undefendedMemo.get(striker);
  if (!byVictim) {
    byVictim = new WeakMap();
    undefendedMemo.set(striker, byVictim);
  }
  let byLua = byVictim.get(victim);
  if (!byLua) {
    byLua = new Map();
    byVictim.set(victim, byLua);
  }
  let entry = byLua.get(lua);
  if (!entry) {
    entry = { ret0: new Float64Array(0) };
    byLua.set(lua, entry);
  }
  return entry;
}

/**
 * Upper bound on the expected RVs a set of layers can remove: a working layer kills at most
 * d·p per interceptor fired, and a barrage at most pk_n per engaged object; a boost kill removes
 * at most the largest payload. Used to bound costs before computing them exactly.
 */
function killBound(layers: readonly DefenseLayer[], maxPayload: number): number {
  let k = 0;
  for (const l of layers) {
    const perShot = l.tracking * l.sspk * l.interceptors;
    let cap = perShot;
    if (l.doctrine.kind === "barrage") {
      cap = Math.min(
        cap,
        Math.floor(l.interceptors / l.doctrine.shots) *
          killProbability(l.sspk, l.doctrine.shots, l.tracking),
      );
    }
    k += l.reliability * cap * (l.phase === "boost" ? maxPayload : 1);
  }
  return k;
}

/**
 * X strikes Y first: over s = 0..⌊counterforce-available⌋, find the spend chosen by Kent &
 * Thaler's stop rule (least own cost; ties within 1e-12 to the larger enemy cost, then the smaller
 * s), using exact expected deliveries. Costs are first bounded for every s from the undefended
 * closed forms and a bound on what the defenses can remove; only the s whose lower bound can still
 * beat the best upper bound are computed exactly (branch and bound; the choice is unchanged).
 */
interface StrikeOptions {
  readonly withDefenses: boolean;
  readonly tolerance: number;
  readonly curve: boolean;
  readonly pmf: boolean;
  readonly method: MeanMethod;
}

function strikeFirst(striker: Side, victim: Side, a: AnalysisOptions, o: StrikeOptions): Direction {
  const { withDefenses, tolerance, method } = o;
  const wantCurve = o.curve;
  const withPmf = o.pmf;
  // The reference method evaluates every spend: no bounds, no reuse.
  const bounded = method === "fast";
  const strikerLayers = withDefenses ? defenseLayers(striker) : NO_LAYERS;
  const victimLayers = withDefenses ? defenseLayers(victim) : NO_LAYERS;
  // Read once: the closures below test these flags, not the arrays (an empty and a filled array
  // differ in V8's eyes, and a test on them inside a closure kept its compiled code deoptimizing).
  const strikerDefended = strikerLayers.length > 0;
  const victimDefended = victimLayers.length > 0;
  const avail = strikerAvailability(striker, a.strikerReadiness);
  const sMax = Math.floor(avail.counterforce + 1e-9);
  const lua = a.launchUnderAttack;
  const n = sMax + 1;
  const cost = (own: number, enemy: number) => kentThalerCost(own, enemy, a.alpha, a.costExponent);
  const maxW = (side: Side) => side.forces.reduce((m, f) => Math.max(m, f.warheadsPerLauncher), 1);
  const maxVictimPayload = maxW(victim);
  const maxStrikerPayload = maxW(striker);
  const kRet = killBound(strikerLayers, maxVictimPayload);
  const kVal = killBound(victimLayers, maxStrikerPayload);

  // Pass 1: undefended expectations (closed form) and cost bounds for every s. What the
  // defenses remove is bounded per s from the pools' means and variances (killBounds.ts).
  const memo = undefendedRetaliation(striker, victim, lua);
  const ret0 = memo.ret0.length === n ? memo.ret0 : new Float64Array(n);
  const fresh = ret0 !== memo.ret0;
  const retKill = scratch(0, 2 * n);
  if (!strikerDefended) retKill.fill(0, 0, 2 * n);
  if (fresh || strikerDefended) {
    // Only a defended world builds the bound machinery: it never sees an empty list of layers.
    retaliationBounds(
      striker,
      victim,
      lua,
      sMax,
      fresh ? ret0 : undefined,
      strikerDefended
        ? {
            retKill,
            moments: new RetaliationMoments(victim, strikerLayers, lua),
            intervals: new KillIntervals(strikerLayers, maxVictimPayload, kRet),
          }
        : undefined,
    );
  }
  if (fresh) memo.ret0 = ret0;
  const val0 = (s: number) => Math.max(0, avail.total - s) * avail.meanReliability;
  const lower = scratch(1, n);
  const { bestUpper, upperArgmin } = costBounds({
    sMax,
    ret0,
    retKill,
    total: avail.total,
    meanReliability: avail.meanReliability,
    value: victimDefended
      ? {
          moments: valueStrikeMoments(
            striker,
            avail.perElement,
            avail.counterforce,
            avail.meanReliability,
            victimLayers,
          ),
          intervals: new KillIntervals(victimLayers, maxStrikerPayload, kVal),
        }
      : undefined,
    strikerW80: striker.w80,
    victimW80: victim.w80,
    alpha: a.alpha,
    exponent: a.costExponent,
    lower,
  });

  // Pass 2: exact expectations where the choice can be decided (all of them for a curve). The s
  // with the best upper bound goes first: its exact cost tightens the pruning threshold.
  const curve = wantCurve
    ? {
        s: new Float64Array(n),
        strikerCost: new Float64Array(n),
        victimCost: new Float64Array(n),
        retaliationDelivered: new Float64Array(n),
        valueDelivered: new Float64Array(n),
      }
    : undefined;
  type Exact = Omit<Direction, "retaliation" | "curve">;
  // What the striker's layers remove from the retaliation depends only on the covered raid:
  // kept by its content, which most warheads of the walk leave unchanged.
  const covered =
    bounded && strikerDefended
      ? new CoveredRetaliation(victim, strikerLayers, lua, tolerance)
      : undefined;
  const retaliationKills = new Map<string, number>();
  const retaliationKilled = (walk: CounterforcePlan): number => {
    if (!covered) {
      const raid = retaliationRaid(victim, walk, strikerLayers, lua, tolerance, undefined, true);
      return mean(meanKilled(raid, strikerLayers, tolerance, method));
    }
    const key = covered.key(walk);
    let killed = retaliationKills.get(key);
    if (killed === undefined) {
      killed = mean(meanKilled(covered.raid(), strikerLayers, tolerance, method));
      retaliationKills.set(key, killed);
    }
    return killed;
  };
  const valueStrike = victimDefended
    ? new ValueStrike(striker, a.strikerReadiness, victimLayers, tolerance)
    : undefined;
  const exactAt = (s: number, walk: CounterforcePlan): Exact => {
    // Closed-form expectation minus what the defenses remove (only covered launchers matter).
    const retaliationDiff = !strikerDefended ? ret0[s]! : ret0[s]! - retaliationKilled(walk);
    const valueDiff = !victimDefended
      ? val0(s)
      : val0(s) - mean(meanKilled(valueStrike!.raid(s, true), victimLayers, tolerance, method));
    // When the defenses remove nearly everything the difference can round below 0 (-1.7e-18),
    // and a negative damage raised to the cost exponent is NaN: an expected count is >= 0.
    const retaliationMean = Math.max(0, retaliationDiff);
    const valueMean = Math.max(0, valueDiff);
    const ownDamage = damage(retaliationMean, striker.w80);
    const enemyDamage = damage(valueMean, victim.w80);
    return {
      s,
      prompt: walk.promptSpent,
      available: avail.total,
      counterforceAvailable: avail.counterforce,
      survivingWarheads: walk.expectedSurvivingWarheads(lua),
      retaliationMean,
      valueMean,
      ownDamage,
      enemyDamage,
      cost: cost(ownDamage, enemyDamage),
      enemyCost: cost(enemyDamage, ownDamage),
    };
  };
  const exact = new Map<number, Exact>();
  let threshold = bestUpper;
  if (!curve && bounded) {
    const first = upperArgmin;
    const walk = new CounterforcePlan(striker, victim);
    for (let s = 0; s < first; s++) walk.step();
    const e = exactAt(first, walk);
    exact.set(first, e);
    threshold = Math.min(threshold, e.cost);
  }
  const walk = new CounterforcePlan(striker, victim);
  for (let s = 0; s <= sMax; s++) {
    if (s > 0) walk.step();
    if (exact.has(s) || (!curve && bounded && lower[s]! > threshold + 2 * COST_TIE)) continue;
    const e = exactAt(s, walk);
    exact.set(s, e);
    threshold = Math.min(threshold, e.cost);
    if (curve) {
      curve.s[s] = s;
      curve.strikerCost[s] = e.cost;
      curve.victimCost[s] = e.enemyCost;
      curve.retaliationDelivered[s] = e.retaliationMean;
      curve.valueDelivered[s] = e.valueMean;
    }
  }
  let best: Exact | undefined;
  for (const s of [...exact.keys()].sort((x, y) => x - y)) {
    const e = exact.get(s)!;
    if (
      !best ||
      e.cost < best.cost - COST_TIE ||
      (Math.abs(e.cost - best.cost) <= COST_TIE && e.enemyCost > best.enemyCost + COST_TIE)
    ) {
      best = e;
    }
  }
  if (!withPmf) return { ...best!, retaliation: undefined, ...(curve ? { curve } : {}) };
  // Rebuild the chosen attack for the full retaliation distribution.
  const chosen = new CounterforcePlan(striker, victim);
  for (let s = 0; s < best!.s; s++) chosen.step();
  const retaliation = deliveredPmf(
    retaliationRaid(victim, chosen, strikerLayers, lua, tolerance),
    strikerLayers,
    tolerance,
  );
  return { ...best!, retaliation, ...(curve ? { curve } : {}) };
}

/** Work arrays of `strikeFirst`, reused from call to call (it is not re-entrant). */
const scratchArrays: Float64Array[] = [new Float64Array(0), new Float64Array(0)];

/** Scratch array `i` with at least `n` entries (contents undefined). */
function scratch(i: number, n: number): Float64Array {
  if (scratchArrays[i]!.length < n) scratchArrays[i] = new Float64Array(Math.max(n, 1024));
  return scratchArrays[i]!;
}

/**
 * Pass 1 of `strikeFirst` along the counterforce walk: the undefended retaliation at every s
 * (into `ret0`, when given) and, when the striker has layers, the interval of what they remove
 * from it (into `bounds.retKill`, low and high at 2s and 2s + 1). A function of its own, so that the compiler
 * optimizes this loop apart from the rest of the strike.
 */
function retaliationBounds(
  striker: Side,
  victim: Side,
  lua: number,
  sMax: number,
  ret0: Float64Array | undefined,
  bounds:
    | {
        readonly retKill: Float64Array;
        readonly moments: RetaliationMoments;
        readonly intervals: KillIntervals;
      }
    | undefined,
): void {
  const plan = new CounterforcePlan(striker, victim);
  for (let s = 0; s <= sMax; s++) {
    if (s > 0) plan.step();
    if (ret0) ret0[s] = plan.expectedSurvivingWarheadsReliable(lua);
    if (bounds) bounds.intervals.into(bounds.moments.at(plan), bounds.retKill, 2 * s);
  }
}

/**
 * Pass 1 of `strikeFirst` for costs: the lower bound of the striker's cost at every s (into
 * `lower`), and the least upper bound with the first s where it is reached. A function of its
 * own so that the compiler inlines the damage and cost arithmetic into its loop.
 */
function costBounds(b: {
  readonly sMax: number;
  readonly ret0: Float64Array;
  readonly retKill: Float64Array;
  readonly total: number;
  readonly meanReliability: number;
  /** The value strike's pool moments and kill intervals; undefined without victim defenses. */
  readonly value:
    | { readonly moments: ReturnType<typeof valueStrikeMoments>; readonly intervals: KillIntervals }
    | undefined;
  readonly strikerW80: number;
  readonly victimW80: number;
  readonly alpha: number;
  readonly exponent: number;
  readonly lower: Float64Array;
}): { bestUpper: number; upperArgmin: number } {
  const { ret0, retKill, lower, alpha, exponent } = b;
  const valueKill = new Float64Array(2);
  let bestUpper = Infinity;
  let upperArgmin = 0;
  for (let s = 0; s <= b.sMax; s++) {
    if (b.value) b.value.intervals.into(b.value.moments(s), valueKill, 0);
    const vLo = valueKill[0]!;
    const vHi = valueKill[1]!;
    const retLo = retKill[2 * s]!;
    const retHi = retKill[2 * s + 1]!;
    const val0 = Math.max(0, b.total - s) * b.meanReliability;
    const dOwnLo = damage(Math.max(0, ret0[s]! - retHi), b.strikerW80);
    const dEnemyHi = damage(Math.max(0, val0 - vLo), b.victimW80);
    const lo = kentThalerCost(dOwnLo, dEnemyHi, alpha, exponent);
    lower[s] = lo;
    // The upper bound is never below the lower one, so it can only improve on the best upper
    // bound so far when the lower one does; and without defenses the two are the same.
    if (!(lo < bestUpper)) continue;
    let upper = lo;
    if (retLo !== retHi || vLo !== vHi) {
      const dOwnHi = damage(Math.max(0, ret0[s]! - retLo), b.strikerW80);
      const dEnemyLo = damage(Math.max(0, val0 - vHi), b.victimW80);
      upper = kentThalerCost(dOwnHi, dEnemyLo, alpha, exponent);
    }
    if (upper < bestUpper) {
      bestUpper = upper;
      upperArgmin = s;
    }
  }
  return { bestUpper, upperArgmin };
}

function mean(x: number | undefined): number {
  if (x === undefined) {
    throw new ModelLimitError(
      "the exact layered engagement needs too large a joint state; give elements that share a layer the same coverage of later layers",
    );
  }
  return x;
}

/** Balance of two sides in one world. */
function balance(
  input: ExchangeInput,
  withDefenses: boolean,
  tolerance: number,
  curves: boolean,
  method: MeanMethod,
): Balance & { pruned: number } {
  const [A, B] = input.sides;
  const a = input.analysis;
  const o: StrikeOptions = { withDefenses, tolerance, curve: curves, pmf: true, method };
  const ab = strikeFirst(A, B, a, o); // A strikes first
  const ba = strikeFirst(B, A, a, o); // B strikes first
  const side = (me: Side, mine: Direction, theirs: Direction): SideResult => {
    // When the other strikes first, my cost is their enemy cost; my retaliation is their retaliation.
    const c2 = theirs.enemyCost;
    const threshold = a.thresholds[me.id] ?? 0;
    const pmf = theirs.retaliation!;
    const max = pmf.offset + pmf.mass.length - 1;
    return {
      id: me.id,
      name: me.name,
      firstStrike: {
        counterforceWarheads: mine.s,
        promptStrikeWeapons: mine.prompt,
        availableWarheads: mine.available,
        counterforceAvailable: mine.counterforceAvailable,
        enemySurvivingWarheads: mine.survivingWarheads,
        delivered: summarize(mine.retaliation!),
        valueStrikeDelivered: mine.valueMean,
        ownDamage: mine.ownDamage,
        enemyDamage: mine.enemyDamage,
        cost: mine.cost,
        enemyCost: mine.enemyCost,
      },
      secondStrike: {
        cost: c2,
        delivered: summarize(pmf),
        deliveredPmf: pmfToDense(pmf, Math.max(0, max)),
        threshold,
        pAdequate: pmfTailAtLeast(pmf, threshold),
      },
      ratio: breakEvenRatio(mine.cost, c2),
    };
  };
  const sa = side(A, ab, ba);
  const sb = side(B, ba, ab);
  return {
    sides: [sa, sb],
    firstStrikeStability: sa.ratio * sb.ratio,
    ...(curves && ab.curve && ba.curve ? { curves: { [A.id]: ab.curve, [B.id]: ba.curve } } : {}),
    pruned: ab.retaliation!.pruned + ba.retaliation!.pruned,
  };
}

/**
 * First-strike stability and second-strike adequacy of a two-sided balance (DESIGN §2.3), with
 * every result also computed with all defenses removed; the difference is what missile defense
 * takes from the balance.
 */
export function analyze(input: ExchangeInput, options: AnalyzeOptions = {}): AnalysisResult {
  checkSize(input);
  return withWorkBudget(options.workBudget ?? DEFAULT_WORK_BUDGET, () =>
    analyzeWithin(input, options),
  );
}

/** Sides the exact models can hold (the dense PMFs run over 0..n). */
function checkSize(input: ExchangeInput): void {
  for (const side of input.sides) {
    const objects = side.forces.reduce(
      (n, f) => n + f.launchers * f.warheadsPerLauncher * (1 + f.decoysPerWarhead),
      0,
    );
    if (objects > 1_000_000) {
      throw new ModelLimitError(
        `${side.name} fields ${objects.toLocaleString("en-US")} warheads and decoys; the exact models hold at most 1,000,000 per side`,
      );
    }
  }
}

function analyzeWithin(input: ExchangeInput, options: AnalyzeOptions): AnalysisResult {
  const tolerance = options.tolerance ?? DEFAULT_PRUNE_TOLERANCE;
  const curves = options.curves ?? false;
  const method = options.method ?? "fast";
  const withD = balance(input, true, tolerance, curves, method);
  const without = balance(input, false, tolerance, curves, method);
  const { pruned, ...withBalance } = withD;
  const { pruned: prunedWithout, ...withoutBalance } = without;
  return {
    ...withBalance,
    withoutDefenses: withoutBalance,
    defenseEffect: {
      firstStrikeStability: withD.firstStrikeStability - without.firstStrikeStability,
      sides: withD.sides.map((s, i) => ({
        id: s.id,
        retaliationDelivered:
          s.secondStrike.delivered.mean - without.sides[i]!.secondStrike.delivered.mean,
        pAdequate: s.secondStrike.pAdequate - without.sides[i]!.secondStrike.pAdequate,
        ratio: s.ratio - without.sides[i]!.ratio,
      })),
    },
    prunedMass: pruned + prunedWithout,
  };
}

/** One side's part of the stability index, from expected deliveries only. */
export interface StabilitySide {
  readonly id: string;
  /** Counterforce warheads this side spends when it strikes first. */
  readonly counterforceWarheads: number;
  /** Expected enemy warheads delivered in retaliation after this side's first strike. */
  readonly retaliationDelivered: number;
  readonly firstStrikeCost: number;
  readonly secondStrikeCost: number;
  readonly ratio: number;
}

/** The first-strike stability index in one world, without distributions. */
export interface StabilityIndex {
  readonly firstStrikeStability: number;
  readonly sides: readonly [StabilitySide, StabilitySide];
}

/**
 * Only the first-strike stability index (DESIGN §2.3), with and without defenses: the same
 * stop rule and costs as `analyze`, without the full delivered distributions, so it is several
 * times faster. For sweeps and sliders.
 */
export function stabilityIndex(
  input: ExchangeInput,
  options: {
    readonly tolerance?: number;
    readonly method?: MeanMethod;
    readonly workBudget?: number;
  } = {},
): StabilityIndex & { readonly withoutDefenses: StabilityIndex } {
  checkSize(input);
  return withWorkBudget(options.workBudget ?? DEFAULT_WORK_BUDGET, () =>
    stabilityIndexWithin(input, options),
  );
}

function stabilityIndexWithin(
  input: ExchangeInput,
  options: { readonly tolerance?: number; readonly method?: MeanMethod },
): StabilityIndex & { readonly withoutDefenses: StabilityIndex } {
  const tolerance = options.tolerance ?? DEFAULT_PRUNE_TOLERANCE;
  const world = (withDefenses: boolean): StabilityIndex => {
    const [A, B] = input.sides;
    const o: StrikeOptions = {
      withDefenses,
      tolerance,
      curve: false,
      pmf: false,
      method: options.method ?? "fast",
    };
    const ab = strikeFirst(A, B, input.analysis, o);
    const ba = strikeFirst(B, A, input.analysis, o);
    const side = (id: string, mine: Direction, theirs: Direction): StabilitySide => ({
      id,
      counterforceWarheads: mine.s,
      retaliationDelivered: mine.retaliationMean,
      firstStrikeCost: mine.cost,
      secondStrikeCost: theirs.enemyCost,
      ratio: breakEvenRatio(mine.cost, theirs.enemyCost),
    });
    const sa = side(A.id, ab, ba);
    const sb = side(B.id, ba, ab);
    return { firstStrikeStability: sa.ratio * sb.ratio, sides: [sa, sb] };
  };
  return { ...world(true), withoutDefenses: world(false) };
}
