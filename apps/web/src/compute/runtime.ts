// The worker's message loop, kept apart from the worker global so it runs in unit tests.
// Latest wins: a request supersedes any queued or running request on the same channel; queued
// ones are dropped unrun, a running progressive job stops at its next pause. Between jobs the
// loop yields so that newer messages are seen before stale work starts.
import { JOBS, JobCancelled, JobError } from "./jobs.ts";
import type { Job, JobContext } from "./jobs.ts";
import type { ComputeKind, ComputeRequest, FromWorker, ToWorker } from "./protocol.ts";

/** Which queued request runs first: fast, interactive results before slow ones. */
const PRIORITY: Readonly<Record<ComputeKind, number>> = {
  engagement: 0,
  treaty: 1,
  richardson: 1,
  balance: 2,
  stabilityMap: 3,
  race: 4,
  uncertainty: 4,
};

export interface RuntimeOptions {
  readonly now?: () => number;
  /** Resolves after messages queued so far have been delivered. */
  readonly yieldToMessages?: () => Promise<void>;
}

export interface Runtime {
  onMessage(msg: ToWorker): void;
  /** Resolves when nothing is queued or running (for tests). */
  idle(): Promise<void>;
}

export function createRuntime(
  post: (msg: FromWorker) => void,
  options: RuntimeOptions = {},
): Runtime {
  const now = options.now ?? (() => performance.now());
  // A macrotask yield. A timer rather than a MessageChannel: in Node a self-posted port message
  // can starve timers and other messages; a 0 ms timer lets everything queued before it run.
  const pause =
    options.yieldToMessages ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const queued = new Map<string, { id: number; request: ComputeRequest }>();
  const running = new Map<string, number>();
  const cancelled = new Set<number>();
  let active = 0;
  let draining = false;
  let idleWaiters: (() => void)[] = [];

  const settle = () => {
    if (active === 0 && queued.size === 0 && !draining) {
      const w = idleWaiters;
      idleWaiters = [];
      for (const f of w) f();
    }
  };

  async function run(channel: string, id: number, request: ComputeRequest): Promise<void> {
    running.set(channel, id);
    active++;
    const ctx: JobContext<ComputeKind> = {
      progress: (progress) => {
        if (!cancelled.has(id)) post({ type: "progress", id, kind: request.kind, progress });
      },
      cancelled: () => cancelled.has(id),
      pause,
    };
    const t0 = now();
    try {
      const job = JOBS[request.kind] as Job<ComputeKind>;
      const result = await job(request as never, ctx);
      if (cancelled.has(id)) post({ type: "superseded", id });
      else post({ type: "result", id, kind: request.kind, result, computeMs: now() - t0 });
    } catch (err) {
      if (err instanceof JobCancelled || cancelled.has(id)) post({ type: "superseded", id });
      else if (err instanceof JobError)
        post({ type: "error", id, code: err.code, message: err.message });
      else {
        const message = err instanceof Error ? err.message : String(err);
        post({ type: "error", id, code: "internal", message: `internal error: ${message}` });
      }
    } finally {
      if (running.get(channel) === id) running.delete(channel);
      cancelled.delete(id);
      active--;
      settle();
    }
  }

  async function drain(): Promise<void> {
    if (draining) return;
    draining = true;
    try {
      // Let every message already sent arrive first: a burst of slider moves collapses to one.
      await pause();
      while (queued.size > 0) {
        let best: [string, { id: number; request: ComputeRequest }] | undefined;
        for (const entry of queued) {
          if (!best || PRIORITY[entry[1].request.kind] < PRIORITY[best[1].request.kind])
            best = entry;
        }
        const [channel, { id, request }] = best!;
        queued.delete(channel);
        void run(channel, id, request);
        await pause();
      }
    } finally {
      draining = false;
      settle();
    }
  }

  function supersede(channel: string): void {
    const q = queued.get(channel);
    if (q) {
      queued.delete(channel);
      post({ type: "superseded", id: q.id });
    }
    const r = running.get(channel);
    if (r !== undefined) cancelled.add(r);
  }

  return {
    onMessage(msg) {
      switch (msg.type) {
        case "run":
          supersede(msg.channel);
          queued.set(msg.channel, { id: msg.id, request: msg.request });
          void drain();
          return;
        case "cancel":
          supersede(msg.channel);
          settle();
          return;
        default:
          return msg satisfies never;
      }
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settle();
      });
    },
  };
}
