import { availableParallelism } from "node:os";
import type { MonteCarloSummary, Tornado } from "@stratbal/core";
import { gridPoint, gridSize, monteCarloSummary, shardSize, sweepOutputs } from "@stratbal/core";
import type { Scenario } from "@stratbal/scenario";
import { describeDomain, listParams, suggest, toSamplingPlan } from "@stratbal/scenario";
import type { Command } from "commander";
import { FlagReader } from "../flags.ts";
import { fmt, table, toJson } from "../format.ts";
import type { Io, UsageIssue } from "../io.ts";
import { EXIT, ModelError, UsageError, formatIssue } from "../io.ts";
import { ScenarioFileError, printWarnings, readScenarioFile } from "../scenarioFile.ts";
import { checkOutPath, outputExistsIssue, writeShard, writeTable } from "../sweep/files.ts";
import type { SweepHeader } from "../sweep/header.ts";
import { makeHeader } from "../sweep/header.ts";
import type { SweepJob } from "../sweep/job.ts";
import { makeEvaluator } from "../sweep/job.ts";
import { progressBar } from "../sweep/progress.ts";
import { runJob } from "../sweep/runner.ts";
import type { StopState } from "../sweep/signals.ts";
import { SIGNAL_EXIT, withStopSignals } from "../sweep/signals.ts";
import type { SweepTable } from "../sweep/table.ts";
import { sweepTable } from "../sweep/table.ts";
import { parseVary } from "../sweep/vary.ts";

interface SweepFlags {
  vary?: string[];
  output?: string[];
  samples?: string;
  seed?: string;
  workers?: string;
  shard?: string;
  out?: string;
  force?: boolean;
  perSample?: boolean;
  sensitivity?: string;
  listParams?: boolean;
  listOutputs?: boolean;
  json?: boolean;
  timing?: boolean;
}

/** Outputs reported when --output is not given: the stability index with and without defenses. */
export const DEFAULT_OUTPUTS = ["firstStrikeStability", "withoutDefenses.firstStrikeStability"];
/** Samples per grid point when a scenario has distributions and says nothing else. */
export const DEFAULT_SAMPLES = 200;
/** Seed when neither the flag nor the scenario gives one: fixed, so that reruns and shards agree. */
export const DEFAULT_SEED = 1;
/** Most evaluations one sweep may have (all shards). */
export const MAX_EVALUATIONS = 2 ** 31 - 1;
/** Most output values one process holds (8 bytes each): beyond it, split the sweep with --shard. */
export const MAX_VALUES_PER_PROCESS = 2 ** 27;

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function configureSweep(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command("sweep")
    .summary("sweep parameters over a grid, with Monte Carlo uncertainty, across all cores")
    .description(
      "Evaluates a scenario at every point of a grid (--vary, crossed) and, when\n" +
        "parameters are distributions, over Monte Carlo samples at each point\n" +
        "(DESIGN §2.6): per grid point the mean, sd, Monte Carlo standard error and\n" +
        "5/50/95 percentiles of each output. Each sample has its own seeded stream, so\n" +
        "results are bit-identical for any --workers and any --shard split.\n" +
        "See docs/uncertainty.md.",
    )
    .argument("<file>", "scenario file (YAML or JSON)")
    .option(
      "--vary <PATH=FROM:TO:STEPS>",
      "vary a parameter over STEPS evenly spaced values (or PATH=V1,V2,…); repeat to cross",
      collect,
    )
    .option(
      "--output <names>",
      `outputs to report, comma-separated (default ${DEFAULT_OUTPUTS.join(",")})`,
      collect,
    )
    .option(
      "--samples <n>",
      `Monte Carlo samples per grid point; 0 for nominal values (default: the scenario's, else ${DEFAULT_SAMPLES} when it has distributions)`,
    )
    .option(
      "--seed <s>",
      `seed, a whole number below 2^32 (default: the scenario's, else ${DEFAULT_SEED})`,
    )
    .option("--workers <k>", "worker threads (default: every core)")
    .option(
      "--shard <K/N>",
      "compute only shard K of N (K from 0); join shard files with `stratbal merge`",
    )
    .option("--out <file>", "output file: .csv, .json or .parquet (shards: .json or .parquet)")
    .option("--force", "replace the --out file if it exists (atomically, once the run is complete)")
    .option(
      "--per-sample",
      "one row per evaluation (with its parameter values) instead of summaries",
    )
    .option("--sensitivity <output>", "add the tornado table of rank importance for this output")
    .option("--list-params", "list the parameters --vary can name, and exit")
    .option("--list-outputs", "list the outputs --output can name, and exit")
    .option("--json", "print a JSON summary of the run on stdout")
    .option("--timing", "print compute_ms=<milliseconds> on stderr")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  stratbal sweep scenarios/us-russia-2017.yaml --list-params",
        "  stratbal sweep s.yaml --vary sides.us.defenses.gmd.layers.gmd-mid.interceptors=0:400:41 --out fsi.csv",
        "  stratbal sweep s.yaml --samples 1000 --sensitivity firstStrikeStability --out mc.json",
        '  stratbal sweep s.yaml --vary … --shard "$SLURM_ARRAY_TASK_ID/16" --out part-$SLURM_ARRAY_TASK_ID.parquet',
        "",
      ].join("\n"),
    )
    .action(async (file: string, flags: SweepFlags) => {
      setExit(await sweepCommand(file, flags, io));
    });
}

