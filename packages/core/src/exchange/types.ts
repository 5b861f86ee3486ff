import type { DefenseLayer } from "../engagement/engageRaid.ts";
import type { VehicleKind } from "../engagement/types.ts";

/** How a force element is based; counterforce kill probabilities are given per basing. */
export type Basing = "silo" | "mobile" | "ssbn" | "bomber";

/** All basings, in a fixed order. */
export const BASINGS: readonly Basing[] = ["silo", "mobile", "ssbn", "bomber"];

/** One strategic force element of a side (DESIGN §2.2). Plain numbers: validated at the edge. */
export interface ForceElement {
  readonly id: string;
  readonly name: string;
  readonly basing: Basing;
  readonly kind: VehicleKind;
  /** Deployed launchers (integer >= 0). */
  readonly launchers: number;
  /** Warheads per launcher (integer >= 1). */
  readonly warheadsPerLauncher: number;
  /** Credible decoys per warhead (integer >= 0). */
  readonly decoysPerWarhead: number;
  /** Probability a launched missile works; a failed one delivers none of its warheads. */
  readonly reliability: number;
  /** Share of launchers that cannot be targeted in the posture at hand (0..1). */
  readonly survivable: number;
  /** Whether the side may spend this element's warheads on counterforce. */
  readonly counterforce: boolean;
}

/** Conventional prompt-strike weapons: they can only do counterforce. */
export interface PromptStrike {
  readonly id: string;
  readonly name: string;
  /** Weapons available (integer >= 0). */
  readonly weapons: number;
  /** Kill probability per weapon launched against a launcher of each basing (reliability included). */
  readonly pk: Readonly<Record<Basing, number>>;
}

/** A named defense system: layers in flight order. */
export interface Defense {
  readonly id: string;
  readonly name: string;
  readonly layers: readonly DefenseLayer[];
}

/** One side of a two-sided exchange. */
export interface Side {
  readonly id: string;
  readonly name: string;
  /** Delivered warheads that destroy 80% of this side's value (notional, sourced). */
  readonly w80: number;
  readonly forces: readonly ForceElement[];
  /** Kill probability per warhead launched at a launcher of each basing (reliability included). */
  readonly counterforcePk: Readonly<Record<Basing, number>>;
  readonly promptStrike: readonly PromptStrike[];
  readonly defenses: readonly Defense[];
}

/** Analysis options (DESIGN §2.3), each a named parameter. */
export interface AnalysisOptions {
  /** Weight of the enemy's undamaged value in a side's cost (Kent & Thaler: 0.3). */
  readonly alpha: number;
  /** Exponent applied to damage shares in the cost (Kent & Thaler: 0.75). */
  readonly costExponent: number;
  /** Share of the striker's non-silo warheads available for a first strike (Kent & Thaler: 0.9). */
  readonly strikerReadiness: number;
  /** Share of the victim's targetable launchers launched before impact. */
  readonly launchUnderAttack: number;
  /**
   * Delivered warheads that count as an adequate second strike, keyed by the id of the side that
   * retaliates (the victim of the first strike); a side without an entry has threshold 0.
   */
  readonly thresholds: Readonly<Record<string, number>>;
}

/** A two-sided exchange problem. */
export interface ExchangeInput {
  readonly sides: readonly [Side, Side];
  readonly analysis: AnalysisOptions;
}
