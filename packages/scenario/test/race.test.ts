import { describe, expect, it } from "vitest";
import {
  RACE_DEFAULTS,
  safeParseScenario,
  scenarioJsonSchema,
  toRaceInput,
  toRichardson,
} from "../src/index.ts";

const base = (race: string) => `schemaVersion: 1
title: race input
asOf: 2017-11-02
sources: { n: "Notional value for illustration" }
sides:
  - id: us
    name: United States
    w80: 300
    forces:
      - { id: mm3, basing: silo, launchers: 400, warheadsPerLauncher: 1, reliability: 0.9, survivable: 0, source: n }
      - { id: b52, basing: bomber, launchers: 40, warheadsPerLauncher: 20, reliability: 0.9, survivable: 0, source: n }
    defenses:
      - id: gmd
        layers:
          - { id: gbi, phase: midcourse, interceptors: 44, shots: 4, sspk: 0.55, source: n }
          - { id: thaad, phase: terminal, interceptors: 48, sspk: 0.8, source: n }
  - id: russia
    name: Russia
    w80: 300
    forces:
      - { id: yars, basing: mobile, launchers: 150, warheadsPerLauncher: 3, reliability: 0.9, survivable: 0.5, source: n }
${race}`;

function issues(text: string) {
  const r = safeParseScenario(text, { file: "race.yaml" });
  return r.ok ? r.warnings : r.issues;
}

