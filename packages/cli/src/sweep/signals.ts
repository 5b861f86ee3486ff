/** Exit codes of a run stopped by a signal (128 + signal number, as shells report them). */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/** A stop request shared by the runner, the writer and the signal handler. */
export interface StopState {
  requested: boolean;
  signal?: keyof typeof SIGNAL_EXIT;
  /** Wakes the runner (terminates the worker pool). */
  wake?: (() => void) | undefined;
  /** Also tells an atomic write in progress to drop its temporary file. */
  interrupted: boolean;
  temp?: string | undefined;
}

/**
 * Runs `fn` with Ctrl-C (SIGINT) and SIGTERM (Slurm at its time limit, Kubernetes on eviction)
 * turned into a stop request instead of an abrupt exit, so that workers are stopped and no
 * partial output is left; the handlers are removed afterwards.
 */
export async function withStopSignals<T>(fn: (stop: StopState) => Promise<T>): Promise<T> {
  const stop: StopState = { requested: false, interrupted: false };
  const handler = (signal: keyof typeof SIGNAL_EXIT) => () => {
    stop.requested = true;
    stop.interrupted = true;
    stop.signal ??= signal;
    stop.wake?.();
  };
  const onInt = handler("SIGINT");
  const onTerm = handler("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  try {
    return await fn(stop);
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  }
}
