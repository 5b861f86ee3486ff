import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CounterforcePlan, analyze, binomialPmf, engage, engageRaid } from "../../src/index.ts";
import type {
  AnalysisOptions,
  Basing,
  Defense,
  DefenseLayer,
  ExchangeInput,
  ForceElement,
  Side,
} from "../../src/index.ts";
import { expectAbsErrorAtMost } from "../../../../test-support/expect.ts";

// Properties of the exchange and stability models (DESIGN §2.2–2.3, §4 "Property tests").
// fast-check with fixed seeds and modest run counts, so the file runs in a few seconds.
//
// Which monotonicity in survivability is a theorem, and why:
// - Expected surviving warheads at a fixed s never fall when an element's survivable share rises.
//   Greedy allocation of warheads by the largest w·rel·pk·S is optimal for the separable convex
//   objective Σ w·rel·S (each launcher's survival (1 − pk)^x has decreasing marginal gains), so the
//   greedy value is the minimum over all allocations of s warheads; making a launcher untargetable
//   only removes allocations (its x is forced to 0), so the minimum cannot fall. Launch under
//   attack multiplies every marginal by (1 − ℓ) and keeps the argument.
// - Expected retaliation at a fixed s, with no defenses, is Σ rel·w·S: the greedy's objective,
//   so the same theorem holds for it (whatever the elements' reliabilities).
// - At the striker's chosen s (no defenses, cost exponent ≤ 1, alpha > 0):
//   the retaliation curve R'(s) after the change is ≥ R(s) for every s, and the gap R' − R grows
//   with s (removing a launcher from the target set costs the greedy the merge of its marginals,
//   and the k-th largest of a union is ≥ the k-th largest of a part). The striker's cost is
//   f(R(s)) + h(s) with f = D^e concave increasing and h independent of the victim's posture, so
//   f(R') − f(R) also grows with s, and by monotone comparative statics (Topkis) the chosen s
//   can only fall; R' is non-increasing in s, so R'(s') ≥ R'(s) ≥ R(s). The striker's cost C1
//   can only rise (a minimum of a pointwise larger function).
// - Not a theorem with defenses (the greedy minimises surviving working warheads, not deliveries
//   through a defense, whose mean depends on the whole distribution) or with prompt strike
//   (allocated first, the two-stage greedy is not jointly optimal): see the cases at the end.

const BASINGS: readonly Basing[] = ["silo", "mobile", "ssbn", "bomber"];
// Numbers on a grid of 1/1000: fast-check's doubles favour extremes (denormals, 0, 1), which
// would leave most runs without any warhead that kills; a grid also produces exact ties.
const grid = (lo: number, hi: number) =>
  fc.integer({ min: Math.round(lo * 1000), max: Math.round(hi * 1000) }).map((i) => i / 1000);
const prob = grid(0, 1);
const pkArb = fc.record({ silo: prob, mobile: prob, ssbn: prob, bomber: prob });

interface ElementSpec {
  basing: Basing;
  hgv: boolean;
  launchers: number;
  w: number;
  decoys: number;
  reliability: number;
  survivable: number;
}
const elementArb = (maxLaunchers: number): fc.Arbitrary<ElementSpec> =>
  fc.record({
    basing: fc.constantFrom(...BASINGS),
    hgv: fc.boolean(),
    launchers: fc.integer({ min: 0, max: maxLaunchers }),
    w: fc.integer({ min: 1, max: 3 }),
    decoys: fc.constantFrom(0, 0, 1),
    reliability: grid(0.3, 1),
    survivable: fc.oneof(fc.constantFrom(0, 0.25, 0.5, 1), prob),
  });

function toForce(sideId: string, e: ElementSpec, i: number, over: Partial<ForceElement> = {}) {
  const id = `${sideId}-${i}`;
  const f: ForceElement = {
    id,
    name: id,
    basing: e.basing,
    kind: e.basing === "bomber" ? "cruise" : e.hgv ? "hgv" : "ballistic",
    launchers: e.launchers,
    warheadsPerLauncher: e.w,
    decoysPerWarhead: e.decoys,
    reliability: e.reliability,
    survivable: e.survivable,
    counterforce: e.basing !== "bomber",
  };
  return { ...f, ...over };
}

