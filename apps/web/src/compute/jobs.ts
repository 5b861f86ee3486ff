// The computations the worker runs, one per request kind. Plain functions of plain data, so they
// run (and are tested) in Node as well as in the worker.
import type { DefenseLayer, Doctrine, EngagementInput, Side } from "@stratbal/core";
import {
  ModelLimitError,
  analyze,
  checkCompliance,
  engage,
  p0Ceiling,
  stabilityIndex,
} from "@stratbal/core";
import { findParam, toExchangeInput, toTreatyInput, withParams } from "@stratbal/scenario";
import type {
  BalanceResult,
  ComputeKind,
  Curve,
  EngagementResult,
  MapAxis,
  MapCell,
  ProgressOf,
  RequestOf,
  ResultOf,
  SideInfo,
  StabilityMapResult,
} from "./protocol.ts";

/** What a job may ask of its runner: report progress, learn that it is stale, let messages in. */
export interface JobContext<K extends ComputeKind> {
  progress(p: ProgressOf[K]): void;
  cancelled(): boolean;
  /** Lets queued messages (a cancel, a newer request) arrive before continuing. */
  pause(): Promise<void>;
}

/** A job was cancelled or superseded; its partial work is dropped. */
export class JobCancelled extends Error {
  readonly code = "cancelled";
}

/** An expected failure of a job, reported to the page with its code. */
export class JobError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export type Job<K extends ComputeKind> = (
  request: RequestOf<K>,
  ctx: JobContext<K>,
) => ResultOf[K] | Promise<ResultOf[K]>;

function sideInfo(s: Side): SideInfo {
  return {
    id: s.id,
    name: s.name,
    warheads: s.forces.reduce((n, f) => n + f.launchers * f.warheadsPerLauncher, 0),
    defenseLayers: s.defenses.reduce((n, d) => n + d.layers.length, 0),
  };
}

function modelLimit(err: unknown): never {
  if (err instanceof ModelLimitError) throw new JobError("state_too_large", err.message);
  throw err;
}

export function balanceJob(req: RequestOf<"balance">): BalanceResult {
  const input = toExchangeInput(req.scenario);
  try {
    const analysis = analyze(input);
    return { analysis, sides: [sideInfo(input.sides[0]), sideInfo(input.sides[1])] };
  } catch (err) {
    return modelLimit(err);
  }
}

/** Readable doctrine: "barrage of 4", "even spread", "shoot-look-shoot 2+2". */
export function doctrineText(d: Doctrine): string {
  switch (d.kind) {
    case "barrage":
      return `barrage, ${d.shots} per object`;
    case "even":
      return "even spread";
    case "shoot-look-shoot":
      return `shoot-look-shoot ${d.shots[0]}+${d.shots[1]}`;
    default:
      return d satisfies never;
  }
}

/** Up to `count` whole numbers from `lo` to `hi`, evenly spaced, both ends included. */
export function intGrid(lo: number, hi: number, count: number): number[] {
  if (hi <= lo) return [lo];
  const n = Math.min(count, hi - lo + 1);
  const out = new Set<number>();
  for (let k = 0; k < n; k++) out.add(Math.round(lo + ((hi - lo) * k) / (n - 1)));
  return [...out].sort((a, b) => a - b);
}

const MAX_RAID = 400;

export function engagementJob(req: RequestOf<"engagement">): EngagementResult {
  const input = toExchangeInput(req.scenario);
  const side = input.sides[req.layer.side];
  const defense = side?.defenses[req.layer.defense];
  const layer: DefenseLayer | undefined = defense?.layers[req.layer.layer];
  if (!side || !defense || !layer) {
    throw new JobError("no_such_layer", "the scenario has no defense layer there");
  }
  const N = Math.max(0, Math.min(MAX_RAID, Math.round(req.warheads)));
  const m = Math.max(0, Math.round(req.decoysPerWarhead));
  const at = (warheads: number, interceptors: number): EngagementInput => ({
    warheads,
    decoys: warheads * m,
    interceptors,
    sspk: layer.sspk,
    tracking: layer.tracking,
    discrimination: layer.discrimination,
    reliability: layer.reliability,
    doctrine: layer.doctrine,
  });
  const I = layer.interceptors;
  const here = engage(at(N, I));
  const raidMax = Math.min(MAX_RAID, Math.max(10, 2 * N));
  const raids = intGrid(1, raidMax, 60);
  const inventories = [...new Set([Math.round(I / 2), I, 2 * I])].filter((i) => i >= 0);
  const byRaid: Curve[] = inventories.map((inv) => ({
    series: `${inv} interceptors`,
    x: raids,
    p0: raids.map((n) => engage(at(n, inv)).pNoLeak),
  }));
  const perObject =
    layer.doctrine.kind === "barrage"
      ? layer.doctrine.shots
      : layer.doctrine.kind === "shoot-look-shoot"
        ? layer.doctrine.shots[0] + layer.doctrine.shots[1]
        : 1;
  const raidSizes = [
    ...new Set([Math.max(1, Math.ceil(N / 2)), Math.max(1, N), 2 * Math.max(1, N)]),
  ];
  const invMax = Math.max(10, 2 * I, perObject * (1 + m) * 2 * Math.max(1, N));
  const invs = intGrid(0, Math.min(invMax, 100_000), 60);
  const byInterceptors: Curve[] = raidSizes.map((n) => ({
    series: `${n} RVs`,
    x: invs,
    p0: invs.map((i) => engage(at(n, i)).pNoLeak),
  }));
  return {
    layerId: layer.id,
    layerName: layer.id,
    phase: layer.phase,
    defenderName: side.name,
    doctrine: doctrineText(layer.doctrine),
    interceptors: I,
    warheads: N,
    decoys: N * m,
    leakers: here.leakers,
    pNoLeak: here.pNoLeak,
    expectedLeakers: here.expectedLeakers,
    expectedInterceptorsUsed: here.expectedInterceptorsUsed,
    pNoLeakCeiling: here.pNoLeakCeiling,
    byRaid,
    ceilingByRaid: {
      x: raids,
      p0: raids.map((n) =>
        p0Ceiling({ warheads: n, tracking: layer.tracking, reliability: layer.reliability }),
      ),
    },
    byInterceptors,
  };
}

