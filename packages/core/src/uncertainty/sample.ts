import type { Copula, RankPair } from "./correlation.ts";
import { applyCopula, makeCopula } from "./correlation.ts";
import type { Distribution, Support } from "./distribution.ts";
import { distributionQuantile } from "./distribution.ts";
import { sampleStream, streamKey } from "./rng.ts";

/** A parameter that varies from sample to sample. */
export interface UncertainParam {
  /** Stable id path, e.g. `sides.us.defenses.gmd.layers.gmd-mid.sspk`; it also keys the stream. */
  readonly path: string;
  readonly dist: Distribution;
  /** The parameter's domain: a normal is truncated to it. */
  readonly support: Support;
  /** Whole-number domain: draws are rounded half up, as the model will see them. */
  readonly integer: boolean;
}

/** What an outer Monte Carlo draws: the uncertain parameters and their rank correlations. */
export interface SamplingPlan {
  readonly params: readonly UncertainParam[];
  /** Spearman rank correlations between parameters, by position in `params`. */
  readonly correlations: readonly RankPair[];
}

/** Draws the parameter values of any sample index from a plan. */
export interface Sampler {
  readonly plan: SamplingPlan;
  /** The parameters' values in sample `index` (in plan order): a pure function of (seed, index). */
  draw(seed: number, index: number): Float64Array;
}

/**
 * A sampler for a plan, or the parameters whose rank correlations are inconsistent (no joint
 * distribution has them: the normal-scale correlation matrix is not positive definite).
 *
 * Each parameter's uniform comes from its own stream keyed by (seed, sample index, path); the
 * Gaussian copula then correlates the uniforms of correlated parameters within the sample, and
 * each uniform goes through its distribution's inverse CDF. Nothing depends on other samples,
 * so results are the same for any number of workers or shards, and the first n samples of a
 * longer run are the n samples of a shorter one.
 */
export function makeSampler(
  plan: SamplingPlan,
): { ok: true; sampler: Sampler } | { ok: false; members: number[] } {
  let copula: Copula | undefined;
  if (plan.correlations.length > 0) {
    const c = makeCopula(plan.correlations);
    if (!c.ok) return { ok: false, members: c.members };
    copula = c.copula;
  }
  const keys = plan.params.map((p) => streamKey(p.path));
  const draw = (seed: number, index: number): Float64Array => {
    const k = plan.params.length;
    const u = new Float64Array(k);
    for (let j = 0; j < k; j++) u[j] = sampleStream(seed, index, keys[j]!)();
    if (copula) applyCopula(u, copula);
    for (let j = 0; j < k; j++) {
      const p = plan.params[j]!;
      const x = distributionQuantile(p.dist, u[j]!, p.support);
      u[j] = p.integer ? Math.round(x) : x;
    }
    return u;
  };
  return { ok: true, sampler: { plan, draw } };
}