const layerArb: fc.Arbitrary<Omit<DefenseLayer, "id">> = fc.record({
  phase: fc.constantFrom("midcourse" as const, "terminal" as const),
  interceptors: fc.integer({ min: 0, max: 8 }),
  sspk: prob,
  tracking: grid(0.5, 1),
  discrimination: prob,
  reliability: grid(0.5, 1),
  doctrine: fc.oneof(
    fc.record({ kind: fc.constant("barrage" as const), shots: fc.integer({ min: 1, max: 3 }) }),
    fc.constant({ kind: "even" as const }),
  ),
  coverage: fc.constantFrom(0.25, 0.5, 0.8, 1),
});

function defensesOf(sideId: string, layers: readonly Omit<DefenseLayer, "id">[]): Defense[] {
  if (layers.length === 0) return [];
  return [
    {
      id: `${sideId}-bmd`,
      name: `${sideId} BMD`,
      // In flight order: midcourse before terminal.
      layers: layers
        .map((l, i) => ({ ...l, id: `${sideId}-l${i}` }))
        .sort((a, b) => (a.phase === b.phase ? 0 : a.phase === "midcourse" ? -1 : 1)),
    },
  ];
}

const sideArb = (id: string, withDefenses: boolean): fc.Arbitrary<Side> =>
  fc
    .record({
      w80: grid(2, 30),
      forces: fc.array(elementArb(6), { minLength: 0, maxLength: 3 }),
      cf: pkArb,
      prompt: fc.array(fc.record({ weapons: fc.integer({ min: 0, max: 4 }), pk: pkArb }), {
        maxLength: 1,
      }),
      layers: withDefenses ? fc.array(layerArb, { maxLength: 2 }) : fc.constant([]),
    })
    .map((s) => ({
      id,
      name: id,
      w80: s.w80,
      forces: s.forces.map((e, i) => toForce(id, e, i)),
      counterforcePk: s.cf,
      promptStrike: s.prompt.map((p, i) => ({
        id: `${id}-ps${i}`,
        name: `${id} PS`,
        weapons: p.weapons,
        pk: p.pk,
      })),
      defenses: defensesOf(id, s.layers),
    }));

const analysisArb: fc.Arbitrary<AnalysisOptions> = fc.record({
  alpha: grid(0, 0.6),
  costExponent: fc.constantFrom(0.75, 1, 1.5),
  strikerReadiness: prob,
  launchUnderAttack: fc.oneof(fc.constant(0), grid(0, 0.6)),
  thresholds: fc.record({ a: fc.integer({ min: 0, max: 6 }), b: fc.integer({ min: 0, max: 6 }) }),
});

const inputArb: fc.Arbitrary<ExchangeInput> = fc
  .tuple(sideArb("a", true), sideArb("b", true), analysisArb)
  .map(([a, b, analysis]) => ({ sides: [a, b], analysis }));

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0);

describe("counterforce allocation", () => {
  it("more counterforce warheads never raise the victim's expected survivors", () => {
    fc.assert(
      fc.property(
        sideArb("a", false),
        sideArb("b", false),
        prob,
        fc.integer({ min: 1, max: 25 }),
        (striker, victim, lua, steps) => {
          const plan = new CounterforcePlan(striker, victim);
          let prev = plan.expectedSurvivingWarheads(lua);
          let prevReliable = plan.expectedSurvivingWarheadsReliable(lua);
          for (let s = 1; s <= steps; s++) {
            plan.step();
            const next = plan.expectedSurvivingWarheads(lua);
            const nextReliable = plan.expectedSurvivingWarheadsReliable(lua);
            expect(next).toBeLessThanOrEqual(prev + 1e-12 * Math.max(1, prev));
            expect(nextReliable).toBeLessThanOrEqual(prevReliable + 1e-12 * Math.max(1, prev));
            prev = next;
            prevReliable = nextReliable;
          }
        },
      ),
      { seed: 31, numRuns: 150 },
    );
  });

  it("a larger survivable share never lowers expected surviving working warheads at a fixed s", () => {
    let changed = 0;
    fc.assert(
      fc.property(
        fc.array(elementArb(6), { minLength: 1, maxLength: 3 }),
        pkArb,
        fc.nat(),
        prob,
        prob,
        fc.integer({ min: 0, max: 30 }),
        (specs, cf, pick, extra, lua, s) => {
          const e = pick % specs.length;
          const victim = (more: number): Side => ({
            id: "v",
            name: "V",
            w80: 10,
            forces: specs.map((x, i) =>
              toForce("v", x, i, i === e ? { survivable: Math.min(1, x.survivable + more) } : {}),
            ),
            counterforcePk: cf,
            promptStrike: [],
            defenses: [],
          });
          const striker: Side = { ...victim(0), id: "s", counterforcePk: cf };
          const survivors = (v: Side) => {
            const plan = new CounterforcePlan(striker, v);
            for (let i = 0; i < s; i++) plan.step();
            // The greedy's objective: warheads on surviving launchers that work (w·rel·S).
            return plan.expectedSurvivingWarheadsReliable(lua);
          };
          const before = survivors(victim(0));
          const after = survivors(victim(extra));
          expect(after).toBeGreaterThanOrEqual(before - 1e-12 * (1 + before));
          if (after > before + 1e-9) changed++;
        },
      ),
      { seed: 32, numRuns: 300 },
    );
    // Not vacuous: the change mattered in a good share of the runs.
    expect(changed).toBeGreaterThan(60);
  });
});

