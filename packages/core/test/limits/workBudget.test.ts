import { describe, expect, it } from "vitest";
import type { EngagementInput } from "../../src/index.ts";
import { ModelLimitError, engage, spendWork, withWorkBudget } from "../../src/index.ts";

// The work meter (src/limits.ts) turns a computation that would run for hours into a clear
// ModelLimitError; within the budget it changes nothing.

const sls = (warheads: number, interceptors: number): EngagementInput => ({
  warheads,
  decoys: warheads,
  interceptors,
  sspk: 0.6,
  tracking: 0.95,
  discrimination: 0.5,
  reliability: 0.9,
  doctrine: { kind: "shoot-look-shoot", shots: [1, 1], killAssessment: 0.9 },
});

describe("work budget", () => {
  it("throws ModelLimitError once the budget is spent, and resets afterwards", () => {
    let thrown: unknown;
    try {
      withWorkBudget(100, () => {
        spendWork(60, "test task");
        spendWork(60, "test task");
      });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ModelLimitError);
    expect((thrown as ModelLimitError).code).toBe("state_too_large");
    expect((thrown as Error).message).toContain("test task");
    // Outside any budget nothing is metered.
    expect(() => spendWork(1e18, "test task")).not.toThrow();
    // A fresh budget starts full again.
    expect(() => withWorkBudget(100, () => spendWork(90, "test task"))).not.toThrow();
  });

  it("a nested budget keeps the outer one (an analysis bounds the engagements inside it)", () => {
    expect(() =>
      withWorkBudget(100, () => withWorkBudget(1e12, () => spendWork(200, "inner"))),
    ).toThrow(ModelLimitError);
  });

  it("stops a shoot-look-shoot engagement past its budget and leaves results unchanged within it", () => {
    const input = sls(40, 60);
    expect(() => withWorkBudget(1_000, () => engage(input))).toThrow(ModelLimitError);
    const free = engage(input);
    const bounded = withWorkBudget(1e12, () => engage(input));
    // Exact equality (tolerance 0): the meter only counts.
    expect(bounded.expectedLeakers).toBe(free.expectedLeakers);
    expect(bounded.pNoLeak).toBe(free.pNoLeak);
  });
});
