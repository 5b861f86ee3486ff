import { readFileSync } from "node:fs";
import { ModelLimitError, analyze } from "@stratbal/core";
import { describe, expect, it } from "vitest";
import { parseScenario, toExchangeInput } from "../src/index.ts";

// analyze() runs under a work budget (DEFAULT_WORK_BUDGET, about a minute); a smaller one
// stops it with a ModelLimitError instead of a long computation.

const text = readFileSync(
  new URL("../../../scenarios/us-russia-2017.yaml", import.meta.url),
  "utf8",
);
const input = toExchangeInput(parseScenario(text));

describe("analyze under a work budget", () => {
  it("stops with ModelLimitError when the budget is too small", () => {
    expect(() => analyze(input, { workBudget: 1_000 })).toThrow(ModelLimitError);
  });

  it("gives the same numbers with the default budget as with an ample one (tolerance 0)", () => {
    const a = analyze(input);
    const b = analyze(input, { workBudget: 1e15 });
    expect(b.firstStrikeStability).toBe(a.firstStrikeStability);
  });
});