/** A parsed `--shard K/N`. */
export function parseShard(
  raw: string | undefined,
  issues: UsageIssue[],
): { index: number; count: number } {
  if (raw === undefined) return { index: 0, count: 1 };
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1) || !(index < count) || count > 1_000_000) {
    issues.push({
      code: "invalid_flag",
      where: "--shard",
      message:
        `expected K/N with 0 <= K < N <= 1,000,000 (shards count from 0, like ` +
        `$SLURM_ARRAY_TASK_ID with --array=0-(N-1) and Kubernetes' $JOB_COMPLETION_INDEX), got "${raw}"`,
    });
    return { index: 0, count: 1 };
  }
  return { index, count };
}

async function sweepCommand(file: string, flags: SweepFlags, io: Io): Promise<number> {
  const reader = new FlagReader();
  const samplesFlag = reader.number("--samples", flags.samples, {
    integer: true,
    min: 0,
    max: 10_000_000,
  });
  const seedFlag = reader.number("--seed", flags.seed, { integer: true, min: 0, max: 2 ** 32 - 1 });
  const workersFlag = reader.number("--workers", flags.workers, {
    integer: true,
    min: 1,
    max: 1024,
  });
  const shard = parseShard(flags.shard, reader.issues);
  const listing = flags.listParams || flags.listOutputs;
  if (!listing && flags.out === undefined) {
    reader.issues.push({
      code: "missing_flag",
      where: "--out",
      message: "is required (a .csv, .json or .parquet file)",
    });
  }

  let loaded: Awaited<ReturnType<typeof readScenarioFile>>;
  try {
    loaded = await readScenarioFile(file);
  } catch (err) {
    if (!(err instanceof ScenarioFileError)) throw err;
    // Report bad flags and a bad file together: one line per problem (--vary and --output need
    // the scenario, so only the flags that stand alone are checked here).
    for (const i of reader.issues) io.stderr(formatIssue(i) + "\n");
    throw err;
  }
  const { scenario, warnings } = loaded;
  printWarnings(io, warnings);
  const sideIds = [scenario.sides[0]!.id, scenario.sides[1]!.id] as const;
  if (flags.listParams) {
    io.stdout(listParamsText(scenario));
    return EXIT.ok;
  }
  if (flags.listOutputs) {
    io.stdout(
      table(
        ["output", "model", "meaning"],
        sweepOutputs(sideIds).map((o) => [
          o.name,
          o.full ? "analyze" : "stabilityIndex",
          o.description,
        ]),
      ),
    );
    return EXIT.ok;
  }

  const issues = reader.issues;
  const params = listParams(scenario);
  const vary = parseVary(flags.vary ?? [], params, file);
  issues.push(...vary.issues);

  const names =
    flags.output !== undefined
      ? flags.output.flatMap((o) => o.split(",")).map((o) => o.trim())
      : DEFAULT_OUTPUTS;
  const known = sweepOutputs(sideIds).map((o) => o.name);
  const seenNames = new Set<string>();
  for (const name of names) {
    if (name === "") {
      issues.push({ code: "invalid_flag", where: "--output", message: "has an empty name" });
    } else if (!known.includes(name)) {
      const hint = suggest(name, known);
      issues.push({
        code: "unknown_output",
        where: `--output ${name}`,
        message:
          "is not an output" +
          (hint ? ` (did you mean ${hint}?)` : "; `stratbal sweep FILE --list-outputs` lists them"),
      });
    } else if (seenNames.has(name)) {
      issues.push({
        code: "duplicate_output",
        where: `--output ${name}`,
        message: "is given twice",
      });
    }
    seenNames.add(name);
  }

  const { plan } = toSamplingPlan(scenario);
  let samples =
    samplesFlag ?? scenario.uncertainty?.samples ?? (plan.params.length > 0 ? DEFAULT_SAMPLES : 0);
  if (samples > 0 && plan.params.length === 0) {
    if (samplesFlag !== undefined) {
      io.stderr(
        `⚠ --samples ${samples}: no parameter of ${file} is a distribution, so every sample would be the same; reporting nominal values\n`,
      );
    }
    samples = 0;
  }
  if (samples === 1) {
    issues.push({
      code: "out_of_range",
      where: samplesFlag === 1 ? "--samples" : `${file}: uncertainty.samples`,
      message: "one sample has no spread; give 0 (nominal values) or at least 2",
    });
  }
  const seed = seedFlag ?? scenario.uncertainty?.seed ?? DEFAULT_SEED;

  const sensitivity = flags.sensitivity ?? null;
  if (sensitivity !== null) {
    if (!names.includes(sensitivity)) {
      issues.push({
        code: "invalid_flag",
        where: "--sensitivity",
        message: `${sensitivity} is not among the outputs (${names.join(", ")}); add it to --output`,
      });
    } else if (flags.perSample) {
      issues.push({
        code: "conflicting_flags",
        where: "--sensitivity --per-sample",
        message:
          "the per-sample layout has no summary columns for the tornado; run the two separately",
      });
    } else if (samples < 2) {
      issues.push({
        code: "invalid_flag",
        where: "--sensitivity",
        message:
          "needs Monte Carlo samples: parameters given as distributions and --samples of at least 2",
      });
    }
  }

  const points = gridSize(vary.axes);
  const evaluations = points * Math.max(samples, 1);
  if (vary.issues.length === 0 && evaluations > MAX_EVALUATIONS) {
    issues.push({
      code: "too_large",
      where: "--vary",
      message: `${evaluations.toLocaleString("en-US")} evaluations is more than one sweep may have (${MAX_EVALUATIONS.toLocaleString("en-US")})`,
    });
  }
  const mine = shardSize(evaluations, shard.index, shard.count);
  if (
    vary.issues.length === 0 &&
    evaluations <= MAX_EVALUATIONS &&
    mine * names.length > MAX_VALUES_PER_PROCESS
  ) {
    const n = Math.ceil((evaluations * names.length) / MAX_VALUES_PER_PROCESS);
    issues.push({
      code: "too_large",
      where: flags.shard !== undefined ? "--shard" : "--vary",
      message:
        `${mine.toLocaleString("en-US")} evaluations × ${names.length} outputs is more than one process holds; ` +
        `split the sweep with --shard K/${n} (or more) and join the parts with \`stratbal merge\``,
    });
  }
  if (flags.out !== undefined) {
    const sharded = flags.shard !== undefined;
    const outIssues = await checkOutPath(
      "--out",
      flags.out,
      [file],
      sharded ? ["json", "parquet"] : ["csv", "json", "parquet"],
      flags.force === true,
    );
    for (const i of outIssues) {
      issues.push(
        i.code === "bad_output_format" && sharded
          ? {
              ...i,
              message: `a shard file carries its sweep's description, so it is .json or .parquet (got "${flags.out}"); \`stratbal merge\` writes the final .csv`,
            }
          : i,
      );
    }
  }
  if (issues.length > 0) throw new UsageError(issues);
  const out = flags.out!;

  const header = makeHeader({
    scenario,
    axes: vary.axes,
    samples,
    seed,
    outputs: names,
    perSample: flags.perSample ?? false,
    sensitivity,
    plan,
    evaluations,
  });
  const job: SweepJob = {
    id: header.sweepId,
    scenario,
    axes: header.vary,
    samples,
    seed,
    outputs: names,
    plan,
    shard,
  };
  const workers = Math.max(1, Math.min(workersFlag ?? availableParallelism(), mine));
  const bar = progressBar(
    io,
    flags.shard !== undefined ? `shard ${shard.index}/${shard.count}` : "sweep",
  );

  return withStopSignals(async (stop) => {
    const t0 = io.now();
    let result;
    try {
      result = await runJob(job, { workers, onProgress: (d, t) => bar.update(d, t), stop });
    } finally {
      bar.stop();
    }
    const computeMs = io.now() - t0;
    if (result.status === "stopped") return interrupted(io, stop, result.done, result.total);
    if (result.status === "failed") {
      const ev = makeEvaluator(job);
      const { point, sample } = ev.locate(result.failure.evaluation);
      const at = gridPoint(job.axes, point)
        .map((v, i) => `${job.axes[i]!.path} = ${v}`)
        .join(", ");
      throw new ModelError(
        result.failure.code,
        `grid point ${point}${at ? ` (${at})` : ""}${samples > 0 ? `, sample ${sample}` : ""}: ${result.failure.message}`,
      );
    }
    if (flags.timing) io.stderr(`compute_ms=${computeMs.toFixed(3)}\n`);
    let written: boolean;
    let tableOut: SweepTable | undefined;
    const replace = { replace: flags.force === true };
    try {
      if (flags.shard !== undefined) {
        written = await writeShard(out, { header, shard, values: result.values }, stop, replace);
      } else {
        tableOut = sweepTable(header, result.values);
        written = await writeTable(out, header, tableOut, stop, replace);
      }
    } catch (err) {
      throw outputExistsIssue(err, "--out");
    }
    if (!written) return interrupted(io, stop, mine, mine);
    if (flags.json)
      io.stdout(toJson(runJson(out, header, shard, mine, workers, computeMs, result.values)));
    else io.stdout(report(out, header, shard, mine, workers, result.values, tableOut));
    return EXIT.ok;
  });
}

