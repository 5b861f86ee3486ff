import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { analyze, stabilityIndex } from "@stratbal/core";
import { safeParseScenario, toExchangeInput } from "@stratbal/scenario";
import type { BenchResult } from "./types.ts";
import { timeMedian } from "./types.ts";

const SCENARIO = fileURLToPath(new URL("../scenarios/us-russia-2017.yaml", import.meta.url));

/**
 * `stratbal analyze` of the 2017 scenario: both directions, every counterforce spend, with and
 * without defenses. Baseline: the same model with `method: "reference"`, which evaluates every
 * spend by plain convolution (no bounds, no quadrature, no reuse) — what a direct implementation
 * of DESIGN §2.3 does. Results must agree to 1e-12.
 */
export function benchAnalyze(): BenchResult[] {
  if (!existsSync(SCENARIO))
    return [{ name: "analyze 2017", ms: Number.NaN, notes: `missing ${SCENARIO}` }];
  const parsed = safeParseScenario(readFileSync(SCENARIO, "utf8"), { file: SCENARIO });
  if (!parsed.ok)
    return [{ name: "analyze 2017", ms: Number.NaN, notes: "scenario does not validate" }];
  const input = toExchangeInput(parsed.scenario);
  const fast = analyze(input);
  const t0 = performance.now();
  const ref = analyze(input, { method: "reference" });
  const refMs = performance.now() - t0;
  const agreement = Math.max(
    Math.abs(fast.firstStrikeStability - ref.firstStrikeStability),
    Math.abs(fast.withoutDefenses.firstStrikeStability - ref.withoutDefenses.firstStrikeStability),
    ...fast.sides.map((s, i) =>
      Math.abs(s.firstStrike.delivered.mean - ref.sides[i]!.firstStrike.delivered.mean),
    ),
  );
  const ms = timeMedian(() => analyze(input), 7, 2);
  const fsiMs = timeMedian(() => stabilityIndex(input), 7, 2);
  return [
    {
      name: "analyze 2017 (full: distributions too)",
      ms,
      baseline: "reference method",
      baselineMs: refMs,
      ratio: refMs / ms,
      agreement,
    },
    {
      name: "stabilityIndex 2017 (FSI with and without defenses)",
      ms: fsiMs,
      baseline: "reference analyze",
      baselineMs: refMs,
      ratio: refMs / fsiMs,
    },
  ];
}
