// The arms race in plain words and as chart rows: spending, the outcome, the cost-exchange ratio
// at the margin with Nitze's test, and Richardson's verdict. Pure functions of the core's results.
import type {
  CostExchange,
  OffenseKind,
  Purchase,
  RaceOutcome,
  RaceRound,
  RichardsonTrajectory,
} from "@stratbal/core";
import type { Scenario } from "@stratbal/scenario";
import { sourceCitations } from "@stratbal/scenario";
import { purchaseLabel } from "@stratbal/core";
import { fmtNum, possessive } from "./readings.ts";

/**
 * Millions of US dollars for prose: "$125M", "$6.2M", "$0.50M", "$1.22 billion", "$45 billion";
 * "unbounded" when there is no finite amount.
 */
export function fmtMoney(millions: number): string {
  if (!Number.isFinite(millions)) return "unbounded";
  const x = Math.abs(millions);
  const sign = millions < 0 ? "−" : "";
  if (x >= 1000) {
    const b = x / 1000;
    return `${sign}$${b >= 10 ? Math.round(b).toLocaleString("en-US") : Number(b.toPrecision(3))} billion`;
  }
  if (x >= 100) return `${sign}$${Math.round(x)}M`;
  if (x >= 1) return `${sign}$${x.toFixed(1)}M`;
  if (x === 0) return "$0";
  return `${sign}$${x.toPrecision(2)}M`;
}

/** A side's name as prose needs it mid-sentence: "the United States", "Russia". */
export function theName(name: string): string {
  return /^(United |Soviet Union|Russian Federation|People's Republic|Democratic People's)/.test(
    name,
  )
    ? `the ${name}`
    : name;
}

/** The same at the start of a sentence: "The United States", "Russia". */
export function TheName(name: string): string {
  const n = theName(name);
  return n.charAt(0).toUpperCase() + n.slice(1);
}

/** A cost-exchange ratio for prose: three significant digits, "unbounded" for ∞. */
export function fmtRatio(r: number): string {
  if (Number.isNaN(r)) return "—";
  if (!Number.isFinite(r)) return "unbounded";
  return fmtNum(r, 3);
}

const OUTCOME_TITLE: Readonly<Record<RaceOutcome["code"], string>> = {
  equilibrium: "Equilibrium",
  budget_exhausted: "Budget exhausted",
  unreachable: "Out of reach",
  runaway: "Runaway",
  converging: "Converging",
  unanswered: "Defense unanswered",
  undetermined: "Undetermined",
};

/** The outcome's title and its reason as a sentence. */
export function outcomeText(o: RaceOutcome): { title: string; text: string } {
  const reason = o.reason.charAt(0).toUpperCase() + o.reason.slice(1);
  return { title: `${OUTCOME_TITLE[o.code]} (round ${o.round})`, text: `${reason}.` };
}

/** What an offense option buys, in words: "uploading ru-slbm", "adding ru-icbm-mobile-3 launchers". */
export function optionText(kind: OffenseKind, element: string): string {
  switch (kind) {
    case "warheads":
      return `uploading ${element} (one more warhead per missile)`;
    case "decoys":
      return `adding decoys to ${element} (one more per warhead)`;
    case "launchers":
      return `adding ${element} launchers`;
    default:
      return kind satisfies never;
  }
}

/** A purchase for the round table: "ru-slbm warheads/launcher 4→5 ($432M)". */
export function purchaseText(p: Purchase): string {
  return `${purchaseLabel(p)} (${fmtMoney(p.costMillionUsd)})`;
}

/** Side names by id (the race reports ids). */
export function sideNames(s: Scenario): Readonly<Record<string, string>> {
  return Object.fromEntries(s.sides.map((x) => [x.id, x.name]));
}

/**
 * The cost-exchange ratio at the margin in words: what one more interceptor costs the defender,
 * what it costs the attacker to restore one warhead through the defense, the ratio, and Nitze's
 * verdict with the numbers.
 */
