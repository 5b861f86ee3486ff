import { describe, expect, it } from "vitest";
import {
  analyzeRichardson,
  richardsonFate,
  richardsonTrajectory,
  solveOde,
} from "../../src/index.ts";
import { expectAbsErrorAtMost, expectRelErrorAtMost } from "../../../../test-support/expect.ts";
import fixture from "../fixtures/richardson.json" with { type: "json" };

// Reference values: scripts/fixtures/richardson.py (exact paths by expm of the affine system,
// cross-checked against scipy solve_ivp DOP853 at 1e-12; numpy/scipy versions in the JSON).
const FATES: Record<string, string> = {
  "trinity-case-1-stable": "equilibrium",
  "unstable-runaway": "runaway",
  "unstable-disarmament": "disarmament",
  "unstable-on-stable-line": "equilibrium",
  "degenerate-drift": "drift",
};

describe("Richardson closed forms against numpy", () => {
  for (const c of fixture.cases) {
    it(`${c.name}: determinant, equilibrium and eigenvalues`, () => {
      const a = analyzeRichardson(c.params);
      expectAbsErrorAtMost(a.determinant, c.determinant, 1e-12);
      expectRelErrorAtMost(a.eigenvalues[0], c.eigenvalues[0]!, 1e-12, 1);
      expectRelErrorAtMost(a.eigenvalues[1], c.eigenvalues[1]!, 1e-12, 1);
      if (c.equilibrium === null) {
        expect(a.stability).toBe("degenerate");
        expect(a.equilibrium).toBeUndefined();
      } else {
        expect(a.stability).toBe(c.determinant > 0 ? "stable" : "unstable");
        expectRelErrorAtMost(a.equilibrium!.x, c.equilibrium.x, 1e-12);
        expectRelErrorAtMost(a.equilibrium!.y, c.equilibrium.y, 1e-12);
      }
    });
  }
});

describe("Richardson paths from the adaptive solver against the exact solution", () => {
  for (const c of fixture.cases) {
    it(`${c.name}: path at t = ${c.times.join(", ")}`, () => {
      const horizon = c.times.at(-1)!;
      // Output every 0.25 so that all fixture times are output times.
      const r = richardsonTrajectory(c.params, c.start.x, c.start.y, horizon, horizon / 0.25 + 1);
      if (!r.ok) throw new Error(r.message);
      c.times.forEach((t, i) => {
        const j = Math.round(t / 0.25);
        expectAbsErrorAtMost(r.t[j]!, t, 1e-12);
        // Global error of a 1e-10 local tolerance over t <= 5, relative with a floor of 1.
        expectRelErrorAtMost(r.x[j]!, c.path[i]![0]!, 1e-8, 1);
        expectRelErrorAtMost(r.y[j]!, c.path[i]![1]!, 1e-8, 1);
      });
      expect(r.solver.steps).toBeGreaterThan(0);
    });
  }

  it("reproduces MODELS-RESEARCH §3.1: Case I from (0, 0) at t = 5 is (2.272424, 3.181328)", () => {
    const r = richardsonTrajectory({ k: 2, l: 2, a: 5, b: 3, g: 5, h: 5 }, 0, 0, 5, 2);
    if (!r.ok) throw new Error(r.message);
    // Stated to six decimals.
    expectAbsErrorAtMost(r.x[1]!, 2.272424, 5e-7);
    expectAbsErrorAtMost(r.y[1]!, 3.181328, 5e-7);
  });
});

describe("Richardson fates", () => {
  for (const c of fixture.cases) {
    const expected =
      FATES[c.name] ??
      (c.determinant > 0 ? "equilibrium" : c.path.at(-1)![0]! > 0 ? "runaway" : "disarmament");
    it(`${c.name} is ${expected}`, () => {
      const r = richardsonFate(analyzeRichardson(c.params), c.start.x, c.start.y);
      expect(r.fate).toBe(expected);
      expect(r.reason.length).toBeGreaterThan(20);
    });
  }

  it("a runaway path grows in both armaments and a disarmament path falls", () => {
    const p = { k: 2, l: 2, a: 1, b: 1, g: 1, h: 1 };
    const up = richardsonTrajectory(p, 0, 0, 3, 4);
    const down = richardsonTrajectory(p, -2, -1.5, 3, 4);
    if (!up.ok || !down.ok) throw new Error("solver failed");
    for (let i = 1; i < 4; i++) {
      expect(up.x[i]!).toBeGreaterThan(up.x[i - 1]!);
      expect(down.y[i]!).toBeLessThan(down.y[i - 1]!);
    }
  });

  it("the stable eigenvalues are both negative exactly when ab > kl", () => {
    for (const [a, b, k, l] of [
      [1, 1, 0.5, 0.5],
      [1, 1, 2, 2],
      [3, 0.5, 1, 1],
      [0.2, 5, 0.3, 3],
    ] as const) {
      const r = analyzeRichardson({ k, l, a, b, g: 1, h: 1 });
      expect(r.eigenvalues[1] < 0).toBe(a * b > k * l);
    }
  });
});

describe("solver failures are results, not exceptions", () => {
  it("too many steps", () => {
    const r = solveOde((_t, y, d) => void (d[0] = -y[0]!), [1], [0, 100], { maxSteps: 3 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe("too_many_steps");
  });

  it("a state that overflows", () => {
    const r = richardsonTrajectory({ k: 50, l: 50, a: 0, b: 0, g: 1, h: 1 }, 1, 1, 100, 2);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(["non_finite", "too_many_steps", "step_size_underflow"]).toContain(r.code);
  });

  it("bad arguments are programmer errors", () => {
    expect(() => analyzeRichardson({ k: -1, l: 0, a: 1, b: 1, g: 0, h: 0 })).toThrow(/>= 0/);
    expect(() =>
      richardsonTrajectory({ k: 1, l: 1, a: 1, b: 1, g: 0, h: 0 }, 0, 0, 0, 5),
    ).toThrow();
    expect(() => solveOde(() => undefined, [0], [1, 0])).toThrow(/increase/);
  });
});
