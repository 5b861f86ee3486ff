// The sweep's worker thread (bundled to dist/worker.mjs by scripts/build-cli.mjs): evaluates
// ranges of a sweep's evaluations. Results depend only on (job, evaluation), never on the worker.
import { Transfer, worker } from "workerpool";
import type { Evaluator, SweepJob } from "./sweep/job.ts";
import { evaluateRange, makeEvaluator } from "./sweep/job.ts";

let cached: Evaluator | undefined;

worker({
  evaluate(job: SweepJob, start: number, end: number) {
    if (cached?.job.id !== job.id) cached = makeEvaluator(job);
    const r = evaluateRange(cached, start, end);
    if (!r.ok) return r;
    return new Transfer(r, [r.values.buffer]);
  },
});
