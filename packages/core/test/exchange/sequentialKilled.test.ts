import fc from "fast-check";
import { describe, it } from "vitest";
import type { DefenseLayer, RaidElement } from "../../src/index.ts";
import { binomialPmf, engageRaid, meanKilled, pmfMean } from "../../src/index.ts";
import { expectRelErrorAtMost } from "../../../../test-support/expect.ts";

// Overlapping footprints (elements whose routes cross several layers) take the sequential path:
// marginal class states carried from pool to pool. It must agree with the general layered
// engine, which keeps the full joint state.
const grid = (lo: number, hi: number) =>
  fc.integer({ min: Math.round(lo * 100), max: Math.round(hi * 100) }).map((i) => i / 100);

const layerArb = (i: number) =>
  fc
    .record({
      phase: fc.constantFrom<"midcourse" | "terminal">("midcourse", "terminal"),
      interceptors: fc.integer({ min: 0, max: 12 }),
      sspk: grid(0.2, 0.95),
      tracking: grid(0.6, 1),
      discrimination: grid(0, 1),
      reliability: grid(0.5, 1),
      even: fc.boolean(),
      shots: fc.integer({ min: 1, max: 3 }),
    })
    .map((r): DefenseLayer => ({
      id: `l${i}`,
      phase: r.phase,
      interceptors: r.interceptors,
      sspk: r.sspk,
      tracking: r.tracking,
      discrimination: r.discrimination,
      reliability: r.reliability,
      doctrine: r.even ? { kind: "even" } : { kind: "barrage", shots: r.shots },
      coverage: 1,
    }));

const elementArb = (nLayers: number, i: number) =>
  fc
    .record({
      n: fc.integer({ min: 0, max: 6 }),
      p: grid(0.3, 1),
      w: fc.integer({ min: 1, max: 3 }),
      k: fc.integer({ min: 0, max: 2 }),
      route: fc.integer({ min: 0, max: (1 << nLayers) - 1 }),
    })
    .map((r): RaidElement => ({
      id: `e${i}`,
      kind: "ballistic",
      warheadsPerMissile: r.w,
      decoysPerMissile: r.k,
      missiles: binomialPmf(r.n, r.p),
      route: r.route,
    }));

const caseArb = fc.integer({ min: 2, max: 3 }).chain((nLayers) =>
  fc.record({
    layers: fc
      .tuple(...Array.from({ length: nLayers }, (_, i) => layerArb(i)))
      .map((ls) =>
        [...ls].sort((a, b) => (a.phase === b.phase ? 0 : a.phase === "midcourse" ? -1 : 1)),
      ),
    raid: fc
      .integer({ min: 1, max: 3 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => elementArb(nLayers, i)))),
  }),
);

describe("expected kills with overlapping footprints", () => {
  it("match the general layered engine (1e-10 relative)", () => {
    fc.assert(
      fc.property(caseArb, ({ layers, raid }) => {
        const fast = meanKilled(raid, layers);
        const r = engageRaid(raid, layers);
        if (!r.ok || fast === undefined) return;
        let total = 0;
        for (const el of raid) total += el.warheadsPerMissile * pmfMean(el.missiles);
        // Relative 1e-10, or 1e-14 absolute near zero (sums of ~1e2 terms round at ~1e-16 each).
        expectRelErrorAtMost(fast, total - r.expectedDelivered, 1e-10, 1e-4);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
