import type { Parameters } from "fast-check";

// How many inputs each fuzz property tries, and from which seed (docs/fuzzing.md).
//
// Inside `npx vitest run` (CI) every property runs a small fixed number of times from a fixed
// seed, so that the suite is quick and a failure reproduces. `npm run fuzz` (scripts/fuzz.mjs)
// sets FUZZ_RUNS and a random FUZZ_SEED, printed at the start; fast-check prints the seed and the
// path of a failing case, and FUZZ_SEED=<seed> FUZZ_PATH=<path> replays exactly that case.

const env = (name: string): string | undefined => {
  const v = process.env[name];
  return v === undefined || v.trim() === "" ? undefined : v.trim();
};

function integerEnv(name: string): number | undefined {
  const raw = env(name);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

/** The seed of the CI pass: fixed, so that every CI run checks the same inputs. */
export const CI_SEED = 20_260_501;

/** Set by `npm run fuzz`: runs per property (replaces each property's CI count). */
export const FUZZ_RUNS = integerEnv("FUZZ_RUNS");
/** Seed of every property (the CI seed unless FUZZ_SEED is set). */
export const FUZZ_SEED = integerEnv("FUZZ_SEED") ?? CI_SEED;
/** Replays one failing case: the `path` fast-check printed with the seed. */
export const FUZZ_PATH = env("FUZZ_PATH");
/** True in the long pass: more runs, and time limits to match. */
export const LONG_PASS = FUZZ_RUNS !== undefined;
/** FUZZ_SHRINK=0: report the first failing case as found (shrinking reruns slow CLI cases). */
const SHRINK = LONG_PASS && env("FUZZ_SHRINK") !== "0";

/** A CLI run slower than this is reported (FUZZ_SLOW_MS, default 5 s); a hang fails the test. */
export const SLOW_MS = integerEnv("FUZZ_SLOW_MS") ?? 5_000;

/**
 * fast-check parameters for a property that runs `ciRuns` times in CI. In the long pass,
 * FUZZ_RUNS replaces the count, scaled by `weight` (cheap properties run more often).
 */
export function fuzzParameters<T>(ciRuns: number, weight = 1): Parameters<T> {
  const numRuns =
    FUZZ_PATH !== undefined
      ? 1
      : FUZZ_RUNS !== undefined
        ? Math.max(1, Math.round(FUZZ_RUNS * weight))
        : ciRuns;
  return {
    seed: FUZZ_SEED,
    numRuns,
    ...(FUZZ_PATH !== undefined ? { path: FUZZ_PATH } : {}),
    // CI reports the first failing case at once (with its seed and path); the long pass shrinks
    // it to a small counterexample, which reruns the CLI many times.
    endOnFailure: !SHRINK,
  };
}

/** Vitest timeout of one fuzz test: generous in the long pass, a hang still fails in CI. */
export function fuzzTimeout(ciMs: number): number {
  return LONG_PASS ? 24 * 3600 * 1000 : ciMs;
}

/** Inputs that took longer than SLOW_MS, reported at the end of each fuzz file. */
export const slowRuns: { what: string; ms: number; detail: string }[] = [];

/** Records a run that took `ms`; returns the same duration. */
export function noteDuration(what: string, ms: number, detail: string): number {
  if (ms > SLOW_MS) slowRuns.push({ what, ms, detail });
  return ms;
}

/** Prints the slow runs (if any) so that the long pass reports them. */
export function reportSlowRuns(file: string): void {
  if (slowRuns.length === 0) return;
  const lines = slowRuns.map((r) => `  ${r.what}: ${Math.round(r.ms)} ms\n${r.detail}`);
  process.stderr.write(
    `[fuzz] ${file}: ${slowRuns.length} run(s) slower than ${SLOW_MS} ms:\n${lines.join("\n")}\n`,
  );
  slowRuns.length = 0;
}
