/** A parameter distribution a scenario may give in place of a number (DESIGN §2.6). */
export type Distribution =
  | {
      /** Beta posterior of a success probability from a test record. */
      readonly kind: "beta";
      readonly successes: number;
      readonly trials: number;
      readonly prior: "uniform" | "jeffreys";
    }
  | { readonly kind: "uniform"; readonly low: number; readonly high: number }
  | {
      readonly kind: "triangular";
      readonly low: number;
      readonly mode: number;
      readonly high: number;
    }
  | {
      /** Normal with the given 90% central interval. */
      readonly kind: "normal90";
      readonly low: number;
      readonly high: number;
    };

/** Mean of a parameter distribution: the nominal value used when a run is not sampled. */
export function distributionMean(d: Distribution): number {
  switch (d.kind) {
    case "beta": {
      const a0 = d.prior === "jeffreys" ? 0.5 : 1;
      return (a0 + d.successes) / (2 * a0 + d.trials);
    }
    case "uniform":
      return (d.low + d.high) / 2;
    case "triangular":
      return (d.low + d.mode + d.high) / 3;
    case "normal90":
      return (d.low + d.high) / 2;
    default:
      return d satisfies never;
  }
}
