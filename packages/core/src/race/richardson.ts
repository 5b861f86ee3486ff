import type { OdeOptions, OdeStats } from "./solveOde.ts";
import { solveOde } from "./solveOde.ts";

/**
 * Richardson's arms-race coefficients (Richardson 1960, *Arms and Insecurity*):
 * dx/dt = k·y − a·x + g, dy/dt = l·x − b·y + h. x is the first side's armament, y the second's,
 * in any common unit (spending per year, warheads).
 */
export interface RichardsonParams {
  /** Reaction ("defense", fear) of side x to side y's armament, >= 0. */
  readonly k: number;
  /** Reaction of side y to side x's armament, >= 0. */
  readonly l: number;
  /** Fatigue/expense coefficient of side x, >= 0. */
  readonly a: number;
  /** Fatigue/expense coefficient of side y, >= 0. */
  readonly b: number;
  /** Grievance of side x (may be negative: goodwill). */
  readonly g: number;
  /** Grievance of side y (may be negative). */
  readonly h: number;
}

/** How the system behaves near its equilibrium (DESIGN §2.4). */
export type RichardsonStability =
  /** ab > kl: both eigenvalues negative; every path tends to the equilibrium. */
  | "stable"
  /** ab < kl: a saddle; paths run away or collapse unless they start on the stable line. */
  | "unstable"
  /** ab = kl: a zero eigenvalue; no isolated equilibrium. */
  | "degenerate";

/** Equilibrium, eigenvalues and stability of a Richardson system (closed forms). */
export interface RichardsonAnalysis {
  readonly params: RichardsonParams;
  /** ab − kl: the determinant of the Jacobian [[−a, k], [l, −b]]. */
  readonly determinant: number;
  readonly stability: RichardsonStability;
  /** x* = (b·g + k·h)/(ab − kl), y* = (l·g + a·h)/(ab − kl); absent when degenerate. */
  readonly equilibrium?: { readonly x: number; readonly y: number };
  /** Eigenvalues of the Jacobian, ascending (real: the discriminant (a−b)² + 4kl is >= 0). */
  readonly eigenvalues: readonly [number, number];
  /**
   * Left eigenvector (w_x, w_y) of the largest eigenvalue, normalised to w_x + w_y = 1 and
   * non-negative (Perron: the off-diagonal terms k, l are >= 0). In a saddle the sign of
   * w·(z0 − z*) decides the fate of a path from z0.
   */
  readonly leadingLeftEigenvector: readonly [number, number];
}

/** Where a path from a starting point goes as t → ∞. */
export type RichardsonFate =
  /** The path tends to the equilibrium. */
  | "equilibrium"
  /** Both armaments grow without bound (a saddle, started above the stable line). */
  | "runaway"
  /** Both armaments fall without bound (a saddle, started below the stable line): they reach
   * zero in finite time, Richardson's reading of a move toward cooperation. */
  | "disarmament"
  /** Degenerate system: no isolated equilibrium; the path drifts along the zero-eigenvalue
   * direction or settles on a line of equilibria. */
  | "drift";

/** A Richardson trajectory computed with the adaptive ODE solver. */
export interface RichardsonTrajectory {
  readonly analysis: RichardsonAnalysis;
  readonly start: { readonly x: number; readonly y: number };
  readonly fate: RichardsonFate;
  /** Why the fate is what it is, in a sentence. */
  readonly reason: string;
  readonly t: Float64Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly solver: OdeStats;
}

/** Why a trajectory could not be computed. */
export interface RichardsonFailure {
  readonly ok: false;
  readonly code: "too_many_steps" | "step_size_underflow" | "non_finite";
  readonly message: string;
}

const REL_TIE = 1e-12;

/**
 * Equilibrium, eigenvalues and stability of a Richardson system, in closed form.
 * @example analyzeRichardson({ k: 2, l: 2, a: 5, b: 3, g: 5, h: 5 }).equilibrium // {x: 2.2727…, y: 3.1818…}
 */
