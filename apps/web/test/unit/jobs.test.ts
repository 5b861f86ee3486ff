import { readFileSync } from "node:fs";
import { analyze, p0Ample, p0Ceiling, stabilityIndex } from "@stratbal/core";
import { parseScenario, toExchangeInput, withParams } from "@stratbal/scenario";
import { describe, expect, it } from "vitest";
import { expectAbsErrorAtMost, expectRelErrorAtMost } from "../../../../test-support/expect.ts";
import type { JobContext } from "../../src/compute/jobs.ts";
import {
  JobCancelled,
  JobError,
  axisValues,
  balanceJob,
  coarseToFine,
  engagementJob,
  intGrid,
  stabilityMapJob,
} from "../../src/compute/jobs.ts";
import type { StabilityMapProgress } from "../../src/compute/protocol.ts";

const SMALL = parseScenario(
  readFileSync(new URL("../fixtures/small.yaml", import.meta.url), "utf8"),
);

/** One layer, ample inventory: the DESIGN §2.1 worked case. */
const ONE_LAYER = parseScenario(`
schemaVersion: 1
title: one layer
asOf: 2020-01-01
sources: { n: "notional" }
sides:
  - id: d
    name: Defender
    w80: 100
    forces: [{ id: d-s, basing: silo, launchers: 1, warheadsPerLauncher: 1, reliability: 1, survivable: 0 }]
    defenses:
      - id: bmd
        layers: [{ id: mid, phase: midcourse, interceptors: 80, shots: 4, sspk: 0.8 }]
  - id: a
    name: Attacker
    w80: 100
    forces: [{ id: a-s, basing: silo, launchers: 20, warheadsPerLauncher: 1, reliability: 1, survivable: 0 }]
`);

function ctx(): JobContext<"stabilityMap"> & { reports: StabilityMapProgress[] } {
  const reports: StabilityMapProgress[] = [];
  return {
    reports,
    progress: (p) => reports.push(p),
    cancelled: () => false,
    pause: async () => {},
  };
}

describe("balance job", () => {
  it("is the core's analyze on the scenario, with each side's deployed warheads", () => {
    const r = balanceJob({ kind: "balance", scenario: SMALL });
    const direct = analyze(toExchangeInput(SMALL));
    expect(r.analysis.firstStrikeStability).toBe(direct.firstStrikeStability);
    expect(r.sides.map((s) => [s.name, s.warheads, s.defenseLayers])).toEqual([
      ["Blue", 30 + 32, 1],
      ["Red", 50 + 12, 0],
    ]);
  });
});

describe("engagement job", () => {
  const at = { side: 0, defense: 0, layer: 0 };
  it("gives the worked P0 = 0.968482 for 20 RVs against 80 interceptors, 4 per RV, SSPK 0.8", () => {
    const r = engagementJob({
      kind: "engagement",
      scenario: ONE_LAYER,
      layer: at,
      warheads: 20,
      decoysPerWarhead: 0,
    });
    expectRelErrorAtMost(r.pNoLeak, 0.968482, 1e-6); // DESIGN §2.1 worked value
    expectRelErrorAtMost(r.pNoLeak, p0Ample({ warheads: 20, sspk: 0.8, shots: 4 }), 1e-12);
    expectAbsErrorAtMost(
      r.leakers.reduce((a, b) => a + b, 0),
      1,
      1e-12,
    );
    expect(r.doctrine).toBe("barrage, 4 per object");
  });

  it("draws the ceiling R·d^N and curves that fall with raid size and rise with inventory", () => {
    const r = engagementJob({
      kind: "engagement",
      scenario: SMALL,
      layer: at,
      warheads: 6,
      decoysPerWarhead: 1,
    });
    expect(r.decoys).toBe(6);
    r.ceilingByRaid.x.forEach((n, i) =>
      expectRelErrorAtMost(
        r.ceilingByRaid.p0[i]!,
        p0Ceiling({ warheads: n, tracking: 0.95, reliability: 0.9 }),
        1e-12,
      ),
    );
    for (const c of r.byRaid) {
      for (let i = 1; i < c.p0.length; i++)
        expect(c.p0[i]!).toBeLessThanOrEqual(c.p0[i - 1]! + 1e-12);
    }
    for (const c of r.byInterceptors) {
      for (let i = 1; i < c.p0.length; i++)
        expect(c.p0[i]!).toBeGreaterThanOrEqual(c.p0[i - 1]! - 1e-12);
    }
    expect(r.byRaid.map((c) => c.series)).toEqual([
      "10 interceptors",
      "20 interceptors",
      "40 interceptors",
    ]);
  });

  it("reports a layer that is not there", () => {
    expect(() =>
      engagementJob({
        kind: "engagement",
        scenario: SMALL,
        layer: { side: 1, defense: 0, layer: 0 },
        warheads: 5,
        decoysPerWarhead: 0,
      }),
    ).toThrow(JobError);
  });
});

