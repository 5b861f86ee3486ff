// Sweep throughput (scenario evaluations per second) on 1 and 2 workers and the scaling ratio,
// and the time of a 100×100 grid of the 2017 scenario (FSI with and without defenses). Run
// through `npm run bench`, which builds the worker bundle first; or alone with
//   npx tsx -e 'import("./bench/sweep.bench.ts").then((m) => m.benchSweep()).then(console.table)'
// STRATBAL_BENCH_FULL=1 times the whole 100×100 grid instead of projecting it from a slice.
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import type { SweepJob } from "@stratbal/cli";
import { runJob } from "@stratbal/cli";
import type { GridAxis } from "@stratbal/core";
import { linspace } from "@stratbal/core";
import { parseScenario, toSamplingPlan } from "@stratbal/scenario";

export interface BenchResult {
  name: string;
  ms: number;
  baselineMs?: number;
  ratio?: number;
  notes?: string;
}

const INTERCEPTORS = "sides.us.defenses.gmd.layers.gmd-mid.interceptors";
const SSPK = "sides.us.defenses.gmd.layers.gmd-mid.sspk";
const OUTPUTS = ["firstStrikeStability", "withoutDefenses.firstStrikeStability"];

/** The shipped 2017 scenario when it is there, else the test fixture of the same size. */
function scenarioFile(): string {
  const shipped = fileURLToPath(new URL("../scenarios/us-russia-2017.yaml", import.meta.url));
  if (existsSync(shipped)) return shipped;
  return fileURLToPath(new URL("../packages/cli/test/fixtures/sweep-2017.yaml", import.meta.url));
}

function job(
  file: string,
  axes: GridAxis[],
  shard = { index: 0, count: 1 },
  id = `bench-${axes.map((a) => a.values.length).join("x")}-${shard.index}-${shard.count}`,
): SweepJob {
  const scenario = parseScenario(readFileSync(file, "utf8"), { file });
  return {
    id,
    scenario,
    axes,
    samples: 0,
    seed: 1,
    outputs: OUTPUTS,
    plan: toSamplingPlan(scenario).plan,
    shard,
  };
}

/** Wall time of a run, and the cores it kept busy (process CPU time, all threads, over wall time). */
async function timeRun(j: SweepJob, workers: number, pool: boolean): Promise<number> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await runJob(j, { workers, pool });
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  lastCores = (c.user + c.system) / 1000 / ms;
  if (r.status !== "done") throw new Error(`bench sweep ended ${r.status}`);
  return ms;
}

let lastCores = 0;
const busy = () => `${lastCores.toFixed(2)} cores busy`;

const rate = (evaluations: number, ms: number) =>
  `${((evaluations * 1000) / ms).toFixed(2)} eval/s`;

export async function benchSweep(): Promise<BenchResult[]> {
  const file = scenarioFile();
  const out: BenchResult[] = [];
  const cores = availableParallelism();

  // Throughput: a 10 × 16 grid (interceptors × sspk), FSI with and without defenses. Large
  // enough that each worker's start-up and JIT warm-up (a few hundred ms) do not dominate: with
  // 40 evaluations they did, and 2 workers measured slower than 1.
  const small: GridAxis[] = [
    { path: INTERCEPTORS, values: linspace(0, 396, 10) },
    { path: SSPK, values: linspace(0.3, 0.9, 16) },
  ];
  const n = 160;
  // CPU time of the in-process run: what one evaluation costs on an idle core, whatever else
  // the machine is doing (wall times below are only as good as the machine is quiet).
  const cpu0 = process.cpuUsage();
  const inProcess = await timeRun(job(file, small), 1, false);
  const cpu = process.cpuUsage(cpu0);
  const cpuPerEvalMs = (cpu.user + cpu.system) / 1000 / n;
  const pool1 = await timeRun(job(file, small), 1, true);
  const pool1Busy = busy();
  const pool2 = await timeRun(job(file, small), 2, true);
  const pool2Busy = busy();
  out.push({
    name: `sweep ${n} evaluations, 1 worker (in process)`,
    ms: inProcess,
    notes:
      `${rate(n, inProcess)}; CPU ${cpuPerEvalMs.toFixed(1)} ms per evaluation; ` +
      `${file.split("/").slice(-2).join("/")}; load average ${loadavg()[0]!.toFixed(1)} on ${cores} cores`,
  });
  out.push({
    name: `sweep ${n} evaluations, 1 worker thread`,
    ms: pool1,
    baselineMs: inProcess,
    ratio: inProcess / pool1,
    notes: `${rate(n, pool1)}; ${pool1Busy}; ratio = in-process / pool (thread start-up and messaging cost)`,
  });
  out.push({
    name: `sweep ${n} evaluations, 2 worker threads`,
    ms: pool2,
    baselineMs: pool1,
    ratio: pool1 / pool2,
    notes:
      `${rate(n, pool2)}; ${pool2Busy} (at most 2: below that, the machine had no more CPU to give); ` +
      `scaling ratio vs 1 worker thread (target >= 1.7 on 2 cores; ${cores} cores here)`,
  });

  // 100 × 100 grid: timed on a strided slice (shard 0 of 97, a spread of the grid) and
  // projected, unless STRATBAL_BENCH_FULL=1.
  const big: GridAxis[] = [
    { path: INTERCEPTORS, values: linspace(0, 396, 100) },
    { path: SSPK, values: linspace(0.3, 0.9, 100) },
  ];
  const workers = Math.min(2, cores);
  if (process.env["STRATBAL_BENCH_FULL"] === "1") {
    const ms = await timeRun(job(file, big), workers, workers > 1);
    out.push({
      name: "100×100 grid, FSI with and without defenses",
      ms,
      baselineMs: 60_000,
      ratio: 60_000 / ms,
      notes: `${rate(10_000, ms)} on ${workers} workers; ratio = one-minute target / time (>= 1 meets it)`,
    });
  } else {
    const slices = 97;
    const evaluations = Math.ceil(10_000 / slices);
    const ms = await timeRun(job(file, big, { index: 0, count: slices }), workers, workers > 1);
    const projected = ms * (10_000 / evaluations);
    out.push({
      name: "100×100 grid, FSI with and without defenses (projected)",
      ms: projected,
      baselineMs: 60_000,
      ratio: 60_000 / projected,
      notes:
        `${rate(evaluations, ms)} on ${workers} workers (${busy()}) over ${evaluations} strided grid points, ` +
        `projected to 10,000 (idle-core estimate from CPU time: ${((cpuPerEvalMs * 10_000) / workers / 1000).toFixed(0)} s); ` +
        `ratio = one-minute target / time (>= 1 meets it); STRATBAL_BENCH_FULL=1 times it all`,
    });
  }
  return out;
}
