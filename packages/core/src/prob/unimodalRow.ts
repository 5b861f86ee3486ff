import type { Pmf } from "./pmf.ts";
import { DEFAULT_PRUNE_TOLERANCE } from "./pmf.ts";

/**
 * Builds the PMF of a log-concave distribution on `lo..hi` outward from its mode, using the
 * ratio `ratioUp(k) = P(k+1)/P(k)` and stopping each tail once a geometric bound on what is left
 * falls below `tolerance / 2`. Log-concavity makes the ratios decrease, so the bound
 * `P(k) r / (1 - r)` is an upper bound on the tail beyond k. The anchor `logAt(mode)` is
 * recomputed every 512 steps so that rounding in the recurrence cannot drift.
 */
export function unimodalRow(
  lo: number,
  hi: number,
  mode: number,
  logAt: (k: number) => number,
  ratioUp: (k: number) => number,
  tolerance: number = DEFAULT_PRUNE_TOLERANCE,
): Pmf {
  if (lo === hi) return { offset: lo, mass: Float64Array.of(Math.exp(logAt(lo))), pruned: 0 };
  const half = tolerance / 2;
  const up: number[] = [];
  const down: number[] = [];
  const pMode = Math.exp(logAt(mode));
  let prunedUp = 0;
  let prunedDown = 0;

  let pk = pMode;
  for (let k = mode; k < hi;) {
    const r = ratioUp(k);
    const next = pk * r;
    k++;
    const pNext = (k - mode) % 512 === 0 ? Math.exp(logAt(k)) : next;
    if (pNext === 0) break;
    if (k < hi) {
      const rNext = ratioUp(k);
      if (rNext < 1) {
        const bound = (pNext * rNext) / (1 - rNext);
        if (pNext + bound <= half) {
          prunedUp = pNext + bound;
          break;
        }
      }
    }
    up.push(pNext);
    pk = pNext;
  }

  pk = pMode;
  for (let k = mode; k > lo;) {
    const r = ratioUp(k - 1); // P(k)/P(k-1)
    const prev = pk / r;
    k--;
    const pPrev = (mode - k) % 512 === 0 ? Math.exp(logAt(k)) : prev;
    if (pPrev === 0 || !Number.isFinite(pPrev)) break;
    if (k > lo) {
      const rPrev = 1 / ratioUp(k - 1); // P(k-1)/P(k)
      if (rPrev < 1) {
        const bound = (pPrev * rPrev) / (1 - rPrev);
        if (pPrev + bound <= half) {
          prunedDown = pPrev + bound;
          break;
        }
      }
    }
    down.push(pPrev);
    pk = pPrev;
  }

  const mass = new Float64Array(down.length + 1 + up.length);
  for (let i = 0; i < down.length; i++) mass[down.length - 1 - i] = down[i]!;
  mass[down.length] = pMode;
  for (let i = 0; i < up.length; i++) mass[down.length + 1 + i] = up[i]!;
  return { offset: mode - down.length, mass, pruned: prunedUp + prunedDown };
}
