// Readings and chart rows of the arms-race and uncertainty views.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { CostExchange, MonteCarloSummary, Tornado } from "@stratbal/core";
import { monteCarloSummary, richardsonTrajectory, runRace } from "@stratbal/core";
import { parseScenario, toRaceInput } from "@stratbal/scenario";
import { describe, expect, it } from "vitest";
import {
  TheName,
  costExchangeReading,
  fmtMoney,
  forceRows,
  outcomeText,
  richardsonReading,
  spendingReading,
  spendingRows,
  unitCosts,
} from "../../src/explain/raceReadings.ts";
import {
  binCount,
  histogram,
  outputInfo,
  summaryText,
  tornadoReading,
  varies,
} from "../../src/explain/uncertaintyReadings.ts";

const ROOT = resolve(import.meta.dirname, "../../../..");
const read = (p: string) => readFileSync(resolve(ROOT, p), "utf8");
const NAMES = { us: "United States", russia: "Russia" };

/** A cost exchange at the margin as the core reports it, with round numbers. */
function exchange(over: Partial<CostExchange> = {}): CostExchange {
  return {
    applicable: true,
    attacker: "russia",
    defender: "us",
    layer: "gmd-mid",
    defenderStep: 20,
    defenderCostMillionUsd: 2500,
    warheadsStopped: 2,
    defenderCostPerWarheadMillionUsd: 1250,
    options: [
      {
        kind: "warheads",
        element: "ru-slbm",
        step: 1,
        units: 144,
        attackerCostMillionUsd: 432,
        warheadsGained: 48,
        attackerCostPerWarheadMillionUsd: 9,
        ratio: 9 / 1250,
        breakEvenUnitCostMillionUsd: 416.67,
        atCap: false,
      },
    ],
    cheapest: { kind: "warheads", element: "ru-slbm" },
    ratio: 9 / 1250,
    nitze: { pass: false, statement: "…" },
    ...over,
  };
}

