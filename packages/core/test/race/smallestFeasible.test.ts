import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { smallestFeasible } from "../../src/index.ts";

describe("smallestFeasible", () => {
  it("finds the threshold of a monotone predicate from any guess, in O(log) probes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.option(fc.integer({ min: -10, max: 200_000 })),
        (lo, span, offset, guess) => {
          const hi = lo + span;
          const threshold = lo + offset; // may lie above hi: then nothing is feasible
          let probes = 0;
          const x = smallestFeasible(
            lo,
            hi,
            (n) => {
              probes++;
              expect(n).toBeGreaterThanOrEqual(lo);
              expect(n).toBeLessThanOrEqual(hi);
              return n >= threshold;
            },
            guess ?? undefined,
          );
          expect(x).toBe(threshold <= hi ? Math.max(lo, threshold) : undefined);
          // Galloping then bisection: at most about 2 log2 of the distance, plus a few.
          expect(probes).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(span + 2)) + 4);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it("takes two probes when the guess is right", () => {
    let probes = 0;
    expect(smallestFeasible(1, 1000, (n) => (probes++, n >= 37), 37)).toBe(37);
    expect(probes).toBe(2);
  });

  it("returns a feasible point even for a predicate that is not monotone", () => {
    const ok = (n: number) => n === 5 || n >= 9;
    const x = smallestFeasible(1, 20, ok, 4)!;
    expect(ok(x)).toBe(true);
  });
});
