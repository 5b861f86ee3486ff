import { describe, expect, it } from "vitest";
import { safeParseScenario, toSamplingPlan } from "../src/index.ts";

const doc = (
  uncertainty: string,
  sspk = "{ beta: { successes: 10, trials: 18 } }",
) => `schemaVersion: 1
title: sampling plan
asOf: 2017-09-01
sources: { n: "Notional value for illustration" }
sides:
  - id: us
    name: United States
    w80: 300
    source: n
    forces:
      - { id: us-mm3, basing: silo, launchers: 400, warheadsPerLauncher: 1, reliability: { uniform: [0.8, 0.9] }, survivable: 0 }
    defenses:
      - id: gmd
        layers:
          - { id: gmd-mid, phase: midcourse, interceptors: { normal90: [40, 48] }, shots: 4, sspk: ${sspk} }
  - id: ru
    name: Russia
    w80: 300
    source: n
    forces:
      - { id: ru-ss18, basing: silo, launchers: 46, warheadsPerLauncher: 10, reliability: { triangular: [0.6, 0.8, 0.9] }, survivable: 0 }
${uncertainty}`;

function issues(text: string) {
  const r = safeParseScenario(text, { file: "s.yaml" });
  if (r.ok) return [];
  return r.issues.map((i) => `${i.line}:${i.col} ${i.pathText} ${i.code}: ${i.message}`);
}

describe("the sampling plan of a scenario", () => {
  it("lists every distribution in document order with its domain", () => {
    const r = safeParseScenario(doc(""));
    if (!r.ok) throw new Error(r.issues[0]!.message);
    const { plan, issues } = toSamplingPlan(r.scenario);
    expect(issues).toEqual([]);
    expect(plan.params.map((p) => [p.path, p.dist.kind, p.support.max, p.integer])).toEqual([
      ["sides.us.forces.us-mm3.reliability", "uniform", 1, false],
      ["sides.us.defenses.gmd.layers.gmd-mid.interceptors", "normal90", 1_000_000, true],
      ["sides.us.defenses.gmd.layers.gmd-mid.sspk", "beta", 1, false],
      ["sides.ru.forces.ru-ss18.reliability", "triangular", 1, false],
    ]);
  });

  it("accepts correlations by id path or index path", () => {
    const r = safeParseScenario(
      doc(`uncertainty:
  seed: 7
  correlations:
    - { between: [sides.us.forces.us-mm3.reliability, "sides[1].forces[0].reliability"], rank: 0.5 }`),
    );
    if (!r.ok) throw new Error(r.issues[0]!.message);
    expect(toSamplingPlan(r.scenario).plan.correlations).toEqual([{ a: 0, b: 3, rank: 0.5 }]);
  });

  it("reports each bad correlation at its place in the file", () => {
    const found = issues(
      doc(`uncertainty:
  correlations:
    - { between: [sides.us.forces.us-mm3.reliabilty, sides.ru.forces.ru-ss18.reliability], rank: 0.5 }
    - { between: [sides.us.forces.us-mm3.launchers, sides.ru.forces.ru-ss18.reliability], rank: 0.5 }
    - { between: [sides.us.forces.us-mm3.reliability, "sides[0].forces[0].reliability"], rank: 0.5 }
    - { between: [sides.us.forces.us-mm3.reliability, sides.ru.forces.ru-ss18.reliability], rank: 0.5 }
    - { between: [sides.ru.forces.ru-ss18.reliability, sides.us.forces.us-mm3.reliability], rank: 0.2 }`),
    );
    expect(found).toEqual([
      '24:19 uncertainty.correlations[0].between[0] unknown_param: "sides.us.forces.us-mm3.reliabilty" names no parameter of this scenario (did you mean "sides.us.forces.us-mm3.reliability"?)',
      "25:19 uncertainty.correlations[1].between[0] not_uncertain: sides.us.forces.us-mm3.launchers is a fixed number (400); a rank correlation joins two parameters given as distributions (beta, uniform, triangular or normal90)",
      "26:18 uncertainty.correlations[2].between self_correlation: a parameter cannot be correlated with itself (sides.us.forces.us-mm3.reliability)",
      "28:18 uncertainty.correlations[4].between duplicate_correlation: sides.ru.forces.ru-ss18.reliability and sides.us.forces.us-mm3.reliability are already correlated by uncertainty.correlations[3]",
    ]);
  });

  it("reports correlations that cannot hold together", () => {
    const found = issues(
      doc(`uncertainty:
  correlations:
    - { between: [sides.us.forces.us-mm3.reliability, sides.ru.forces.ru-ss18.reliability], rank: 0.9 }
    - { between: [sides.ru.forces.ru-ss18.reliability, sides.us.defenses.gmd.layers.gmd-mid.sspk], rank: 0.9 }
    - { between: [sides.us.forces.us-mm3.reliability, sides.us.defenses.gmd.layers.gmd-mid.sspk], rank: -0.9 }`),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^24:7 uncertainty\.correlations\[0\] inconsistent_correlations: the rank correlations \[0\], \[1\], \[2\] among .* cannot hold together/,
    );
  });
});
