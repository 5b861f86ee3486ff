import { describe, expect, it } from "vitest";
import { editDistance, safeParseScenario, suggest } from "../../src/index.ts";

// Messages for bad values say what the field needs, and built-in object property names are
// never taken for entries the user wrote.

const doc = (extra: { sources?: string; w80?: string; sspk?: string; version?: string } = {}) =>
  `schemaVersion: ${extra.version ?? "1"}
title: Messages
asOf: 2017-09-01
sources:
  notional: "Notional value for illustration"
${extra.sources ?? ""}sides:
  - id: blue
    name: Blue
    w80: ${extra.w80 ?? "{ value: 250, source: notional }"}
    forces:
      - { id: blue-silo, basing: silo, launchers: 30, warheadsPerLauncher: 1, reliability: 0.9, survivable: 0, source: notional }
    defenses:
      - id: bmd
        layers:
          - { id: mid, phase: midcourse, interceptors: 4, sspk: ${extra.sspk ?? "0.5"}, source: notional }
  - id: red
    name: Red
    w80: 250
    forces:
      - { id: red-silo, basing: silo, launchers: 30, warheadsPerLauncher: 1, reliability: 0.9, survivable: 0, source: notional }
`;

function issues(text: string): [string, string][] {
  const r = safeParseScenario(text, { file: "m.yaml" });
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.issues.map((i) => [i.pathText, i.message]);
}

describe("sources", () => {
  it("a source named like a built-in property (toString, constructor) is not in sources", () => {
    expect(issues(doc({ w80: "{ value: 250, source: toString }" }))).toEqual([
      ["sides[0].w80.source", 'source "toString" is not in sources'],
    ]);
    expect(issues(doc({ w80: "{ value: 250, source: __proto__ }" }))).toEqual([
      ["sides[0].w80.source", 'source "__proto__" is not in sources'],
    ]);
  });

  it("sources may not be named like built-in properties", () => {
    expect(issues(doc({ sources: '  constructor: "C"\n  __proto__: "P"\n' }))).toEqual([
      [
        "sources.constructor",
        '"constructor" is reserved (a built-in object property); name the source otherwise',
      ],
      [
        "sources.__proto__",
        '"__proto__" is reserved (a built-in object property); name the source otherwise',
      ],
    ]);
  });
});

describe("distribution and bound messages", () => {
  it("the fields of a beta distribution are described as themselves, not as the parameter", () => {
    expect(issues(doc({ sspk: "{ beta: { successes: -1, trials: 0 } }" }))).toEqual([
      [
        "sides[0].defenses[0].layers[0].sspk.beta.successes",
        "expected a number at least 0, got -1",
      ],
      ["sides[0].defenses[0].layers[0].sspk.beta.trials", "expected a number at least 1, got 0"],
    ]);
    // The parameter's own value keeps its domain.
    expect(issues(doc({ sspk: "{ value: 2 }" }))).toEqual([
      ["sides[0].defenses[0].layers[0].sspk.value", "expected a probability in [0, 1], got 2"],
    ]);
  });

  it("an exclusive bound reads 'below', and an over-long id names its limit", () => {
    const rank = issues(
      doc() +
        "uncertainty:\n  correlations:\n    - { between: [sides.blue.w80, sides.red.w80], rank: 1 }\n",
    );
    expect(rank).toContainEqual([
      "uncertainty.correlations[0].rank",
      "expected a number below 1, got 1",
    ]);
    const long = issues(doc().replace("id: bmd", `id: ${"b".repeat(81)}`));
    expect(long).toEqual([["sides[0].defenses[0].id", "is too long (at most 80 characters)"]]);
  });

  it("a non-finite schemaVersion is shown as the number it is", () => {
    expect(issues(doc({ version: "-.inf" }))).toEqual([
      ["schemaVersion", "expected a whole number such as 1, got -Infinity"],
    ]);
    expect(issues(doc({ version: ".nan" }))).toEqual([
      ["schemaVersion", "expected a whole number such as 1, got NaN"],
    ]);
  });

  it("a top-level value that is not a mapping says what it is", () => {
    expect(issues("scenario\n")).toEqual([
      ["(document)", 'expected a mapping at the top of the file, got "scenario"'],
    ]);
    expect(issues("# only a comment\n")).toEqual([
      [
        "(document)",
        "expected a mapping at the top of the file; the file has no content (it is empty, or holds only comments)",
      ],
    ]);
  });
});

describe("did you mean", () => {
  it("counts swapping two neighbouring letters as one edit", () => {
    expect(editDistance("titel", "title")).toBe(1);
    expect(editDistance("alpah", "alpha")).toBe(1);
    expect(editDistance("ab", "ba")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("Sspk", "sspk")).toBe(0);
    expect(suggest("titel", ["schemaVersion", "title", "asOf"])).toBe("title");
    expect(suggest("colour", ["id", "name", "w80"])).toBeUndefined();
  });
});
