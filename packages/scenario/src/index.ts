export type { Domain, Param } from "./param.ts";
export { MAX_COUNT, describeDomain, domainBounds, param, toDomainValue } from "./param.ts";
export type {
  DefenseSpec,
  ForceSpec,
  LayerSpec,
  Scenario,
  ScenarioInput,
  SideSpec,
} from "./schema.ts";
export { ANALYSIS_DEFAULTS, SCHEMA_VERSION, scenarioSchema } from "./schema.ts";
export type { IssuePath, ScenarioIssue } from "./issues.ts";
export { editDistance, formatScenarioIssue, pathToText, suggest } from "./issues.ts";
export type { ParseOptions, SafeParseResult } from "./parse.ts";
export {
  MAX_SCENARIO_BYTES,
  MAX_YAML_ALIASES,
  ScenarioError,
  parseScenario,
  safeParseScenario,
} from "./parse.ts";
export { unsourcedNumbers } from "./semantic.ts";
export { decodeScenarioBytes } from "./decode.ts";
export type { ParamRef } from "./params.ts";
export { LAYER_DEFAULTS, findParam, isParam, listParams, withParams } from "./params.ts";
export {
  defaultKind,
  defaultThreshold,
  sourceCitations,
  toDoctrine,
  toExchangeInput,
  toLayer,
} from "./toExchangeInput.ts";
export { defaultCategory, toTreatyInput } from "./toTreatyInput.ts";
export { scenarioJsonSchema } from "./jsonSchema.ts";
export { toSamplingPlan } from "./samplingPlan.ts";
export type { RaceSideSpec, RaceSpec, RichardsonSpec } from "./schema.ts";
export type { RichardsonSetup } from "./toRaceInput.ts";
export { RACE_DEFAULTS, toRaceInput, toRichardson } from "./toRaceInput.ts";
