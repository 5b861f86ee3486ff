export type { Distribution, Support } from "./distribution.ts";
export {
  Z95,
  betaShape,
  distributionMean,
  distributionQuantile,
  normal90Params,
} from "./distribution.ts";
export type { Rng } from "./rng.ts";
export { mix32, sampleStream, streamKey } from "./rng.ts";
export type { Copula, RankPair } from "./correlation.ts";
export {
  applyCopula,
  cholesky,
  makeCopula,
  pearsonToSpearman,
  spearmanToPearson,
} from "./correlation.ts";
export type { Sampler, SamplingPlan, UncertainParam } from "./sample.ts";
export { makeSampler } from "./sample.ts";
export type { MonteCarloSummary } from "./summary.ts";
export { monteCarloSummary, quantileSorted } from "./summary.ts";
export type { Ranking, Tornado, TornadoRow } from "./sensitivity.ts";
export { rankValues, spearman, spearmanRanked, tornado } from "./sensitivity.ts";
export type { GridAxis } from "./grid.ts";
export { gridPoint, gridSize, linspace, shardEvaluation, shardSize } from "./grid.ts";
export type { OutputSet, SweepOutput } from "./outputs.ts";
export { selectOutputs, sweepOutputs } from "./outputs.ts";
