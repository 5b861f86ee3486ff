import betaQuantile from "@stdlib/stats-base-dists-beta-quantile";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import type { BetaParams } from "../prob/beta.ts";
import { betaFromTestRecord } from "../prob/beta.ts";

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

/** Where a parameter's values may lie: its domain, used to truncate unbounded distributions. */
export interface Support {
  readonly min: number;
  readonly max: number;
}

/** z such that Φ(z) = 0.95: a normal's 90% central interval is μ ± z·σ. */
export const Z95 = 1.6448536269514722;

/** Shape parameters of the beta posterior a test record gives. */
export function betaShape(d: Extract<Distribution, { kind: "beta" }>): BetaParams {
  return betaFromTestRecord(d.successes, d.trials, d.prior);
}

/** Mean and standard deviation of the normal whose 90% central interval is [low, high]. */
export function normal90Params(d: Extract<Distribution, { kind: "normal90" }>): {
  mu: number;
  sigma: number;
} {
  return { mu: (d.low + d.high) / 2, sigma: (d.high - d.low) / (2 * Z95) };
}

/**
 * The value of a distribution at cumulative probability `u` (its inverse CDF), so that samples can
 * be drawn from uniforms and a rank correlation imposed on those uniforms. A `normal90` is
 * truncated to `support` when one is given (a probability stays in [0, 1]); the others already
 * lie within their domain (the schema checks their ends).
 * @param u cumulative probability in (0, 1)
 * @example distributionQuantile({ kind: "beta", successes: 10, trials: 18, prior: "uniform" }, 0.5) // ≈ 0.5520
 */
export function distributionQuantile(d: Distribution, u: number, support?: Support): number {
  switch (d.kind) {
    case "beta": {
      const b = betaShape(d);
      return betaQuantile(u, b.alpha, b.beta);
    }
    case "uniform":
      return d.low + u * (d.high - d.low);
    case "triangular": {
      const width = d.high - d.low;
      const c = (d.mode - d.low) / width;
      // Inverse of the piecewise-quadratic CDF on either side of the mode.
      return u < c
        ? d.low + Math.sqrt(u * width * (d.mode - d.low))
        : d.high - Math.sqrt((1 - u) * width * (d.high - d.mode));
    }
    case "normal90": {
      const { mu, sigma } = normal90Params(d);
      if (!support) return normalQuantile(u, mu, sigma);
      const pa = support.min > -Infinity ? normalCdf(support.min, mu, sigma) : 0;
      const pb = support.max < Infinity ? normalCdf(support.max, mu, sigma) : 1;
      const x = normalQuantile(pa + u * (pb - pa), mu, sigma);
      // Rounding at the very ends can step just outside the support.
      return Math.min(support.max, Math.max(support.min, x));
    }
    default:
      return d satisfies never;
  }
}