describe("the race section", () => {
  const good = base(`race:
  rounds: 7
  moves: simultaneous
  richardson: { k: 2, l: 2, a: 5, b: 3, g: { value: -1, source: n }, h: 5, start: { x: 1, y: 2 }, horizon: 4, source: n }
  sides:
    us:
      defense:
        layer: gbi
        max: 200
        goal:
          kind: third-party
          pNoLeak: 0.8
          raid: [{ id: nk, missiles: 5, decoysPerMissile: 1, growthPerRound: 2 }]
        source: n
      costsMillionUsd: { interceptor: { value: 125, source: n } }
    russia:
      requirement: { warheads: 200, confidence: 0.95, source: n }
      offense:
        - { kind: warheads, element: yars, max: 4, source: n }
        - { kind: launchers, element: yars, max: 300, source: n }
      costsMillionUsd: { warhead: 3, launcher: { yars: 50 }, source: n }
      budgetMillionUsd: { value: 20000, source: n }
      limits: { warheads: 1550, launchers: 700, source: n }
`);

  it("parses into the core race input with defaults filled", () => {
    const r = safeParseScenario(good);
    if (!r.ok) throw new Error(r.issues.map((i) => `${i.pathText} ${i.message}`).join("\n"));
    expect(r.warnings).toEqual([]);
    const race = toRaceInput(r.scenario)!;
    expect(race.rounds).toBe(7);
    expect(race.moves).toBe("simultaneous");
    expect(race.costExchange).toBe(RACE_DEFAULTS.costExchange);
    expect(race.sides[0]).toEqual({
      id: "us",
      offense: [],
      defense: {
        layer: "gbi",
        max: 200,
        goal: {
          kind: "third-party",
          pNoLeak: 0.8,
          layers: ["gbi"],
          raid: [
            {
              id: "nk",
              missiles: 5,
              warheadsPerMissile: 1,
              decoysPerMissile: 1,
              reliability: 1,
              growthPerRound: 2,
            },
          ],
        },
      },
      costs: { interceptor: 125 },
    });
    expect(race.sides[1]).toEqual({
      id: "russia",
      requirement: { warheads: 200, confidence: 0.95 },
      offense: [
        { kind: "warheads", element: "yars", max: 4 },
        { kind: "launchers", element: "yars", max: 300 },
      ],
      costs: { warhead: 3, launcher: { yars: 50 } },
      budgetMillionUsd: 20000,
      limits: { warheads: 1550, launchers: 700 },
    });
    expect(toRaceInput(r.scenario, { rounds: 2, moves: "alternating" })).toMatchObject({
      rounds: 2,
      moves: "alternating",
    });
    expect(toRichardson(r.scenario)).toEqual({
      params: { k: 2, l: 2, a: 5, b: 3, g: -1, h: 5 },
      start: { x: 1, y: 2 },
      horizon: 4,
      points: RACE_DEFAULTS.richardson.points,
    });
  });

  it("needs no source for rounds, horizon and points, and one for every other number", () => {
    const inRace = <T extends { path: readonly (string | number)[] }>(w: readonly T[]) =>
      w.filter((x) => x.path[0] === "race");
    const r = safeParseScenario(good, { requireSources: true });
    expect(r.ok && inRace(r.warnings)).toEqual([]);
    const bare = safeParseScenario(
      base(`race:
  rounds: 3
  sides:
    russia:
      requirement: { warheads: 200, confidence: 0.95 }
      offense: [{ kind: launchers, element: yars, max: 300, source: n }]
      costsMillionUsd: { warhead: 3, launcher: { yars: 50 }, source: n }
`),
      { requireSources: true },
    );
    expect(bare.ok && inRace(bare.warnings).map((w) => w.pathText)).toEqual([
      "race.sides.russia.requirement.warheads",
      "race.sides.russia.requirement.confidence",
    ]);
  });

  it("is absent from scenarios without it", () => {
    const r = safeParseScenario(base(""));
    expect(r.ok && toRaceInput(r.scenario)).toBeUndefined();
    expect(r.ok && toRichardson(r.scenario)).toBeUndefined();
  });

  it("locates every cross-reference problem with file, line and column", () => {
    const found = issues(
      base(`race:
  sides:
    rusia:
      requirement: { warheads: 200, confidence: 0.95 }
    us:
      offense:
        - { kind: warheads, element: yars, max: 4 }
        - { kind: launchers, element: mm3, max: 500 }
        - { kind: launchers, element: mm3, max: 600 }
      defense:
        layer: gbi
        max: 30
        goal: { kind: schedule, interceptors: [64, 50, 300], pNoLeak: 0.9 }
      costsMillionUsd: { launcher: { mm4: 10 } }
`),
    );
    const byPath = (p: string) => found.filter((i) => i.pathText === p).map((i) => i.message);
    expect(byPath("race.sides.rusia")).toEqual([
      `"rusia" is not a side id (did you mean "russia"?)`,
    ]);
    expect(byPath("race.sides.us.offense[0].element")).toEqual([`"yars" is not a force of us`]);
    expect(byPath("race.sides.us.offense[2]")[0]).toMatch(/launchers on mm3 is already an option/);
    expect(byPath("race.sides.us.offense[1]")).toContain(
      "launchers on mm3 needs costsMillionUsd.launcher.mm3 (per launcher, without warheads)",
    );
    expect(byPath("race.sides.us.defense.max")).toEqual([
      "the most interceptors (30) is below the layer's current 44",
    ]);
    expect(byPath("race.sides.us.defense.goal.interceptors[0]")).toEqual([
      "the plan (64) exceeds the layer's most (30)",
    ]);
    expect(byPath("race.sides.us.defense.goal.interceptors[1]")).toContainEqual(
      expect.stringMatching(/the plan falls from 64 to 50/),
    );
    expect(byPath("race.sides.us.defense.goal.pNoLeak")).toEqual([
      "pNoLeak does not apply to a schedule goal",
    ]);
    expect(byPath(`race.sides.us.costsMillionUsd.launcher.mm4`)[0]).toMatch(/did you mean "mm3"/);
    expect(byPath("race.sides.us.defense")).toEqual([
      "a defense plan needs costsMillionUsd.interceptor for us",
    ]);
    for (const i of found) {
      expect(i.file).toBe("race.yaml");
      expect(i.line).toBeGreaterThanOrEqual(24); // the race section starts on line 24
      expect(i.col).toBeGreaterThan(0);
    }
  });

  it("warns about settings that cannot act", () => {
    const found = issues(
      base(`race:
  sides:
    russia:
      offense: [{ kind: warheads, element: yars, max: 2 }]
      costsMillionUsd: { warhead: 3 }
      limits: { warheads: 400 }
    us:
      requirement: { warheads: 10, confidence: 0.5 }
`),
    );
    const codes = found.map((i) => `${i.severity} ${i.code} ${i.pathText}`);
    expect(codes).toContain("warning below_current race.sides.russia.offense[0].max");
    expect(codes).toContain("warning unused_field race.sides.russia.offense");
    expect(codes).toContain("warning over_limit race.sides.russia.limits.warheads");
    expect(codes).toContain("warning unused_field race.sides.us.requirement");
    expect(issues(base("race: {}\n")).map((i) => i.code)).toEqual(["empty_race"]);
  });

  it("counts bombers as one warhead against a warhead limit, as New START does", () => {
    // US: 400 + 40 bombers (not 40 × 20) = 440 counted.
    const under = issues(
      base(`race:
  sides:
    us:
      limits: { warheads: 450 }
`),
    );
    expect(under.map((i) => i.code)).not.toContain("over_limit");
  });

  it("rejects structural problems with the house messages", () => {
    const found = issues(
      base(`race:
  rounds: 1.5
  moves: sideways
  sides:
    russia:
      offense: [{ kind: upload, element: yars, max: -1 }]
      requirement: { warheads: 200, confidence: 1.2 }
`),
    );
    const text = found.map((i) => `${i.pathText}: ${i.message}`);
    expect(text).toContain("race.rounds: expected a whole number, got 1.5");
    expect(
      text.some((t) => /^race\.moves: expected one of alternating, simultaneous/.test(t)),
    ).toBe(true);
    expect(
      text.some((t) =>
        /^race\.sides\.russia\.offense\[0\]\.kind: expected one of launchers, warheads, decoys/.test(
          t,
        ),
      ),
    ).toBe(true);
    expect(
      text.some((t) =>
        /^race\.sides\.russia\.offense\[0\]\.max: expected a whole number from 0/.test(t),
      ),
    ).toBe(true);
    expect(text).toContain(
      "race.sides.russia.requirement.confidence: expected a probability in [0, 1], got 1.2",
    );
  });

  it("appears in the JSON Schema for editors", () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, unknown> };
    expect(schema.properties["race"]).toBeDefined();
    expect(JSON.stringify(schema.properties["race"])).toContain("richardson");
  });
});