function interrupted(io: Io, stop: StopState, done: number, total: number): number {
  const pct = total > 0 ? ` (${((100 * done) / total).toFixed(1)}%)` : "";
  io.stderr(
    `✖ interrupted by ${stop.signal ?? "a signal"}: ${done.toLocaleString("en-US")} of ` +
      `${total.toLocaleString("en-US")} evaluations had finished${pct}; no output file was written\n`,
  );
  return SIGNAL_EXIT[stop.signal ?? "SIGINT"];
}

function describeRun(
  header: SweepHeader,
  shard: { index: number; count: number },
  mine: number,
  workers: number,
): string {
  const points = gridSize(header.vary);
  const n = (x: number) => x.toLocaleString("en-US");
  const size =
    header.samples > 0
      ? `${n(points)} grid point${points === 1 ? "" : "s"} × ${n(header.samples)} samples = ${n(header.evaluations)} evaluations, seed ${header.seed}`
      : `${n(points)} grid point${points === 1 ? "" : "s"} at nominal values`;
  const part =
    shard.count > 1
      ? `; shard ${shard.index} of ${shard.count} (from 0): ${n(mine)} evaluations`
      : "";
  return `Sweep of "${header.scenario.title}" (as of ${header.scenario.asOf}): ${size}${part}, ${workers} worker${workers === 1 ? "" : "s"}`;
}

