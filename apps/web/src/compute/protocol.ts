// The typed message union between the page and the compute worker (STYLE "Where core runs is an
// adapter"): one request case per computation, results as plain serialisable data. A model that
// lands later (arms race, uncertainty) adds one case to `ComputeRequest`, its result and progress
// types to `ResultOf`/`ProgressOf`, and one job in `jobs.ts`; the compiler then asks for the rest.
import type { AnalysisResult, ComplianceResult, Phase } from "@stratbal/core";
import type { Scenario } from "@stratbal/scenario";

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

/** Every computation the worker runs. */
export type ComputeRequest =
  BalanceRequest | EngagementRequest | StabilityMapRequest | TreatyRequest;
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

export interface ResultOf {
  balance: BalanceResult;
  engagement: EngagementResult;
  stabilityMap: StabilityMapResult;
  treaty: ComplianceResult;
}

export interface ProgressOf {
  balance: never;
  engagement: never;
  stabilityMap: StabilityMapProgress;
  treaty: never;
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
