import type { Pmf } from "../prob/pmf.ts";

/** How a layer spends its interceptors on the threat objects it sees (DESIGN §2.1). */
export type Doctrine =
  | {
      /** Each engaged object gets `shots` interceptors until the inventory runs out. */
      readonly kind: "barrage";
      readonly shots: number;
    }
  | {
      /** The whole inventory is spread evenly over the threat objects. */
      readonly kind: "even";
    }
  | {
      /** A barrage of `shots[0]`, a look, then `shots[1]` at each object recognised alive. */
      readonly kind: "shoot-look-shoot";
      readonly shots: readonly [number, number];
      /** Probability that a surviving object is recognised as alive after the first look. */
      readonly killAssessment: number;
    };

/** Where in flight a layer engages. */
export type Phase = "boost" | "midcourse" | "terminal";

/** The parameters of one defensive layer (one engagement). All probabilities are notional inputs. */
export interface LayerParams {
  /** Interceptors available to this layer (integer >= 0). */
  readonly interceptors: number;
  /** Single-shot kill probability per interceptor against any object it engages, decoys included. */
  readonly sspk: number;
  /** Probability that an engagement of a given RV can succeed at all (drawn once per RV). */
  readonly tracking: number;
  /** Probability that each decoy is recognised and ignored (drawn once, before any shot). */
  readonly discrimination: number;
  /** Common-mode probability that the whole layer works; on failure nothing is fired. */
  readonly reliability: number;
  readonly doctrine: Doctrine;
}

/** A single-layer engagement of a raid of `warheads` RVs and `decoys` credible decoys. */
export interface EngagementInput extends LayerParams {
  readonly warheads: number;
  readonly decoys: number;
}

/** One attacking force element as it arrives at the defense. */
export interface RaidElement {
  readonly id: string;
  readonly kind: VehicleKind;
  /** RVs carried by each missile (integer >= 1). */
  readonly warheadsPerMissile: number;
  /** Credible decoys released with each missile (integer >= 0). */
  readonly decoysPerMissile: number;
  /** PMF of the number of missiles that arrive (launched and working). */
  readonly missiles: Pmf;
  /**
   * The layers (bit i: layer i) every missile of this element flies through. When given, layer
   * coverage is not applied to the element: the caller has already split it by footprint.
   */
  readonly route?: number;
}

/** Share of an element's missiles that fly through a layer's footprint. */
export type Coverage = number | Readonly<Record<string, number>>;

/** One defensive layer in a layered defense, in flight order. */
export interface DefenseLayer extends LayerParams {
  readonly id: string;
  readonly phase: Phase;
  /**
   * Share (0..1) of each element's missiles whose flight passes this layer's footprint: one
   * number for every element, or a map by element id (an element not in the map is not covered).
   */
  readonly coverage: Coverage;
}

/** Kinds of delivery vehicle, as far as missile defense is concerned. */
export type VehicleKind = "ballistic" | "hgv" | "cruise";