/** The victim's forces with one element's survivable share raised by `more`. */
function victimWith(specs: ElementSpec[], e: number, more: number, reliability: number): Side {
  return {
    id: "v",
    name: "V",
    w80: 10,
    forces: specs.map((x, i) =>
      toForce("v", x, i, {
        reliability,
        ...(i === e ? { survivable: Math.min(1, x.survivable + more) } : {}),
      }),
    ),
    counterforcePk: { silo: 0.5, mobile: 0.5, ssbn: 0.5, bomber: 0.5 },
    promptStrike: [],
    defenses: [],
  };
}

/** A striker with enough warheads to run out of fresh targets, and no prompt strike. */
const strikerNoPrompt = fc
  .tuple(sideArb("s", false), fc.integer({ min: 4, max: 30 }), fc.integer({ min: 1, max: 2 }))
  .map(([s, launchers, w]) => ({
    ...s,
    forces: [toForce("s", { ...SILO, launchers, w }, s.forces.length), ...s.forces],
    promptStrike: [],
  }));
const SILO: ElementSpec = {
  basing: "silo",
  hgv: false,
  launchers: 1,
  w: 1,
  decoys: 0,
  reliability: 0.9,
  survivable: 0,
};

describe("survivability and retaliation (no defenses, one victim reliability)", () => {
  it("a larger survivable share never lowers the expected retaliation at any fixed s", () => {
    let changed = 0;
    fc.assert(
      fc.property(
        strikerNoPrompt,
        fc.array(elementArb(5), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        prob,
        grid(0.3, 1),
        analysisArb,
        (striker, specs, pick, extra, rel, analysis) => {
          const e = pick % specs.length;
          const run = (more: number) =>
            analyze(
              { sides: [striker, victimWith(specs, e, more, rel)], analysis },
              { curves: true },
            ).curves!["s"]!.retaliationDelivered;
          const before = run(0);
          const after = run(extra);
          expect(after.length).toBe(before.length);
          before.forEach((b, s) => {
            expect(after[s]!, `s = ${s}`).toBeGreaterThanOrEqual(b - 1e-12 * (1 + b));
          });
          if (before.some((b, s) => after[s]! > b + 1e-9)) changed++;
        },
      ),
      { seed: 33, numRuns: 120 },
    );
    expect(changed).toBeGreaterThan(40);
  });

  it("at the chosen s: retaliation never falls and the striker's cost C1 never falls", () => {
    let changed = 0;
    fc.assert(
      fc.property(
        strikerNoPrompt,
        fc.array(elementArb(5), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        prob,
        grid(0.3, 1),
        analysisArb,
        grid(0.05, 0.6),
        fc.constantFrom(0.5, 0.75, 1),
        (striker, specs, pick, extra, rel, analysis, alpha, costExponent) => {
          const e = pick % specs.length;
          const an = { ...analysis, alpha, costExponent };
          const run = (more: number) =>
            analyze({ sides: [striker, victimWith(specs, e, more, rel)], analysis: an }).sides[0]
              .firstStrike;
          const before = run(0);
          const after = run(extra);
          const m = before.delivered.mean;
          expect(after.delivered.mean).toBeGreaterThanOrEqual(m - 1e-9 * (1 + m));
          expect(after.cost).toBeGreaterThanOrEqual(before.cost - 1e-12);
          if (after.cost > before.cost + 1e-9) changed++;
        },
      ),
      { seed: 34, numRuns: 120 },
    );
    expect(changed).toBeGreaterThan(30);
  });
});

describe("symmetry and normalisation", () => {
  it("swapping the two sides swaps every result", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = analyze(input, { curves: true });
        const [a, b] = input.sides;
        const q = analyze({ sides: [b, a], analysis: input.analysis }, { curves: true });
        expect(q.firstStrikeStability).toBe(r.firstStrikeStability);
        expect(q.withoutDefenses.firstStrikeStability).toBe(r.withoutDefenses.firstStrikeStability);
        expect(q.sides[0]).toEqual(r.sides[1]);
        expect(q.sides[1]).toEqual(r.sides[0]);
        expect(q.withoutDefenses.sides[0]).toEqual(r.withoutDefenses.sides[1]);
        expect(q.withoutDefenses.sides[1]).toEqual(r.withoutDefenses.sides[0]);
        expect(q.defenseEffect.sides[0]).toEqual(r.defenseEffect.sides[1]);
        expect(q.defenseEffect.sides[1]).toEqual(r.defenseEffect.sides[0]);
        expect(q.curves).toEqual(r.curves);
      }),
      { seed: 35, numRuns: 60 },
    );
  });

  it("delivered PMFs sum to 1 within 1e-12; ratios and the index lie in [0, 1]", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        // Excluded until the engagement defect below ("even doctrine with only discriminated
        // decoys left") is fixed; seed 36 finds it within 90 runs when this line is removed.
        const r = analyze(input);
        for (const bal of [r, r.withoutDefenses]) {
          for (const side of bal.sides) {
            const pmf = side.secondStrike.deliveredPmf;
            expectAbsErrorAtMost(sum(pmf), 1, 1e-12);
            for (const p of pmf) expect(p).toBeGreaterThanOrEqual(0);
            expect(side.ratio).toBeGreaterThanOrEqual(0);
            expect(side.ratio).toBeLessThanOrEqual(1);
            const tail = sum(pmf.slice(side.secondStrike.threshold));
            expectAbsErrorAtMost(side.secondStrike.pAdequate, tail, 1e-12);
          }
          expectAbsErrorAtMost(
            bal.firstStrikeStability,
            bal.sides[0].ratio * bal.sides[1].ratio,
            1e-15,
          );
        }
      }),
      { seed: 36, numRuns: 100 },
    );
  });
});

