import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RaceResult } from "../../src/index.ts";
import { costExchangeAtMargin, postureOf, RaceEvaluator, runRace } from "../../src/index.ts";
import { expectAbsErrorAtMost, expectRelErrorAtMost } from "../../../../test-support/expect.ts";
import { analyticExchange, analyticRace } from "./analyticRace.ts";
import fixture from "../fixtures/race-analytic.json" with { type: "json" };

const offSide = (r: RaceResult, t: number) => r.rounds[t]!.sides[1];
const defSide = (r: RaceResult, t: number) => r.rounds[t]!.sides[0];

/**
 * The deterministic race (sspk 1, two shots): the defender keeps the attacker's retaliation at
 * most D, so it needs floor(I/2) >= W − D; the attacker needs W − floor(I/2) >= R. Alternating:
 * I_t = 2(W_{t−1} − D), W_t = R + W_{t−1} − D.
 */
function deterministicRace(
  o: { W0: number; R: number; D: number; budget?: number; costScale?: number },
  rounds: number,
  moves: "alternating" | "simultaneous" = "alternating",
) {
  const k = o.costScale ?? 1;
  return analyticRace(
    analyticExchange({ warheads: o.W0, interceptors: 0, shots: 2, sspk: 1 }),
    {
      offense: [],
      defense: {
        layer: "mid",
        max: 100_000,
        goal: { kind: "damage-limitation", warheads: o.D, confidence: 0.9 },
      },
      costs: { interceptor: 5 },
    },
    {
      requirement: { warheads: o.R, confidence: 0.9 },
      offense: [{ kind: "launchers", element: "off-sub", max: 100_000 }],
      costs: { launcher: { "off-sub": 10 * k }, warhead: 1 * k },
      ...(o.budget !== undefined ? { budgetMillionUsd: o.budget } : {}),
    },
    rounds,
    moves,
  );
}

