// The computations the worker runs, one per request kind. Plain functions of plain data, so they
// run (and are tested) in Node as well as in the worker.
import type { DefenseLayer, Doctrine, EngagementInput, Side } from "@stratbal/core";
import {
  ModelLimitError,
  analyze,
  checkCompliance,
  engage,
  makeSampler,
  monteCarloSummary,
  p0Ceiling,
  richardsonTrajectory,
  runRace,
  selectOutputs,
  stabilityIndex,
  tornado,
} from "@stratbal/core";
import {
  findParam,
  listParams,
  toExchangeInput,
  toRaceInput,
  toRichardson,
  toSamplingPlan,
  toTreatyInput,
  withParams,
} from "@stratbal/scenario";
import type {
  BalanceResult,
  ComputeKind,
  Curve,
  EngagementResult,
  MapAxis,
  MapCell,
  McOutput,
  ProgressOf,
  RaceJobResult,
  RaceSettings,
  RequestOf,
  ResultOf,
  RichardsonResult,
  SideInfo,
  StabilityMapResult,
  UncertainParamInfo,
  UncertaintyResult,
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

/** Most rounds a race may run (as `stratbal race --rounds`). */
export const MAX_RACE_ROUNDS = 200;

/**
 * The scenario's action–reaction race (`stratbal race`), each round reported as soon as it is
 * computed. The race runs without pauses (a round is a handful of exchange analyses), so a
 * cancelled race is stopped by ending its worker; a runner that can mark it cancelled mid-run
 * stops it at the next round.
 */
export function raceJob(req: RequestOf<"race">, ctx: JobContext<"race">): RaceJobResult {
  if (
    req.rounds !== undefined &&
    !(Number.isInteger(req.rounds) && req.rounds >= 0 && req.rounds <= MAX_RACE_ROUNDS)
  ) {
    throw new JobError("bad_rounds", `rounds must be a whole number from 0 to ${MAX_RACE_ROUNDS}`);
  }
  const input = toRaceInput(req.scenario, {
    ...(req.rounds !== undefined ? { rounds: req.rounds } : {}),
    ...(req.moves ? { moves: req.moves } : {}),
    ...(req.costExchange ? { costExchange: req.costExchange } : {}),
  });
  if (!input) {
    throw new JobError(
      "no_race",
      "the scenario has no race sides to run (race.sides; see docs/models/race.md)",
    );
  }
  const settings: RaceSettings = {
    rounds: input.rounds,
    moves: input.moves,
    costExchange: input.costExchange ?? "ends",
  };
  try {
    const race = runRace(input, {
      onRound: (round) => {
        if (ctx.cancelled()) throw new JobCancelled("superseded");
        ctx.progress({ settings, round });
      },
    });
    return { settings, race };
  } catch (err) {
    return modelLimit(err);
  }
}

/** Richardson's equations of the scenario's `race.richardson`: equilibrium, stability, path. */
export function richardsonJob(req: RequestOf<"richardson">): RichardsonResult {
  const setup = toRichardson(req.scenario);
  if (!setup) {
    throw new JobError("no_richardson", "the scenario has no race.richardson coefficients");
  }
  const path = richardsonTrajectory(
    setup.params,
    setup.start.x,
    setup.start.y,
    setup.horizon,
    setup.points,
  );
  if (!path.ok) throw new JobError(path.code, `Richardson path: ${path.message}`);
  const { ok: _ok, ...trajectory } = path;
  return { setup, path: trajectory };
}

/** Most samples one outer Monte Carlo of the workbench may run. */
export const MAX_SAMPLES = 100_000;

/**
 * The outputs the uncertainty view follows, by their `stratbal sweep` names: the stability index
 * and each side's mean retaliation delivered, with and without defenses.
 */
export function mcOutputNames(sideIds: readonly [string, string]): string[] {
  const out = ["firstStrikeStability", "withoutDefenses.firstStrikeStability"];
  for (const id of sideIds) {
    out.push(`sides.${id}.secondStrike.delivered.mean`);
    out.push(`withoutDefenses.sides.${id}.secondStrike.delivered.mean`);
  }
  return out;
}

/**
 * An outer Monte Carlo over the scenario's parameters given as distributions, sampled exactly as
 * `stratbal sweep` samples them (sample i draws from its own streams keyed by seed, i and each
 * parameter's path, so the first n samples of a longer run are the n of a shorter one). Reports
 * the new samples and the running summaries about every 150 ms, pausing so that a cancel or a
 * newer request gets in.
 */
export async function uncertaintyJob(
  req: RequestOf<"uncertainty">,
  ctx: JobContext<"uncertainty">,
  now: () => number = () => performance.now(),
): Promise<UncertaintyResult> {
  const n = req.samples;
  if (!(Number.isInteger(n) && n >= 2 && n <= MAX_SAMPLES)) {
    throw new JobError("bad_samples", `samples must be a whole number from 2 to ${MAX_SAMPLES}`);
  }
  const seed = req.seed;
  if (!(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) {
    throw new JobError("bad_seed", "the seed must be a whole number from 0 to 4294967295");
  }
  const { plan, issues } = toSamplingPlan(req.scenario);
  if (issues.length > 0) throw new JobError("bad_correlations", issues[0]!.message);
  if (plan.params.length === 0) {
    throw new JobError(
      "no_distributions",
      "no parameter of the scenario is given as a distribution (docs/uncertainty.md)",
    );
  }
  const made = makeSampler(plan);
  if (!made.ok)
    throw new JobError("bad_correlations", "the rank correlations cannot hold together");
  const sides = req.scenario.sides;
  const ids = [sides[0]!.id, sides[1]!.id] as const;
  const selected = selectOutputs(ids, mcOutputNames(ids));
  if (!selected.ok) throw new Error(`unknown outputs ${selected.unknown.join(", ")}`);
  const set = selected.set;
  const outputs: McOutput[] = set.outputs.map((o) => ({
    name: o.name,
    description: o.description,
  }));
  const nominal = new Map(listParams(req.scenario).map((r) => [r.path, r.param.value]));
  const params: UncertainParamInfo[] = plan.params.map((p) => ({
    path: p.path,
    dist: p.dist,
    nominal: nominal.get(p.path) ?? NaN,
  }));
  const draws = plan.params.map(() => new Float64Array(n));
  const values = outputs.map(() => new Float64Array(n));
  let done = 0;
  let from = 0;
  const summaries = () => values.map((v) => monteCarloSummary(v.subarray(0, done)));
  let last = now();
  for (let i = 0; i < n; i++) {
    if (ctx.cancelled()) throw new JobCancelled("superseded");
    const d = made.sampler.draw(seed, i);
    const set1 = new Map(plan.params.map((p, j) => [p.path, d[j]!]));
    let v: Float64Array;
    try {
      v = set.evaluate(toExchangeInput(withParams(req.scenario, set1).scenario));
    } catch (err) {
      if (err instanceof ModelLimitError)
        throw new JobError("state_too_large", `sample ${i}: ${err.message}`);
      throw err;
    }
    d.forEach((x, j) => (draws[j]![i] = x));
    v.forEach((x, k) => (values[k]![i] = x));
    done = i + 1;
    if (now() - last > 150 || done === n) {
      ctx.progress({
        seed,
        params,
        outputs,
        from,
        draws: draws.map((a) => a.slice(from, done)),
        values: values.map((a) => a.slice(from, done)),
        done,
        total: n,
        summaries: summaries(),
      });
      from = done;
      last = now();
      await ctx.pause();
    }
  }
  return {
    seed,
    samples: n,
    params,
    outputs,
    draws,
    values,
    summaries: summaries(),
    tornado: values.map((out) =>
      tornado(
        params.map((p, j) => ({ name: p.path, values: draws[j]! })),
        out,
      ),
    ),
  };
}

/** One job per request kind: adding a kind to the union without a job fails to compile. */
export const JOBS: { readonly [K in ComputeKind]: Job<K> } = {
  balance: balanceJob,
  engagement: engagementJob,
  stabilityMap: stabilityMapJob,
  treaty: treatyJob,
  race: raceJob,
  richardson: richardsonJob,
  uncertainty: uncertaintyJob,
};
