// The numbers inside a parameter given as a distribution, as the form edits them: a beta's
// successes and trials, the ends (and mode) of a uniform, triangular or normal90. Each part is a
// path below the parameter, so a form edit replaces exactly that number in the YAML.
import type { Distribution } from "@stratbal/core";

export interface DistributionPart {
  /** Path below the parameter: `["beta", "successes"]`, `["uniform", 0]`. */
  readonly sub: readonly (string | number)[];
  readonly label: string;
  readonly integer: boolean;
}

const PARTS: Readonly<Record<Distribution["kind"], readonly DistributionPart[]>> = {
  beta: [
    { sub: ["beta", "successes"], label: "successes", integer: true },
    { sub: ["beta", "trials"], label: "trials", integer: true },
  ],
  uniform: [
    { sub: ["uniform", 0], label: "low", integer: false },
    { sub: ["uniform", 1], label: "high", integer: false },
  ],
  triangular: [
    { sub: ["triangular", 0], label: "low", integer: false },
    { sub: ["triangular", 1], label: "mode", integer: false },
    { sub: ["triangular", 2], label: "high", integer: false },
  ],
  normal90: [
    { sub: ["normal90", 0], label: "5th percentile", integer: false },
    { sub: ["normal90", 1], label: "95th percentile", integer: false },
  ],
};

/** The editable numbers of a distribution of this kind, in the order the YAML writes them. */
export function distributionParts(kind: Distribution["kind"]): readonly DistributionPart[] {
  return PARTS[kind];
}

/** The values of a parsed distribution's parts, in `distributionParts` order. */
export function distributionValues(d: Distribution): number[] {
  switch (d.kind) {
    case "beta":
      return [d.successes, d.trials];
    case "uniform":
      return [d.low, d.high];
    case "triangular":
      return [d.low, d.mode, d.high];
    case "normal90":
      return [d.low, d.high];
    default:
      return d satisfies never;
  }
}