describe("action–reaction against closed forms", () => {
  it("damage limitation against a retaliation requirement with R > D runs away: W_t = W0 + t(R − D)", () => {
    const r = runRace(deterministicRace({ W0: 100, R: 60, D: 50 }, 6));
    for (let t = 1; t <= 6; t++) {
      expect(offSide(r, t).warheads).toBe(100 + 10 * t);
      expect(defSide(r, t).interceptors).toBe(2 * (100 + 10 * (t - 1) - 50));
      expect(offSide(r, t).spendingMillionUsd).toBe(10 * 11);
      expect(defSide(r, t).spendingMillionUsd).toBe(t === 1 ? 100 * 5 : 20 * 5);
      expect(offSide(r, t).requirement!.met).toBe(true);
      expect(defSide(r, t).goal!.met).toBe(false);
    }
    expect(r.outcome.code).toBe("runaway");
    expect(r.totals[1]!.spendingMillionUsd).toBe(6 * 110);
  });

  it("with simultaneous moves each side answers the other's previous round", () => {
    const r = runRace(deterministicRace({ W0: 100, R: 60, D: 50 }, 6, "simultaneous"));
    expect(r.rounds.map((x) => x.sides[0].interceptors)).toEqual([0, 100, 100, 120, 120, 140, 140]);
    expect(r.rounds.map((x) => x.sides[1].warheads)).toEqual([100, 100, 110, 110, 120, 120, 130]);
  });

  it("stops at the round the attacker cannot afford: 4 × $110M of $500M, then $110M > $60M", () => {
    const r = runRace(deterministicRace({ W0: 100, R: 60, D: 50, budget: 500 }, 10));
    expect(r.outcome).toMatchObject({
      code: "budget_exhausted",
      round: 5,
      side: "off",
      neededMillionUsd: 110,
      remainingMillionUsd: 60,
    });
    expect(offSide(r, 5).offenseResponse!.status).toBe("unaffordable");
    expect(offSide(r, 5).purchases).toEqual([]);
    expect(r.totals[1]!.spendingMillionUsd).toBe(440);
  });

  it("finds the equilibrium when R <= D: one defensive purchase, then nothing", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 40, max: 300 }),
        fc.integer({ min: 5, max: 35 }),
        fc.integer({ min: 0, max: 30 }),
        (W0, D, slack) => {
          const R = Math.max(1, D - slack);
          const r = runRace(deterministicRace({ W0, R, D }, 5));
          expect(r.outcome).toMatchObject({ code: "equilibrium", round: 2 });
          expect(defSide(r, 2).interceptors).toBe(2 * (W0 - D));
          expect(offSide(r, 2).warheads).toBe(W0);
          expect(defSide(r, 2).goal!.met && offSide(r, 2).requirement!.met).toBe(true);
        },
      ),
      { seed: 20170901, numRuns: 25 },
    );
  });

  it("a cheaper offense never makes the defender's spending lower (common cost scale)", () => {
    // Scaling every offense unit cost by one factor leaves the cheapest option unchanged, so
    // the quantities bought are the same and only the budget binds later.
    fc.assert(
      fc.property(
        fc.integer({ min: 60, max: 200 }),
        fc.integer({ min: 10, max: 50 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 50, max: 1500 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (W0, D, excess, budget, a, b) => {
          const [cheap, dear] = a <= b ? [a, b] : [b, a];
          const R = D + excess;
          const run = (k: number) =>
            runRace(deterministicRace({ W0, R, D, budget, costScale: k }, 8)).totals[0]!
              .spendingMillionUsd;
          expect(run(cheap)).toBeGreaterThanOrEqual(run(dear));
        },
      ),
      { seed: 1985, numRuns: 20 },
    );
  });

  it("classifies a race whose answers shrink as converging, and an unanswered plan as such", () => {
    const plan = [100, 150, 175, 188, 194, 197, 199, 200];
    const race = (R: number) =>
      analyticRace(
        analyticExchange({ warheads: 100, interceptors: 0, shots: 2, sspk: 1 }),
        {
          offense: [],
          defense: { layer: "mid", max: 1000, goal: { kind: "schedule", interceptors: plan } },
          costs: { interceptor: 5 },
        },
        {
          requirement: { warheads: R, confidence: 0.9 },
          offense: [{ kind: "launchers", element: "off-sub", max: 10_000 }],
          costs: { launcher: { "off-sub": 10 }, warhead: 1 },
        },
        6,
      );
    const converging = runRace(race(60));
    // W_t = 60 + I_t/2 from round 1: 110, 135, 147, 154, 157, 158.
    expect(converging.rounds.map((x) => x.sides[1].warheads)).toEqual([
      100, 110, 135, 147, 154, 157, 158,
    ]);
    expect(converging.outcome.code).toBe("converging");
    const unanswered = runRace(race(1));
    expect(unanswered.outcome.code).toBe("unanswered");
    expect(unanswered.totals[1]!.spendingMillionUsd).toBe(0);
  });

  it("sizes interceptors to a third-party P0 goal exactly, and stops when the raid outgrows it", () => {
    // Raid of N single-RV missiles, sspk 0.8, two shots: P0 = 0.96^N once I >= 2N, else 0.
    const race = (growth: number, target: number) =>
      analyticRace(
        analyticExchange({ warheads: 50, interceptors: 0, shots: 2, sspk: 0.8 }),
        {
          offense: [],
          defense: {
            layer: "mid",
            max: 1000,
            goal: {
              kind: "third-party",
              pNoLeak: target,
              layers: ["mid"],
              raid: [
                {
                  id: "tp",
                  missiles: 5,
                  warheadsPerMissile: 1,
                  decoysPerMissile: 0,
                  reliability: 1,
                  growthPerRound: growth,
                },
              ],
            },
          },
          costs: { interceptor: 5 },
        },
        { offense: [], costs: {} },
        10,
      );
    const fixed = runRace(race(0, 0.8));
    expect(defSide(fixed, 1).interceptors).toBe(10);
    expectRelErrorAtMost(defSide(fixed, 1).goal!.value, 0.96 ** 5, 1e-12);
    expect(fixed.outcome).toMatchObject({ code: "equilibrium", round: 2 });

    // 0.96^12 = 0.613 >= 0.6 > 0.96^13 = 0.588: rounds 1–7 buy 2N, round 8 cannot.
    const growing = runRace(race(1, 0.6));
    for (let t = 1; t <= 7; t++) expect(defSide(growing, t).interceptors).toBe(2 * (5 + t));
    expect(growing.outcome).toMatchObject({
      code: "unreachable",
      round: 8,
      side: "def",
      what: "defense_goal",
    });
  });

  it("reports an offense that cannot reach its requirement within its cap", () => {
    const r = runRace(
      analyticRace(
        analyticExchange({ warheads: 100, interceptors: 100, shots: 2, sspk: 1 }),
        { offense: [], costs: {} },
        {
          requirement: { warheads: 80, confidence: 0.9 },
          offense: [{ kind: "launchers", element: "off-sub", max: 120 }],
          costs: { launcher: { "off-sub": 10 }, warhead: 1 },
        },
        3,
      ),
    );
    // Needs 80 + 50 = 130 launchers; the cap is 120.
    expect(r.outcome).toMatchObject({ code: "unreachable", round: 1, what: "requirement" });
    expect(offSide(r, 1).offenseResponse!.status).toBe("unreachable");
  });
});

