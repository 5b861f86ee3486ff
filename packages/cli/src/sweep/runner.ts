import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { shardSize } from "@stratbal/core";
import { pool as makePool } from "workerpool";
import type { EvaluationFailure, SweepJob } from "./job.ts";
import { evaluateRange, makeEvaluator } from "./job.ts";

/** How a run ended. `values` holds the outputs of every position of the shard when complete. */
export type RunResult =
  | { readonly status: "done"; readonly values: Float64Array }
  | { readonly status: "stopped"; readonly done: number; readonly total: number }
  | { readonly status: "failed"; readonly failure: EvaluationFailure };

export interface RunOptions {
  /** 1 runs in this thread; more run in a pool of worker threads. */
  readonly workers: number;
  /** Called as evaluations finish. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Set by a signal handler; the run stops as soon as it can. */
  readonly stop?: { requested: boolean; wake?: (() => void) | undefined };
  /** Force the worker pool even for one worker (benchmarks compare the two). */
  readonly pool?: boolean;
}

/**
 * The built worker script: beside the bundle when running from dist/, else in ../dist (running
 * from source under tsx or vitest; worker .ts entries do not load on Node 20, see STACK.md).
 */
export function workerScript(): string | undefined {
  for (const rel of ["./worker.mjs", "../../dist/worker.mjs"]) {
    const url = new URL(rel, import.meta.url);
    if (url.protocol === "file:" && existsSync(url)) return fileURLToPath(url);
  }
  return undefined;
}

/** Positions per worker task: small enough for a live progress bar, big enough to amortise messages. */
function chunkSize(total: number, workers: number): number {
  return Math.max(1, Math.min(16, Math.ceil(total / (workers * 40))));
}

/**
 * Runs every evaluation of a job's shard and returns the outputs position-major. Positions are
 * filled by index, so the result is the same bits for any number of workers.
 */
export async function runJob(job: SweepJob, options: RunOptions): Promise<RunResult> {
  const total = shardSize(gridTotal(job), job.shard.index, job.shard.count);
  const k = job.outputs.length;
  const values = new Float64Array(total * k);
  const progress = options.onProgress ?? (() => {});
  const stop = options.stop ?? { requested: false };
  let done = 0;
  progress(0, total);

  if (options.workers <= 1 && !options.pool) {
    const ev = makeEvaluator(job);
    for (let pos = 0; pos < total; pos++) {
      // Yield to the event loop so that Ctrl-C (and the progress bar) get their turn.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (stop.requested) return { status: "stopped", done, total };
      const r = evaluateRange(ev, pos, pos + 1);
      if (!r.ok) return { status: "failed", failure: r.failure };
      values.set(r.values, pos * k);
      progress(++done, total);
    }
    return { status: "done", values };
  }

  const script = workerScript();
  if (!script) {
    throw new Error(
      "the sweep worker is not built (packages/cli/dist/worker.mjs); run `npm run build` or use --workers 1",
    );
  }
  const pool = makePool(script, {
    workerType: "thread",
    maxWorkers: options.workers,
    // Node keeps the process alive for idle workers; the pool is terminated below.
    workerTerminateTimeout: 1000,
    // The job (scenario, axes, plan) crosses to each thread once, not with every task.
    workerThreadOpts: { workerData: { job } },
  });
  const chunk = chunkSize(total, options.workers);
  let failure: EvaluationFailure | undefined;
  let stopped = false;
  const terminate = () => {
    stopped = true;
    void pool.terminate(true);
  };
  stop.wake = terminate;
  if (stop.requested) terminate();
  const tasks: Promise<void>[] = [];
  for (let start = 0; start < total && !stopped; start += chunk) {
    const end = Math.min(total, start + chunk);
    tasks.push(
      pool.exec("evaluate", [start, end]).then(
        (r: { ok: true; values: Float64Array } | { ok: false; failure: EvaluationFailure }) => {
          if (!r.ok) {
            if (!failure || r.failure.evaluation < failure.evaluation) failure = r.failure;
            terminate();
            return;
          }
          values.set(r.values, start * k);
          done += end - start;
          progress(done, total);
        },
        (err: unknown) => {
          // Tasks cancelled by a stop or a failure elsewhere end here; anything else is a bug.
          if (!stopped) throw err;
        },
      ),
    );
  }
  try {
    await Promise.all(tasks);
  } finally {
    stop.wake = undefined;
    await pool.terminate(stopped);
  }
  if (failure) return { status: "failed", failure };
  if (stopped || stop.requested) return { status: "stopped", done, total };
  return { status: "done", values };
}

/** Evaluations in the whole sweep (all shards): grid points × max(samples, 1). */
export function gridTotal(job: Pick<SweepJob, "axes" | "samples">): number {
  return job.axes.reduce((n, a) => n * a.values.length, 1) * Math.max(job.samples, 1);
}
