import type { GridAxis, OutputSet, Sampler, SamplingPlan } from "@stratbal/core";
import {
  ModelLimitError,
  gridPoint,
  makeSampler,
  selectOutputs,
  shardEvaluation,
} from "@stratbal/core";
import type { Scenario } from "@stratbal/scenario";
import { toExchangeInput, withParams } from "@stratbal/scenario";

/**
 * Everything needed to compute any evaluation of a sweep: plain data, so that it crosses to a
 * worker thread by structured clone. Evaluation e is grid point ⌊e / S⌋, sample e mod S, where
 * S = max(samples, 1).
 */
export interface SweepJob {
  readonly id: string;
  readonly scenario: Scenario;
  readonly axes: readonly GridAxis[];
  /** Monte Carlo samples per grid point; 0 evaluates the nominal values once. */
  readonly samples: number;
  readonly seed: number;
  readonly outputs: readonly string[];
  readonly plan: SamplingPlan;
  readonly shard: { readonly index: number; readonly count: number };
}

/** A model failure at one evaluation: reported with the grid values and sample that caused it. */
export interface EvaluationFailure {
  readonly evaluation: number;
  readonly code: string;
  readonly message: string;
}

/** Evaluates single evaluations of a job: a pure function of (job, evaluation index). */
export interface Evaluator {
  readonly job: SweepJob;
  readonly outputs: OutputSet;
  /** Grid point and sample of an evaluation. */
  locate(evaluation: number): { point: number; sample: number };
  /** Parameter values the evaluation sets: the sample's draws, then the grid's values over them. */
  values(evaluation: number): Map<string, number>;
  /** The outputs of one evaluation, in job order. */
  evaluate(evaluation: number): Float64Array;
}

/** Builds the evaluator of a job (validated beforehand; throws on a programmer error). */
export function makeEvaluator(job: SweepJob): Evaluator {
  const sides = job.scenario.sides;
  const set = selectOutputs([sides[0]!.id, sides[1]!.id], job.outputs);
  if (!set.ok) throw new Error(`unknown outputs ${set.unknown.join(", ")}`);
  let sampler: Sampler | undefined;
  if (job.samples > 0) {
    const s = makeSampler(job.plan);
    if (!s.ok) throw new Error("inconsistent correlations");
    sampler = s.sampler;
  }
  const per = Math.max(job.samples, 1);
  const locate = (e: number) => ({ point: Math.floor(e / per), sample: e % per });
  const values = (e: number) => {
    const { point, sample } = locate(e);
    const v = new Map<string, number>();
    if (sampler) {
      const draw = sampler.draw(job.seed, sample);
      job.plan.params.forEach((p, j) => v.set(p.path, draw[j]!));
    }
    const g = gridPoint(job.axes, point);
    job.axes.forEach((a, i) => v.set(a.path, g[i]!));
    return v;
  };
  const evaluate = (e: number) => {
    const { scenario } = withParams(job.scenario, values(e));
    return set.set.evaluate(toExchangeInput(scenario));
  };
  return { job, outputs: set.set, locate, values, evaluate };
}

/**
 * The outputs of positions [start, end) of the job's shard, position-major (k·outputs + i), or
 * the first evaluation the model could not compute.
 */
export function evaluateRange(
  ev: Evaluator,
  start: number,
  end: number,
): { ok: true; values: Float64Array } | { ok: false; failure: EvaluationFailure } {
  const k = ev.job.outputs.length;
  const out = new Float64Array((end - start) * k);
  const { index, count } = ev.job.shard;
  for (let pos = start; pos < end; pos++) {
    const e = shardEvaluation(index, count, pos);
    try {
      out.set(ev.evaluate(e), (pos - start) * k);
    } catch (err) {
      if (err instanceof ModelLimitError) {
        return { ok: false, failure: { evaluation: e, code: err.code, message: err.message } };
      }
      throw err;
    }
  }
  return { ok: true, values: out };
}
