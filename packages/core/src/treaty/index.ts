export type { CountRule, NotCountableReason, Party, Treaty, TreatyLimit } from "./types.ts";
export type {
  ComplianceInput,
  DefenseBasing,
  ForceCategory,
  PartyBasis,
  TreatyDefense,
  TreatyDefenseLayer,
  TreatyForce,
  TreatySide,
} from "./posture.ts";
export { inferParty, partyName } from "./posture.ts";
export type { Count } from "./countRule.ts";
export { NOT_COUNTABLE_REASONS, countRule } from "./countRule.ts";
export type { TreatyState, TreatyStateKind } from "./treatyState.ts";
export { findTreaty, treatyById, treatyNames, treatyStateAt } from "./treatyState.ts";
export type {
  ComplianceOptions,
  ComplianceResult,
  ComplianceRow,
  ComplianceSummary,
  RowStatus,
  SideCompliance,
  TreatyReport,
} from "./checkCompliance.ts";
export { checkCompliance, checkDeclaredCounts, limitRow, limitText } from "./checkCompliance.ts";
export { TREATIES } from "./data/treaties.ts";
