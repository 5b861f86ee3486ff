/**
 * The smallest integer x in [lo, hi] for which `ok(x)` holds, for a predicate that is false below
 * some threshold and true from it on; undefined when `ok(hi)` is false. `lo − 1` is taken to be
 * infeasible without asking. Probes the guess first, then gallops (steps 1, 2, 4, …) toward the
 * threshold, then bisects: O(log |guess − threshold|) probes. The returned x always satisfied
 * `ok` when it was probed, so a predicate that is not quite monotone still gets a feasible answer
 * (perhaps not the smallest one).
 * @example smallestFeasible(1, 1000, (x) => x * x >= 200, 10) // 15
 */
export function smallestFeasible(
  lo: number,
  hi: number,
  ok: (x: number) => boolean,
  guess?: number,
): number | undefined {
  if (!(Number.isInteger(lo) && Number.isInteger(hi))) throw new Error("bounds must be integers");
  if (hi < lo) return undefined;
  let bad = lo - 1; // known infeasible
  let good: number; // known feasible
  const g = Math.min(hi, Math.max(lo, Math.round(guess ?? lo)));
  if (ok(g)) {
    good = g;
    for (let step = 1; good - step > bad; step *= 2) {
      const x: number = good - step;
      if (ok(x)) good = x;
      else {
        bad = x;
        break;
      }
    }
  } else {
    bad = g;
    let found: number | undefined;
    for (let step = 1; bad < hi; step *= 2) {
      const x = Math.min(hi, bad + step);
      if (ok(x)) {
        found = x;
        break;
      }
      bad = x;
    }
    if (found === undefined) return undefined;
    good = found;
  }
  while (good - bad > 1) {
    const mid = bad + Math.floor((good - bad) / 2);
    if (ok(mid)) good = mid;
    else bad = mid;
  }
  return good;
}