export function costExchangeReading(
  c: CostExchange,
  names: Readonly<Record<string, string>>,
): string {
  const def = theName(names[c.defender] ?? c.defender);
  const attName = names[c.attacker] ?? c.attacker;
  const att = theName(attName);
  if (!c.applicable) return c.nitze.statement;
  const perInterceptor = c.defenderStep > 0 ? c.defenderCostMillionUsd / c.defenderStep : NaN;
  const head =
    `Each added ${c.layer} interceptor costs ${def} ${fmtMoney(perInterceptor)}; ` +
    `${fmtNum(c.defenderStep)} more stop ${fmtNum(c.warheadsStopped, 3)} of ${possessive(att)} ` +
    `warheads, ${fmtMoney(c.defenderCostPerWarheadMillionUsd)} per warhead stopped.`;
  const cheapest = c.cheapest
    ? c.options.find((o) => o.kind === c.cheapest!.kind && o.element === c.cheapest!.element)
    : undefined;
  const verdict = c.nitze.pass ? "passes" : "fails";
  if (!cheapest || !Number.isFinite(c.ratio)) {
    return (
      `${head} No offense option of ${att} gets more warheads through at the margin: the ` +
      `cost-exchange ratio is ${fmtRatio(c.ratio)}, so the defense ${verdict} Nitze's test ` +
      `(cost-effective at the margin needs a ratio of at least 1).`
    );
  }
  return (
    `${head} ${TheName(attName)} restores one warhead through the defense for ` +
    `${fmtMoney(cheapest.attackerCostPerWarheadMillionUsd)} by ` +
    `${optionText(cheapest.kind, cheapest.element)}: a cost-exchange ratio of ${fmtRatio(c.ratio)}, ` +
    `so the defense ${verdict} Nitze's test (cost-effective at the margin needs a ratio of at ` +
    `least 1${c.nitze.pass ? "" : `; ${possessive(att)} answer is ${fmtRatio(1 / c.ratio)} times cheaper`}).`
  );
}

/** Spending over the race: each side's total, and the ratio of the larger to the smaller. */
export function spendingReading(
  rounds: readonly RaceRound[],
  totals: readonly { readonly id: string; readonly spendingMillionUsd: number }[],
  names: Readonly<Record<string, string>>,
): string {
  const last = rounds.at(-1)?.round ?? 0;
  const [a, b] = totals;
  if (!a || !b) return "";
  const name = (id: string) => theName(names[id] ?? id);
  const ratio =
    a.spendingMillionUsd > 0 && b.spendingMillionUsd > 0
      ? ` (${fmtNum(
          Math.max(a.spendingMillionUsd, b.spendingMillionUsd) /
            Math.min(a.spendingMillionUsd, b.spendingMillionUsd),
          3,
        )} : 1)`
      : "";
  return (
    `Over ${last} round${last === 1 ? "" : "s"}, ${name(a.id)} spends ${fmtMoney(a.spendingMillionUsd)} ` +
    `and ${name(b.id)} ${fmtMoney(b.spendingMillionUsd)}${ratio}.`
  );
}

export interface ForceRow {
  readonly round: number;
  readonly side: string;
  readonly measure: "launchers" | "warheads" | "decoys" | "interceptors";
  readonly value: number;
}

const MEASURES = ["warheads", "launchers", "decoys", "interceptors"] as const;

/**
 * Forces and interceptors per round for each side, as chart rows; a measure that is zero in
 * every round for a side (a side with no decoys, no defense) is left out.
 */
export function forceRows(rounds: readonly RaceRound[]): ForceRow[] {
  const out: ForceRow[] = [];
  if (rounds.length === 0) return out;
  for (const s of [0, 1] as const) {
    for (const m of MEASURES) {
      if (rounds.every((r) => r.sides[s][m] === 0)) continue;
      for (const r of rounds) {
        out.push({ round: r.round, side: r.sides[s].name, measure: m, value: r.sides[s][m] });
      }
    }
  }
  return out;
}

