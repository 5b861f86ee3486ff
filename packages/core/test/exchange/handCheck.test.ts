import { describe, expect, it } from "vitest";
import { CounterforcePlan, analyze } from "../../src/index.ts";
import type { ExchangeInput, ForceElement, Side } from "../../src/index.ts";
import {
  expectAbsErrorAtMost,
  expectArraysClose,
  expectRelErrorAtMost,
} from "../../../../test-support/expect.ts";

// A two-sided case small enough to follow with pencil and paper (DESIGN §2.2–2.3). No defenses,
// cost exponent e = 1 and alpha = 0.3 so that every cost is a sum of exponentials;
// w80 = 4 on both sides, so D(w) = 1 − 5^(−w/4).
//
// Blue: 4 silos × 1 warhead, reliability 1; counterforce pk 0.5 against silos, 0.25 against
//       mobiles. Available: silos count in full, 4 warheads, so s = 0..4.
// Red:  2 silos × 2 warheads, reliability 0.5, none survivable;
//       2 mobiles × 1 warhead, reliability 1, survivable 0.5 → round(2 × 0.5) = 1 untargetable,
//       1 targetable. Counterforce pk 0.75 against silos.
//       Available: 4 silo warheads + 0.9 × 2 mobile warheads = 5.8, so s = 0..5.
//
// ── Blue strikes first ──────────────────────────────────────────────────────────────────────
// Greedy marginal reduction w·pk·S: a Red silo 2 × 0.5 × 1 = 1, the targetable mobile
// 1 × 0.25 × 1 = 0.25.
//   s=1: silo 1 (S = 0.5)   s=2: silo 2 (S = 0.5)   s=3: silo 1 again (2 × 0.5 × 0.5 = 0.5 >
//   0.25; S = 0.25)   s=4: silo 2 again (S = 0.25). The mobile is never struck.
// Expected surviving Red warheads (before reliability) = 2·(S1 + S2) + 2:
//   s = 0..4: 6, 5, 4, 3.5, 3.
// Red retaliation (no defenses) = 2·0.5·(S1 + S2) + 2 (both mobiles always launch):
//   s = 0..4: 4, 3.5, 3, 2.75, 2.5.
// Blue value strike = its unspent warheads × reliability 1: 4 − s.
// C1_blue(s) = D(ret) + 0.3·(1 − D(4 − s)):
//   s=0: 0.8 + 0.3·0.2                         = 0.860000
//   s=1: (1 − 5^−0.875) + 0.3·5^−0.75          = 0.755431 + 0.089721 = 0.845152
//   s=2: (1 − 5^−0.75) + 0.3·5^−0.5            = 0.700930 + 0.134164 = 0.835094  ← least
//   s=3: (1 − 5^−0.6875) + 0.3·5^−0.25         = 0.669282 + 0.200622 = 0.869904
//   s=4: (1 − 5^−0.625) + 0.3                  = 0.634284 + 0.3      = 0.934284
// Blue spends s = 2; Red's cost then, C2_red = D(2) + 0.3·(1 − D(3))
//   = (1 − 5^−0.5) + 0.3·5^−0.75 = 0.552786 + 0.089721 = 0.642507.
// Red's retaliation PMF at s = 2: each silo survives 0.5 and works 0.5 → delivers 2 w.p. 1/4;
// the mobiles deliver 2: P(2) = 9/16, P(4) = 6/16, P(6) = 1/16; mean 3.
//
// ── Red strikes first ───────────────────────────────────────────────────────────────────────
// Every Blue silo has w·pk·S = 1 × 0.75 × 1: one warhead each for s = 1..4 (S = 0.25), the fifth
// on a silo already struck (S = 0.0625).
// Blue retaliation = S1 + S2 + S3 + S4: s = 0..5: 4, 3.25, 2.5, 1.75, 1, 0.8125.
// Red value strike: the s warheads come from its elements in proportion to availability (4 : 1.8);
// what is left, 5.8 − s, arrives with the availability-weighted reliability
// (4 × 0.5 + 1.8 × 1) / 5.8 = 19/29: value(s) = (5.8 − s)·19/29 = 3.8, 3.144828, 2.489655,
// 1.834483, 1.179310, 0.524138.
// C1_red(s) = D(blue ret) + 0.3·(1 − D(value)), D(w) = 1 − 5^(−w/4):
//   s=0: 0.8      + 0.3·0.216760 = 0.865028
//   s=1: 0.729550 + 0.3·0.282140 = 0.814192
//   s=2: 0.634284 + 0.3·0.367241 = 0.744457
//   s=3: 0.505461 + 0.3·0.478011 = 0.648864
//   s=4: 0.331260 + 0.3·0.622192 = 0.517917  ← least
//   s=5: 0.278856 + 0.3·0.809862 = 0.521815
// Red spends s = 4; Blue's cost then, C2_blue = D(1.179310) + 0.3·(1 − D(1))
//   = 0.377808 + 0.3·0.668740 = 0.578430.
// Blue's retaliation PMF at s = 4: four silos, each survives 0.25: Binomial(4, 1/4) =
// [81, 108, 54, 12, 1] / 256; P(≥ 2) = 67/256.
//
// ── Ratios ──────────────────────────────────────────────────────────────────────────────────
// r_blue = min(1, 0.835094 / 0.578430) = 1;  r_red = 0.517917 / 0.642507 = 0.806088;
// FSI = 0.806088.

