import type { ExchangeInput } from "../exchange/types.ts";
import type {
  AnalysisResult,
  Balance,
  SideResult,
  StabilityIndex,
  StabilitySide,
} from "../stability/analyze.ts";
import { analyze, stabilityIndex } from "../stability/analyze.ts";

type IndexResult = StabilityIndex & { readonly withoutDefenses: StabilityIndex };

/** A number a sweep can report for each evaluation, named by its path in `analyze`'s result. */
export interface SweepOutput {
  /** e.g. `firstStrikeStability`, `withoutDefenses.sides.us.ratio`, `sides.ru.secondStrike.pAdequate`. */
  readonly name: string;
  readonly description: string;
  /** Needs the full `analyze` (distributions); otherwise the faster `stabilityIndex` suffices. */
  readonly full: boolean;
  readonly fromAnalysis: (r: AnalysisResult) => number;
  readonly fromIndex?: (r: IndexResult) => number;
}

/**
 * Every output a sweep can report for a scenario whose sides have these ids: the stability index
 * and each side's costs, ratio, spends and deliveries, with and without defenses, and the
 * defenses' effect. Outputs available from `stabilityIndex` take their values from the same
 * computation in `analyze` (the same stop rule and costs), so they are equal either way.
 */
export function sweepOutputs(sideIds: readonly [string, string]): SweepOutput[] {
  const out: SweepOutput[] = [];
  const worlds: [
    string,
    string,
    (r: AnalysisResult) => Balance,
    (r: IndexResult) => StabilityIndex,
  ][] = [
    ["", "with defenses", (r) => r, (r) => r],
    [
      "withoutDefenses.",
      "without any defenses",
      (r) => r.withoutDefenses,
      (r) => r.withoutDefenses,
    ],
  ];
  for (const [prefix, world, bal, idx] of worlds) {
    out.push({
      name: `${prefix}firstStrikeStability`,
      description: `first-strike stability index r_A·r_B, ${world}`,
      full: false,
      fromAnalysis: (r) => bal(r).firstStrikeStability,
      fromIndex: (r) => idx(r).firstStrikeStability,
    });
    sideIds.forEach((id, si) => {
      const side = (r: AnalysisResult): SideResult => bal(r).sides[si]!;
      const iside = (r: IndexResult): StabilitySide => idx(r).sides[si]!;
      const p = `${prefix}sides.${id}`;
      const fast = (
        name: string,
        description: string,
        a: (s: SideResult) => number,
        i: (s: StabilitySide) => number,
      ) =>
        out.push({
          name: `${p}.${name}`,
          description: `${description}, ${world}`,
          full: false,
          fromAnalysis: (r) => a(side(r)),
          fromIndex: (r) => i(iside(r)),
        });
      const slow = (name: string, description: string, a: (s: SideResult) => number) =>
        out.push({
          name: `${p}.${name}`,
          description: `${description}, ${world}`,
          full: true,
          fromAnalysis: (r) => a(side(r)),
        });
      fast(
        "ratio",
        `${id}'s break-even ratio r = min(1, C1/C2)`,
        (s) => s.ratio,
        (s) => s.ratio,
      );
      fast(
        "firstStrike.counterforceWarheads",
        `warheads ${id} spends on counterforce when it strikes first`,
        (s) => s.firstStrike.counterforceWarheads,
        (s) => s.counterforceWarheads,
      );
      fast(
        "firstStrike.cost",
        `${id}'s cost C1 when it strikes first`,
        (s) => s.firstStrike.cost,
        (s) => s.firstStrikeCost,
      );
      fast(
        "secondStrike.cost",
        `${id}'s cost C2 when struck first`,
        (s) => s.secondStrike.cost,
        (s) => s.secondStrikeCost,
      );
      slow(
        "firstStrike.promptStrikeWeapons",
        `prompt-strike weapons ${id} spends`,
        (s) => s.firstStrike.promptStrikeWeapons,
      );
      slow(
        "firstStrike.availableWarheads",
        `warheads ${id} has available to strike`,
        (s) => s.firstStrike.availableWarheads,
      );
      slow(
        "firstStrike.counterforceAvailable",
        `counterforce-capable warheads ${id} has available`,
        (s) => s.firstStrike.counterforceAvailable,
      );
      slow(
        "firstStrike.enemySurvivingWarheads",
        `expected enemy warheads surviving ${id}'s first strike`,
        (s) => s.firstStrike.enemySurvivingWarheads,
      );
      slow(
        "firstStrike.valueStrikeDelivered",
        `expected warheads ${id} delivers on enemy value`,
        (s) => s.firstStrike.valueStrikeDelivered,
      );
      slow(
        "firstStrike.ownDamage",
        `damage to ${id} after its first strike`,
        (s) => s.firstStrike.ownDamage,
      );
      slow(
        "firstStrike.enemyDamage",
        `damage ${id}'s first strike does`,
        (s) => s.firstStrike.enemyDamage,
      );
      slow(
        "firstStrike.enemyCost",
        `the enemy's cost when ${id} strikes first`,
        (s) => s.firstStrike.enemyCost,
      );
      for (const stat of ["mean", "p05", "p50", "p95"] as const) {
        slow(
          `firstStrike.delivered.${stat}`,
          `${stat} of enemy warheads delivered on ${id} in retaliation`,
          (s) => s.firstStrike.delivered[stat],
        );
        slow(
          `secondStrike.delivered.${stat}`,
          `${stat} of warheads ${id} delivers in retaliation`,
          (s) => s.secondStrike.delivered[stat],
        );
      }
      slow(
        "secondStrike.pAdequate",
        `P(${id}'s retaliation >= its threshold)`,
        (s) => s.secondStrike.pAdequate,
      );
    });
  }
  out.push({
    name: "defenseEffect.firstStrikeStability",
    description: "change in the stability index that the defenses make (with minus without)",
    full: false,
    fromAnalysis: (r) => r.defenseEffect.firstStrikeStability,
    fromIndex: (r) => r.firstStrikeStability - r.withoutDefenses.firstStrikeStability,
  });
  sideIds.forEach((id, si) => {
    out.push({
      name: `defenseEffect.sides.${id}.ratio`,
      description: `change in ${id}'s break-even ratio that the defenses make`,
      full: false,
      fromAnalysis: (r) => r.defenseEffect.sides[si]!.ratio,
      fromIndex: (r) => r.sides[si]!.ratio - r.withoutDefenses.sides[si]!.ratio,
    });
    out.push({
      name: `defenseEffect.sides.${id}.retaliationDelivered`,
      description: `change in the mean of ${id}'s retaliation that the defenses make`,
      full: true,
      fromAnalysis: (r) => r.defenseEffect.sides[si]!.retaliationDelivered,
    });
    out.push({
      name: `defenseEffect.sides.${id}.pAdequate`,
      description: `change in ${id}'s P(adequate retaliation) that the defenses make`,
      full: true,
      fromAnalysis: (r) => r.defenseEffect.sides[si]!.pAdequate,
    });
  });
  return out;
}

