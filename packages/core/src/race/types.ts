import type { ExchangeInput } from "../exchange/types.ts";

/** What an offense may buy to keep its retaliation requirement (DESIGN §2.4). */
export type OffenseKind =
  /** More launchers (missile and launcher) of a force element, each with its payload. */
  | "launchers"
  /** One more warhead on every launcher of an element (an upload), up to a most per launcher. */
  | "warheads"
  /** One more credible decoy per warhead on every missile of an element, up to a most. */
  | "decoys";

/** One way a side may grow its offense. */
export interface OffenseOption {
  readonly kind: OffenseKind;
  /** Id of the side's force element the option grows. */
  readonly element: string;
  /**
   * The cap: most launchers of the element (`launchers`), most warheads per launcher
   * (`warheads`), most decoys per warhead (`decoys`).
   */
  readonly max: number;
}

/** Unit acquisition costs of one side, in millions of US dollars. */
export interface UnitCosts {
  /** Per interceptor added to a layer (missile and its share of launcher/silo). */
  readonly interceptor?: number;
  /** Per warhead added (warhead and reentry vehicle). */
  readonly warhead?: number;
  /** Per credible decoy added. */
  readonly decoy?: number;
  /** Per launcher added, by element id (missile and launcher, without the warheads). */
  readonly launcher?: Readonly<Record<string, number>>;
}

/** A missile force of a third party that a defense is sized against (DESIGN §2.4). */
export interface ThirdPartyElement {
  readonly id: string;
  /** Missiles launched at round 0. */
  readonly missiles: number;
  readonly warheadsPerMissile: number;
  readonly decoysPerMissile: number;
  /** Probability a launched missile works. */
  readonly reliability: number;
  /** Missiles added per round (the third party's own growth; 0 for a fixed threat). */
  readonly growthPerRound: number;
}

/** What a defender sizes its interceptors to. */
export type DefenseGoal =
  | {
      /** An announced plan: the inventory to reach in round 1, 2, …; the last entry holds. */
      readonly kind: "schedule";
      readonly interceptors: readonly number[];
    }
  | {
      /** P(no warhead of a stated third-party raid leaks) >= pNoLeak. */
      readonly kind: "third-party";
      readonly pNoLeak: number;
      readonly raid: readonly ThirdPartyElement[];
      /** Ids of the side's layers that engage the raid (each covers all of it). */
      readonly layers: readonly string[];
    }
  | {
      /**
       * Damage limitation against the peer: after this side's best first strike, the peer's
       * retaliation delivers at most `warheads` with probability >= `confidence`.
       */
      readonly kind: "damage-limitation";
      readonly warheads: number;
      readonly confidence: number;
    };

/** How a side sizes one of its defense layers. */
export interface DefensePlan {
  /** Id of the layer whose interceptors the side buys. */
  readonly layer: string;
  /** Most interceptors the layer may hold. */
  readonly max: number;
  readonly goal: DefenseGoal;
}

/** Deliver at least `warheads` with probability at least `confidence` in retaliation. */
export interface RetaliationRequirement {
  readonly warheads: number;
  readonly confidence: number;
}

/** Totals a side keeps within (treaty ceilings such as New START's), counted as modelled. */
export interface ForceLimits {
  /** Most warheads on deployed launchers (Σ launchers × warheads per launcher). */
  readonly warheads?: number;
  /** Most deployed launchers. */
  readonly launchers?: number;
}

/** One side's race settings. */
export interface RaceSide {
  readonly id: string;
  /** Retaliation requirement its offense is sized to (none: the offense does not react). */
  readonly requirement?: RetaliationRequirement;
  /** What its offense may buy, in the order ties are broken. */
  readonly offense: readonly OffenseOption[];
  readonly defense?: DefensePlan;
  readonly costs: UnitCosts;
  /** Most the side may spend over the whole race, millions of US dollars (none: unlimited). */
  readonly budgetMillionUsd?: number;
  readonly limits?: ForceLimits;
}

/**
 * Who moves when within a round. `alternating`: defenses are sized first against the offenses
 * of the previous round, then offenses respond to the new defenses in the same round.
 * `simultaneous`: every response is sized against the posture of the previous round.
 */
export type RaceMoves = "alternating" | "simultaneous";

/** An action–reaction race on the exchange model (DESIGN §2.4). */
export interface RaceInput {
  /** The posture at round 0. */
  readonly exchange: ExchangeInput;
  /** Race settings, in the order of `exchange.sides`. */
  readonly sides: readonly [RaceSide, RaceSide];
  readonly rounds: number;
  readonly moves: RaceMoves;
  /**
   * When to compute the cost-exchange ratio at the margin: at round 0 and the last round
   * (`ends`, the default), or at every round (a few more exchange evaluations per round).
   */
  readonly costExchange?: "ends" | "every-round";
}
