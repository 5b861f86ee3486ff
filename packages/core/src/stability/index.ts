export { breakEvenRatio, damage, kentThalerCost } from "./kentThaler.ts";
export type {
  AnalysisResult,
  AnalyzeOptions,
  Balance,
  DefenseEffect,
  DistributionSummary,
  FirstStrike,
  SecondStrike,
  SideResult,
  StabilityIndex,
  StabilitySide,
  StrikeCurve,
} from "./analyze.ts";
export { analyze, deliveredPmf, stabilityIndex } from "./analyze.ts";
