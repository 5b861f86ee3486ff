import type { Purchase } from "./posture.ts";
import type { RaceRound } from "./runRace.ts";

/** A purchase as one line: "ru-slbm warheads/launcher 4→5". */
export function purchaseLabel(p: Purchase): string {
  const what =
    p.kind === "launchers"
      ? "launchers"
      : p.kind === "warheads"
        ? "warheads/launcher"
        : p.kind === "decoys"
          ? "decoys/warhead"
          : "interceptors";
  return `${p.target} ${what} ${p.from}→${p.to}`;
}

/** Columns of the race table per round and side (`stratbal race --csv`, the workbench export). */
export const RACE_ROUND_COLUMNS = [
  "round",
  "side",
  "launchers",
  "warheads",
  "decoys",
  "interceptors",
  "purchases",
  "spending_musd",
  "cumulative_musd",
  "retaliation_mean",
  "retaliation_p05",
  "retaliation_p95",
  "requirement_warheads",
  "requirement_confidence",
  "requirement_probability",
  "requirement_met",
  "goal_kind",
  "goal_value",
  "goal_target",
  "goal_met",
  "first_strike_stability",
] as const;

/** The rows of that table: one per round and side, cells in `RACE_ROUND_COLUMNS` order. */
export function raceRoundRows(rounds: readonly RaceRound[]): (string | number | undefined)[][] {
  return rounds.flatMap((round) =>
    round.sides.map((x) => [
      round.round,
      x.id,
      x.launchers,
      x.warheads,
      x.decoys,
      x.interceptors,
      x.purchases.map(purchaseLabel).join("; "),
      x.spendingMillionUsd,
      x.cumulativeSpendingMillionUsd,
      x.retaliation.mean,
      x.retaliation.p05,
      x.retaliation.p95,
      x.requirement?.warheads,
      x.requirement?.confidence,
      x.requirement?.probability,
      x.requirement ? String(x.requirement.met) : undefined,
      x.goal?.kind,
      x.goal?.value,
      x.goal?.target,
      x.goal ? String(x.goal.met) : undefined,
      round.firstStrikeStability,
    ]),
  );
}