// DESIGN §4 asks that "more survivable launchers never lower retaliation". Without defenses it is
// a theorem once the greedy ranks launchers by working warheads removed (w·rel·pk·S), as the model
// does (first case). With defenses it does not hold in general: these are minimal inputs where it
// fails and why (docs/models/exchange.md, "Survivability and defenses").
describe("DESIGN §4 survivability property: a theorem without defenses, not with them", () => {
  const noPk = { silo: 0, mobile: 0, ssbn: 0, bomber: 0 };
  const analysis: AnalysisOptions = {
    alpha: 0.3,
    costExponent: 0.75,
    strikerReadiness: 0.9,
    launchUnderAttack: 0,
    thresholds: {},
  };
  const force = (over: Partial<ForceElement> & Pick<ForceElement, "id">): ForceElement => ({
    name: over.id,
    basing: "silo",
    kind: "ballistic",
    launchers: 1,
    warheadsPerLauncher: 1,
    decoysPerWarhead: 0,
    reliability: 1,
    survivable: 0,
    counterforce: true,
    ...over,
  });
  const side = (id: string, forces: ForceElement[], over: Partial<Side> = {}): Side => ({
    id,
    name: id,
    w80: 10,
    forces,
    counterforcePk: noPk,
    promptStrike: [],
    defenses: [],
    ...over,
  });
  const retaliationAt = (striker: Side, victim: Side, s: number) =>
    analyze({ sides: [striker, victim], analysis }, { curves: true }).curves![striker.id]!
      .retaliationDelivered[s]!;

  it("victim elements of different reliability: greedy by w·rel·pk·S keeps retaliation up", () => {
    // Blue, 1 silo warhead, pk 0.9 vs silos and 0.5 vs mobiles. Red: a silo of reliability 0.1
    // and a mobile of reliability 1, one warhead each. Greedy (w·pk·S) hits the silo: 0.9 > 0.5;
    // retaliation 0.1·0.1 + 1 = 1.01. Make the silo untargetable (survivable 1) and the warhead
    // goes to the mobile: retaliation 0.1 + 0.5 = 0.6, although expected surviving warheads rise
    // from 1.1 to 1.5. Greedy by w·rel·pk·S (working warheads removed), which the model now uses,
    // makes this a theorem: the warhead goes to the mobile (0.5 > 0.09) either way.
    const blue = side("blue", [force({ id: "b" })], {
      counterforcePk: { ...noPk, silo: 0.9, mobile: 0.5 },
    });
    const red = (survivable: number) =>
      side("red", [
        force({ id: "r-silo", reliability: 0.1, survivable }),
        force({ id: "r-mobile", basing: "mobile" }),
      ]);
    expect(retaliationAt(blue, red(1), 1)).toBeGreaterThanOrEqual(retaliationAt(blue, red(0), 1));
  });

  it("partial coverage: the footprint goes to the untargetable launchers first (2 → 1.75)", () => {
    // Red: 4 SSBN launchers × 1 warhead, reliability 1; Blue pk 0.5, s = 3; Blue's midcourse
    // layer covers 30% and kills whatever it engages (sspk 1, ample interceptors).
    // survivable 0: groups [1 @ S=1, 3 @ S=0.5]; covered round(0.3·1) = 0, round(0.3·4) − 0 = 1,
    //   a launcher with S = 0.5: retaliation 1 + 2·0.5 = 2 (survivors 2.5).
    // survivable 0.5: groups [2 untargetable, 1 @ 0.5, 1 @ 0.25]; covered round(0.3·2) = 1 of the
    //   untargetable: retaliation 1 + 0.5 + 0.25 = 1.75 (survivors 2.75).
    const mid: DefenseLayer = {
      id: "mid",
      phase: "midcourse",
      interceptors: 100,
      sspk: 1,
      tracking: 1,
      discrimination: 0,
      reliability: 1,
      doctrine: { kind: "barrage", shots: 1 },
      coverage: 0.3,
    };
    const blue = side("blue", [force({ id: "b", launchers: 4 })], {
      counterforcePk: { ...noPk, ssbn: 0.5 },
      defenses: [{ id: "bmd", name: "bmd", layers: [mid] }],
    });
    const red = (survivable: number) =>
      side("red", [force({ id: "r", basing: "ssbn", launchers: 4, survivable })]);
    // With defenses the property is not a theorem (documented in docs/models/exchange.md).
    expectAbsErrorAtMost(retaliationAt(blue, red(0), 3), 2, 1e-12);
    expectAbsErrorAtMost(retaliationAt(blue, red(0.5), 3), 1.75, 1e-12);
  });

  it("full coverage: equal expected survivors, fewer delivered through the defense (1 → 0.75)", () => {
    // Red: 2 mobiles × 1 warhead (survivable 0.5) and 1 silo × 4 warheads; Blue pk 0.5 vs silos,
    // 1 vs mobiles, s = 2; Blue's terminal layer kills exactly min(N, 3) of N arriving RVs.
    // survivable 0.5: 1 mobile untargetable. Greedy: silo (4·0.5 = 2), then a tie at 1 between the
    //   silo (4·0.5·0.5) and the targetable mobile (1·1): the mobile, declared first.
    //   N = 1 + 4·Bernoulli(0.5) ∈ {1, 5}: delivered max(N − 3, 0) has mean 1.
    // survivable 1: both mobiles untargetable; both warheads on the silo (S = 0.25).
    //   N = 2 + 4·Bernoulli(0.25) ∈ {2, 6}: mean delivered 0.75. Expected survivors: 3 both times.
    const term: DefenseLayer = {
      id: "term",
      phase: "terminal",
      interceptors: 3,
      sspk: 1,
      tracking: 1,
      discrimination: 0,
      reliability: 1,
      doctrine: { kind: "barrage", shots: 1 },
      coverage: 1,
    };
    const blue = side("blue", [force({ id: "b", launchers: 4 })], {
      counterforcePk: { ...noPk, silo: 0.5, mobile: 1 },
      defenses: [{ id: "bmd", name: "bmd", layers: [term] }],
    });
    const red = (survivable: number) =>
      side("red", [
        force({ id: "r-mobile", basing: "mobile", launchers: 2, survivable }),
        force({ id: "r-silo", warheadsPerLauncher: 4 }),
      ]);
    // A saturating defense responds to the shape of the survivors' distribution, not only its
    // mean, so no allocation rule can make the property hold with defenses.
    expectAbsErrorAtMost(retaliationAt(blue, red(0.5), 2), 1, 1e-12);
    expectAbsErrorAtMost(retaliationAt(blue, red(1), 2), 0.75, 1e-12);
  });
});