/** The outputs a sweep reports, ready to evaluate. */
export interface OutputSet {
  readonly outputs: readonly SweepOutput[];
  /** Whether any output needs the full `analyze`. */
  readonly full: boolean;
  /** The outputs' values for one exchange input, in order (−0 is written as 0). */
  evaluate(input: ExchangeInput): Float64Array;
}

/**
 * Chooses outputs by name; runs the full `analyze` only when one of them needs it, and otherwise
 * the several times faster `stabilityIndex`. Returns the names that match no output.
 */
export function selectOutputs(
  sideIds: readonly [string, string],
  names: readonly string[],
): { ok: true; set: OutputSet } | { ok: false; unknown: string[]; known: string[] } {
  const all = sweepOutputs(sideIds);
  const byName = new Map(all.map((o) => [o.name, o]));
  const unknown = names.filter((n) => !byName.has(n));
  if (unknown.length > 0) return { ok: false, unknown, known: all.map((o) => o.name) };
  const outputs = names.map((n) => byName.get(n)!);
  const full = outputs.some((o) => o.full);
  const evaluate = (input: ExchangeInput): Float64Array => {
    const v = new Float64Array(outputs.length);
    if (full) {
      const r = analyze(input);
      outputs.forEach((o, i) => (v[i] = o.fromAnalysis(r) + 0));
    } else {
      const r = stabilityIndex(input);
      outputs.forEach((o, i) => (v[i] = o.fromIndex!(r) + 0));
    }
    return v;
  };
  return { ok: true, set: { outputs, full, evaluate } };
}