describe("caps, limits and combined answers", () => {
  const decoyRace = (limits: { warheads?: number }, maxDecoys: number, R: number) =>
    analyticRace(
      analyticExchange({ warheads: 100, interceptors: 100, shots: 2, sspk: 1 }),
      { offense: [], costs: {} },
      {
        requirement: { warheads: R, confidence: 0.9 },
        offense: [
          { kind: "launchers", element: "off-sub", max: 10_000 },
          { kind: "decoys", element: "off-sub", max: maxDecoys },
        ],
        costs: { launcher: { "off-sub": 10 }, warhead: 1, decoy: 0.1 },
        limits,
      },
      2,
    );

  it("a warhead limit caps the launchers an offense may add", () => {
    // 50 engaged: 60 delivered needs 110 RVs; the limit allows 105.
    const r = runRace(decoyRace({ warheads: 105 }, 0, 60));
    expect(r.outcome).toMatchObject({ code: "unreachable", what: "requirement" });
    const trials = offSide(r, 1).offenseResponse!.trials!;
    expect(trials.find((t) => t.kind === "launchers")).toMatchObject({
      status: "infeasible",
      headroom: 5,
    });
    expect(trials.find((t) => t.kind === "decoys")).toMatchObject({ status: "at_cap" });
  });

  it("when no option suffices alone, fills the cheapest per warhead and sizes the next", () => {
    // Decoys (one per RV, $10M for 100) halve the RVs engaged but cannot give 75 at 90%
    // alone (P = 0.57 for 75); launchers are capped at 105 RVs by the limit. Together they can.
    const race = decoyRace({ warheads: 105 }, 1, 75);
    const r = runRace(race);
    const bought = offSide(r, 1).purchases;
    expect(bought.map((p) => p.kind)).toEqual(["decoys", "launchers"]);
    expect(bought[0]).toMatchObject({ from: 0, to: 1 });
    // scipy.stats.hypergeom.cdf(W − 75, 2W, W, 50): W = 103 → 0.872413, W = 104 → 0.928125.
    expect(bought[1]).toMatchObject({ from: 100, to: 104 });
    expectRelErrorAtMost(offSide(r, 1).requirement!.probability, 0.9281245341657806, 1e-9);
    // The second purchase is the smallest that works: one launcher fewer does not.
    const ev = new RaceEvaluator(race.exchange);
    const fewer = postureOf(race.exchange);
    const level = { launchers: bought[1]!.to - 1, warheadsPerLauncher: 1, decoysPerWarhead: 1 };
    const p = { forces: [fewer.forces[0], [level]] as const, interceptors: fewer.interceptors };
    const pmf = ev.evaluate(p).retaliation[1];
    let tail = 0;
    for (let k = 75; k < pmf.length; k++) tail += pmf[k]!;
    expect(tail).toBeLessThan(0.9);
  });
});

describe("the fast search buys what the plain search buys", () => {
  const purchases = (r: RaceResult) =>
    r.rounds.map((x) => x.sides.map((y) => y.purchases.map((p) => [p.kind, p.from, p.to])));
  it("on the deterministic race and on every decoys-or-launchers case", () => {
    const det = deterministicRace({ W0: 100, R: 60, D: 50, budget: 700 }, 8);
    expect(purchases(runRace(det))).toEqual(purchases(runRace(det, { search: "plain" })));
    for (const c of fixture.decoys) {
      const race = analyticRace(
        analyticExchange({
          warheads: c.warheads0,
          interceptors: c.interceptors,
          shots: c.shots,
          sspk: 1,
        }),
        { offense: [], costs: {} },
        {
          requirement: { warheads: c.requirement, confidence: c.confidence },
          offense: [
            { kind: "decoys", element: "off-sub", max: c.maxDecoysPerWarhead },
            { kind: "launchers", element: "off-sub", max: 100_000 },
          ],
          costs: {
            launcher: { "off-sub": c.launcherCost },
            warhead: c.warheadCost,
            decoy: c.decoyCost,
          },
        },
        2,
      );
      const fast = runRace(race);
      const plain = runRace(race, { search: "plain" });
      expect(purchases(fast)).toEqual(purchases(plain));
      expect(fast.work.exchangeEvaluations).toBeLessThanOrEqual(plain.work.exchangeEvaluations);
    }
  });
});