function force(over: Partial<ForceElement> & Pick<ForceElement, "id" | "basing">): ForceElement {
  return {
    name: over.id,
    kind: "ballistic",
    launchers: 1,
    warheadsPerLauncher: 1,
    decoysPerWarhead: 0,
    reliability: 1,
    survivable: 0,
    counterforce: true,
    ...over,
  };
}
const noPk = { silo: 0, mobile: 0, ssbn: 0, bomber: 0 };
const blue: Side = {
  id: "blue",
  name: "Blue",
  w80: 4,
  forces: [force({ id: "blue-silo", basing: "silo", launchers: 4 })],
  counterforcePk: { ...noPk, silo: 0.5, mobile: 0.25 },
  promptStrike: [],
  defenses: [],
};
const red: Side = {
  id: "red",
  name: "Red",
  w80: 4,
  forces: [
    force({
      id: "red-silo",
      basing: "silo",
      launchers: 2,
      warheadsPerLauncher: 2,
      reliability: 0.5,
    }),
    force({ id: "red-mobile", basing: "mobile", launchers: 2, survivable: 0.5 }),
  ],
  counterforcePk: { ...noPk, silo: 0.75 },
  promptStrike: [],
  defenses: [],
};
const input: ExchangeInput = {
  sides: [blue, red],
  analysis: {
    alpha: 0.3,
    costExponent: 1,
    strikerReadiness: 0.9,
    launchUnderAttack: 0,
    thresholds: { blue: 2, red: 2 },
  },
};
const D = (w: number) => 1 - Math.pow(5, -w / 4);
const HAND = 5e-7; // the six-digit hand values above
const CLOSED = 1e-12; // closed forms evaluated in double precision

