import { describe, expect, it } from "vitest";
import { safeParseScenario } from "../../src/index.ts";

// Regression tests for bugs the fuzzer found (docs/fuzzing.md), each named after its
// counterexample, reduced by hand to the smallest document that shows it.

/** A small valid scenario whose second side has one force, `attacker`, and whose first side has
 * one layer with the given `coverage:` (YAML flow text). */
function withCoverage(attacker: string, coverage: string): string {
  return `schemaVersion: 1
title: fuzz regression
asOf: 2020-01-01
sources: {}
sides:
  - id: a
    name: A
    w80: 100
    forces:
      - { id: a-icbm, basing: silo, launchers: 10, warheadsPerLauncher: 1, reliability: 0.9, survivable: 0 }
    defenses:
      - id: def
        layers:
          - { id: mid, phase: midcourse, interceptors: 10, sspk: 0.5, coverage: ${coverage} }
  - id: b
    name: B
    w80: 100
    forces:
      - { id: ${attacker}, basing: silo, launchers: 10, warheadsPerLauncher: 1, reliability: 0.9, survivable: 0 }
`;
}

describe("fuzz regressions: coverage maps", () => {
  it("coverage {value: 0} against a force named value is refused as ambiguous, not read as one share", () => {
    // Found by validScenarios.test.ts: the schema read the map {value: 0} (force "value") as the
    // share 0 for every attacking element, silently.
    const r = safeParseScenario(withCoverage("value", "{ value: 0 }"), { file: "s.yaml" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const issue = r.issues.find((i) => i.code === "ambiguous_coverage");
    expect(issue?.pathText).toBe("sides[0].defenses[0].layers[0].coverage");
    expect(issue?.line).toBe(14);
  });

  it("coverage {value: {value: 0}} covers the force named value alone", () => {
    const r = safeParseScenario(withCoverage("value", "{ value: { value: 0 } }"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.sides[0]!.defenses![0]!.layers[0]!.coverage).toEqual({ value: { value: 0 } });
  });

  it("coverage {value: 0.4, note: …} stays one share when a force is named value", () => {
    const text = withCoverage("value", "{ value: 0.4, note: one share }");
    const r = safeParseScenario(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.sides[0]!.defenses![0]!.layers[0]!.coverage).toEqual({ value: 0.4 });
  });

  it("coverage {uniform: 0.5} names an element that does not exist (it is not a distribution)", () => {
    // Found with the case above: a map whose key is a distribution's name skipped the check that
    // every key is an attacking element, so coverage of a force that does not exist was ignored.
    const r = safeParseScenario(withCoverage("b-icbm", "{ uniform: 0.5 }"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.pathText])).toContainEqual([
      "unknown_element",
      "sides[0].defenses[0].layers[0].coverage.uniform",
    ]);
  });
});
