/** One line of `npm run bench`: a timing, and its ratio against a baseline run in the same command. */
export interface BenchResult {
  readonly name: string;
  /** Median milliseconds of the measured implementation. */
  readonly ms: number;
  readonly baseline?: string;
  readonly baselineMs?: number;
  /** baselineMs / ms: how many times faster than the baseline. */
  readonly ratio?: number;
  /** Largest absolute difference between the two results, when they are compared. */
  readonly agreement?: number;
  readonly notes?: string;
}

/** Median of repeated timings of `fn` (after `warmup` untimed runs), in milliseconds. */
export function timeMedian(fn: () => unknown, runs = 5, warmup = 1): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