describe("offense sizing against scipy (scripts/fixtures/race_analytic.py)", () => {
  for (const [i, c] of fixture.binomial.entries()) {
    it(`binomial leakage case ${i}: ${c.warheads0} → ${c.warheadsNeeded} RVs`, () => {
      const r = runRace(
        analyticRace(
          analyticExchange({
            warheads: c.warheads0,
            interceptors: c.interceptors,
            shots: c.shots,
            sspk: c.sspk,
          }),
          { offense: [], costs: {} },
          {
            requirement: { warheads: c.requirement, confidence: c.confidence },
            offense: [{ kind: "launchers", element: "off-sub", max: 100_000 }],
            costs: { launcher: { "off-sub": 10 }, warhead: 1 },
          },
          3,
        ),
      );
      expect(offSide(r, 1).warheads).toBe(c.warheadsNeeded);
      // Exact PMFs against scipy.stats.binom.sf.
      expectRelErrorAtMost(offSide(r, 1).requirement!.probability, c.probabilityAtNeeded, 1e-9);
      expect(offSide(r, 0).requirement!.probability).toBeLessThan(c.confidence);
      expect(offSide(r, 0).requirement!.met).toBe(false);
      expect(r.outcome).toMatchObject({ code: "equilibrium", round: 2 });
    });
  }

  for (const [i, c] of fixture.decoys.entries()) {
    it(`decoys or launchers, case ${i}: ${c.choice}`, () => {
      const r = runRace(
        analyticRace(
          analyticExchange({
            warheads: c.warheads0,
            interceptors: c.interceptors,
            shots: c.shots,
            sspk: 1,
          }),
          { offense: [], costs: {} },
          {
            requirement: { warheads: c.requirement, confidence: c.confidence },
            offense: [
              { kind: "launchers", element: "off-sub", max: 100_000 },
              { kind: "decoys", element: "off-sub", max: c.maxDecoysPerWarhead },
            ],
            costs: {
              launcher: { "off-sub": c.launcherCost },
              warhead: c.warheadCost,
              decoy: c.decoyCost,
            },
          },
          2,
        ),
      );
      const bought = offSide(r, 1).purchases;
      expect(bought).toHaveLength(1);
      expect(bought[0]!.kind).toBe(c.choice);
      if (c.choice === "launchers") {
        expect(bought[0]!.units).toBe(c.launchersNeeded);
        expectRelErrorAtMost(bought[0]!.costMillionUsd, c.launchersCost, 1e-12);
      } else {
        expect(bought[0]!.to).toBe(c.decoyLevelNeeded);
        expectRelErrorAtMost(bought[0]!.costMillionUsd, c.decoysCost!, 1e-12);
      }
      // Hypergeometric tails against scipy.stats.hypergeom.cdf.
      expectRelErrorAtMost(offSide(r, 1).requirement!.probability, c.probabilityAfter, 1e-9);
      const trials = offSide(r, 1).offenseResponse!.trials!;
      // Launchers are listed first, so their search is never cut short.
      expect(trials.find((t) => t.kind === "launchers")).toMatchObject({
        status: "feasible",
        amount: c.launchersNeeded,
      });
    });
  }
});

