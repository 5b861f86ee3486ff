import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { engage, engageRaid, pointMass } from "../../src/index.ts";
import type { DefenseLayer, EngagementInput, RaidElement, VehicleKind } from "../../src/index.ts";
import {
  expectAbsErrorAtMost,
  expectArraysClose,
  expectRelErrorAtMost,
} from "../../../../test-support/expect.ts";

// Reference values from the independent Python oracle scripts/fixtures/engagement_oracle.py
// (scipy.stats sums for one layer, exact class-count enumeration for layered raids, each case
// also checked there against a seeded object-level Monte Carlo). Provenance (seed, numpy and scipy
// versions) is stored in the fixture file itself.

interface Expected {
  readonly id: string;
  readonly note: string;
  readonly pmf: readonly number[];
  readonly pNoLeak: number;
  readonly expectedLeakers: number;
  readonly expectedInterceptors: number;
  readonly oraclePrunedMass: number;
  readonly checks: readonly string[];
}

interface SingleCase extends Expected {
  readonly kind: "single";
  readonly input: EngagementInput;
}

interface FixtureElement {
  readonly id: string;
  readonly kind: VehicleKind;
  readonly warheadsPerMissile: number;
  readonly decoysPerMissile: number;
  /** A fixed number of missiles arriving (the oracle enumerates a point mass). */
  readonly missiles: number;
}

interface LayeredCase extends Expected {
  readonly kind: "layered";
  readonly elements: readonly FixtureElement[];
  readonly layers: readonly DefenseLayer[];
  readonly routes: readonly { element: string; layers: readonly string[]; missiles: number }[];
  readonly routeTie: boolean;
}

interface Fixture {
  readonly provenance: {
    readonly script: string;
    readonly seed: number;
    readonly numpy: string;
    readonly scipy: string;
  };
  readonly cases: readonly (SingleCase | LayeredCase)[];
}

const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/engagement.json", import.meta.url), "utf8"),
) as Fixture;

const singles = fixture.cases.filter((c): c is SingleCase => c.kind === "single");
const layered = fixture.cases.filter((c): c is LayeredCase => c.kind === "layered");

// Tolerances. Both sides are exact up to floating point: the oracle drops states below 1e-22
// (recorded per case as oraclePrunedMass) and the TS model prunes tails below 1e-15 per step
// (reported as prunedMass, at most a few 1e-15 in these cases). Entry-wise the two agree to a
// few 1e-16, so 1e-12 absolute leaves room for summation order and libm differences while staying
// far below any rule difference. Means are compared relatively (1e-12), with a floor of 1 leaker
// or interceptor so that a mean of 0 is compared absolutely.
const PMF_ABS = 1e-12;
const P0_ABS = 1e-12;
const MEAN_REL = 1e-12;

/**
 * Cases where the TS model disagrees with the oracle, each pinned with `it.fails` so the suite
 * records the disagreement without hiding it: once the kernel is fixed the `it.fails` test itself
 * fails, and the entry must be removed here.
 *
 * Even doctrine with no threat objects (T = 0: no RVs in the layer and every decoy discriminated)
 * loses that branch's probability instead of keeping it as "nothing fired, nothing leaks"
 * (DESIGN §2.1: "even fires all I whenever there is at least one threat object"). The lost mass
 * is not reported as pruned; P(no leak) drops by R * P(T = 0) and, because the mean is taken over
 * the remaining mass, E[leakers] rises. In a layered raid this hits exactly the branch in which an
 * earlier layer killed every RV, so P(no leak) is understated (0.780 instead of 0.987 below).
 */
// Cases where the implementation disagreed with the oracle, with why; empty since the even
// doctrine keeps the mass of "no threat object" (fixed).
const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {};

function dense(offset: number, mass: Float64Array, length: number): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < mass.length; i++) out[offset + i] = mass[i]!;
  return out;
}

describe("engagement fixtures from the scipy oracle", () => {
  it("cover every doctrine, decoys, exhaustion, tracking and reliability, and layered raids", () => {
    expect(fixture.provenance.script).toBe("scripts/fixtures/engagement_oracle.py");
    expect(singles.length).toBeGreaterThanOrEqual(40);
    expect(layered.length).toBeGreaterThanOrEqual(8);
    const kinds = new Set(singles.map((c) => c.input.doctrine.kind));
    expect([...kinds].sort()).toEqual(["barrage", "even", "shoot-look-shoot"]);
    for (const kind of kinds) {
      const of = singles.filter((c) => c.input.doctrine.kind === kind);
      expect(of.some((c) => c.input.decoys > 0 && c.input.discrimination > 0)).toBe(true);
      expect(of.some((c) => c.input.tracking < 1 && c.input.reliability < 1)).toBe(true);
      expect(of.some((c) => c.input.interceptors < c.input.warheads + c.input.decoys)).toBe(true);
    }
    expect(singles.filter((c) => c.input.warheads >= 500).length).toBeGreaterThanOrEqual(4);
  });

  describe("single layer: engage()", () => {
    const check = (c: SingleCase) => {
      const r = engage(c.input);
      expect(r.leakers.length).toBe(c.input.warheads + 1);
      expectArraysClose(r.leakers, c.pmf, PMF_ABS);
      expectAbsErrorAtMost(r.pNoLeak, c.pNoLeak, P0_ABS);
      expectRelErrorAtMost(r.expectedLeakers, c.expectedLeakers, MEAN_REL, 1);
      expectRelErrorAtMost(r.expectedInterceptorsUsed, c.expectedInterceptors, MEAN_REL, 1);
    };
    const agreed = singles.filter((c) => !(c.id in KNOWN_DISAGREEMENTS));
    it.each(agreed.map((c) => [c.id, c] as const))("%s", (_id, c) => check(c));
    for (const c of singles.filter((c) => c.id in KNOWN_DISAGREEMENTS)) {
      it.fails(`${c.id} (known disagreement: ${KNOWN_DISAGREEMENTS[c.id]})`, () => check(c));
    }
  });

  describe("layered raids: engageRaid()", () => {
    const check = (c: LayeredCase) => {
      const elements: RaidElement[] = c.elements.map((e) => ({
        ...e,
        missiles: pointMass(e.missiles),
      }));
      const r = engageRaid(elements, c.layers);
      if (!r.ok) return expect.fail(`${c.id}: ${r.message}`);
      expect(r.delivered.offset + r.delivered.mass.length).toBeLessThanOrEqual(c.pmf.length);
      const pmf = dense(r.delivered.offset, r.delivered.mass, c.pmf.length);
      expectArraysClose(pmf, c.pmf, PMF_ABS);
      expectAbsErrorAtMost(r.pNoLeak, c.pNoLeak, P0_ABS);
      expectRelErrorAtMost(r.expectedDelivered, c.expectedLeakers, MEAN_REL, 1);
      expectRelErrorAtMost(r.expectedInterceptorsUsed, c.expectedInterceptors, MEAN_REL, 1);
    };
    const agreed = layered.filter((c) => !(c.id in KNOWN_DISAGREEMENTS));
    it.each(agreed.map((c) => [c.id, c] as const))("%s", (_id, c) => check(c));
    for (const c of layered.filter((c) => c.id in KNOWN_DISAGREEMENTS)) {
      it.fails(`${c.id} (known disagreement: ${KNOWN_DISAGREEMENTS[c.id]})`, () => check(c));
    }
  });
});
