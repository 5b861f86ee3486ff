import { createHash } from "node:crypto";
import type { GridAxis, SamplingPlan } from "@stratbal/core";
import type { Scenario } from "@stratbal/scenario";

/** Version of the sweep file layouts (output files and shard files). */
export const SWEEP_FORMAT_VERSION = 1;

/**
 * What a sweep output says about itself: enough to recompute every draw and to check that shard
 * files belong together. Plain JSON; it is stored in every output and shard file.
 */
export interface SweepHeader {
  readonly stratbal: "sweep";
  readonly formatVersion: number;
  /** SHA-256 of everything that determines the results (scenario, grid, samples, seed, outputs, layout). */
  readonly sweepId: string;
  readonly scenario: { readonly title: string; readonly asOf: string; readonly sha256: string };
  readonly seed: number;
  /** Monte Carlo samples per grid point (0: nominal values). */
  readonly samples: number;
  /** One row per evaluation instead of one summary row per grid point. */
  readonly perSample: boolean;
  /** Output whose tornado table is added per grid point, or null. */
  readonly sensitivity: string | null;
  readonly vary: readonly GridAxis[];
  readonly outputs: readonly string[];
  readonly plan: SamplingPlan;
  /** Evaluations in the whole sweep (all shards). */
  readonly evaluations: number;
}

/** JSON with object keys sorted at every level: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k]]),
    );
  });
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The header of a sweep; the id hashes every input that changes a number in the output. */
export function makeHeader(args: {
  scenario: Scenario;
  axes: readonly GridAxis[];
  samples: number;
  seed: number;
  outputs: readonly string[];
  perSample: boolean;
  sensitivity: string | null;
  plan: SamplingPlan;
  evaluations: number;
}): SweepHeader {
  const scenarioHash = sha256(canonicalJson(args.scenario));
  const sweepId = sha256(
    canonicalJson({
      formatVersion: SWEEP_FORMAT_VERSION,
      scenario: scenarioHash,
      vary: args.axes,
      samples: args.samples,
      seed: args.seed,
      outputs: args.outputs,
      perSample: args.perSample,
      sensitivity: args.sensitivity,
    }),
  );
  const header: SweepHeader = {
    stratbal: "sweep",
    formatVersion: SWEEP_FORMAT_VERSION,
    sweepId,
    scenario: { title: args.scenario.title, asOf: args.scenario.asOf, sha256: scenarioHash },
    seed: args.seed,
    samples: args.samples,
    perSample: args.perSample,
    sensitivity: args.sensitivity,
    vary: args.axes.map((a) => ({ path: a.path, values: [...a.values] })),
    outputs: [...args.outputs],
    plan: args.plan,
    evaluations: args.evaluations,
  };
  // Through JSON once, so a header read back from a shard file is the same object, key for key.
  return JSON.parse(JSON.stringify(header)) as SweepHeader;
}
