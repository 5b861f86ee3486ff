import type { Pmf } from "./pmf.ts";

/**
 * A joint PMF of two counts stored densely on a rectangle:
 * `P(X = x0 + i, Y = y0 + j) = data[i * ny + j]`.
 */
export interface Dense2 {
  readonly x0: number;
  readonly nx: number;
  readonly y0: number;
  readonly ny: number;
  readonly data: Float64Array;
  /** Upper bound on the probability removed by tail pruning. */
  readonly pruned: number;
}

/** An all-zero joint PMF over the rectangle [x0, x0+nx) × [y0, y0+ny). */
export function makeDense2(x0: number, nx: number, y0: number, ny: number, pruned = 0): Dense2 {
  return { x0, nx, y0, ny, data: new Float64Array(nx * ny), pruned };
}

/** Adds `weight * P_X(x) P_Y(y)` (an independent product) into `target`, which must cover it. */
export function addOuter(target: Dense2, weight: number, px: Pmf, py: Pmf): void {
  const { data, ny } = target;
  for (let i = 0; i < px.mass.length; i++) {
    const wx = weight * px.mass[i]!;
    if (wx === 0) continue;
    const row = (px.offset + i - target.x0) * ny + (py.offset - target.y0);
    for (let j = 0; j < py.mass.length; j++) data[row + j] = data[row + j]! + wx * py.mass[j]!;
  }
}

/** The marginal PMF of X. */
export function marginalX(d: Dense2): Pmf {
  const mass = new Float64Array(d.nx);
  for (let i = 0; i < d.nx; i++) {
    let s = 0;
    for (let j = 0; j < d.ny; j++) s += d.data[i * d.ny + j]!;
    mass[i] = s;
  }
  return { offset: d.x0, mass, pruned: d.pruned };
}

/** The marginal PMF of Y. */
export function marginalY(d: Dense2): Pmf {
  const mass = new Float64Array(d.ny);
  for (let i = 0; i < d.nx; i++) {
    for (let j = 0; j < d.ny; j++) mass[j] = mass[j]! + d.data[i * d.ny + j]!;
  }
  return { offset: d.y0, mass, pruned: d.pruned };
}
