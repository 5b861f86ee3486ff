import type { Distribution } from "@stratbal/core";
import { distributionMean } from "@stratbal/core";
import { z } from "zod";

/** Largest count a scenario may give (launchers, interceptors, weapons): 10^6. */
export const MAX_COUNT = 1_000_000;

/** The domain a numeric scenario parameter lives in. */
export type Domain =
  | "probability" // [0, 1]
  | "share" // [0, 1], a fraction of a force
  | "count" // whole number in [0, MAX_COUNT]
  | "positiveCount" // whole number in [1, MAX_COUNT]
  | "positive" // > 0
  | "nonnegative"; // >= 0

/** A numeric scenario parameter after parsing: its nominal value, distribution and source. */
export interface Param {
  /** Nominal value: the number given, or the mean of the distribution (rounded for counts). */
  readonly value: number;
  readonly dist?: Distribution;
  readonly source?: string;
}

/** Bounds and integrality of a domain. */
export function domainBounds(domain: Domain): {
  min: number;
  max: number;
  integer: boolean;
  exclusiveMin: boolean;
} {
  switch (domain) {
    case "probability":
    case "share":
      return { min: 0, max: 1, integer: false, exclusiveMin: false };
    case "count":
      return { min: 0, max: MAX_COUNT, integer: true, exclusiveMin: false };
    case "positiveCount":
      return { min: 1, max: MAX_COUNT, integer: true, exclusiveMin: false };
    case "positive":
      return { min: 0, max: Number.MAX_VALUE, integer: false, exclusiveMin: true };
    case "nonnegative":
      return { min: 0, max: Number.MAX_VALUE, integer: false, exclusiveMin: false };
    default:
      return domain satisfies never;
  }
}

/** Describes a domain for messages: "a probability in [0, 1]". */
export function describeDomain(domain: Domain): string {
  switch (domain) {
    case "probability":
      return "a probability in [0, 1]";
    case "share":
      return "a share in [0, 1]";
    case "count":
      return `a whole number from 0 to ${MAX_COUNT.toLocaleString("en-US")}`;
    case "positiveCount":
      return `a whole number from 1 to ${MAX_COUNT.toLocaleString("en-US")}`;
    case "positive":
      return "a number above 0";
    case "nonnegative":
      return "a number of at least 0";
    default:
      return domain satisfies never;
  }
}

/** Rounds half up for whole-number domains; other values pass through. */
export function toDomainValue(domain: Domain, x: number): number {
  return domainBounds(domain).integer ? Math.round(x) : x;
}

const sourceRef = z.string().min(1).describe("id of an entry in `sources`");

function numberIn(domain: Domain) {
  const b = domainBounds(domain);
  let s = b.integer ? z.number().int() : z.number();
  s = b.exclusiveMin ? s.gt(b.min) : s.min(b.min);
  if (b.max < Number.MAX_VALUE) s = s.max(b.max);
  return s;
}

const finite = z.number();

/**
 * The schema of a numeric parameter in a given domain. A parameter is written as a number, as
 * `{ value, source }`, or as a distribution with an optional source: `{ beta: { successes,
 * trials, prior? } }`, `{ uniform: [a, b] }`, `{ triangular: [a, mode, b] }`,
 * `{ normal90: [lo, hi] }` (the 90% central interval of a normal).
 */
export function param(domain: Domain) {
  const plain = numberIn(domain);
  const valued = z
    .object({ value: plain, source: sourceRef.optional(), note: z.string().optional() })
    .strict();
  const beta = z
    .object({
      beta: z
        .object({
          successes: z.number().int().min(0),
          trials: z.number().int().min(1),
          prior: z.enum(["uniform", "jeffreys"]).optional(),
        })
        .strict(),
      source: sourceRef.optional(),
      note: z.string().optional(),
    })
    .strict();
  const uniform = z
    .object({
      uniform: z.tuple([finite, finite]),
      source: sourceRef.optional(),
      note: z.string().optional(),
    })
    .strict();
  const triangular = z
    .object({
      triangular: z.tuple([finite, finite, finite]),
      source: sourceRef.optional(),
      note: z.string().optional(),
    })
    .strict();
  const normal90 = z
    .object({
      normal90: z.tuple([finite, finite]),
      source: sourceRef.optional(),
      note: z.string().optional(),
    })
    .strict();
  return z
    .union([plain, valued, beta, uniform, triangular, normal90])
    .superRefine((v, ctx) => checkDistribution(domain, v, ctx))
    .transform((v): Param => toParam(domain, v))
    .meta({ stratbalDomain: domain });
}

