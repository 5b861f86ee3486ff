export type { Doctrine, EngagementInput, LayerParams, Phase, VehicleKind } from "./types.ts";
export { killProbability, missProbability, p0Ample, p0Ceiling } from "./killProbability.ts";
export { killedGivenThreats, layerKill } from "./layerKill.ts";
export type { LayerKill, LayerKillOptions } from "./layerKill.ts";
export { engage } from "./engage.ts";
export type { EngagementResult } from "./engage.ts";
export { RouteSplitter, coverageOf, coverageVector, engageable, engageRaid } from "./engageRaid.ts";
export type {
  Coverage,
  DefenseLayer,
  EngageRaidOptions,
  LayerBreakdown,
  RaidElement,
  RaidEngagement,
  RaidEngagementFailure,
} from "./engageRaid.ts";
