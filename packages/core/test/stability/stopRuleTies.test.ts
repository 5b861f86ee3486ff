import { describe, expect, it } from "vitest";
import type { ExchangeInput, ForceElement, Side } from "../../src/index.ts";
import { analyze } from "../../src/index.ts";

// DESIGN §2.3: costs within 1e-12 are tied; ties go to the larger victim cost, then to the
// smaller s. Here every spend costs the striker exactly the same: its counterforce kills nothing
// (pk 0) and its value strike destroys the victim completely whatever s leaves for it (w80 tiny),
// so the rule must pick s = 0 among the tied spends.

const silo = (id: string, launchers: number): ForceElement => ({
  id,
  name: id,
  basing: "silo",
  kind: "ballistic",
  launchers,
  warheadsPerLauncher: 1,
  decoysPerWarhead: 0,
  reliability: 0.9,
  survivable: 0,
  counterforce: true,
});

const side = (id: string, w80: number, pk: number): Side => ({
  id,
  name: id,
  w80,
  forces: [silo(`${id}-silo`, 50)],
  counterforcePk: { silo: pk, mobile: pk, ssbn: pk, bomber: pk },
  promptStrike: [],
  defenses: [],
});

const input = (pk: number, w80: number): ExchangeInput => ({
  sides: [side("a", w80, pk), side("b", w80, pk)],
  analysis: {
    alpha: 0.3,
    costExponent: 0.75,
    strikerReadiness: 0.9,
    launchUnderAttack: 0,
    thresholds: { a: 1, b: 1 },
  },
});

describe("the stop rule's ties", () => {
  it("with every spend tied, takes the smallest s (0)", () => {
    const r = analyze(input(0, 1e-3), { curves: true });
    for (const s of r.sides) {
      const cost = [...r.curves![s.id]!.strikerCost];
      // Every s that leaves the value strike a few warheads costs exactly the same (the minimum).
      const min = Math.min(...cost);
      const tied = cost.filter((c) => c === min).length;
      expect(tied).toBeGreaterThan(40);
      expect(cost[0]).toBe(min);
      expect(s.firstStrike.counterforceWarheads).toBe(0);
    }
  });

  it("without ties, does not simply take s = 0 (control: counterforce that kills)", () => {
    const r = analyze(input(0.9, 30));
    for (const s of r.sides) expect(s.firstStrike.counterforceWarheads).toBeGreaterThan(0);
  });
});
