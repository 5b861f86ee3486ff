/** Thrown when an exact computation would exceed its size or work limit (code `state_too_large`). */
export class ModelLimitError extends Error {
  readonly code = "state_too_large";
}

/**
 * A work meter for the exact computations whose cost grows fastest with their inputs (the
 * shoot-look-shoot enumeration, the general layered engine): each counts its inner steps here, and
 * past the budget a `ModelLimitError` says what to change instead of the command running for
 * hours. `withWorkBudget` sets the budget for one top-level call (calls do not interleave: core is
 * synchronous). Units are inner-loop steps, roughly tens of nanoseconds each.
 */
let remaining = Infinity;
let what = "";

/** Runs `fn` with at most `budget` units of metered work (nested calls keep the outer budget). */
export function withWorkBudget<T>(budget: number, fn: () => T): T {
  if (remaining !== Infinity) return fn();
  remaining = budget;
  try {
    return fn();
  } finally {
    remaining = Infinity;
    what = "";
  }
}

/** Spends `units` of work on `task`; throws `ModelLimitError` once the budget is gone. */
export function spendWork(units: number, task: string): void {
  remaining -= units;
  if (remaining < 0) {
    what = task;
    remaining = Infinity;
    throw new ModelLimitError(
      `the exact ${what} needs more work than the limit allows (it would run for minutes or hours); ` +
        (what.includes("shoot-look-shoot")
          ? `reduce the raid or the inventory it faces, or use a barrage or even-spread doctrine`
          : `reduce the forces or the interceptors involved`),
    );
  }
}

/** Work left in the current budget (Infinity outside `withWorkBudget`): for calibration. */
export function workRemaining(): number {
  return remaining;
}

/** Default work budget of one analysis, race step or engagement: about a minute of computation. */
export const DEFAULT_WORK_BUDGET = 3e9;
