// The outer Monte Carlo in plain words and as chart rows: each output's mean with its Monte Carlo
// standard error and the 5–95% band of the samples, histograms, and the tornado's reading.
import type { Distribution, MonteCarloSummary, Tornado } from "@stratbal/core";
import { fmtNum } from "./readings.ts";

/** A distribution in words, as the scenario writes it. */
export function distributionWords(d: Distribution): string {
  switch (d.kind) {
    case "beta":
      return `beta from ${d.successes} successes in ${d.trials} trials (${d.prior} prior)`;
    case "uniform":
      return `uniform on [${d.low}, ${d.high}]`;
    case "triangular":
      return `triangular on [${d.low}, ${d.high}], mode ${d.mode}`;
    case "normal90":
      return `normal with 90% in [${d.low}, ${d.high}]`;
    default:
      return d satisfies never;
  }
}

/** Whether an output varies over the samples (the summary's sd is exactly 0 when it does not). */
export function varies(s: MonteCarloSummary): boolean {
  return s.n > 1 && s.sd > 0;
}

/** Significant digits enough to show a spread of `sd` around `mean` (3 at least, 8 at most). */
export function digitsFor(mean: number, sd: number): number {
  if (!(sd > 0) || !Number.isFinite(mean) || mean === 0) return 4;
  const d = Math.ceil(Math.log10(Math.abs(mean) / sd)) + 2;
  return Math.max(3, Math.min(8, d));
}

/**
 * One output's summary for prose: "0.8081 ± 0.00013 (Monte Carlo s.e.); 90% of samples
 * 0.8076–0.8093", or "0.8123 in every sample" when it does not vary.
 */
export function summaryText(s: MonteCarloSummary): string {
  if (!varies(s)) return `${fmtNum(s.mean, 6)} in every sample`;
  const d = digitsFor(s.mean, s.sd);
  return (
    `${fmtNum(s.mean, d)} ± ${fmtNum(s.se, 2)} (Monte Carlo s.e.); ` +
    `90% of samples ${fmtNum(s.p05, d)}–${fmtNum(s.p95, d)}`
  );
}

export interface HistogramBin {
  readonly x1: number;
  readonly x2: number;
  readonly count: number;
}

/**
 * A histogram of `values` over [lo, hi] in `bins` equal bins (the last one closed on the right);
 * values outside are not counted. One bin around the value when lo = hi.
 */
export function histogram(
  values: ArrayLike<number>,
  lo: number,
  hi: number,
  bins: number,
): HistogramBin[] {
  const n = Math.max(1, Math.floor(bins));
  if (!(hi > lo)) {
    const h = lo === 0 ? 0.5 : Math.abs(lo) * 1e-6;
    let count = 0;
    for (let i = 0; i < values.length; i++) if (values[i] === lo) count++;
    return [{ x1: lo - h, x2: lo + h, count }];
  }
  const w = (hi - lo) / n;
  const counts = new Array<number>(n).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= lo && v <= hi)) continue;
    counts[Math.min(n - 1, Math.floor((v - lo) / w))]!++;
  }
  return counts.map((count, k) => ({
    x1: lo + k * w,
    x2: k === n - 1 ? hi : lo + (k + 1) * w,
    count,
  }));
}

/** Bins for n samples: about √n, from 5 to 40. */
export function binCount(n: number): number {
  return Math.max(5, Math.min(40, Math.ceil(Math.sqrt(n))));
}

/**
 * The tornado in a sentence: which parameter moves the output most (Spearman's ρ), whether that
 * is distinguishable from noise at this many samples, and how far the output moves between the
 * parameter's bottom and top deciles.
 */
export function tornadoReading(
  t: Tornado,
  output: string,
  label: (path: string) => string,
): string {
  const top = t.rows[0];
  if (!top || Number.isNaN(top.spearman)) {
    return `No uncertain parameter moves ${output} over these ${t.n} samples.`;
  }
  const signif = Math.abs(top.spearman) > t.noise;
  const direction = top.spearman < 0 ? "lowers" : "raises";
  const move =
    Number.isFinite(top.lowMean) && Number.isFinite(top.highMean)
      ? ` (mean ${fmtNum(top.lowMean, 5)} in its bottom decile, ${fmtNum(top.highMean, 5)} in its top)`
      : "";
  const rest = t.rows
    .slice(1)
    .filter((r) => !Number.isNaN(r.spearman) && Math.abs(r.spearman) > t.noise);
  return (
    `${label(top.param)} moves ${output} most: a higher value ${direction} it, rank correlation ` +
    `ρ = ${fmtNum(top.spearman, 3)}${move}` +
    (signif
      ? "."
      : `, but |ρ| below ${fmtNum(t.noise, 2)} is indistinguishable from noise at ${t.n} samples.`) +
    (rest.length > 0
      ? ` Also distinguishable from noise: ${rest.map((r) => `${label(r.param)} (ρ = ${fmtNum(r.spearman, 3)})`).join(", ")}.`
      : t.rows.length > 1
        ? " No other parameter is distinguishable from noise."
        : "")
  );
}

/** What a Monte Carlo output is, for labels: its quantity, side and world. */
export interface OutputInfo {
  readonly quantity: "stability" | "retaliation";
  /** The retaliating side's id (retaliation outputs). */
  readonly side?: string;
  readonly world: "with defenses" | "without defenses";
  readonly label: string;
}

/** Reads one of the Monte Carlo outputs' sweep names (`withoutDefenses.sides.us.secondStrike.delivered.mean`). */
export function outputInfo(name: string, names: Readonly<Record<string, string>>): OutputInfo {
  const without = name.startsWith("withoutDefenses.");
  const world = without ? "without defenses" : "with defenses";
  const rest = without ? name.slice("withoutDefenses.".length) : name;
  const m = /^sides\.(.+)\.secondStrike\.delivered\.mean$/.exec(rest);
  if (m) {
    const side = m[1]!;
    return {
      quantity: "retaliation",
      side,
      world,
      label: `${names[side] ?? side} mean retaliation, ${world}`,
    };
  }
  return { quantity: "stability", world, label: `stability index, ${world}` };
}