export function analyzeRichardson(p: RichardsonParams): RichardsonAnalysis {
  for (const key of ["k", "l", "a", "b"] as const) {
    if (!(p[key] >= 0 && Number.isFinite(p[key]))) {
      throw new Error(`richardson coefficient ${key} must be finite and >= 0`);
    }
  }
  if (!Number.isFinite(p.g) || !Number.isFinite(p.h))
    throw new Error("richardson grievances must be finite");
  const ab = p.a * p.b;
  const kl = p.k * p.l;
  const det = ab - kl;
  const scale = Math.max(ab, kl, Number.MIN_VALUE);
  const degenerate = Math.abs(det) <= REL_TIE * scale || (ab === 0 && kl === 0);
  // Eigenvalues of [[−a, k], [l, −b]]: trace −(a+b), determinant ab − kl.
  const half = (p.a + p.b) / 2;
  const root = Math.sqrt(((p.a - p.b) * (p.a - p.b)) / 4 + kl);
  // Product form for the smaller-magnitude root avoids cancellation when det is small.
  const lambdaLow = -half - root;
  const lambdaHigh = lambdaLow !== 0 ? det / lambdaLow : 0;
  // Left eigenvector of the largest eigenvalue: w (J − λI) = 0 → w_x(−a − λ) + w_y·l = 0.
  let wx: number;
  let wy: number;
  if (p.l > 0 || p.k > 0) {
    // Use whichever equation is better conditioned.
    if (Math.abs(p.l) >= Math.abs(p.k)) {
      wx = p.l;
      wy = p.a + lambdaHigh;
    } else {
      wx = p.b + lambdaHigh;
      wy = p.k;
    }
  } else {
    // Decoupled: the larger eigenvalue belongs to the side with the smaller fatigue.
    wx = p.a <= p.b ? 1 : 0;
    wy = p.a <= p.b ? 0 : 1;
  }
  const sum = Math.abs(wx) + Math.abs(wy);
  wx = Math.abs(wx) / sum;
  wy = Math.abs(wy) / sum;
  const base = {
    params: p,
    determinant: det,
    eigenvalues: [lambdaLow, lambdaHigh] as const,
    leadingLeftEigenvector: [wx, wy] as const,
  };
  if (degenerate) return { ...base, stability: "degenerate" };
  const equilibrium = {
    x: (p.b * p.g + p.k * p.h) / det,
    y: (p.l * p.g + p.a * p.h) / det,
  };
  return { ...base, stability: det > 0 ? "stable" : "unstable", equilibrium };
}

/** The fate of a path from (x0, y0), from the closed-form analysis. */
export function richardsonFate(
  analysis: RichardsonAnalysis,
  x0: number,
  y0: number,
): { fate: RichardsonFate; reason: string } {
  const p = analysis.params;
  const ab = p.a * p.b;
  const kl = p.k * p.l;
  switch (analysis.stability) {
    case "stable":
      return {
        fate: "equilibrium",
        reason: `because ab = ${fmt(ab)} > kl = ${fmt(kl)}: both eigenvalues are negative and every path tends to the equilibrium`,
      };
    case "unstable": {
      const eq = analysis.equilibrium!;
      const [wx, wy] = analysis.leadingLeftEigenvector;
      const s = wx * (x0 - eq.x) + wy * (y0 - eq.y);
      const tie = REL_TIE * Math.max(Math.abs(x0), Math.abs(y0), Math.abs(eq.x), Math.abs(eq.y), 1);
      if (Math.abs(s) <= tie) {
        return {
          fate: "equilibrium",
          reason: `because ab = ${fmt(ab)} < kl = ${fmt(kl)} (a saddle), but the start lies on its stable line`,
        };
      }
      return s > 0
        ? {
            fate: "runaway",
            reason: `because ab = ${fmt(ab)} < kl = ${fmt(kl)} (a saddle) and the start lies above the stable line through (${fmt(eq.x)}, ${fmt(eq.y)}): both armaments grow without bound`,
          }
        : {
            fate: "disarmament",
            reason: `because ab = ${fmt(ab)} < kl = ${fmt(kl)} (a saddle) and the start lies below the stable line through (${fmt(eq.x)}, ${fmt(eq.y)}): both armaments fall toward zero and beyond`,
          };
    }
    case "degenerate":
      return {
        fate: "drift",
        reason: `because ab = kl = ${fmt(ab)}: a zero eigenvalue, no isolated equilibrium`,
      };
    default:
      return analysis.stability satisfies never;
  }
}

/**
 * The Richardson path from (x0, y0) over [0, horizon], at `points` evenly spaced times, with the
 * adaptive Dormand–Prince solver; and its fate from the closed-form analysis.
 * @param horizon end time (> 0), in the unit of the coefficients' inverse
 * @param points number of output times including both ends (>= 2)
 * @example richardsonTrajectory({ k: 2, l: 2, a: 5, b: 3, g: 5, h: 5 }, 0, 0, 5, 6)
 */
export function richardsonTrajectory(
  p: RichardsonParams,
  x0: number,
  y0: number,
  horizon: number,
  points: number,
  options: OdeOptions = {},
): ({ readonly ok: true } & RichardsonTrajectory) | RichardsonFailure {
  if (!(horizon > 0 && Number.isFinite(horizon))) throw new Error("horizon must be > 0");
  if (!(Number.isInteger(points) && points >= 2)) throw new Error("points must be an integer >= 2");
  const analysis = analyzeRichardson(p);
  const times = Array.from({ length: points }, (_, i) =>
    i === points - 1 ? horizon : (horizon * i) / (points - 1),
  );
  // dx/dt = k·y − a·x + g, dy/dt = l·x − b·y + h (Richardson 1960).
  const r = solveOde(
    (_t, z, d) => {
      d[0] = p.k * z[1]! - p.a * z[0]! + p.g;
      d[1] = p.l * z[0]! - p.b * z[1]! + p.h;
    },
    [x0, y0],
    times,
    options,
  );
  if (!r.ok) return r;
  const { fate, reason } = richardsonFate(analysis, x0, y0);
  return {
    ok: true,
    analysis,
    start: { x: x0, y: y0 },
    fate,
    reason,
    t: r.t,
    x: Float64Array.from(r.y, (v) => v[0]!),
    y: Float64Array.from(r.y, (v) => v[1]!),
    solver: r.stats,
  };
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(6).replace(/\.?0+$/, "");
}
