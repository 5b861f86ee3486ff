/**
 * Gauss–Laguerre quadrature: nodes x_i and weights w_i with ∫_0^∞ e^{−x} f(x) dx ≈ Σ w_i f(x_i),
 * exact for polynomials f of degree below 2n. Nodes are the roots of the Laguerre polynomial
 * L_n, found by Newton's method from the usual asymptotic starting points; weights are
 * w_i = x_i / ((n+1)^2 L_{n+1}(x_i)^2).
 */
export function gaussLaguerre(n: number): {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
} {
  const cached = CACHE.get(n);
  if (cached) return cached;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  let z = 0;
  for (let i = 0; i < n; i++) {
    // Starting points (Stroud & Secrest), refined by Newton.
    if (i === 0) z = 3 / (1 + 2.4 * n);
    else if (i === 1) z += 15 / (1 + 2.5 * n);
    else z += ((1 + 2.55 * (i - 1)) / (1.9 * (i - 1))) * (z - nodes[i - 2]!);
    for (let it = 0; it < 100; it++) {
      const { ln, dln } = laguerre(n, z);
      const step = ln / dln;
      z -= step;
      if (Math.abs(step) <= 1e-15 * Math.max(1, z)) break;
    }
    nodes[i] = z;
    const lnext = laguerre(n + 1, z).ln;
    weights[i] = z / ((n + 1) * (n + 1) * lnext * lnext);
  }
  const out = { nodes, weights };
  CACHE.set(n, out);
  return out;
}

const CACHE = new Map<number, { nodes: Float64Array; weights: Float64Array }>();

/** L_n(x) and L_n'(x) by the three-term recurrence. */
function laguerre(n: number, x: number): { ln: number; dln: number } {
  let p0 = 1;
  let p1 = 1 - x;
  if (n === 0) return { ln: 1, dln: 0 };
  for (let k = 1; k < n; k++) {
    const p2 = ((2 * k + 1 - x) * p1 - k * p0) / (k + 1);
    p0 = p1;
    p1 = p2;
  }
  // x L_n'(x) = n (L_n(x) − L_{n−1}(x))
  return { ln: p1, dln: (n * (p1 - p0)) / x };
}