export interface SpendingRow {
  readonly round: number;
  /** The side's position (0, 1). */
  readonly index: number;
  readonly side: string;
  readonly spent: number;
  readonly cumulative: number;
}

/** Spending per round and cumulative spending per side ($M), as chart rows. */
export function spendingRows(rounds: readonly RaceRound[]): SpendingRow[] {
  return rounds.flatMap((r) =>
    r.sides.map((x, index) => ({
      round: r.round,
      index,
      side: x.name,
      spent: x.spendingMillionUsd,
      cumulative: x.cumulativeSpendingMillionUsd,
    })),
  );
}

const FATE_WORDS: Readonly<Record<RichardsonTrajectory["fate"], string>> = {
  equilibrium: "the path tends to the equilibrium",
  runaway: "both armaments grow without bound: a runaway",
  disarmament: "both armaments fall toward zero: Richardson's reading of a move to disarmament",
  drift: "the path drifts, with no isolated equilibrium to settle on",
};

/** Richardson's verdict: stability with the numbers, the equilibrium, and the path's fate. */
export function richardsonReading(
  p: RichardsonTrajectory,
  names: { x: string; y: string },
): string {
  const a = p.analysis;
  const k = a.params;
  const ab = k.a * k.b;
  const kl = k.k * k.l;
  const eq = a.equilibrium
    ? ` The equilibrium is ${names.x} ${fmtNum(a.equilibrium.x, 4)}, ${names.y} ${fmtNum(a.equilibrium.y, 4)}.`
    : "";
  const verdict =
    a.stability === "stable"
      ? `Stable: ab = ${fmtNum(ab, 4)} > kl = ${fmtNum(kl, 4)} (restraint outweighs reaction), so every path tends to the equilibrium.`
      : a.stability === "unstable"
        ? `Unstable: ab = ${fmtNum(ab, 4)} < kl = ${fmtNum(kl, 4)} (reaction outweighs restraint), so paths run away or collapse unless they start on the stable line.`
        : `Degenerate: ab = kl = ${fmtNum(ab, 4)}, so there is no isolated equilibrium.`;
  // The core's reason restates the stability test; in a saddle it also says which side of the
  // stable line the start lies on, which is what decides the fate.
  const why = a.stability === "unstable" ? ` (${p.reason})` : "";
  return (
    `${verdict}${eq} From (${fmtNum(p.start.x, 4)}, ${fmtNum(p.start.y, 4)}), ` +
    `${FATE_WORDS[p.fate]}${why}.`
  );
}

/** A unit cost of the race with its source (own, or the costs block's, or the side's). */
export interface UnitCostRow {
  readonly side: string;
  readonly item: string;
  readonly valueMillionUsd: number;
  readonly source?: string;
  readonly citation?: string;
  readonly notional: boolean;
}

/** Every unit cost the race uses, with its source and whether it is notional (as the CLI lists them). */
export function unitCosts(s: Scenario): UnitCostRow[] {
  const out: UnitCostRow[] = [];
  const names = sideNames(s);
  const cites = sourceCitations(s);
  for (const [id, spec] of Object.entries(s.race?.sides ?? {})) {
    const c = spec.costsMillionUsd;
    if (!c) continue;
    const inherited = c.source ?? spec.source;
    const row = (item: string, p: { value: number; source?: string } | undefined) => {
      if (!p) return;
      const source = p.source ?? inherited;
      const cite = source !== undefined ? cites[source] : undefined;
      out.push({
        side: names[id] ?? id,
        item,
        valueMillionUsd: p.value,
        ...(source !== undefined ? { source } : {}),
        ...(cite ? { citation: cite.citation } : {}),
        // As `stratbal race` marks them: a cost without a resolvable source counts as notional.
        notional: cite?.notional ?? true,
      });
    };
    row("interceptor", c.interceptor);
    row("warhead", c.warhead);
    row("decoy", c.decoy);
    for (const [el, p] of Object.entries(c.launcher ?? {})) row(`launcher ${el}`, p);
  }
  return out;
}
