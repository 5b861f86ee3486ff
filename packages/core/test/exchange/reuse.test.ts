import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RouteSplitter } from "../../src/engagement/engageRaid.ts";
import type { DefenseLayer, RaidElement } from "../../src/engagement/types.ts";
import { CounterforcePlan } from "../../src/exchange/counterforcePlan.ts";
import {
  CoveredRetaliation,
  ValueStrike,
  binomialReal,
  retaliationRaid,
  strikerAvailability,
} from "../../src/exchange/raids.ts";
import type { ForceElement, Side } from "../../src/exchange/types.ts";
import { kentThalerCost } from "../../src/stability/kentThaler.ts";
import { expectArraysClose, expectRelErrorAtMost } from "../../../../test-support/expect.ts";

// What the sweep's speed rests on, each against a plain implementation written here: the
// allocation-free route splitter, the covered retaliation kept by content, the value strike that
// reuses rows and buffers, and x^0.75 by square roots.

/** The route split as first written: a recursive walk with a map of what each node has seen. */
function referenceSplits(coverage: readonly number[], counts: readonly number[]) {
  const seen = new Map<number, number>();
  return counts.map((count) => {
    const out = new Map<number, number>();
    const rec = (layer: number, route: number, n: number) => {
      if (n === 0) return;
      if (layer === coverage.length) {
        out.set(route, (out.get(route) ?? 0) + n);
        return;
      }
      const key = (1 << layer) + route;
      const before = seen.get(key) ?? 0;
      const c = coverage[layer]!;
      const covered = Math.round(c * (before + n)) - Math.round(c * before);
      seen.set(key, before + n);
      rec(layer + 1, route | (1 << layer), covered);
      rec(layer + 1, route, n - covered);
    };
    rec(0, 0, count);
    return [...out];
  });
}

const coverageValue = fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }));

describe("RouteSplitter", () => {
  it("splits every sequence of groups as the recursive map walk does, across resets", () => {
    fc.assert(
      fc.property(
        fc.array(coverageValue, { minLength: 0, maxLength: 12 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 6 }), { maxLength: 3 }),
        (coverage, sequences) => {
          const splitter = new RouteSplitter(Float64Array.from(coverage));
          const routes: number[] = [];
          const counts: number[] = [];
          for (const seq of sequences) {
            splitter.reset();
            const expected = referenceSplits(coverage, seq);
            seq.forEach((count, i) => {
              const k = splitter.splitTo(count, routes, counts);
              const got = routes.slice(0, k).map((r, j) => [r, counts[j]!]);
              expect(got).toEqual(expected[i]);
            });
          }
        },
      ),
      { numRuns: 300, seed: 20261124 },
    );
  });

  it("handles 30 layers (sparse node keys) like 3", () => {
    const coverage = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0 ? 0.5 : i % 3 === 1 ? 1 : 0,
    );
    const splitter = new RouteSplitter(coverage);
    const expected = referenceSplits(coverage, [7, 3, 10]);
    expect([7, 3, 10].map((n) => [...splitter.split(n)])).toEqual(expected);
  });
});

const force = (id: string, basing: ForceElement["basing"], launchers: number, w: number) =>
  ({
    id,
    name: id,
    basing,
    kind: basing === "bomber" ? "cruise" : "ballistic",
    launchers,
    warheadsPerLauncher: w,
    decoysPerWarhead: 0,
    reliability: 0.85,
    survivable: basing === "ssbn" ? 0.4 : basing === "mobile" ? 0.3 : 0,
    counterforce: basing !== "bomber",
  }) satisfies ForceElement;

const layer = (coverage: Record<string, number>, phase: DefenseLayer["phase"]): DefenseLayer => ({
  id: `l-${phase}`,
  phase,
  interceptors: 20,
  sspk: 0.6,
  tracking: 0.9,
  discrimination: 0.5,
  reliability: 0.9,
  doctrine: { kind: "barrage", shots: 2 },
  coverage,
});

const side = (id: string, forces: ForceElement[], pk: number): Side => ({
  id,
  name: id,
  w80: 100,
  forces,
  counterforcePk: { silo: pk, mobile: pk, ssbn: pk, bomber: pk },
  promptStrike: [],
  defenses: [],
});

/** Raid elements as comparable data (id, route, PMF). */
const plain = (raid: readonly RaidElement[]) =>
  raid.map((el) => ({
    id: el.id,
    route: el.route,
    offset: el.missiles.offset,
    mass: [...el.missiles.mass],
  }));