describe("hand-checked exchange: Blue 4 silos vs Red 2 MIRVed silos + 2 mobiles", () => {
  const r = analyze(input, { curves: true });
  const [b, rd] = r.sides;

  it("greedy allocation puts two warheads on each Red silo before the mobile", () => {
    const plan = new CounterforcePlan(blue, red);
    const silos = () => plan.groups(0).filter((g) => g.count > 0);
    plan.step();
    expect(silos().map((g) => [g.count, g.survival])).toEqual([
      [1, 1],
      [1, 0.5],
    ]);
    plan.step();
    expect(silos().map((g) => [g.count, g.survival])).toEqual([[2, 0.5]]);
    plan.step();
    plan.step();
    expect(silos().map((g) => [g.count, g.survival])).toEqual([[2, 0.25]]);
    // Mobile: one untargetable launcher, one targetable launcher never struck.
    expect(plan.groups(1).map((g) => [g.count, g.survival, g.targetable])).toEqual([
      [1, 1, false],
      [1, 1, true],
    ]);
    expectRelErrorAtMost(plan.expectedSurvivingWarheads(0), 3, CLOSED);
  });

  it("Blue's drawdown: retaliation, value strike and cost at every s", () => {
    const c = r.curves!["blue"]!;
    expectArraysClose(c.retaliationDelivered, [4, 3.5, 3, 2.75, 2.5], CLOSED);
    expectArraysClose(c.valueDelivered, [4, 3, 2, 1, 0], CLOSED);
    expectArraysClose(c.strikerCost, [0.86, 0.845152, 0.835094, 0.869904, 0.934284], HAND);
    const closed = [0, 1, 2, 3, 4].map((s) => D([4, 3.5, 3, 2.75, 2.5][s]!) + 0.3 * (1 - D(4 - s)));
    expectArraysClose(c.strikerCost, closed, CLOSED);
  });

  it("Blue strikes with s = 2 and Red delivers 2, 4 or 6 with P = 9/16, 6/16, 1/16", () => {
    expect(b.firstStrike.counterforceWarheads).toBe(2);
    expectRelErrorAtMost(b.firstStrike.enemySurvivingWarheads, 4, CLOSED);
    expectRelErrorAtMost(b.firstStrike.delivered.mean, 3, CLOSED);
    // P(<= 2) = 9/16 >= 0.5 and P(<= 4) = 15/16 < 0.95: p05 = p50 = 2, p95 = 6.
    const d = b.firstStrike.delivered;
    expect([d.p05, d.p50, d.p95]).toEqual([2, 2, 6]);
    expectArraysClose(rd.secondStrike.deliveredPmf, [0, 0, 9 / 16, 0, 6 / 16, 0, 1 / 16], CLOSED);
    expectRelErrorAtMost(rd.secondStrike.pAdequate, 1, CLOSED);
    expectRelErrorAtMost(b.firstStrike.cost, 0.835094, HAND / 0.8);
    expectRelErrorAtMost(b.firstStrike.ownDamage, D(3), CLOSED);
    expectRelErrorAtMost(b.firstStrike.enemyDamage, D(2), CLOSED);
    expectAbsErrorAtMost(rd.secondStrike.cost, 0.642507, HAND);
    expectRelErrorAtMost(rd.secondStrike.cost, D(2) + 0.3 * (1 - D(3)), CLOSED);
  });

  it("Red's drawdown: value strike (5.8 − s) × 19/29 and cost at every s", () => {
    const c = r.curves!["red"]!;
    expectRelErrorAtMost(rd.firstStrike.counterforceAvailable, 5.8, 1e-15);
    expectArraysClose(c.retaliationDelivered, [4, 3.25, 2.5, 1.75, 1, 0.8125], CLOSED);
    expectArraysClose(
      c.valueDelivered,
      [0, 1, 2, 3, 4, 5].map((s) => ((5.8 - s) * 19) / 29),
      CLOSED,
    );
    expectArraysClose(
      c.strikerCost,
      [0.865028, 0.814192, 0.744457, 0.648864, 0.517917, 0.521815],
      HAND,
    );
  });

  it("Red strikes with s = 4 and Blue delivers Binomial(4, 1/4)", () => {
    expect(rd.firstStrike.counterforceWarheads).toBe(4);
    expectArraysClose(
      b.secondStrike.deliveredPmf,
      [81 / 256, 108 / 256, 54 / 256, 12 / 256, 1 / 256],
      CLOSED,
    );
    expectRelErrorAtMost(b.secondStrike.pAdequate, 67 / 256, CLOSED);
    expectRelErrorAtMost(b.secondStrike.delivered.mean, 1, CLOSED);
    const value = (1.8 * 19) / 29;
    expectRelErrorAtMost(rd.firstStrike.valueStrikeDelivered, value, CLOSED);
    expectRelErrorAtMost(rd.firstStrike.cost, D(1) + 0.3 * (1 - D(value)), CLOSED);
    expectAbsErrorAtMost(rd.firstStrike.cost, 0.517917, HAND);
    expectAbsErrorAtMost(b.secondStrike.cost, 0.57843, HAND);
    expectRelErrorAtMost(b.secondStrike.cost, D(value) + 0.3 * (1 - D(1)), CLOSED);
  });

  it("r_blue = 1, r_red = 0.806088, FSI = 0.806088", () => {
    expect(b.ratio).toBe(1);
    expectAbsErrorAtMost(rd.ratio, 0.806088, HAND);
    expectAbsErrorAtMost(r.firstStrikeStability, 0.806088, HAND);
    expectRelErrorAtMost(
      r.firstStrikeStability,
      rd.firstStrike.cost / rd.secondStrike.cost,
      CLOSED,
    );
  });

  it("with no defenses anywhere, 'without defenses' is the same balance", () => {
    expect(r.withoutDefenses.firstStrikeStability).toBe(r.firstStrikeStability);
    expect(r.defenseEffect.firstStrikeStability).toBe(0);
  });
});
