/**
 * A party to the US–Soviet/Russian treaties. `russia` stands for the Soviet Union before its
 * dissolution (Russia continued the Soviet Union's treaty obligations).
 */
export type Party = "united-states" | "russia";

/** Why a limit cannot be counted from a scenario (DESIGN §2.5 scope: no geography, no design). */
export type NotCountableReason = "geography" | "test-ranges" | "throw-weight" | "verification";

/** The counting rule a limit is checked with; each is documented in docs/treaties.md. */
export type CountRule =
  | "abm-deployment-areas"
  | "abm-launchers-per-area"
  | "abm-interceptors-per-area"
  | "abm-interceptors-total"
  | "abm-banned-basing"
  | "salt1-icbm-launchers"
  | "salt1-slbm-launchers"
  | "start1-sndv"
  | "start1-accountable-warheads"
  | "start1-ballistic-warheads"
  | "start1-mobile-icbm-warheads"
  | "start1-heavy-icbm-warheads"
  | "loaded-strategic-warheads"
  | "mirved-icbm-launchers"
  | "nst-deployed-delivery-vehicles"
  | "nst-deployed-warheads"
  | "nst-launchers"
  | "inf-ground-launched"
  | `not-countable:${NotCountableReason}`;

/** One numeric limit of a treaty, as data (from data/treaty_limits.csv). */
export interface TreatyLimit {
  readonly id: string;
  /** What is limited, in the treaty's terms. */
  readonly category: string;
  readonly rule: CountRule;
  /** Which party the limit binds ("both" for a common ceiling). */
  readonly appliesTo: "both" | Party;
  /** The ceiling (the upper end where the treaty gives a range). */
  readonly limitValue: number;
  /** Lower end of a range limit such as SORT's 1,700–2,200. */
  readonly limitLow?: number;
  readonly unit: string;
  /** First date the limit binds (ISO), when later than entry into force. */
  readonly bindingFrom?: string;
  /** Date from which another instrument replaces this limit, and that instrument's id. */
  readonly supersededFrom?: string;
  readonly supersededBy?: string;
  readonly notes?: string;
  /** Pages the limit was checked on. */
  readonly source: string;
  readonly verified: "yes" | "partly" | "no";
}

/** A treaty with its dates and limits. Dates are ISO `YYYY-MM-DD`. */
export interface Treaty {
  readonly id: string;
  readonly name: string;
  /** Other names a user may type (`--treaty`), matched case- and punctuation-insensitively. */
  readonly aliases: readonly string[];
  /** Parties as the treaty names them, e.g. "US-USSR". */
  readonly scope: string;
  readonly signed: string;
  /** Absent for a treaty that never entered into force. */
  readonly enteredIntoForce?: string;
  /** First date the treaty no longer applies (absent while in force indefinitely). */
  readonly ended?: string;
  readonly endReason: string;
  readonly limits: readonly TreatyLimit[];
}
