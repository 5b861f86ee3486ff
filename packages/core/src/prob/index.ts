export type { Pmf } from "./pmf.ts";
export {
  DEFAULT_PRUNE_TOLERANCE,
  pmfAt,
  pmfFromArray,
  pmfMax,
  pmfMean,
  pmfMixture,
  pmfQuantile,
  pmfReflect,
  pmfScale,
  pmfShift,
  pmfTailAtLeast,
  pmfToDense,
  pmfTotal,
  pmfVariance,
  pointMass,
  trimPmf,
} from "./pmf.ts";
export { binomialLogPmfRaw, binomialPmfAt, hypergeometricLogPmf } from "./dbinom.ts";
export { binomialPmf } from "./binomialPmf.ts";
export { hypergeometricPmf } from "./hypergeometricPmf.ts";
export { hypergeometricMixture } from "./hypergeometricMixture.ts";
export type { HypergeometricParams } from "./hypergeometricMixture.ts";
export { binomialThin } from "./binomialThin.ts";
export { convolve, convolveAll } from "./convolve.ts";
export type { BetaParams, BetaPrior } from "./beta.ts";
export { betaBinomialPmf, betaFromTestRecord, betaLogPdf, betaMean, betaVariance } from "./beta.ts";
export type { Dense2 } from "./dense2.ts";
export { addOuter, makeDense2, marginalX, marginalY } from "./dense2.ts";
export { gaussLaguerre } from "./gaussLaguerre.ts";