describe("stability map job", () => {
  it("computes each cell as stabilityIndex of the scenario with both parameters set", async () => {
    const x = {
      path: "sides.blue.defenses.blue-bmd.layers.blue-mid.interceptors",
      from: 0,
      to: 40,
      steps: 3,
    };
    const y = { path: "sides.red.forces.red-mobile.survivable", from: 0, to: 1, steps: 2 };
    const c = ctx();
    const r = await stabilityMapJob({ kind: "stabilityMap", scenario: SMALL, x, y }, c);
    expect(r.xs).toEqual([0, 20, 40]);
    expect(r.ys).toEqual([0, 1]);
    expect(r.cells).toHaveLength(6);
    for (const cell of r.cells) {
      const s = withParams(
        SMALL,
        new Map([
          [x.path, cell.x],
          [y.path, cell.y],
        ]),
      ).scenario;
      const direct = stabilityIndex(toExchangeInput(s));
      expect(cell.fsi).toBe(direct.firstStrikeStability);
      expect(cell.fsiWithout).toBe(direct.withoutDefenses.firstStrikeStability);
    }
    const reported = c.reports.flatMap((p) => p.cells);
    expect(reported).toHaveLength(6);
    expect(c.reports.at(-1)!.done).toBe(6);
  });

  it("stops when cancelled", async () => {
    let calls = 0;
    const c: JobContext<"stabilityMap"> = {
      progress: () => {},
      cancelled: () => ++calls > 2,
      pause: async () => {},
    };
    const axis = { path: "sides.blue.w80", from: 10, to: 100, steps: 5 };
    await expect(
      stabilityMapJob(
        { kind: "stabilityMap", scenario: SMALL, x: axis, y: { ...axis, path: "sides.red.w80" } },
        c,
        () => 0,
      ),
    ).rejects.toThrow(JobCancelled);
  });

  it("refuses an unknown parameter and the same parameter twice", async () => {
    const a = { path: "sides.blue.w80", from: 1, to: 2, steps: 2 };
    await expect(
      stabilityMapJob(
        { kind: "stabilityMap", scenario: SMALL, x: a, y: { ...a, path: "nope" } },
        ctx(),
      ),
    ).rejects.toMatchObject({ code: "unknown_parameter" });
    await expect(
      stabilityMapJob({ kind: "stabilityMap", scenario: SMALL, x: a, y: a }, ctx()),
    ).rejects.toMatchObject({
      code: "same_parameter",
    });
  });
});

describe("grids", () => {
  it("visits every cell exactly once, coarse lattice first", () => {
    for (const [nx, ny] of [
      [1, 1],
      [7, 7],
      [9, 4],
      [25, 25],
    ] as const) {
      const order = coarseToFine(nx, ny);
      expect(order).toHaveLength(nx * ny);
      expect(new Set(order.map(([i, j]) => j * nx + i)).size).toBe(nx * ny);
    }
    expect(coarseToFine(7, 7).slice(0, 4)).toEqual([
      [0, 0],
      [4, 0],
      [0, 4],
      [4, 4],
    ]);
  });
  it("rounds whole-number axes and drops repeats", () => {
    expect(axisValues({ path: "p", from: 0, to: 3, steps: 7 }, true)).toEqual([0, 1, 2, 3]);
    expect(axisValues({ path: "p", from: 0, to: 1, steps: 5 }, false)).toEqual([
      0, 0.25, 0.5, 0.75, 1,
    ]);
    expect(intGrid(1, 10, 60)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(intGrid(0, 1000, 3)).toEqual([0, 500, 1000]);
  });
});
