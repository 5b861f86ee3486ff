export type {
  AnalysisOptions,
  Basing,
  Defense,
  ExchangeInput,
  ForceElement,
  PromptStrike,
  Side,
} from "./types.ts";
export { BASINGS } from "./types.ts";
export type { LauncherGroup } from "./counterforcePlan.ts";
export { CounterforcePlan } from "./counterforcePlan.ts";
export {
  binomialReal,
  defenseLayers,
  retaliationRaid,
  strikerAvailability,
  valueStrikeRaid,
} from "./raids.ts";
export type { MeanMethod } from "./meanDelivered.ts";
export { meanDelivered, meanKilled } from "./meanDelivered.ts";