describe("CoveredRetaliation", () => {
  const victim = side(
    "v",
    [
      force("v-silo", "silo", 30, 3),
      force("v-mobile", "mobile", 25, 1),
      force("v-ssbn", "ssbn", 12, 4),
      force("v-bomber", "bomber", 8, 6),
    ],
    0.7,
  );
  const striker = side("s", [force("s-silo", "silo", 60, 3)], 0.7);
  const layers = [
    layer({ "v-silo": 0.05, "v-mobile": 1, "v-ssbn": 0.3 }, "midcourse"),
    layer({ "v-silo": 0.5 }, "terminal"),
  ];

  it("builds the covered raid that retaliationRaid builds, at every spend of the walk", () => {
    for (const lua of [0, 0.4]) {
      const covered = new CoveredRetaliation(victim, layers, lua);
      const plan = new CounterforcePlan(striker, victim);
      for (let s = 0; s <= 120; s++) {
        if (s > 0) plan.step();
        covered.key(plan);
        const expected = retaliationRaid(victim, plan, layers, lua, undefined, undefined, true);
        expect(plain(covered.raid())).toEqual(plain(expected));
      }
    }
  });

  it("gives equal keys only to equal covered raids, and most spends share a key", () => {
    const covered = new CoveredRetaliation(victim, layers, 0);
    const plan = new CounterforcePlan(striker, victim);
    const byKey = new Map<string, ReturnType<typeof plain>>();
    for (let s = 0; s <= 180; s++) {
      if (s > 0) plan.step();
      const key = covered.key(plan);
      const raid = plain(retaliationRaid(victim, plan, layers, 0, undefined, undefined, true));
      const seen = byKey.get(key);
      if (seen) expect(raid).toEqual(seen);
      else byKey.set(key, raid);
    }
    // The point of the key: fewer distinct covered raids than spends.
    // (90 distinct covered raids over 181 spends here.)
    expect(byKey.size).toBeLessThan(120);
  });
});

describe("ValueStrike", () => {
  const striker = side(
    "s",
    [
      force("s-silo", "silo", 40, 3),
      force("s-ssbn", "ssbn", 14, 4),
      force("s-bomber", "bomber", 9, 5),
    ],
    0.7,
  );
  const layers = [
    layer({ "s-silo": 0.35, "s-ssbn": 1 }, "midcourse"),
    layer({ "s-silo": 0.5 }, "terminal"),
  ];

  /** The value strike from its definition: shares of each element's remaining missiles. */
  function reference(s: number, readiness: number, coveredOnly: boolean) {
    const avail = strikerAvailability(striker, readiness);
    const out: { id: string; route: number; offset: number; mass: number[] }[] = [];
    striker.forces.forEach((f, e) => {
      const a = avail.perElement[e]!;
      const left = f.counterforce ? a * (1 - s / avail.counterforce) : a;
      const missiles = Math.max(0, left) / f.warheadsPerLauncher;
      if (missiles <= 0) return;
      const cov = layers.map((l) => (l.coverage as Record<string, number>)[f.id] ?? 0);
      // Route shares by enumerating every subset of layers.
      const shares: [number, number][] = [];
      for (let route = (1 << cov.length) - 1; route >= 0; route--) {
        let share = 1;
        cov.forEach((c, i) => (share *= route & (1 << i) ? c : 1 - c));
        if (share > 0 && !(coveredOnly && route === 0)) shares.push([route, share]);
      }
      for (const [route, share] of shares) {
        const pmf = binomialReal(missiles * share, avail.meanReliability);
        out.push({ id: f.id, route, offset: pmf.offset, mass: [...pmf.mass] });
      }
    });
    return out;
  }

  it("equals the definition at every spend, reusing its rows and buffers", () => {
    for (const readiness of [1, 0.7]) {
      const vs = new ValueStrike(striker, readiness, layers);
      const total = strikerAvailability(striker, readiness).counterforce;
      for (let s = 0; s <= Math.floor(total); s += 3) {
        for (const coveredOnly of [true, false]) {
          const got = plain(vs.raid(s, coveredOnly));
          const want = reference(s, readiness, coveredOnly);
          expect(got.map((g) => [g.id, g.route, g.offset])).toEqual(
            want.map((w) => [w.id, w.route, w.offset]),
          );
          // Shares computed by products in another order: equal to a few ulp.
          got.forEach((g, i) => expectArraysClose(g.mass, want[i]!.mass, 1e-14));
        }
      }
    }
  });
});

describe("kentThalerCost", () => {
  it("computes x^0.75 by square roots within 2 ulp of Math.pow on [0, 1]", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (x) => {
        const got = kentThalerCost(x, 0, 0, 0.75);
        expectRelErrorAtMost(got, Math.pow(x, 0.75), 4.5e-16, 1e-300);
      }),
      { numRuns: 2000, seed: 20261124 },
    );
    // Other exponents still go through Math.pow.
    expect(kentThalerCost(0.4, 0.7, 0.3, 0.6)).toBe(
      Math.pow(0.4, 0.6) + 0.3 * (1 - Math.pow(0.7, 0.6)),
    );
  });
});
