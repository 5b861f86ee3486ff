// The jobs of the arms-race and uncertainty views: the race job is the core's runRace with each
// round reported; Richardson's path is checked against the closed-form solution; the outer Monte
// Carlo gives, sample for sample, what `stratbal sweep --per-sample` writes for the same seed.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { monteCarloSummary, runRace } from "@stratbal/core";
import { parseScenario, toRaceInput } from "@stratbal/scenario";
import { describe, expect, it } from "vitest";
import { expectAbsErrorAtMost, expectRelErrorAtMost } from "../../../../test-support/expect.ts";
import type { JobContext } from "../../src/compute/jobs.ts";
import {
  JobCancelled,
  JobError,
  mcOutputNames,
  raceJob,
  richardsonJob,
  uncertaintyJob,
} from "../../src/compute/jobs.ts";
import type { ComputeKind, ProgressOf } from "../../src/compute/protocol.ts";

const ROOT = resolve(import.meta.dirname, "../../../..");
const read = (p: string) => readFileSync(resolve(ROOT, p), "utf8");
const SMALL_TEXT = read("apps/web/test/fixtures/small.yaml");
const SMALL = parseScenario(SMALL_TEXT);
const JOINT = parseScenario(read("scenarios/race-joint-defense.yaml"));
const US_RU_2017 = parseScenario(read("scenarios/us-russia-2017.yaml"));

function ctx<K extends ComputeKind>(
  cancelAfter = Infinity,
): JobContext<K> & { reports: ProgressOf[K][] } {
  const reports: ProgressOf[K][] = [];
  return {
    reports,
    progress: (p) => reports.push(structuredClone(p)),
    cancelled: () => reports.length >= cancelAfter,
    pause: async () => {},
  };
}

describe("race job", () => {
  it("is the core's runRace on the scenario, each round reported in order as computed", () => {
    const c = ctx<"race">();
    const r = raceJob({ kind: "race", scenario: JOINT }, c);
    const direct = runRace(toRaceInput(JOINT)!);
    expect(r.race).toEqual(direct);
    expect(r.settings).toEqual({ rounds: 10, moves: "alternating", costExchange: "ends" });
    expect(c.reports.map((p) => p.round.round)).toEqual(direct.rounds.map((x) => x.round));
    c.reports.forEach((p, t) => {
      expect(p.round.sides).toEqual(direct.rounds[t]!.sides);
      expect(p.settings).toEqual(r.settings);
    });
  });

  it("applies the view's settings as the CLI's flags do", () => {
    const r = raceJob(
      {
        kind: "race",
        scenario: JOINT,
        rounds: 2,
        moves: "simultaneous",
        costExchange: "every-round",
      },
      ctx<"race">(),
    );
    expect(r.settings).toEqual({ rounds: 2, moves: "simultaneous", costExchange: "every-round" });
    expect(r.race).toEqual(
      runRace(
        toRaceInput(JOINT, { rounds: 2, moves: "simultaneous", costExchange: "every-round" })!,
      ),
    );
    expect(r.race.rounds.every((x) => x.costExchange.length > 0)).toBe(true);
  });

  it("stops at the next round once cancelled, and refuses what it cannot run", () => {
    expect(() => raceJob({ kind: "race", scenario: JOINT }, ctx<"race">(2))).toThrow(JobCancelled);
    expect(() => raceJob({ kind: "race", scenario: SMALL }, ctx<"race">())).toThrow(
      expect.objectContaining({ code: "no_race" }),
    );
    for (const rounds of [-1, 1.5, 201]) {
      expect(() => raceJob({ kind: "race", scenario: JOINT, rounds }, ctx<"race">())).toThrow(
        JobError,
      );
    }
  });
});

describe("Richardson job", () => {
  // Case I of the Trinity College notes: k = l = 2, a = 5, b = 3, g = h = 5 (stable: ab > kl).
  const withRichardson = parseScenario(
    `${SMALL_TEXT}\nrace:\n  richardson: { k: 2, l: 2, a: 5, b: 3, g: 5, h: 5, start: { x: 0, y: 4 }, horizon: 4, points: 41 }\n`,
  );

  it("gives the closed-form equilibrium and follows z(t) = z* + e^{Jt}(z0 − z*)", () => {
    const r = richardsonJob({ kind: "richardson", scenario: withRichardson });
    const a = r.path.analysis;
    expect(a.stability).toBe("stable");
    // x* = (bg + kh)/(ab − kl) = 25/11, y* = (lg + ah)/(ab − kl) = 35/11.
    expectRelErrorAtMost(a.equilibrium!.x, 25 / 11, 1e-14);
    expectRelErrorAtMost(a.equilibrium!.y, 35 / 11, 1e-14);
    // J = [[−5, 2], [2, −3]] is symmetric: J = Q diag(λ) Qᵀ with λ = −4 ∓ √5.
    const s5 = Math.sqrt(5);
    const lam = [-4 - s5, -4 + s5];
    // Eigenvector of λ: (2, λ + 5), normalised.
    const q = lam.map((l) => {
      const v = [2, l + 5];
      const n = Math.hypot(v[0]!, v[1]!);
      return [v[0]! / n, v[1]! / n];
    });
    const d0 = [0 - 25 / 11, 4 - 35 / 11];
    expect(r.path.t.length).toBe(41);
    r.path.t.forEach((t, i) => {
      let x = 25 / 11;
      let y = 35 / 11;
      for (let k = 0; k < 2; k++) {
        const c = (q[k]![0]! * d0[0]! + q[k]![1]! * d0[1]!) * Math.exp(lam[k]! * t);
        x += c * q[k]![0]!;
        y += c * q[k]![1]!;
      }
      expectAbsErrorAtMost(r.path.x[i]!, x, 1e-6);
      expectAbsErrorAtMost(r.path.y[i]!, y, 1e-6);
    });
    expect(r.path.fate).toBe("equilibrium");
  });

  it("refuses a scenario without coefficients", () => {
    expect(() => richardsonJob({ kind: "richardson", scenario: SMALL })).toThrow(
      expect.objectContaining({ code: "no_richardson" }),
    );
  });
});

