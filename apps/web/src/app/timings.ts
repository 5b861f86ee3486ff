// The last computation timings, for the status line and for the browser tests that measure the
// slider round trip (read as `window.stratbalTimings`).

export interface Timing {
  readonly channel: string;
  readonly kind: string;
  readonly computeMs: number;
  readonly roundTripMs: number;
  /** When the result arrived (performance.now()). */
  readonly at: number;
}

const MAX = 200;
const timings: Timing[] = [];

export function recordTiming(t: Omit<Timing, "at">): void {
  timings.push({ ...t, at: performance.now() });
  if (timings.length > MAX) timings.shift();
}

declare global {
  interface Window {
    stratbalTimings?: readonly Timing[];
  }
}

if (typeof window !== "undefined") window.stratbalTimings = timings;