function report(
  out: string,
  header: SweepHeader,
  shard: { index: number; count: number },
  mine: number,
  workers: number,
  values: Float64Array,
  t: SweepTable | undefined,
): string {
  const lines = [describeRun(header, shard, mine, workers)];
  if (!t) {
    lines.push(
      `wrote ${out}; join all ${shard.count} shard files with \`stratbal merge FILES… --out F\``,
    );
    return lines.join("\n") + "\n";
  }
  lines.push(
    `wrote ${out} (${t.rows.toLocaleString("en-US")} row${t.rows === 1 ? "" : "s"}; sweep ${header.sweepId.slice(0, 12)})`,
  );
  const points = gridSize(header.vary);
  if (points === 1 && !header.perSample) {
    lines.push("", ...summaryTable(header, values).trimEnd().split("\n"));
  }
  if (t.tornadoes && points <= 4) {
    t.tornadoes.forEach((tor, p) => {
      const at = gridPoint(header.vary, p)
        .map((v, i) => `${header.vary[i]!.path} = ${v}`)
        .join(", ");
      lines.push(
        "",
        `Rank importance for ${header.sensitivity}${at ? ` at ${at}` : ""} (${tor.n} samples)`,
      );
      lines.push(...tornadoText(tor).trimEnd().split("\n"));
    });
  } else if (t.tornadoes) {
    lines.push(
      `tornado tables for ${header.sensitivity} are in the sensitivity.* columns of ${out}`,
    );
  }
  return lines.join("\n") + "\n";
}

