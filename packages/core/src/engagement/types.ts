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

/** Kinds of delivery vehicle, as far as missile defense is concerned. */
export type VehicleKind = "ballistic" | "hgv" | "cruise";
