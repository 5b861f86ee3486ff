/** One swept parameter and the values it takes. */
export interface GridAxis {
  readonly path: string;
  readonly values: readonly number[];
}

/**
 * `steps` evenly spaced values from `from` to `to`, both included (one step: `from` alone). The
 * i-th value is from + (to − from)·i/(steps − 1) rounded to 15 significant digits, so that a
 * grid typed in decimals stays in decimals (0.3:0.9:3 gives 0.6, not 0.6000000000000001); the
 * ends are exact.
 * @param steps whole number ≥ 1
 * @example linspace(0, 1, 5) // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(from: number, to: number, steps: number): number[] {
  if (steps === 1) return [from];
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const x = i === steps - 1 ? to : from + ((to - from) * i) / (steps - 1);
    out.push(Math.min(to, Math.max(from, Number(x.toPrecision(15)))));
  }
  return out;
}

/** Number of points in the grid that crosses the axes (1 for no axes). */
export function gridSize(axes: readonly GridAxis[]): number {
  return axes.reduce((n, a) => n * a.values.length, 1);
}

/**
 * The values of grid point `point`: the last axis varies fastest (row-major), so the first
 * `--vary` changes slowest.
 */
export function gridPoint(axes: readonly GridAxis[], point: number): number[] {
  const out = new Array<number>(axes.length);
  let rest = point;
  for (let i = axes.length - 1; i >= 0; i--) {
    const len = axes[i]!.values.length;
    out[i] = axes[i]!.values[rest % len]!;
    rest = Math.floor(rest / len);
  }
  return out;
}

/**
 * A deterministic slice of a run of `total` evaluations (evaluation e = point·samples + sample):
 * shard `index` of `count` takes e = index, index + count, index + 2·count, … Striding spreads
 * cheap and costly grid points evenly over shards; the union of all shards is every evaluation
 * exactly once.
 * @param index shard number from 0 to count − 1
 */
export function shardSize(total: number, index: number, count: number): number {
  return index < total ? Math.floor((total - 1 - index) / count) + 1 : 0;
}

/** The evaluation at position `k` of a shard (see `shardSize`). */
export function shardEvaluation(index: number, count: number, k: number): number {
  return index + k * count;
}
