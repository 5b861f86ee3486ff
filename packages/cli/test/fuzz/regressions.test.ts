import { afterAll, describe, expect, it } from "vitest";
import { removeDir, run, show, tempDir, writeText } from "./harness.ts";

// Regression tests for bugs the CLI fuzzers found (docs/fuzzing.md), each named after its
// counterexample, reduced by hand.

const tmp = tempDir("regressions");
afterAll(() => removeDir(tmp.dir));

describe("fuzz regressions: analyze", () => {
  it("36 silo launchers against a prompt strike: P(retaliation >= threshold) is at most 1", async () => {
    // Found by validScenarios.test.ts (seed 5882): pAdequate came out as 1.0000000000000002.
    const file = writeText(
      tmp.file("p-adequate.yaml"),
      `schemaVersion: 1
title: fuzz regression
asOf: 1945-01-01
sources: {}
sides:
  - id: us
    name: " "
    w80: { value: 1 }
    forces:
      - { id: us, basing: silo, launchers: { value: 36 }, warheadsPerLauncher: 1, reliability: 0.928, survivable: 0.042 }
  - id: us-side1
    name: United States
    w80: { value: 1 }
    forces:
      - { id: us-f1-0, basing: silo, launchers: 0, warheadsPerLauncher: 1, reliability: 0, survivable: 0 }
    promptStrike:
      - { id: us, weapons: 1, pk: { silo: 1 } }
`,
    );
    const r = await run(["analyze", "--json", file]);
    expect(r.code, show(r)).toBe(0);
    const out = JSON.parse(r.stdout) as {
      sides: { secondStrike: { pAdequate: number } }[];
      withoutDefenses: { sides: { secondStrike: { pAdequate: number } }[] };
    };
    for (const s of [...out.sides, ...out.withoutDefenses.sides]) {
      expect(s.secondStrike.pAdequate).toBeGreaterThanOrEqual(0);
      expect(s.secondStrike.pAdequate).toBeLessThanOrEqual(1);
    }
  });

  it("12 warheads of reliability 0.001 against 48 sure interceptors: no NaN in the report", async () => {
    // Found by mutatedScenarios.test.ts in the long pass (seed 1273750424), reduced by hand:
    // the value strike delivered -1.7e-18 warheads, and the stability index came out NaN.
    const file = writeText(
      tmp.file("near-zero.yaml"),
      `schemaVersion: 1
title: fuzz regression
asOf: 2092-05-06
sources: {}
sides:
  - id: "0x1F"
    name: A
    w80: 0.5
    forces: []
    defenses:
      - id: ru
        layers:
          - { id: uniform, phase: terminal, interceptors: 48, sspk: 1 }
  - id: us
    name: B
    w80: { value: 0.000001 }
    forces:
      - { id: cn, basing: mobile, launchers: 3, warheadsPerLauncher: 4, reliability: 0.001, survivable: 0.556 }
`,
    );
    const text = await run(["analyze", file]);
    expect(text.code, show(text)).toBe(0);
    expect(text.stdout, show(text)).not.toMatch(/NaN/);
    const json = await run(["analyze", "--json", file]);
    const out = JSON.parse(json.stdout) as { firstStrikeStability: number | null };
    expect(out.firstStrikeStability).toBe(1);
  });

  it("8 SSBN launchers against 41 sure terminal interceptors: no PMF entry above 1", async () => {
    // Found by validScenarios.test.ts in the long pass (seed 900674583), reduced: delivering 0
    // warheads was certain, and its probability, summed over the layered engine's cells, came out
    // as 1.0000000000000002 in secondStrike.deliveredPmf.
    const file = writeText(
      tmp.file("pmf-above-one.yaml"),
      `schemaVersion: 1
title: fuzz regression
asOf: 1947-08-01
sources: {}
sides:
  - id: a
    name: A
    w80: 1982.009
    forces:
      - { id: ssbn, basing: ssbn, launchers: 8, warheadsPerLauncher: 1, reliability: 0.326, survivable: 0.353 }
  - id: b
    name: B
    w80: 1000000
    forces: []
    promptStrike:
      - { id: ps, weapons: { uniform: [18.9, 41.58] }, pk: { ssbn: 0.64 } }
    defenses:
      - id: def
        layers:
          - { id: mid, phase: midcourse, interceptors: 1, sspk: 0.5, reliability: { triangular: [0, 0.252, 0.9999999999999982] } }
          - { id: term, phase: terminal, interceptors: 41, sspk: 1 }
`,
    );
    const r = await run(["analyze", "--json", file]);
    expect(r.code, show(r)).toBe(0);
    const out = JSON.parse(r.stdout) as {
      sides: { secondStrike: { deliveredPmf: number[] } }[];
      withoutDefenses: { sides: { secondStrike: { deliveredPmf: number[] } }[] };
    };
    for (const s of [...out.sides, ...out.withoutDefenses.sides])
      for (const p of s.secondStrike.deliveredPmf) expect(p >= 0 && p <= 1, String(p)).toBe(true);
    expect(out.sides[0]!.secondStrike.deliveredPmf).toEqual([1]);
  });
});