describe("cost-exchange ratio at the margin against closed forms", () => {
  it("launchers: (c_L + c_W) / (n c_I); decoys: (2 W c_D / E) / (n c_I)", () => {
    // W = 200 RVs, I = 100 interceptors, two shots, sspk 1: E = 50 engaged. One launcher step
    // (10 launchers, 5% of 200) gets 10 more through; 6 more interceptors (three engagements) stop 3;
    // one decoy per RV halves the expected RVs engaged: 25 more through.
    const exchange = analyticExchange({ warheads: 200, interceptors: 100, shots: 2, sspk: 1 });
    const race = analyticRace(
      exchange,
      {
        offense: [],
        defense: { layer: "mid", max: 1000, goal: { kind: "schedule", interceptors: [100] } },
        costs: { interceptor: 5 },
      },
      {
        offense: [
          { kind: "launchers", element: "off-sub", max: 1000 },
          { kind: "decoys", element: "off-sub", max: 4 },
        ],
        costs: { launcher: { "off-sub": 10 }, warhead: 1, decoy: 0.5 },
      },
      1,
    );
    const c = costExchangeAtMargin(race, new RaceEvaluator(exchange), postureOf(exchange), 1)!;
    expect(c.applicable).toBe(true);
    expect(c.defenderStep).toBe(6);
    expectRelErrorAtMost(c.warheadsStopped, 3, 1e-12);
    expectRelErrorAtMost(c.defenderCostPerWarheadMillionUsd, 2 * 5, 1e-12);
    const [launchers, decoys] = c.options;
    expectRelErrorAtMost(launchers!.warheadsGained, 10, 1e-12);
    expectRelErrorAtMost(launchers!.attackerCostPerWarheadMillionUsd, 11, 1e-12);
    expectRelErrorAtMost(launchers!.ratio, 11 / 10, 1e-12);
    expectRelErrorAtMost(decoys!.warheadsGained, 25, 1e-9);
    expectRelErrorAtMost(decoys!.attackerCostPerWarheadMillionUsd, (200 * 0.5) / 25, 1e-9);
    expectRelErrorAtMost(decoys!.ratio, 4 / 10, 1e-9);
    // The attacker's cheapest answer is decoys: the defense fails Nitze's criterion.
    expect(c.cheapest).toEqual({ kind: "decoys", element: "off-sub" });
    expectRelErrorAtMost(c.ratio, 0.4, 1e-9);
    expect(c.nitze.pass).toBe(false);
    // At $1.25M a decoy, the ratio would be 1.
    expectRelErrorAtMost(decoys!.breakEvenUnitCostMillionUsd, 1.25, 1e-9);
    expectAbsErrorAtMost(launchers!.breakEvenUnitCostMillionUsd, 10, 1e-9);
  });

  it("does not apply when the layer engages none of the attacker's elements", () => {
    const base = analyticExchange({ warheads: 50, interceptors: 10, shots: 2, sspk: 1 });
    const layer = base.sides[0].defenses[0]!.layers[0]!;
    const exchange = {
      ...base,
      sides: [
        {
          ...base.sides[0],
          defenses: [{ ...base.sides[0].defenses[0]!, layers: [{ ...layer, coverage: 0 }] }],
        },
        base.sides[1],
      ] as const,
    };
    const race = analyticRace(
      exchange,
      {
        offense: [],
        defense: { layer: "mid", max: 100, goal: { kind: "schedule", interceptors: [10] } },
        costs: { interceptor: 5 },
      },
      {
        offense: [{ kind: "launchers", element: "off-sub", max: 1000 }],
        costs: { launcher: { "off-sub": 10 }, warhead: 1 },
      },
      1,
    );
    const c = costExchangeAtMargin(race, new RaceEvaluator(exchange), postureOf(exchange), 1)!;
    expect(c.applicable).toBe(false);
    expect(c.nitze.statement).toMatch(/does not apply/);
  });
});

describe("per-round reports", () => {
  it("onRound sees every round in order, as the result holds it, before the race ends", () => {
    const race = deterministicRace({ W0: 100, R: 60, D: 50 }, 6);
    const seen: { round: number; planned: number; warheads: number }[] = [];
    const copies: unknown[] = [];
    const r = runRace(race, {
      onRound: (round, planned) => {
        seen.push({ round: round.round, planned, warheads: round.sides[1].warheads });
        copies.push(structuredClone(round));
      },
    });
    expect(seen.map((x) => x.round)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(seen.every((x) => x.planned === 6)).toBe(true);
    expect(seen.map((x) => x.warheads)).toEqual([100, 110, 120, 130, 140, 150, 160]);
    // Identical to the result's rounds, but for the last round's end-of-race cost exchange.
    copies.forEach((c, t) => {
      const want = r.rounds[t]!;
      expect(c).toEqual(t === 6 ? { ...want, costExchange: [] } : want);
    });
    expect(r.rounds[6]!.costExchange.length).toBeGreaterThan(0);
  });

  it("stops at the round whose report throws, and the result is the same without reports", () => {
    const race = deterministicRace({ W0: 100, R: 60, D: 50 }, 6);
    let calls = 0;
    expect(() =>
      runRace(race, {
        onRound: (round) => {
          calls++;
          if (round.round === 2) throw new Error("stop");
        },
      }),
    ).toThrow("stop");
    expect(calls).toBe(3);
    expect(runRace(race, { onRound: () => {} })).toEqual(runRace(race));
  });
});