/**
 * The values an axis takes: `steps` points from `from` to `to`; whole-number parameters are
 * rounded half up (as `withParams` does) and repeated values dropped.
 */
export function axisValues(axis: MapAxis, integer: boolean): number[] {
  const n = Math.max(1, Math.min(60, Math.round(axis.steps)));
  const raw =
    n === 1
      ? [axis.from]
      : Array.from({ length: n }, (_, k) => axis.from + ((axis.to - axis.from) * k) / (n - 1));
  const vals = integer ? raw.map((v) => Math.round(v)) : raw;
  return [...new Set(vals)];
}

/** Cell visiting order: a coarse lattice first, then finer ones, so the map fills in evenly. */
export function coarseToFine(nx: number, ny: number): [number, number][] {
  const seen = new Set<number>();
  const out: [number, number][] = [];
  let stride = 1;
  while (stride * 2 < Math.max(nx, ny)) stride *= 2;
  for (; stride >= 1; stride = Math.floor(stride / 2)) {
    for (let j = 0; j < ny; j += stride) {
      for (let i = 0; i < nx; i += stride) {
        const k = j * nx + i;
        if (!seen.has(k)) {
          seen.add(k);
          out.push([i, j]);
        }
      }
    }
    if (stride === 1) break;
  }
  return out;
}

const INTEGER_DOMAINS = new Set(["count", "positiveCount"]);

/**
 * The first-strike stability index on a grid over two parameters, with and without defenses,
 * cell by cell (coarse to fine), reporting progress about every 100 ms and stopping when the
 * request is superseded.
 */
export async function stabilityMapJob(
  req: RequestOf<"stabilityMap">,
  ctx: JobContext<"stabilityMap">,
  now: () => number = () => performance.now(),
): Promise<StabilityMapResult> {
  const refX = findParam(req.scenario, req.x.path);
  const refY = findParam(req.scenario, req.y.path);
  if (!refX || !refY) {
    throw new JobError(
      "unknown_parameter",
      `the scenario has no parameter ${!refX ? req.x.path : req.y.path}`,
    );
  }
  if (refX.path === refY.path) {
    throw new JobError("same_parameter", "choose two different parameters for the map");
  }
  const xs = axisValues(req.x, INTEGER_DOMAINS.has(refX.domain));
  const ys = axisValues(req.y, INTEGER_DOMAINS.has(refY.domain));
  const total = xs.length * ys.length;
  const cells: MapCell[] = [];
  let pending: MapCell[] = [];
  let last = now();
  for (const [i, j] of coarseToFine(xs.length, ys.length)) {
    if (ctx.cancelled()) throw new JobCancelled("superseded");
    const x = xs[i]!;
    const y = ys[j]!;
    let cell: MapCell;
    try {
      const { scenario } = withParams(
        req.scenario,
        new Map([
          [refX.path, x],
          [refY.path, y],
        ]),
      );
      const r = stabilityIndex(toExchangeInput(scenario));
      cell = {
        i,
        j,
        x,
        y,
        fsi: r.firstStrikeStability,
        fsiWithout: r.withoutDefenses.firstStrikeStability,
      };
    } catch (err) {
      if (!(err instanceof ModelLimitError)) throw err;
      cell = { i, j, x, y, fsi: null, fsiWithout: null, error: err.message };
    }
    cells.push(cell);
    pending.push(cell);
    if (now() - last > 100 || cells.length === total) {
      ctx.progress({ xs, ys, cells: pending, done: cells.length, total });
      pending = [];
      last = now();
      await ctx.pause();
    }
  }
  return { xs, ys, cells };
}

export function treatyJob(req: RequestOf<"treaty">): ResultOf["treaty"] {
  return checkCompliance(toTreatyInput(req.scenario, req.scenario.asOf));
}

/** One job per request kind: adding a kind to the union without a job fails to compile. */
export const JOBS: { readonly [K in ComputeKind]: Job<K> } = {
  balance: balanceJob,
  engagement: engagementJob,
  stabilityMap: stabilityMapJob,
  treaty: treatyJob,
};
