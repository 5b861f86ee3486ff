// The typed message union between the page and the compute worker (STYLE "Where core runs is an
// adapter"): one request case per computation, results as plain serialisable data. A model that
// lands later (arms race, uncertainty) adds one case to `ComputeRequest`, its result and progress
// types to `ResultOf`/`ProgressOf`, and one job in `jobs.ts`; the compiler then asks for the rest.
import type {
  AnalysisResult,
  ComplianceResult,
  Distribution,
  MonteCarloSummary,
  Phase,
  RaceMoves,
  RaceResult,
  RaceRound,
  RichardsonTrajectory,
  Tornado,
} from "@stratbal/core";
import type { RichardsonSetup, Scenario } from "@stratbal/scenario";

/** Where a defense layer sits in a scenario, by position. */
export interface LayerRef {
  readonly side: number;
  readonly defense: number;
  readonly layer: number;
}

export interface BalanceRequest {
  readonly kind: "balance";
  readonly scenario: Scenario;
}

export interface EngagementRequest {
  readonly kind: "engagement";
  readonly scenario: Scenario;
  readonly layer: LayerRef;
  /** RVs in the raid that fly through the layer. */
  readonly warheads: number;
  /** Credible decoys per RV. */
  readonly decoysPerWarhead: number;
}

/** One axis of the stability map: a scenario parameter by id path and its range. */
export interface MapAxis {
  readonly path: string;
  readonly from: number;
  readonly to: number;
  readonly steps: number;
}

export interface StabilityMapRequest {
  readonly kind: "stabilityMap";
  readonly scenario: Scenario;
  readonly x: MapAxis;
  readonly y: MapAxis;
}

export interface TreatyRequest {
  readonly kind: "treaty";
  readonly scenario: Scenario;
}

export interface RaceRequest {
  readonly kind: "race";
  readonly scenario: Scenario;
  /** Overrides of the scenario's race settings (the CLI's --rounds, --moves, --cost-exchange). */
  readonly rounds?: number;
  readonly moves?: RaceMoves;
  readonly costExchange?: "ends" | "every-round";
}

export interface RichardsonRequest {
  readonly kind: "richardson";
  readonly scenario: Scenario;
}

export interface UncertaintyRequest {
  readonly kind: "uncertainty";
  readonly scenario: Scenario;
  /** Monte Carlo samples (at least 2). */
  readonly samples: number;
  /** Seed of the sample streams, a whole number below 2^32. */
  readonly seed: number;
}

/** Every computation the worker runs. */
export type ComputeRequest =
  | BalanceRequest
  | EngagementRequest
  | StabilityMapRequest
  | TreatyRequest
  | RaceRequest
  | RichardsonRequest
  | UncertaintyRequest;
export type ComputeKind = ComputeRequest["kind"];
export type RequestOf<K extends ComputeKind> = Extract<ComputeRequest, { kind: K }>;

export interface SideInfo {
  readonly id: string;
  readonly name: string;
  /** Deployed warheads: launchers × warheads per launcher, summed over force elements. */
  readonly warheads: number;
  readonly defenseLayers: number;
}

export interface BalanceResult {
  readonly analysis: AnalysisResult;
  readonly sides: readonly [SideInfo, SideInfo];
}

export interface Curve {
  /** Label of the series (e.g. "44 interceptors"). */
  readonly series: string;
  readonly x: readonly number[];
  readonly p0: readonly number[];
}

export interface EngagementResult {
  readonly layerId: string;
  readonly layerName: string;
  readonly phase: Phase;
  readonly defenderName: string;
  readonly doctrine: string;
  readonly interceptors: number;
  readonly warheads: number;
  readonly decoys: number;
  /** `leakers[k]` = P(k RVs leak). */
  readonly leakers: Float64Array;
  readonly pNoLeak: number;
  readonly expectedLeakers: number;
  readonly expectedInterceptorsUsed: number;
  readonly pNoLeakCeiling: number;
  /** P0 against raid size, for several inventories; `x` = RVs in the raid. */
  readonly byRaid: readonly Curve[];
  /** The ceiling R·d^N against raid size. */
  readonly ceilingByRaid: { readonly x: readonly number[]; readonly p0: readonly number[] };
  /** P0 against inventory, for several raid sizes; `x` = interceptors. */
  readonly byInterceptors: readonly Curve[];
}