describe("uncertainty job", () => {
  const CLI = resolve(ROOT, "packages/cli/dist/stratbal.mjs");

  it("draws and computes, sample for sample, what `stratbal sweep --per-sample` writes", async () => {
    expect(existsSync(CLI), "build the CLI first: node scripts/build-cli.mjs").toBe(true);
    const samples = 6;
    const seed = 7;
    const names = mcOutputNames(["us", "russia"]);
    const dir = mkdtempSync(join(tmpdir(), "stratbal-web-mc-"));
    try {
      const out = join(dir, "mc.csv");
      execFileSync(process.execPath, [
        CLI,
        "sweep",
        resolve(ROOT, "scenarios/us-russia-2017.yaml"),
        "--samples",
        String(samples),
        "--seed",
        String(seed),
        "--per-sample",
        "--workers",
        "1",
        "--output",
        names.join(","),
        "--out",
        out,
      ]);
      const [head, ...rows] = readFileSync(out, "utf8").trimEnd().split("\n");
      const cols = head!.split(",");
      const table = rows.map((r) => r.split(",").map(Number));
      const col = (name: string) => table.map((r) => r[cols.indexOf(name)]!);

      const c = ctx<"uncertainty">();
      const r = await uncertaintyJob(
        { kind: "uncertainty", scenario: US_RU_2017, samples, seed },
        c,
      );
      expect(r.seed).toBe(seed);
      expect(r.params.map((p) => p.path)).toEqual(cols.slice(3, 3 + r.params.length));
      r.params.forEach((p, j) => expect(Array.from(r.draws[j]!)).toEqual(col(p.path)));
      expect(r.outputs.map((o) => o.name)).toEqual(names);
      names.forEach((name, i) => {
        expect(Array.from(r.values[i]!)).toEqual(col(name));
        expect(r.summaries[i]).toEqual(monteCarloSummary(col(name)));
      });
      // The GMD SSPK is a beta from the 10-of-18 record; the nominal value is its mean 11/20.
      const gmd = r.params.find((p) => p.path.endsWith("gmd-mid.sspk"))!;
      expect(gmd.dist).toMatchObject({ kind: "beta", successes: 10, trials: 18 });
      expect(gmd.nominal).toBeCloseTo(0.55, 12);
      expect(r.tornado).toHaveLength(names.length);
      expect(r.tornado[0]!.rows.map((x) => x.param).sort()).toEqual(
        r.params.map((p) => p.path).sort(),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports samples progressively; the reports add up to the result", async () => {
    let clock = 0;
    const c = ctx<"uncertainty">();
    // Each reading of this clock is 200 ms later, so every sample is reported on its own.
    const r = await uncertaintyJob(
      { kind: "uncertainty", scenario: US_RU_2017, samples: 4, seed: 3 },
      c,
      () => (clock += 200),
    );
    expect(c.reports.map((p) => [p.from, p.done, p.total])).toEqual([
      [0, 1, 4],
      [1, 2, 4],
      [2, 3, 4],
      [3, 4, 4],
    ]);
    r.values.forEach((v, i) => {
      expect(c.reports.flatMap((p) => Array.from(p.values[i]!))).toEqual(Array.from(v));
    });
    expect(c.reports.at(-1)!.summaries).toEqual(r.summaries);
    // The first n samples of a longer run are the samples of a shorter one.
    const longer = await uncertaintyJob(
      { kind: "uncertainty", scenario: US_RU_2017, samples: 5, seed: 3 },
      ctx<"uncertainty">(),
    );
    expect(Array.from(longer.values[0]!.subarray(0, 4))).toEqual(Array.from(r.values[0]!));
  });

  it("stops when cancelled, and refuses bad settings and scenarios with no distribution", async () => {
    let clock = 0;
    await expect(
      uncertaintyJob(
        { kind: "uncertainty", scenario: US_RU_2017, samples: 50, seed: 1 },
        ctx<"uncertainty">(1),
        () => (clock += 200),
      ),
    ).rejects.toBeInstanceOf(JobCancelled);
    const bad = (samples: number, seed: number, scenario = US_RU_2017) =>
      uncertaintyJob({ kind: "uncertainty", scenario, samples, seed }, ctx<"uncertainty">());
    await expect(bad(1, 1)).rejects.toMatchObject({ code: "bad_samples" });
    await expect(bad(2.5, 1)).rejects.toMatchObject({ code: "bad_samples" });
    await expect(bad(10, -1)).rejects.toMatchObject({ code: "bad_seed" });
    await expect(bad(10, 2 ** 32)).rejects.toMatchObject({ code: "bad_seed" });
    await expect(bad(10, 1, SMALL)).rejects.toMatchObject({ code: "no_distributions" });
  });
});
