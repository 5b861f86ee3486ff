import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { EngagementInput } from "@stratbal/core";
import { engage } from "@stratbal/core";
import type { BenchResult } from "./types.ts";
import { timeMedian } from "./types.ts";

const BASELINE = fileURLToPath(new URL("./baseline/engagement_numpy.py", import.meta.url));

/** The issue 2 benchmark: 10,000 RVs and 10,000 credible decoys (δ = 0.5) against 40,000 interceptors. */
const CASES: { name: string; input: EngagementInput }[] = [
  {
    name: "engagement barrage 10k RVs + 10k decoys vs 40k",
    input: {
      warheads: 10_000,
      decoys: 10_000,
      discrimination: 0.5,
      interceptors: 40_000,
      sspk: 0.8,
      tracking: 1,
      reliability: 1,
      doctrine: { kind: "barrage", shots: 4 },
    },
  },
  {
    name: "engagement even 10k RVs + 10k decoys vs 40k",
    input: {
      warheads: 10_000,
      decoys: 10_000,
      discrimination: 0.5,
      interceptors: 40_000,
      sspk: 0.8,
      tracking: 1,
      reliability: 1,
      doctrine: { kind: "even" },
    },
  },
];

/** Runs the numpy/scipy baseline on one case (its own timing excludes interpreter start-up). */
function baseline(input: EngagementInput): { pmf: number[]; seconds: number } | string {
  const r = spawnSync("python3", [BASELINE, JSON.stringify(input)], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0)
    return (r.stderr || r.error?.message || "python3 failed").trim().split("\n").at(-1) ?? "failed";
  return JSON.parse(r.stdout) as { pmf: number[]; seconds: number };
}

export function benchEngagement(): BenchResult[] {
  return CASES.map(({ name, input }) => {
    const ms = timeMedian(() => engage(input), 5, 1);
    const ours = engage(input).leakers;
    const base = baseline(input);
    if (typeof base === "string") return { name, ms, notes: `baseline unavailable: ${base}` };
    let agreement = 0;
    for (let k = 0; k < Math.max(ours.length, base.pmf.length); k++) {
      agreement = Math.max(agreement, Math.abs((ours[k] ?? 0) - (base.pmf[k] ?? 0)));
    }
    const baselineMs = base.seconds * 1000;
    return {
      name,
      ms,
      baseline: "numpy/scipy (bench/baseline/engagement_numpy.py)",
      baselineMs,
      ratio: baselineMs / ms,
      agreement,
    };
  });
}