// A defect the PMF property above found in the engagement model (fixed): `even` fires all
// interceptors "whenever there is at least one threat object" (DESIGN §2.1); with no RV left and
// every decoy recognised there is none, nothing is fired and nothing leaks, so P(0 leakers) = 1.
describe("even doctrine with no RV and only discriminated decoys", () => {
  const layer = {
    interceptors: 1,
    sspk: 0.5,
    tracking: 1,
    reliability: 1,
    doctrine: { kind: "even" as const },
  };

  it("engage: 0 warheads, 1 decoy recognised for sure → P(no leak) = 1", () => {
    // Same from the CLI: stratbal engage --warheads 0 --interceptors 1 --sspk 0.5 --even
    //   --decoys 2 --discrimination 1 --json  prints pNoLeak 0 and expectedLeakers null.
    const r = engage({ ...layer, warheads: 0, decoys: 1, discrimination: 1 });
    expect(Array.from(r.leakers)).toEqual([1]);
  });

  it("engageRaid: a barrage then an even layer keep the whole probability", () => {
    // One missile, 1 RV + 1 decoy, two midcourse layers with one interceptor each, sspk 0.5.
    // Layer 1 (barrage, no discrimination) shoots the RV or the decoy with probability 1/2 each:
    //   RV dead, decoy alive 1/4; both alive 1/2; RV alive, decoy dead 1/4.
    // Layer 2 (even, discrimination 1/2): both alive → the decoy is recognised (1/2) and the RV
    //   takes the shot (leaks 1/2), or not and the shot goes to the RV with probability 1/2
    //   (leaks 3/4): 5/8. RV alone: leaks 1/2. RV dead: 0.
    //   P(1) = 1/2 · 5/8 + 1/4 · 1/2 = 7/16; P(0) = 9/16. The implementation returns P(0) = 7/16:
    //   the 1/8 where the RV is dead and the decoy recognised (no threat object) is lost.
    const base = {
      ...layer,
      id: "x",
      phase: "midcourse" as const,
      discrimination: 0,
      coverage: 1,
    };
    const r = engageRaid(
      [
        {
          id: "e",
          kind: "ballistic",
          warheadsPerMissile: 1,
          decoysPerMissile: 1,
          missiles: binomialPmf(1, 1),
        },
      ],
      [
        { ...base, id: "first", doctrine: { kind: "barrage", shots: 1 } },
        { ...base, id: "second", discrimination: 0.5 },
      ],
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.delivered.offset).toBe(0);
    expectAbsErrorAtMost(r.delivered.mass[0]!, 9 / 16, 1e-15);
    expectAbsErrorAtMost(r.delivered.mass[1]!, 7 / 16, 1e-15);
  });

  it("analyze: the retaliation PMF through such a defense sums to 1", () => {
    // The case fast-check found (seed 36), shrunk: Red's 3 silos (reliability 0.3, 1 decoy per
    // warhead) retaliate through Blue's two midcourse layers, the second `even` with
    // discrimination 0.5. The PMF sums to 1 − 8.0e-6.
    const mid = (over: Partial<DefenseLayer>): DefenseLayer => ({
      id: "m",
      phase: "midcourse",
      interceptors: 1,
      sspk: 0.001,
      tracking: 0.5,
      discrimination: 0,
      reliability: 0.5,
      doctrine: { kind: "barrage", shots: 1 },
      coverage: 0.5,
      ...over,
    });
    const noPk = { silo: 0, mobile: 0, ssbn: 0, bomber: 0 };
    const input: ExchangeInput = {
      sides: [
        {
          id: "blue",
          name: "Blue",
          w80: 2,
          forces: [],
          counterforcePk: noPk,
          promptStrike: [],
          defenses: [
            {
              id: "bmd",
              name: "bmd",
              layers: [
                mid({ id: "m1" }),
                mid({ id: "m2", doctrine: { kind: "even" }, discrimination: 0.5, coverage: 0.25 }),
              ],
            },
          ],
        },
        {
          id: "red",
          name: "Red",
          w80: 2,
          forces: [
            {
              id: "red-silo",
              name: "red-silo",
              basing: "silo",
              kind: "ballistic",
              launchers: 3,
              warheadsPerLauncher: 1,
              decoysPerWarhead: 1,
              reliability: 0.3,
              survivable: 0,
              counterforce: true,
            },
          ],
          counterforcePk: noPk,
          promptStrike: [],
          defenses: [],
        },
      ],
      analysis: {
        alpha: 0,
        costExponent: 0.75,
        strikerReadiness: 0,
        launchUnderAttack: 0,
        thresholds: {},
      },
    };
    expectAbsErrorAtMost(sum(analyze(input).sides[1].secondStrike.deliveredPmf), 1, 1e-12);
  });
});
