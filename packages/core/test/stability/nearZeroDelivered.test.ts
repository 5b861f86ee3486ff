import { describe, expect, it } from "vitest";
import type { ExchangeInput } from "../../src/index.ts";
import { analyze } from "../../src/index.ts";

// Regression for a fuzz counterexample (docs/fuzzing.md), reduced: 12 warheads of reliability
// 0.001 against 48 interceptors of kill probability 1. The defenses remove all but a rounding
// error, so "delivered" came out as -1.7e-18, the damage negative, the cost NaN and with it the
// first-strike stability index.

const noPk = { silo: 0, mobile: 0, ssbn: 0, bomber: 0 };
const input: ExchangeInput = {
  sides: [
    {
      id: "a",
      name: "A",
      w80: 0.5,
      forces: [],
      counterforcePk: noPk,
      promptStrike: [],
      defenses: [
        {
          id: "def",
          name: "def",
          layers: [
            {
              id: "terminal",
              phase: "terminal",
              interceptors: 48,
              sspk: 1,
              tracking: 1,
              discrimination: 0,
              reliability: 1,
              doctrine: { kind: "barrage", shots: 1 },
              coverage: 1,
            },
          ],
        },
      ],
    },
    {
      id: "b",
      name: "B",
      w80: 1e-6,
      forces: [
        {
          id: "cn",
          name: "cn",
          basing: "mobile",
          kind: "ballistic",
          launchers: 3,
          warheadsPerLauncher: 4,
          decoysPerWarhead: 0,
          reliability: 0.001,
          survivable: 0.556,
          counterforce: true,
        },
      ],
      counterforcePk: noPk,
      promptStrike: [],
      defenses: [],
    },
  ],
  analysis: {
    alpha: 0.3,
    costExponent: 0.75,
    strikerReadiness: 0.9,
    launchUnderAttack: 0,
    thresholds: { a: 1, b: 1 },
  },
};

describe("deliveries the defenses remove entirely", () => {
  it("12 warheads of reliability 0.001 against 48 sure interceptors: the index is finite", () => {
    const r = analyze(input);
    for (const balance of [r, r.withoutDefenses]) {
      expect(Number.isFinite(balance.firstStrikeStability)).toBe(true);
      for (const s of balance.sides) {
        expect(s.firstStrike.valueStrikeDelivered).toBeGreaterThanOrEqual(0);
        expect(s.firstStrike.enemyDamage).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(s.firstStrike.cost)).toBe(true);
        expect(Number.isFinite(s.ratio)).toBe(true);
      }
    }
    expect(r.sides[1].firstStrike.valueStrikeDelivered).toBe(0);
  });
});
