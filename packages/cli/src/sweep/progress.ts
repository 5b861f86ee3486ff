import { SingleBar } from "cli-progress";
import type { Io } from "../io.ts";

/**
 * A progress bar with rate and ETA on stderr, drawn only when stderr is a terminal (piped or
 * redirected output stays quiet).
 */
export function progressBar(
  io: Io,
  label: string,
): { update(done: number, total: number): void; stop(): void } {
  if (!io.stderrIsTty) return { update() {}, stop() {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} |{bar}| {percentage}% | {value}/{total} evaluations | {rate}/s | ETA {eta_formatted}`,
    barCompleteChar: "█",
    barIncompleteChar: "░",
    hideCursor: true,
    etaBuffer: 200,
    fps: 5,
    clearOnComplete: true,
  });
  const start = io.now();
  let started = false;
  return {
    update(done, total) {
      const seconds = Math.max((io.now() - start) / 1000, 1e-3);
      const rate = (done / seconds).toFixed(done / seconds < 10 ? 2 : 0);
      if (!started) {
        bar.start(total, done, { rate });
        started = true;
      } else bar.update(done, { rate });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
