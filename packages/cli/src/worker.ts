// The sweep's worker thread (bundled to dist/worker.mjs by scripts/build-cli.mjs): evaluates
// ranges of a sweep's evaluations. Results depend only on (job, evaluation), never on the worker.
// The job arrives once, as the thread's workerData; tasks carry only their range of positions.
import { workerData } from "node:worker_threads";
import { Transfer, worker } from "workerpool";
import type { Evaluator, SweepJob } from "./sweep/job.ts";
import { evaluateRange, makeEvaluator } from "./sweep/job.ts";

let evaluator: Evaluator | undefined;

worker({
  evaluate(start: number, end: number) {
    evaluator ??= makeEvaluator((workerData as { job: SweepJob }).job);
    const r = evaluateRange(evaluator, start, end);
    if (!r.ok) return r;
    return new Transfer(r, [r.values.buffer]);
  },
});
