import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "@stratbal/core";
import { safeParseScenario, toExchangeInput } from "../src/index.ts";
import { expectAbsErrorAtMost, expectRelErrorAtMost } from "../../../test-support/expect.ts";

// A decoy-heavy case large enough that the fast method takes its quadrature path (PGFs and
// Gauss–Laguerre, certified by Chernoff bounds) and its truncated-convolution path: both must
// give what plain convolution at every counterforce spend gives.
describe("fast method on a decoy-heavy 2017-size case", () => {
  it("matches the reference method to 1e-12", () => {
    const file = new URL("./fixtures/decoy-heavy-2017-like.yaml", import.meta.url);
    const parsed = safeParseScenario(readFileSync(file, "utf8"));
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join("; "));
    const input = toExchangeInput(parsed.scenario);
    const fast = analyze(input);
    const ref = analyze(input, { method: "reference" });
    expectAbsErrorAtMost(fast.firstStrikeStability, ref.firstStrikeStability, 1e-12);
    expectAbsErrorAtMost(
      fast.withoutDefenses.firstStrikeStability,
      ref.withoutDefenses.firstStrikeStability,
      1e-12,
    );
    fast.sides.forEach((s, i) => {
      const r = ref.sides[i]!;
      expect(s.firstStrike.counterforceWarheads).toBe(r.firstStrike.counterforceWarheads);
      expectRelErrorAtMost(s.firstStrike.delivered.mean, r.firstStrike.delivered.mean, 1e-12);
      expectRelErrorAtMost(
        s.firstStrike.valueStrikeDelivered,
        r.firstStrike.valueStrikeDelivered,
        1e-12,
      );
      expectAbsErrorAtMost(s.secondStrike.pAdequate, r.secondStrike.pAdequate, 1e-12);
    });
  });
});