export interface MapCell {
  readonly i: number;
  readonly j: number;
  readonly x: number;
  readonly y: number;
  /** First-strike stability index with defenses (null when the cell could not be computed). */
  readonly fsi: number | null;
  readonly fsiWithout: number | null;
  readonly error?: string;
}

export interface StabilityMapProgress {
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  /** Cells computed since the last report. */
  readonly cells: readonly MapCell[];
  readonly done: number;
  readonly total: number;
}

export interface StabilityMapResult {
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  readonly cells: readonly MapCell[];
}

/** The race settings a run used (the scenario's, with the request's overrides). */
export interface RaceSettings {
  readonly rounds: number;
  readonly moves: RaceMoves;
  readonly costExchange: "ends" | "every-round";
}

/** One round of a race, reported as soon as it is computed. */
export interface RaceProgress {
  readonly settings: RaceSettings;
  readonly round: RaceRound;
}

export interface RaceJobResult {
  readonly settings: RaceSettings;
  readonly race: RaceResult;
}

export interface RichardsonResult {
  readonly setup: RichardsonSetup;
  readonly path: RichardsonTrajectory;
}

/** A parameter an outer Monte Carlo draws. */
export interface UncertainParamInfo {
  readonly path: string;
  readonly dist: Distribution;
  /** Its nominal value (what the other views use). */
  readonly nominal: number;
}

/** An output of the outer Monte Carlo (a `stratbal sweep` output name). */
export interface McOutput {
  readonly name: string;
  readonly description: string;
}

/** Samples computed since the last report, and the summaries over every sample so far. */
export interface UncertaintyProgress {
  readonly seed: number;
  readonly params: readonly UncertainParamInfo[];
  readonly outputs: readonly McOutput[];
  /** Index of the first sample in this report. */
  readonly from: number;
  /** `draws[j][k]`: parameter j in sample from + k. */
  readonly draws: readonly Float64Array[];
  /** `values[i][k]`: output i in sample from + k. */
  readonly values: readonly Float64Array[];
  readonly done: number;
  readonly total: number;
  readonly summaries: readonly MonteCarloSummary[];
}

export interface UncertaintyResult {
  readonly seed: number;
  readonly samples: number;
  readonly params: readonly UncertainParamInfo[];
  readonly outputs: readonly McOutput[];
  readonly draws: readonly Float64Array[];
  readonly values: readonly Float64Array[];
  readonly summaries: readonly MonteCarloSummary[];
  /** Rank importance of the parameters for each output, in output order. */
  readonly tornado: readonly Tornado[];
}

export interface ResultOf {
  balance: BalanceResult;
  engagement: EngagementResult;
  stabilityMap: StabilityMapResult;
  treaty: ComplianceResult;
  race: RaceJobResult;
  richardson: RichardsonResult;
  uncertainty: UncertaintyResult;
}

export interface ProgressOf {
  balance: never;
  engagement: never;
  stabilityMap: StabilityMapProgress;
  treaty: never;
  race: RaceProgress;
  richardson: never;
  uncertainty: UncertaintyProgress;
}

/** Page → worker. A request on a channel supersedes any earlier one on the same channel. */
export type ToWorker =
  | {
      readonly type: "run";
      readonly id: number;
      readonly channel: string;
      readonly request: ComputeRequest;
    }
  | { readonly type: "cancel"; readonly channel: string };

/** Worker → page. */
export type FromWorker =
  | {
      readonly type: "result";
      readonly id: number;
      readonly kind: ComputeKind;
      readonly result: ResultOf[ComputeKind];
      /** Time spent in the model, in the worker (ms). */
      readonly computeMs: number;
    }
  | {
      readonly type: "progress";
      readonly id: number;
      readonly kind: ComputeKind;
      readonly progress: ProgressOf[ComputeKind];
    }
  | { readonly type: "error"; readonly id: number; readonly code: string; readonly message: string }
  | { readonly type: "superseded"; readonly id: number };
