export type { OdeOptions, OdeResult, OdeRhs, OdeStats } from "./solveOde.ts";
export { ODE_METHOD, solveOde } from "./solveOde.ts";
export type {
  RichardsonAnalysis,
  RichardsonFailure,
  RichardsonFate,
  RichardsonParams,
  RichardsonStability,
  RichardsonTrajectory,
} from "./richardson.ts";
export { analyzeRichardson, richardsonFate, richardsonTrajectory } from "./richardson.ts";
export type {
  DefenseGoal,
  DefensePlan,
  ForceLimits,
  OffenseKind,
  OffenseOption,
  RaceInput,
  RaceMoves,
  RaceSide,
  RetaliationRequirement,
  ThirdPartyElement,
  UnitCosts,
} from "./types.ts";
export type { ElementLevel, Posture, Purchase } from "./posture.ts";
export { launcherUnitCost, postureOf, withPosture } from "./posture.ts";
export type { PostureEvaluation } from "./raceEvaluator.ts";
export { RaceEvaluator, tailAtLeast, warheadsAtConfidence } from "./raceEvaluator.ts";
export { smallestFeasible } from "./smallestFeasible.ts";
export type { CostExchange, CostExchangeOption } from "./costExchange.ts";
export { costExchangeAtMargin } from "./costExchange.ts";
export type {
  OptionTrial,
  RaceOptions,
  RaceOutcome,
  RaceResult,
  RaceRound,
  RaceRoundSide,
  SideResponse,
} from "./runRace.ts";
export { runRace } from "./runRace.ts";
export { RACE_ROUND_COLUMNS, purchaseLabel, raceRoundRows } from "./roundTable.ts";