describe("race readings", () => {
  it("writes money as analysts do", () => {
    expect(fmtMoney(125)).toBe("$125M");
    expect(fmtMoney(6.16)).toBe("$6.2M");
    expect(fmtMoney(0.5)).toBe("$0.50M");
    expect(fmtMoney(1217)).toBe("$1.22 billion");
    expect(fmtMoney(4500)).toBe("$4.5 billion");
    expect(fmtMoney(45_000)).toBe("$45 billion");
    expect(fmtMoney(0)).toBe("$0");
    expect(fmtMoney(Infinity)).toBe("unbounded");
  });

  it("reads the cost-exchange ratio with Nitze's verdict and its numbers", () => {
    expect(costExchangeReading(exchange(), NAMES)).toBe(
      "Each added gmd-mid interceptor costs the United States $125M; 20 more stop 2 of Russia's " +
        "warheads, $1.25 billion per warhead stopped. Russia restores one warhead through the " +
        "defense for $9.0M by uploading ru-slbm (one more warhead per missile): a cost-exchange " +
        "ratio of 0.0072, so the defense fails Nitze's test (cost-effective at the margin needs a " +
        "ratio of at least 1; Russia's answer is 139 times cheaper).",
    );
    const pass = costExchangeReading(
      exchange({ ratio: 2.5, nitze: { pass: true, statement: "" } }),
      NAMES,
    );
    expect(pass).toMatch(/ratio of 2\.5, so the defense passes Nitze's test/);
    expect(pass).not.toMatch(/times cheaper/);
    const { cheapest: _none, ...noCheapest } = exchange();
    const none = costExchangeReading({ ...noCheapest, ratio: Infinity }, NAMES);
    expect(none).toMatch(/No offense option of Russia gets more warheads through/);
    expect(none).toMatch(/ratio is unbounded, so the defense fails/);
    const us = costExchangeReading(
      exchange({ attacker: "us", defender: "russia", layer: "a135" }),
      NAMES,
    );
    expect(us).toMatch(
      /^Each added a135 interceptor costs Russia \$125M; 20 more stop 2 of the United States' warheads/,
    );
    expect(us).toMatch(
      / The United States restores one warhead .*; the United States' answer is 139 times cheaper\)\.$/,
    );
    expect(TheName("Russia")).toBe("Russia");
    const na = exchange({ applicable: false, nitze: { pass: true, statement: "does not apply." } });
    expect(costExchangeReading(na, NAMES)).toBe("does not apply.");
  });

  it("reads a real race: outcome, spending and rows per round and side", () => {
    const s = parseScenario(read("scenarios/race-joint-defense.yaml"));
    const r = runRace(toRaceInput(s)!);
    const o = outcomeText(r.outcome);
    expect(o.title).toMatch(/^Defense unanswered \(round 10\)$/);
    expect(o.text).toMatch(/^The defense keeps growing.*\.$/);
    const us = r.totals[0]!.spendingMillionUsd;
    expect(us).toBeGreaterThan(0);
    expect(spendingReading(r.rounds, r.totals, NAMES)).toBe(
      `Over 10 rounds, the United States spends ${fmtMoney(us)} and Russia $0.`,
    );
    const rows = forceRows(r.rounds);
    // Russia buys nothing and the US has no decoys: those all-zero series are left out.
    const series = new Set(rows.map((x) => `${x.side}/${x.measure}`));
    expect(series.has("United States/decoys")).toBe(false);
    expect(series.has("United States/interceptors")).toBe(true);
    expect(rows.filter((x) => x.side === "Russia" && x.measure === "warheads")).toHaveLength(11);
    const spend = spendingRows(r.rounds);
    expect(spend).toHaveLength(22);
    expect(spend.filter((x) => x.side === "United States").at(-1)!.cumulative).toBe(us);
  });

  it("lists every unit cost with its source, notional ones marked, as the CLI does", () => {
    const s = parseScenario(read("scenarios/race-gmd-2017.yaml"));
    expect(
      unitCosts(s).map((c) => [c.side, c.item, c.valueMillionUsd, c.source, c.notional]),
    ).toEqual([
      ["United States", "interceptor", 125, "cbo-2021-gbi", false],
      ["Russia", "warhead", 3, "n-ru-costs", true],
      ["Russia", "decoy", 0.5, "n-ru-costs", true],
      ["Russia", "launcher ru-icbm-mobile-3", 50, "n-ru-costs", true],
    ]);
  });
});

describe("Richardson readings", () => {
  const names = { x: "Blue", y: "Red" };
  const path = (
    k: number,
    l: number,
    a: number,
    b: number,
    g: number,
    h: number,
    x0 = 0,
    y0 = 0,
  ) => {
    const r = richardsonTrajectory({ k, l, a, b, g, h }, x0, y0, 3, 11);
    if (!r.ok) throw new Error(r.message);
    return r;
  };

  it("gives the stability test with its numbers, the equilibrium and the fate", () => {
    expect(richardsonReading(path(2, 2, 5, 3, 5, 5, 0, 4), names)).toBe(
      "Stable: ab = 15 > kl = 4 (restraint outweighs reaction), so every path tends to the " +
        "equilibrium. The equilibrium is Blue 2.273, Red 3.182. From (0, 4), the path tends to " +
        "the equilibrium.",
    );
    // ab = 1 < kl = 4: a saddle; x* = (bg + kh)/(ab − kl) = −1, y* = −1; (0, 0) lies above it.
    const up = richardsonReading(path(2, 2, 1, 1, 1, 1), names);
    expect(up).toMatch(/^Unstable: ab = 1 < kl = 4 .* The equilibrium is Blue -1, Red -1\. /);
    expect(up).toMatch(
      /From \(0, 0\), both armaments grow without bound: a runaway \(because .*above the stable line/,
    );
  });
});

describe("uncertainty readings", () => {
  it("histograms count every value in [lo, hi] once, the top end in the last bin", () => {
    const v = [0, 0.1, 0.25, 0.5, 0.5, 0.99, 1, 1.5];
    const h = histogram(v, 0, 1, 4);
    expect(h.map((b) => [b.x1, b.x2, b.count])).toEqual([
      [0, 0.25, 2],
      [0.25, 0.5, 1],
      [0.5, 0.75, 2],
      [0.75, 1, 2],
    ]);
    expect(histogram([3, 3, 3], 3, 3, 10)).toEqual([{ x1: 3 - 3e-6, x2: 3 + 3e-6, count: 3 }]);
    expect([2, 30, 200, 5000].map(binCount)).toEqual([5, 6, 15, 40]);
  });

  it("says an output that never moves is the same in every sample", () => {
    const fixed = monteCarloSummary([0.8123, 0.8123, 0.8123]);
    expect(varies(fixed)).toBe(false);
    expect(summaryText(fixed)).toBe("0.8123 in every sample");
    const s: MonteCarloSummary = {
      n: 200,
      mean: 0.808095,
      sd: 0.00058,
      se: 0.000041,
      p05: 0.80758,
      p50: 0.8081,
      p95: 0.80931,
    };
    expect(varies(s)).toBe(true);
    expect(summaryText(s)).toBe(
      "0.808095 ± 0.000041 (Monte Carlo s.e.); 90% of samples 0.80758–0.80931",
    );
  });

  it("labels the outputs by quantity, side and world", () => {
    expect(outputInfo("firstStrikeStability", NAMES)).toEqual({
      quantity: "stability",
      world: "with defenses",
      label: "stability index, with defenses",
    });
    expect(outputInfo("withoutDefenses.sides.russia.secondStrike.delivered.mean", NAMES)).toEqual({
      quantity: "retaliation",
      side: "russia",
      world: "without defenses",
      label: "Russia mean retaliation, without defenses",
    });
  });

  it("reads the tornado: the top parameter, its direction, and what is noise", () => {
    const t: Tornado = {
      n: 200,
      noise: 0.139,
      rows: [
        { param: "a.sspk", spearman: -0.98, prcc: -0.99, lowMean: 0.8093, highMean: 0.8075 },
        { param: "b.sspk", spearman: 0.05, prcc: 0.1, lowMean: 0.808, highMean: 0.8081 },
      ],
    };
    expect(tornadoReading(t, "stability index", (p) => p.toUpperCase())).toBe(
      "A.SSPK moves stability index most: a higher value lowers it, rank correlation ρ = -0.98 " +
        "(mean 0.8093 in its bottom decile, 0.8075 in its top). No other parameter is " +
        "distinguishable from noise.",
    );
    const flat: Tornado = { n: 10, noise: 0.65, rows: [{ ...t.rows[0]!, spearman: NaN }] };
    expect(tornadoReading(flat, "x", (p) => p)).toBe(
      "No uncertain parameter moves x over these 10 samples.",
    );
  });
});
