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
  StrikeCurve,
} from "./analyze.ts";
export { ModelLimitError, analyze, deliveredPmf } from "./analyze.ts";
