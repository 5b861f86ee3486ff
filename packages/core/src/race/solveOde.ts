// The one place that knows which ODE solver the project uses (STACK.md: dopri, adaptive
// Dormand–Prince 5(4) with error control and dense output). Swap the solver here only.
import { Dopri } from "dopri";

/** Right-hand side of dy/dt = f(t, y): writes f into `dydt`. */
export type OdeRhs = (t: number, y: readonly number[], dydt: number[]) => void;

/** Error control of the adaptive solver. */
export interface OdeOptions {
  /** Relative tolerance per step (default 1e-10). */
  readonly rtol?: number;
  /** Absolute tolerance per step (default 1e-10). */
  readonly atol?: number;
  /** Most steps before the solver gives up (default 100,000). */
  readonly maxSteps?: number;
}

/** What the solver did: work done and error control used. */
export interface OdeStats {
  readonly rtol: number;
  readonly atol: number;
  readonly steps: number;
  readonly rejectedSteps: number;
  readonly rhsEvaluations: number;
  readonly method: string;
}

/** A solved trajectory, or why the solver could not produce one (a result, not an exception). */
export type OdeResult =
  | {
      readonly ok: true;
      /** Output times (as asked). */
      readonly t: Float64Array;
      /** `y[i]` = the state at `t[i]`. */
      readonly y: readonly Float64Array[];
      readonly stats: OdeStats;
    }
  | {
      readonly ok: false;
      readonly code: "too_many_steps" | "step_size_underflow" | "non_finite";
      readonly message: string;
    };

/** The solver's name and citation, for outputs and docs. */
export const ODE_METHOD =
  "Dormand–Prince 5(4), adaptive step with error control and dense output (dopri 0.0.13)";

/**
 * Solves the initial-value problem dy/dt = f(t, y), y(times[0]) = y0, and reports the state at
 * every output time (dense output between steps). Expected failures (too many steps, vanishing
 * step, a state that overflows) come back as a typed result.
 * @param times output times, increasing; the first is the initial time
 * @example solveOde((t, y, d) => { d[0] = -y[0]!; }, [1], [0, 1]).ok // true; y[1][0] ≈ e^-1
 */
export function solveOde(
  rhs: OdeRhs,
  y0: readonly number[],
  times: readonly number[],
  options: OdeOptions = {},
): OdeResult {
  if (times.length === 0) throw new Error("solveOde needs at least one output time");
  for (let i = 1; i < times.length; i++) {
    if (!(times[i]! > times[i - 1]!)) throw new Error("output times must increase");
  }
  const rtol = options.rtol ?? 1e-10;
  const atol = options.atol ?? 1e-10;
  const maxSteps = options.maxSteps ?? 100_000;
  const t0 = times[0]!;
  const t1 = times[times.length - 1]!;
  const n = y0.length;
  const t = Float64Array.from(times);
  if (t1 === t0) {
    return {
      ok: true,
      t,
      y: [Float64Array.from(y0)],
      stats: { rtol, atol, steps: 0, rejectedSteps: 0, rhsEvaluations: 0, method: ODE_METHOD },
    };
  }
  // tcrit: the solver lands exactly on the horizon rather than stepping past it.
  const solver = new Dopri((tt, y, d) => rhs(tt, y, d), n, { rtol, atol, maxSteps, tcrit: [t1] });
  let values: number[][];
  try {
    solver.initialise(t0, [...y0]);
    values = solver.run(t1)([...times]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/too many steps/.test(message)) {
      return {
        ok: false,
        code: "too_many_steps",
        message: `the solver needed more than ${maxSteps} steps (${message})`,
      };
    }
    if (/step (too small|size vanished)/.test(message)) {
      return { ok: false, code: "step_size_underflow", message };
    }
    throw err;
  }
  const y = values.map((v) => Float64Array.from(v));
  if (y.some((v) => v.some((x) => !Number.isFinite(x)))) {
    return {
      ok: false,
      code: "non_finite",
      message: "the state overflowed to a non-finite value; shorten the horizon",
    };
  }
  const s = solver.statistics();
  return {
    ok: true,
    t,
    y,
    stats: {
      rtol,
      atol,
      steps: s.nStepsAccepted,
      rejectedSteps: s.nStepsRejected,
      rhsEvaluations: s.nEval,
      method: ODE_METHOD,
    },
  };
}
