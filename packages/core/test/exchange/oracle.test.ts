import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CounterforcePlan, analyze, stabilityIndex } from "../../src/index.ts";
import type { AnalysisResult, Balance, ExchangeInput, SideResult } from "../../src/index.ts";
import {
  expectAbsErrorAtMost,
  expectArraysClose,
  expectRelErrorAtMost,
} from "../../../../test-support/expect.ts";

// Reference values from an independent oracle written from DESIGN §2.2–2.3 (not from this code):
// scripts/fixtures/exchange_oracle.py (python3, numpy, scipy; seeded). It enumerates every
// counterforce spend s, computes the greedy allocation, exact survivor and delivered PMFs (scipy
// binomial and hypergeometric PMFs, convolutions, exhaustive states through the layers), costs,
// the stop rule, r and FSI, and checks each delivered PMF at the chosen s against an object-level
// Monte Carlo (200,000 trials; worst |z| is in the fixture's provenance).
// Regenerate: python3 scripts/fixtures/exchange_oracle.py

interface Summary {
  mean: number;
  p05: number;
  p50: number;
  p95: number;
}
interface OracleSide {
  id: string;
  firstStrike: {
    counterforceWarheads: number;
    promptStrikeWeapons: number;
    counterforceAvailable: number;
    availableWarheads: number;
    enemySurvivingWarheads: number;
    delivered: Summary;
    valueStrikeDelivered: number;
    ownDamage: number;
    enemyDamage: number;
    cost: number;
    enemyCost: number;
    allocation: {
      element: string;
      untargetable: number;
      groups: { count: number; survival: number; targetable: boolean }[];
    }[];
  };
  secondStrike: {
    cost: number;
    delivered: Summary;
    deliveredPmf: number[];
    threshold: number;
    pAdequate: number;
  };
  ratio: number;
  curve: {
    strikerCost: number[];
    victimCost: number[];
    retaliationDelivered: number[];
    valueDelivered: number[];
  };
}
interface OracleBalance {
  firstStrikeStability: number;
  sides: [OracleSide, OracleSide];
}
interface OracleCase {
  name: string;
  description: string;
  input: ExchangeInput;
  expected: OracleBalance;
  withoutDefenses: OracleBalance;
  monteCarlo: { trials: number };
  /** A defect in the implementation this case exposes (reported); its checks are `it.fails`. */
  knownDefect?: string;
}

const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/exchange.json", import.meta.url), "utf8"),
) as { provenance: { monteCarloWorstZ: number }; cases: OracleCase[] };

// Tolerances. Every quantity is exact up to floating point in both implementations; the oracle
// sums PMFs in a different order (numpy convolutions, dict enumeration) and the implementation
// prunes tail mass below 1e-15, so:
const REL = 1e-10; // expectations, damages, costs, ratios, FSI (relative)
const FLOOR = 1e-2; // below this, REL acts as an absolute 1e-12 (quantities that are 0 exactly)
const PMF_ABS = 1e-12; // each PMF entry (absolute)

function compareSide(actual: SideResult, expected: OracleSide, label: string): void {
  const f = actual.firstStrike;
  const e = expected.firstStrike;
  expect(actual.id, label).toBe(expected.id);
  expect(f.counterforceWarheads, `${label}: chosen s`).toBe(e.counterforceWarheads);
  expect(f.promptStrikeWeapons, `${label}: prompt-strike weapons`).toBe(e.promptStrikeWeapons);
  expectRelErrorAtMost(f.counterforceAvailable, e.counterforceAvailable, 1e-14, FLOOR);
  expectRelErrorAtMost(f.availableWarheads, e.availableWarheads, 1e-14, FLOOR);
  expectRelErrorAtMost(f.enemySurvivingWarheads, e.enemySurvivingWarheads, REL, FLOOR);
  expectRelErrorAtMost(f.delivered.mean, e.delivered.mean, REL, FLOOR);
  expect([f.delivered.p05, f.delivered.p50, f.delivered.p95], `${label}: quantiles`).toEqual([
    e.delivered.p05,
    e.delivered.p50,
    e.delivered.p95,
  ]);
  expectRelErrorAtMost(f.valueStrikeDelivered, e.valueStrikeDelivered, REL, FLOOR);
  expectRelErrorAtMost(f.ownDamage, e.ownDamage, REL, FLOOR);
  expectRelErrorAtMost(f.enemyDamage, e.enemyDamage, REL, FLOOR);
  expectRelErrorAtMost(f.cost, e.cost, REL);
  expectRelErrorAtMost(f.enemyCost, e.enemyCost, REL);
  const g = actual.secondStrike;
  const h = expected.secondStrike;
  expectRelErrorAtMost(g.cost, h.cost, REL);
  expectRelErrorAtMost(g.delivered.mean, h.delivered.mean, REL, FLOOR);
  expectArraysClose(g.deliveredPmf, h.deliveredPmf, PMF_ABS);
  expect(g.threshold).toBe(h.threshold);
  expectRelErrorAtMost(g.pAdequate, h.pAdequate, REL, FLOOR);
  expectRelErrorAtMost(actual.ratio, expected.ratio, REL);
}

function compareBalance(actual: Balance, expected: OracleBalance, label: string): void {
  expectRelErrorAtMost(actual.firstStrikeStability, expected.firstStrikeStability, REL);
  compareSide(actual.sides[0], expected.sides[0], `${label} ${expected.sides[0].id}`);
  compareSide(actual.sides[1], expected.sides[1], `${label} ${expected.sides[1].id}`);
}

