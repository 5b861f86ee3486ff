/** Which quantity a warhead count measures (FAS/SIPRI definitions). */
export type StockpileMeasure =
  // warheads assigned to military forces: deployed plus stored (FAS "stockpile")
  | "stockpile"
  // stockpile plus retired warheads awaiting dismantlement
  | "total-inventory";

/** Ids of the publications the history datasets come from (see `HISTORY_SOURCES`). */
export type HistorySourceId =
  | "fas-owid-2023"
  | "sipri-yb-2024"
  | "sipri-yb-2025"
  | "new-start-exchanges"
  | "bmd-inventories"
  | "timeline";

/** A publication behind a dataset, with its licence and the file in `data/` it was read from. */
export interface HistorySource {
  readonly id: HistorySourceId;
  readonly title: string;
  readonly citation: string;
  readonly url?: string;
  readonly license: string;
  /** The CSV in the repository's `data/` folder the rows were generated from. */
  readonly file: string;
}

/**
 * Warheads of one country in one year. "Russia" stands for the Soviet Union before 1992 (as in
 * the FAS series).
 */
export interface StockpileRow {
  readonly country: string;
  readonly year: number;
  /** Number of warheads (whole number >= 0). */
  readonly warheads: number;
  readonly measure: StockpileMeasure;
  readonly source: HistorySourceId;
  /** Caveats that travel with the number, e.g. what the FAS "World" row counts. */
  readonly note?: string;
}

/** How much of a transcribed row was checked against a citable public page. */
export type Verification = "yes" | "partly" | "no";

/** The three New START aggregate numbers a data exchange declares. */
export type NewStartField =
  "deployedDeliveryVehicles" | "deployedWarheads" | "deployedAndNonDeployedLaunchers";

/** One party's declared New START aggregate numbers on one data-exchange date. */
export interface NewStartExchange {
  /** Date the data are current as of (ISO). */
  readonly date: string;
  readonly party: "United States" | "Russia";
  /** Deployed ICBMs, deployed SLBMs and deployed heavy bombers; null when not provided. */
  readonly deployedDeliveryVehicles: number | null;
  /** Warheads on deployed ICBMs and SLBMs plus one per deployed heavy bomber. */
  readonly deployedWarheads: number | null;
  /** Deployed and non-deployed ICBM and SLBM launchers and heavy bombers. */
  readonly deployedAndNonDeployedLaunchers: number | null;
  readonly status: string;
  readonly verified: Verification;
  /** Fields not yet checked against a citable page. */
  readonly unverifiedFields: readonly NewStartField[];
  /** Pages the numbers were checked on (or why they could not be). */
  readonly verifiedVia: string;
  readonly source: HistorySourceId;
}

/** A missile-defense inventory observation, as published. */
export interface BmdInventoryRow {
  readonly system: string;
  readonly operator: string;
  /** Country operating the system (derived from `operator`). */
  readonly country: string;
  readonly site: string;
  /** Date or period as published: "2017-11-02", "FY2014-end", "planned (NGI)". */
  readonly asOf: string;
  /** Calendar year of `asOf`, or null when the row is a plan or has no date. */
  readonly year: number | null;
  /** Count, or null when no public number exists. */
  readonly quantity: number | null;
  readonly unit: string;
  readonly notes: string;
  /** The pages the row was transcribed from. */
  readonly pages: string;
  readonly verified: Verification;
  readonly source: HistorySourceId;
}

/** Kinds of timeline events (markers on history charts). */
export type EventKind =
  | "test"
  | "treaty-signed"
  | "treaty-in-force"
  | "treaty-milestone"
  | "treaty-ended"
  | "withdrawal"
  | "bmd-deployment";

/** A dated event of the strategic balance, with the page that documents it. */
export interface TimelineEvent {
  readonly date: string;
  readonly year: number;
  readonly title: string;
  readonly kind: EventKind;
  readonly countries: readonly string[];
  readonly description: string;
  readonly pages: string;
  readonly verified: Verification;
  readonly source: HistorySourceId;
}
