import { describe, expect, it } from "vitest";
import { breakEvenRatio, damage, kentThalerCost } from "../../src/index.ts";
import { expectAbsErrorAtMost, expectRelErrorAtMost } from "../../../../test-support/expect.ts";

// Kent & Thaler, First-Strike Stability, RAND R-3765-AF (1989), App. C cost form, as recorded in
// MODELS-RESEARCH §1.2 and the worked example §1.4(a) (alpha 0.3, exponent 0.75). The six-digit
// values are the published ones; the full-precision values were recomputed for this test with mpmath
// at 30 digits (python3 -c "from mpmath import mp, mpf; mp.dps = 30; ...").
const ALPHA = 0.3;
const EXPONENT = 0.75;
const cost = (own: number, enemy: number) => kentThalerCost(own, enemy, ALPHA, EXPONENT);

describe("Kent & Thaler cost C = D_own^0.75 + 0.3 (1 − D_enemy^0.75)", () => {
  it("corners: C(0,1) = 0, C(1,1) = 1, C(1,0) = 1.3, C(0,0) = 0.3", () => {
    expectAbsErrorAtMost(cost(0, 1), 0, 1e-15);
    expectAbsErrorAtMost(cost(1, 1), 1, 1e-15);
    expectAbsErrorAtMost(cost(1, 0), 1.3, 1e-15);
    expectAbsErrorAtMost(cost(0, 0), 0.3, 1e-15);
  });

  it("the weight and exponent are parameters: C(1, 0) = 1 + alpha, C(d, 0) = d^e + alpha", () => {
    expectAbsErrorAtMost(kentThalerCost(1, 0, 0.5, 0.75), 1.5, 1e-15);
    expectRelErrorAtMost(kentThalerCost(0.25, 0, 0, 0.5), 0.5, 1e-15);
    expectRelErrorAtMost(kentThalerCost(0.25, 0.25, 1, 1), 1, 1e-15);
  });

  it("rises with own damage and falls with enemy damage", () => {
    for (let i = 0; i < 10; i++) {
      const d = i / 10;
      expect(cost(d + 0.1, 0.5)).toBeGreaterThan(cost(d, 0.5));
      expect(cost(0.5, d + 0.1)).toBeLessThan(cost(0.5, d));
    }
  });
});

describe("worked example MODELS-RESEARCH §1.4(a): D_A, D_B = 0.4, 0.7 and 0.6, 0.5", () => {
  // A strikes first: D_A = 0.40, D_B = 0.70. B strikes first: D_B = 0.50, D_A = 0.60.
  const c1a = cost(0.4, 0.7);
  const c2a = cost(0.6, 0.5);
  const c1b = cost(0.5, 0.6);
  const c2b = cost(0.7, 0.4);
  const ra = breakEvenRatio(c1a, c2a);
  const rb = breakEvenRatio(c1b, c2b);
  const table: [string, number, number, number][] = [
    // name, computed, published (6 decimals), mpmath at 30 digits rounded to the nearest double
    ["C1_A", c1a, 0.573388, 0.5733876979480645],
    ["C2_A", c2a, 0.803351, 0.8033505526300915],
    ["C1_B", c1b, 0.690084, 0.6900840715372106],
    ["C2_B", c2b, 0.914394, 0.9143935681884131],
    ["r_A", ra, 0.713745, 0.7137453208575623],
    ["r_B", rb, 0.75469, 0.754690426032193],
    ["FSI", ra * rb, 0.538657, 0.5386567602764779],
  ];
  for (const [name, got, published, precise] of table) {
    it(`${name} = ${published.toFixed(6)}`, () => {
      // Published to 6 decimals: within half a unit of the last place.
      expectAbsErrorAtMost(got, published, 5e-7);
      // Double precision: a few ulps from the exact value.
      expectRelErrorAtMost(got, precise, 1e-14);
    });
  }

  it("the no-war cost C0 = 0.3 is not subtracted (that would give FSI 0.344842)", () => {
    const shifted = ((c1a - 0.3) / (c2a - 0.3)) * ((c1b - 0.3) / (c2b - 0.3));
    expectAbsErrorAtMost(shifted, 0.344842, 5e-7);
    expect(Math.abs(ra * rb - shifted)).toBeGreaterThan(0.1);
  });
});

describe("break-even ratio r = min(1, C1/C2)", () => {
  it("is C1/C2 below 1, capped at 1 above", () => {
    expectRelErrorAtMost(breakEvenRatio(0.5, 1), 0.5, 1e-15);
    expect(breakEvenRatio(1.2, 0.6)).toBe(1);
    expect(breakEvenRatio(0.7, 0.7)).toBe(1);
  });

  it("is 1 when being struck costs nothing (C2 = 0)", () => {
    expect(breakEvenRatio(0, 0)).toBe(1);
    expect(breakEvenRatio(0.4, 0)).toBe(1);
  });
});

describe("damage curve D(w) = 1 − exp(−w ln5 / w80) (DESIGN §2.2)", () => {
  it("w80 warheads destroy 80% of the value, whatever w80", () => {
    for (const w80 of [1, 12, 250, 1234.5]) expectRelErrorAtMost(damage(w80, w80), 0.8, 1e-15);
  });

  it("D(0) = 0, D(w80/2) = 1 − 1/√5, D(2 w80) = 0.96", () => {
    expect(damage(0, 100)).toBe(0);
    expectRelErrorAtMost(damage(50, 100), 0.552786404500042, 1e-15);
    expectRelErrorAtMost(damage(200, 100), 0.96, 1e-15);
  });

  it("w50 = w80 ln2 / ln5 warheads destroy half (the default adequacy threshold)", () => {
    const w80 = 250;
    expectRelErrorAtMost(damage((w80 * Math.LN2) / Math.log(5), w80), 0.5, 1e-15);
  });

  it("keeps relative precision for a tiny delivery (expm1, not 1 − exp)", () => {
    // D(w) ≈ w ln5 / w80 for w ≪ w80.
    expectRelErrorAtMost(damage(1e-12, 1), 1e-12 * Math.log(5), 1e-11);
  });
});