function compareCurves(actual: Balance, expected: OracleBalance): void {
  for (const side of expected.sides) {
    const c = actual.curves?.[side.id];
    expect(c, `curve of ${side.id}`).toBeDefined();
    if (!c) return;
    // One entry per s = 0..floor(counterforce available): the whole drawdown, not just the pick.
    expect(c.s.length).toBe(side.curve.strikerCost.length);
    const rel = (a: Float64Array, e: number[]) => {
      for (let i = 0; i < e.length; i++) expectRelErrorAtMost(a[i]!, e[i]!, REL, FLOOR);
    };
    rel(c.strikerCost, side.curve.strikerCost);
    rel(c.victimCost, side.curve.victimCost);
    rel(c.retaliationDelivered, side.curve.retaliationDelivered);
    rel(c.valueDelivered, side.curve.valueDelivered);
  }
}

describe("exchange and stability against the independent oracle (DESIGN §2.2–2.3)", () => {
  it("the fixture holds the promised cases and its Monte Carlo check passed", () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(10);
    expect(fixture.provenance.monteCarloWorstZ).toBeLessThan(5.5);
    for (const c of fixture.cases) expect(c.monteCarlo.trials).toBeGreaterThanOrEqual(200_000);
  });

  for (const c of fixture.cases) {
    describe(`${c.name}: ${c.description}`, () => {
      let result: AnalysisResult | undefined;
      const run = (): AnalysisResult => (result ??= analyze(c.input, { curves: true }));
      // Checks of results that go through the defenses; for a case with a known (reported)
      // defect they are expected to fail until it is fixed, and then must become `it` again.
      const itDefended = c.knownDefect === undefined ? it : it.fails;

      itDefended("with defenses: s, survivors, deliveries, PMFs, costs, r and FSI", () => {
        compareBalance(run(), c.expected, "with defenses");
      });

      itDefended("with defenses: the cost and delivery curves at every s", () => {
        compareCurves(run(), c.expected);
      });

      it("without defenses", () => {
        compareBalance(run().withoutDefenses, c.withoutDefenses, "without defenses");
      });

      it("greedy allocation at the chosen s: launcher groups and their survival", () => {
        const [A, B] = c.input.sides;
        for (const [striker, victim, side] of [
          [A, B, c.expected.sides[0]],
          [B, A, c.expected.sides[1]],
        ] as const) {
          const plan = new CounterforcePlan(striker, victim);
          for (let s = 0; s < side.firstStrike.counterforceWarheads; s++) plan.step();
          expect(plan.promptSpent).toBe(side.firstStrike.promptStrikeWeapons);
          side.firstStrike.allocation.forEach((want, e) => {
            const got = plan.groups(e).filter((g) => g.count > 0);
            const label = `${striker.id} on ${want.element}`;
            expect(
              got.map((g) => [g.count, g.targetable]),
              label,
            ).toEqual(want.groups.map((g) => [g.count, g.targetable]));
            got.forEach((g, i) =>
              expectRelErrorAtMost(g.survival, want.groups[i]!.survival, 1e-14),
            );
          });
        }
      });

      itDefended("the same without curves (the stop rule may then skip dominated s)", () => {
        const plain = analyze(c.input);
        compareBalance(plain, c.expected, "with defenses, no curves");
        compareBalance(plain.withoutDefenses, c.withoutDefenses, "without defenses, no curves");
      });

      itDefended("stabilityIndex gives the same s, costs, ratios and FSI", () => {
        const fast = stabilityIndex(c.input);
        for (const [got, want] of [
          [fast, c.expected],
          [fast.withoutDefenses, c.withoutDefenses],
        ] as const) {
          expectRelErrorAtMost(got.firstStrikeStability, want.firstStrikeStability, REL);
          got.sides.forEach((g, i) => {
            const w = want.sides[i]!;
            expect(g.id).toBe(w.id);
            expect(g.counterforceWarheads, `${g.id} s`).toBe(w.firstStrike.counterforceWarheads);
            expectRelErrorAtMost(g.retaliationDelivered, w.firstStrike.delivered.mean, REL, FLOOR);
            expectRelErrorAtMost(g.firstStrikeCost, w.firstStrike.cost, REL);
            expectRelErrorAtMost(g.secondStrikeCost, w.secondStrike.cost, REL);
            expectRelErrorAtMost(g.ratio, w.ratio, REL);
          });
        }
      });

      itDefended("defense effect is the difference of the two balances", () => {
        const r = run();
        expectAbsErrorAtMost(
          r.defenseEffect.firstStrikeStability,
          c.expected.firstStrikeStability - c.withoutDefenses.firstStrikeStability,
          1e-10,
        );
        r.defenseEffect.sides.forEach((d, i) => {
          const w = c.expected.sides[i]!;
          const wo = c.withoutDefenses.sides[i]!;
          expect(d.id).toBe(w.id);
          expectAbsErrorAtMost(
            d.retaliationDelivered,
            w.secondStrike.delivered.mean - wo.secondStrike.delivered.mean,
            1e-9,
          );
          expectAbsErrorAtMost(
            d.pAdequate,
            w.secondStrike.pAdequate - wo.secondStrike.pAdequate,
            1e-10,
          );
          expectAbsErrorAtMost(d.ratio, w.ratio - wo.ratio, 1e-10);
        });
      });
    });
  }
});
