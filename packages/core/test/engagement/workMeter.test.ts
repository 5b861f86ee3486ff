import { describe, expect, it } from "vitest";
import type { DefenseLayer, ExchangeInput, ForceElement, Side } from "../../src/index.ts";
import { ModelLimitError, analyze } from "../../src/index.ts";

// Regression for a fuzz counterexample (docs/fuzzing.md): the work meter of the layered
// engagement left out the products of its factors (and the decoy splits), so an analysis of 50
// warheads against three terminal layers of partial coverage ran 12 s on 9e6 units of work — 40
// times the meter's calibration of tens of nanoseconds a unit — and a larger one (138 objects
// against three boost layers) ran 260 s before the limit of "about a minute" stopped it.

const force = (
  id: string,
  basing: ForceElement["basing"],
  kind: ForceElement["kind"],
  launchers: number,
  warheadsPerLauncher: number,
  reliability: number,
  survivable: number,
): ForceElement => ({
  id,
  name: id,
  basing,
  kind,
  launchers,
  warheadsPerLauncher,
  decoysPerWarhead: 0,
  reliability,
  survivable,
  counterforce: basing !== "bomber",
});

const terminal = (id: string, interceptors: number, shots: number, coverage: number) =>
  ({
    id,
    phase: "terminal",
    interceptors,
    sspk: 0.5,
    tracking: 1,
    discrimination: 0,
    reliability: 1,
    doctrine: { kind: "barrage", shots },
    coverage,
  }) satisfies DefenseLayer;

const noPk = { silo: 0, mobile: 0, ssbn: 0, bomber: 0 };

/** Side A's 48 warheads against side B's three terminal layers, each covering part of the raid. */
const input: ExchangeInput = {
  sides: [
    {
      id: "a",
      name: "A",
      w80: 1618,
      forces: [
        force("one", "mobile", "ballistic", 1, 9, 0.984, 0.687),
        force("yes", "mobile", "ballistic", 6, 1, 0.844, 0.933),
        force("ru", "ssbn", "hgv", 11, 3, 0.506, 1),
      ],
      counterforcePk: noPk,
      promptStrike: [],
      defenses: [],
    } satisfies Side,
    {
      id: "b",
      name: "B",
      w80: 1,
      forces: [],
      counterforcePk: noPk,
      promptStrike: [],
      defenses: [
        {
          id: "d1",
          name: "d1",
          layers: [terminal("t1", 0, 1, 0.499), terminal("t2", 0, 4, 0.245)],
        },
        { id: "d2", name: "d2", layers: [terminal("t3", 33, 3, 0.705)] },
      ],
    } satisfies Side,
  ],
  analysis: {
    alpha: 0.3,
    costExponent: 0.75,
    strikerReadiness: 0.9,
    launchUnderAttack: 0.991,
    thresholds: { a: 1, b: 290 },
  },
};

describe("work meter of the layered engagement", () => {
  it("stops 48 warheads against three partly covering terminal layers at a small budget", () => {
    // Before the fix the whole analysis counted 9.4e6 units (in 12 s) and finished under this
    // budget; it counts 2.9e8 now (tens of nanoseconds a unit), so the limit stops it early.
    expect(() => analyze(input, { workBudget: 2e7 })).toThrow(ModelLimitError);
  });
});
