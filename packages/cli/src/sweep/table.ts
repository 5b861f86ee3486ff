import type { Tornado } from "@stratbal/core";
import { gridPoint, makeSampler, monteCarloSummary, tornado } from "@stratbal/core";
import type { SweepHeader } from "./header.ts";

/** A column of a sweep's result table. NaN stands for a missing value. */
export interface Column {
  readonly name: string;
  /** `int`: whole numbers that fit 32 bits; `int64`: the seed; `float`: doubles. */
  readonly kind: "int" | "int64" | "float";
  readonly values: Float64Array;
}

/** The result table of a sweep, column by column, and the tornado tables when asked for. */
export interface SweepTable {
  readonly columns: readonly Column[];
  readonly rows: number;
  /** Per grid point, when the header asks for sensitivity. */
  readonly tornadoes?: readonly Tornado[];
}

const STATS = ["mean", "sd", "se", "p05", "p50", "p95"] as const;

/**
 * Builds the result table from every evaluation's outputs (evaluation-major: values[e·k + i]).
 * Summary layout: one row per grid point with each output's mean, sd, Monte Carlo standard
 * error and 5/50/95 percentiles over the samples (or its nominal value when samples is 0), plus
 * the tornado columns of one output. Per-sample layout: one row per evaluation with the
 * parameter values it used. A pure function of (header, values): a merge of shards builds the
 * same table as the run that did everything.
 */
export function sweepTable(header: SweepHeader, values: Float64Array): SweepTable {
  const points = header.vary.reduce((n, a) => n * a.values.length, 1);
  const per = Math.max(header.samples, 1);
  const k = header.outputs.length;
  const params = header.plan.params;
  const varied = new Set(header.vary.map((a) => a.path));
  // The draws of each sample are the same at every grid point (common random numbers).
  const draws: Float64Array[] = params.map(() => new Float64Array(per));
  if (header.samples > 0) {
    const s = makeSampler(header.plan);
    if (!s.ok) throw new Error("inconsistent correlations in a sweep header");
    for (let i = 0; i < per; i++) {
      const d = s.sampler.draw(header.seed, i);
      params.forEach((_, j) => (draws[j]![i] = d[j]!));
    }
  }
  const grid = (p: number) => gridPoint(header.vary, p);

  if (header.perSample) {
    const rows = points * per;
    const col = (name: string, kind: Column["kind"]) => ({
      name,
      kind,
      values: new Float64Array(rows),
    });
    const point = col("point", "int");
    const sample = col("sample", "int");
    const axes = header.vary.map((a) => col(a.path, "float"));
    const seed = col("seed", "int64");
    const used = header.samples > 0 ? params.filter((p) => !varied.has(p.path)) : [];
    const usedCols = used.map((p) => col(p.path, "float"));
    const usedIdx = used.map((p) => params.indexOf(p));
    const outs = header.outputs.map((o) => col(o, "float"));
    for (let e = 0; e < rows; e++) {
      const p = Math.floor(e / per);
      const i = e % per;
      point.values[e] = p;
      sample.values[e] = i;
      grid(p).forEach((v, a) => (axes[a]!.values[e] = v));
      seed.values[e] = header.seed;
      usedIdx.forEach((j, c) => (usedCols[c]!.values[e] = draws[j]![i]!));
      for (let o = 0; o < k; o++) outs[o]!.values[e] = values[e * k + o]!;
    }
    return { columns: [point, sample, ...axes, seed, ...usedCols, ...outs], rows };
  }

  const col = (name: string, kind: Column["kind"]) => ({
    name,
    kind,
    values: new Float64Array(points),
  });
  const point = col("point", "int");
  const axes = header.vary.map((a) => col(a.path, "float"));
  const samples = col("samples", "int");
  const seed = col("seed", "int64");
  const outCols =
    header.samples > 0
      ? header.outputs.map((o) => STATS.map((s) => col(`${o}.${s}`, "float")))
      : header.outputs.map((o) => [col(o, "float")]);
  const sensIndex = header.sensitivity === null ? -1 : header.outputs.indexOf(header.sensitivity);
  const sensCols =
    sensIndex >= 0 && header.samples > 0
      ? params.map((p) =>
          ["rho", "prcc", "low", "high"].map((s) =>
            col(`sensitivity.${header.sensitivity}.${p.path}.${s}`, "float"),
          ),
        )
      : [];
  const tornadoes: Tornado[] = [];
  const column = new Float64Array(per);
  for (let p = 0; p < points; p++) {
    point.values[p] = p;
    grid(p).forEach((v, a) => (axes[a]!.values[p] = v));
    samples.values[p] = header.samples;
    seed.values[p] = header.seed;
    for (let o = 0; o < k; o++) {
      for (let i = 0; i < per; i++) column[i] = values[(p * per + i) * k + o]!;
      const cols = outCols[o]!;
      if (header.samples === 0) {
        cols[0]!.values[p] = column[0]!;
        continue;
      }
      const s = monteCarloSummary(column);
      STATS.forEach((name, c) => (cols[c]!.values[p] = s[name]));
      if (o === sensIndex) {
        const t = tornado(
          params.map((q, j) => ({
            name: q.path,
            values: varied.has(q.path)
              ? new Float64Array(per).fill(grid(p)[indexOfAxis(header, q.path)]!)
              : draws[j]!,
          })),
          column,
        );
        tornadoes.push(t);
        for (const row of t.rows) {
          const j = params.findIndex((q) => q.path === row.param);
          const c = sensCols[j]!;
          c[0]!.values[p] = row.spearman;
          c[1]!.values[p] = row.prcc;
          c[2]!.values[p] = row.lowMean;
          c[3]!.values[p] = row.highMean;
        }
      }
    }
  }
  return {
    columns: [point, ...axes, samples, seed, ...outCols.flat(), ...sensCols.flat()],
    rows: points,
    ...(sensCols.length > 0 ? { tornadoes } : {}),
  };
}

function indexOfAxis(header: SweepHeader, path: string): number {
  return header.vary.findIndex((a) => a.path === path);
}