function summaryTable(header: SweepHeader, values: Float64Array): string {
  const k = header.outputs.length;
  const per = Math.max(header.samples, 1);
  const col = (o: number) => Float64Array.from({ length: per }, (_, i) => values[i * k + o]!);
  if (header.samples === 0) {
    return table(
      ["output", "value"],
      header.outputs.map((name, o) => [name, fmt(col(o)[0]!, 6)]),
    );
  }
  const rows = header.outputs.map((name, o) => {
    const s: MonteCarloSummary = monteCarloSummary(col(o));
    return [name, fmt(s.mean, 6), fmt(s.se, 2), `${fmt(s.p05, 4)} – ${fmt(s.p95, 4)}`];
  });
  return table(["output", "mean", "MC s.e.", "90% of samples"], rows);
}

/** A tornado table as text: parameters by rank importance. */
export function tornadoText(t: Tornado): string {
  const rows = t.rows.map((r) => [
    r.param,
    Number.isNaN(r.spearman) ? "fixed" : fmt(r.spearman, 3),
    Number.isNaN(r.prcc) ? "" : fmt(r.prcc, 3),
    Number.isNaN(r.lowMean) ? "" : `${fmt(r.lowMean, 5)} → ${fmt(r.highMean, 5)}`,
  ]);
  return (
    table(["parameter", "Spearman ρ", "partial ρ", "mean output: bottom → top decile"], rows) +
    `|ρ| below ${fmt(t.noise, 2)} is indistinguishable from 0 at the 5% level\n`
  );
}

function runJson(
  out: string,
  header: SweepHeader,
  shard: { index: number; count: number },
  mine: number,
  workers: number,
  computeMs: number,
  values: Float64Array,
): unknown {
  const points = gridSize(header.vary);
  const k = header.outputs.length;
  const per = Math.max(header.samples, 1);
  return {
    out,
    sweepId: header.sweepId,
    scenario: header.scenario,
    seed: header.seed,
    samples: header.samples,
    gridPoints: points,
    evaluations: header.evaluations,
    shard: shard.count > 1 ? { ...shard, evaluations: mine } : null,
    workers,
    computeMs,
    ...(points === 1 && shard.count === 1
      ? {
          results: Object.fromEntries(
            header.outputs.map((name, o) => {
              const col = Float64Array.from({ length: per }, (_, i) => values[i * k + o]!);
              return [name, header.samples > 0 ? monteCarloSummary(col) : col[0]];
            }),
          ),
        }
      : {}),
  };
}

function listParamsText(s: Scenario): string {
  const rows = listParams(s).map((p) => {
    const d = p.param.dist;
    const dist = !d
      ? ""
      : d.kind === "beta"
        ? `beta: ${d.successes} of ${d.trials} (${d.prior} prior)`
        : d.kind === "triangular"
          ? `triangular [${d.low}, ${d.mode}, ${d.high}]`
          : `${d.kind} [${d.low}, ${d.high}]`;
    return [
      p.path,
      describeDomain(p.domain),
      fmt(p.param.value, 6) + (p.defaulted ? " (default)" : ""),
      dist,
    ];
  });
  return table(["parameter", "domain", "nominal", "distribution"], rows);
}