type RawParam =
  | number
  | { value: number; source?: string | undefined }
  | {
      beta: { successes: number; trials: number; prior?: "uniform" | "jeffreys" | undefined };
      source?: string | undefined;
    }
  | { uniform: [number, number]; source?: string | undefined }
  | { triangular: [number, number, number]; source?: string | undefined }
  | { normal90: [number, number]; source?: string | undefined };

function checkDistribution(domain: Domain, v: RawParam, ctx: z.RefinementCtx): void {
  if (typeof v === "number" || "value" in v) return;
  const b = domainBounds(domain);
  const inDomain = (x: number) => x >= b.min && x <= b.max && !(b.exclusiveMin && x === b.min);
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: "custom", path, message, params: { stratbal: "bad_distribution" } });
  if ("beta" in v) {
    if (domain !== "probability" && domain !== "share") {
      issue(
        ["beta"],
        `a beta distribution describes a probability; this field is ${describeDomain(domain)}`,
      );
    }
    if (v.beta.successes > v.beta.trials) {
      issue(
        ["beta", "successes"],
        `successes (${v.beta.successes}) cannot exceed trials (${v.beta.trials})`,
      );
    }
    return;
  }
  if ("uniform" in v) {
    const [a, c] = v.uniform;
    if (!(a < c)) issue(["uniform"], `expected [low, high] with low < high, got [${a}, ${c}]`);
    if (!inDomain(a) || !inDomain(c)) {
      issue(["uniform"], `both ends must be ${describeDomain(domain)}, got [${a}, ${c}]`);
    }
    return;
  }
  if ("triangular" in v) {
    const [a, m, c] = v.triangular;
    if (!(a <= m && m <= c && a < c)) {
      issue(
        ["triangular"],
        `expected [low, mode, high] with low <= mode <= high and low < high, got [${a}, ${m}, ${c}]`,
      );
    }
    if (!inDomain(a) || !inDomain(c)) {
      issue(["triangular"], `all points must be ${describeDomain(domain)}, got [${a}, ${m}, ${c}]`);
    }
    return;
  }
  const [lo, hi] = v.normal90;
  if (!(lo < hi))
    issue(
      ["normal90"],
      `expected the 90% interval [low, high] with low < high, got [${lo}, ${hi}]`,
    );
  if (!inDomain(lo) || !inDomain(hi)) {
    issue(
      ["normal90"],
      `the 90% interval must lie within ${describeDomain(domain)}, got [${lo}, ${hi}]`,
    );
  }
}

function toParam(domain: Domain, v: RawParam): Param {
  if (typeof v === "number") return { value: v };
  const source = v.source !== undefined ? { source: v.source } : {};
  if ("value" in v) return { value: v.value, ...source };
  let dist: Distribution;
  if ("beta" in v) {
    dist = {
      kind: "beta",
      successes: v.beta.successes,
      trials: v.beta.trials,
      prior: v.beta.prior ?? "uniform",
    };
  } else if ("uniform" in v) {
    dist = { kind: "uniform", low: v.uniform[0], high: v.uniform[1] };
  } else if ("triangular" in v) {
    dist = {
      kind: "triangular",
      low: v.triangular[0],
      mode: v.triangular[1],
      high: v.triangular[2],
    };
  } else {
    dist = { kind: "normal90", low: v.normal90[0], high: v.normal90[1] };
  }
  return { value: toDomainValue(domain, distributionMean(dist)), dist, ...source };
}

/** A plain parameter (no distribution), e.g. for defaults. */
export function fixed(value: number): Param {
  return { value };
}
