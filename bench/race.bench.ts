import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RaceResult } from "@stratbal/core";
import { runRace } from "@stratbal/core";
import { safeParseScenario, toRaceInput } from "@stratbal/scenario";
import type { BenchResult } from "./types.ts";

const SCENARIO = fileURLToPath(new URL("../scenarios/race-gmd-2017.yaml", import.meta.url));

function spendingPath(r: RaceResult): number[] {
  return r.rounds.flatMap((x) => x.sides.map((s) => s.cumulativeSpendingMillionUsd));
}

/**
 * `stratbal race scenarios/race-gmd-2017.yaml`: the full 10-round action–reaction race on the
 * exchange model (one timed run: a race takes seconds, and its own cache makes repeats unequal).
 * Baseline, on the first 3 rounds: the same race with the plain search (bisection from 1, no
 * linear guess, no posture cache, no cut at the best cost found) — the direct implementation.
 * Both must buy the same things (agreement: largest difference in cumulative spending).
 */
export async function benchRace(): Promise<BenchResult[]> {
  if (!existsSync(SCENARIO))
    return [{ name: "race GMD 2017", ms: Number.NaN, notes: `missing ${SCENARIO}` }];
  const parsed = safeParseScenario(readFileSync(SCENARIO, "utf8"), { file: SCENARIO });
  if (!parsed.ok)
    return [{ name: "race GMD 2017", ms: Number.NaN, notes: "scenario does not validate" }];
  const full = toRaceInput(parsed.scenario)!;
  const short = toRaceInput(parsed.scenario, { rounds: 3 })!;

  let t0 = performance.now();
  const race = runRace(full);
  const fullMs = performance.now() - t0;

  t0 = performance.now();
  const fast = runRace(short);
  const fastMs = performance.now() - t0;
  t0 = performance.now();
  const plain = runRace(short, { search: "plain" });
  const plainMs = performance.now() - t0;
  const a = spendingPath(fast);
  const b = spendingPath(plain);
  const agreement = Math.max(...a.map((x, i) => Math.abs(x - (b[i] ?? Number.NaN))));
  await Promise.resolve();
  return [
    {
      name: `race GMD 2017, ${full.rounds} rounds (outcome ${race.outcome.code} at round ${race.outcome.round})`,
      ms: fullMs,
      notes:
        `${race.work.exchangeEvaluations} exchange analyses, ${race.work.cacheHits} cache hits; ` +
        `${(fullMs / Math.max(1, race.work.exchangeEvaluations)).toFixed(0)} ms per analysis`,
    },
    {
      name: "race GMD 2017, 3 rounds",
      ms: fastMs,
      baseline: "plain search, no cache",
      baselineMs: plainMs,
      ratio: plainMs / fastMs,
      agreement,
      notes: `${fast.work.exchangeEvaluations} analyses against ${plain.work.exchangeEvaluations}`,
    },
  ];
}
