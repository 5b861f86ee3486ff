import type {
  CostExchange,
  RaceInput,
  RaceMoves,
  RaceResult,
  RaceRoundSide,
  RichardsonParams,
  RichardsonTrajectory,
} from "@stratbal/core";
import {
  ModelLimitError,
  RACE_ROUND_COLUMNS,
  purchaseLabel,
  raceRoundRows,
  richardsonTrajectory,
  runRace,
} from "@stratbal/core";
import type { RichardsonSetup, Scenario } from "@stratbal/scenario";
import { RACE_DEFAULTS, sourceCitations, toRaceInput, toRichardson } from "@stratbal/scenario";
import type { Command } from "commander";
import { FlagReader } from "../flags.ts";
import { fmt, table, toCsv } from "../format.ts";
import type { Io, UsageIssue } from "../io.ts";
import { EXIT, ModelError, UsageError } from "../io.ts";
import { printWarnings, readScenarioFile } from "../scenarioFile.ts";

interface RaceFlags {
  rounds?: string;
  moves?: string;
  costExchange?: string;
  richardson?: string;
  start?: string;
  horizon?: string;
  points?: string;
  only?: string;
  json?: boolean;
  csv?: boolean;
  timing?: boolean;
}

const MOVES = ["alternating", "simultaneous"] as const;
const CER_WHEN = ["ends", "every-round"] as const;
const ONLY = ["race", "richardson"] as const;
export const MAX_ROUNDS = 200;
export const MAX_POINTS = 100_000;
export const MAX_HORIZON = 1e6;

export function configureRace(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command("race")
    .summary("arms-race dynamics: Richardson model and offense–defense action–reaction with costs")
    .description(
      [
        "The arms-race models of DESIGN §2.4. With a scenario whose race: section sets",
        "race sides, runs the offense–defense action–reaction race on the exchange",
        "model: each round the defender sizes its interceptors to its goal and each",
        "side buys the cheapest offense (launchers, an upload or decoys) that keeps",
        "its retaliation requirement. Prints forces, interceptors, spending and",
        "requirements met per round, the outcome (equilibrium, runaway, budget",
        "exhausted, …) and the cost-exchange ratio at the margin with Nitze's",
        "criterion. With race.richardson or --richardson, also solves Richardson's",
        "equations: equilibrium, stability (ab > kl) and the path.",
      ].join("\n"),
    )
    .argument("[file]", "scenario file (YAML or JSON) with a race: section")
    .option(
      "--rounds <n>",
      `rounds of the action–reaction race (0–${MAX_ROUNDS}; default: the file's, else 10)`,
    )
    .option("--moves <order>", "alternating (defense first, offense answers) or simultaneous")
    .option("--cost-exchange <when>", "cost-exchange ratio at the ends (default) or every-round")
    .option(
      "--richardson <k,l,a,b,g,h>",
      "Richardson coefficients: dx/dt = k·y − a·x + g, dy/dt = l·x − b·y + h (k, l, a, b >= 0)",
    )
    .option("--start <x,y>", "Richardson: armaments at t = 0 (default: the file's, else 0,0)")
    .option("--horizon <t>", "Richardson: end time (default: the file's, else 10)")
    .option("--points <n>", "Richardson: output times including both ends (default 101)")
    .option("--only <model>", "run only the race or only richardson")
    .option("--json", "print one JSON document on stdout")
    .option(
      "--csv",
      "print one table as CSV: the race per round and side, else the Richardson path",
    )
    .option("--timing", "print compute_ms=<milliseconds> on stderr")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  # the GMD race of 2017: US interceptors grow, Russia answers with warheads or decoys",
        "  stratbal race scenarios/race-gmd-2017.yaml",
        "  stratbal race scenarios/race-gmd-2017.yaml --rounds 6 --csv > race.csv",
        "  # Richardson's equations alone: Case I of the Trinity College notes (stable)",
        "  stratbal race --richardson 2,2,5,3,5,5 --horizon 5",
        "  # an unstable system (ab < kl) from (0, 0): a runaway",
        "  stratbal race --richardson 2,2,1,1,1,1 --start 0,0 --horizon 3 --json",
        "",
        "Costs are acquisition costs in millions of US dollars, each with its source in the scenario;",
        "notional values are marked in the output. Model: docs/models/race.md.",
      ].join("\n"),
    )
    .action(async (file: string | undefined, flags: RaceFlags) => {
      setExit(await runRaceCommand(file, flags, io));
    });
}

interface RaceRequest {
  rounds?: number;
  moves?: RaceMoves;
  costExchange?: "ends" | "every-round";
  richardson?: RichardsonParams;
  start?: { x: number; y: number };
  horizon?: number;
  points?: number;
  only?: "race" | "richardson";
  format: "text" | "json" | "csv";
}

function choice<T extends string>(
  r: FlagReader,
  flag: string,
  raw: string | undefined,
  values: readonly T[],
): T | undefined {
  if (raw === undefined) return undefined;
  if ((values as readonly string[]).includes(raw)) return raw as T;
  r.issues.push({
    code: "invalid_flag",
    where: flag,
    message: `expected one of ${values.join(", ")}; got "${raw}"`,
  });
  return undefined;
}

function numberList(
  r: FlagReader,
  flag: string,
  raw: string | undefined,
  names: readonly string[],
  nonnegative: readonly boolean[],
): number[] | undefined {
  if (raw === undefined) return undefined;
  const parts = String(raw).split(",");
  if (parts.length !== names.length) {
    r.issues.push({
      code: "invalid_flag",
      where: flag,
      message: `expected ${names.length} numbers ${names.join(",")} separated by commas, got "${raw}"`,
    });
    return undefined;
  }
  const out: number[] = [];
  parts.forEach((p, i) => {
    const v = r.number(`${flag} ${names[i]}`, p, {
      required: true,
      ...(nonnegative[i] ? { min: 0 } : {}),
    });
    if (v !== undefined) out.push(v);
  });
  return out.length === names.length ? out : undefined;
}

function readRaceFlags(flags: RaceFlags): RaceRequest {
  const r = new FlagReader();
  const rounds = r.number("--rounds", flags.rounds, { integer: true, min: 0, max: MAX_ROUNDS });
  const moves = choice(r, "--moves", flags.moves, MOVES);
  const costExchange = choice(r, "--cost-exchange", flags.costExchange, CER_WHEN);
  const only = choice(r, "--only", flags.only, ONLY);
  const coeffs = numberList(
    r,
    "--richardson",
    flags.richardson,
    ["k", "l", "a", "b", "g", "h"],
    [true, true, true, true, false, false],
  );
  const start = numberList(r, "--start", flags.start, ["x", "y"], [false, false]);
  const horizon = r.number("--horizon", flags.horizon, { min: Number.MIN_VALUE, max: MAX_HORIZON });
  if (flags.horizon !== undefined && horizon === 0) {
    r.issues.push({ code: "out_of_range", where: "--horizon", message: "must be above 0" });
  }
  const points = r.number("--points", flags.points, { integer: true, min: 2, max: MAX_POINTS });
  r.conflict(["--json", "--csv"], [flags.json === true, flags.csv === true]);
  if (r.issues.length > 0) throw new UsageError(r.issues);
  return {
    ...(rounds !== undefined ? { rounds } : {}),
    ...(moves ? { moves } : {}),
    ...(costExchange ? { costExchange } : {}),
    ...(only ? { only } : {}),
    ...(coeffs
      ? {
          richardson: {
            k: coeffs[0]!,
            l: coeffs[1]!,
            a: coeffs[2]!,
            b: coeffs[3]!,
            g: coeffs[4]!,
            h: coeffs[5]!,
          },
        }
      : {}),
    ...(start ? { start: { x: start[0]!, y: start[1]! } } : {}),
    ...(horizon !== undefined ? { horizon } : {}),
    ...(points !== undefined ? { points } : {}),
    format: flags.json ? "json" : flags.csv ? "csv" : "text",
  };
}

/** A unit cost of the race with where it comes from. */
export interface CostSourceRow {
  readonly side: string;
  readonly item: string;
  readonly valueMillionUsd: number;
  readonly source?: string;
  readonly citation?: string;
  readonly notional: boolean;
}

/** Every unit cost the race uses, with its source (own, or inherited from costsMillionUsd). */
export function costSources(s: Scenario): CostSourceRow[] {
  const cites = sourceCitations(s);
  const out: CostSourceRow[] = [];
  for (const [side, spec] of Object.entries(s.race?.sides ?? {})) {
    const c = spec.costsMillionUsd;
    if (!c) continue;
    const inherited = c.source ?? spec.source;
    const row = (item: string, p: { value: number; source?: string } | undefined) => {
      if (!p) return;
      const source = p.source ?? inherited;
      const cite = source !== undefined ? cites[source] : undefined;
      out.push({
        side,
        item,
        valueMillionUsd: p.value,
        ...(source !== undefined ? { source } : {}),
        ...(cite ? { citation: cite.citation } : {}),
        notional: cite?.notional ?? true,
      });
    };
    row("interceptor", c.interceptor);
    row("warhead", c.warhead);
    row("decoy", c.decoy);
    for (const [el, p] of Object.entries(c.launcher ?? {})) row(`launcher ${el}`, p);
  }
  return out;
}

async function runRaceCommand(file: string | undefined, flags: RaceFlags, io: Io): Promise<number> {
  const req = readRaceFlags(flags);
  let scenario: Scenario | undefined;
  if (file !== undefined) {
    const read = await readScenarioFile(file);
    printWarnings(io, read.warnings);
    scenario = read.scenario;
  }
  const issues: UsageIssue[] = [];
  const raceInput =
    scenario && req.only !== "richardson"
      ? toRaceInput(scenario, {
          ...(req.rounds !== undefined ? { rounds: req.rounds } : {}),
          ...(req.moves ? { moves: req.moves } : {}),
          ...(req.costExchange ? { costExchange: req.costExchange } : {}),
        })
      : undefined;
  const fileRichardson = scenario ? toRichardson(scenario) : undefined;
  let richardson: RichardsonSetup | undefined;
  if (req.only !== "race" && (req.richardson || fileRichardson)) {
    richardson = {
      params: req.richardson ?? fileRichardson!.params,
      start: req.start ?? fileRichardson?.start ?? { x: 0, y: 0 },
      horizon: req.horizon ?? fileRichardson?.horizon ?? RACE_DEFAULTS.richardson.horizon,
      points: req.points ?? fileRichardson?.points ?? RACE_DEFAULTS.richardson.points,
      ...(fileRichardson?.unit !== undefined && !req.richardson
        ? { unit: fileRichardson.unit }
        : {}),
    };
  }
  if (!scenario && !req.richardson) {
    issues.push({
      code: "missing_argument",
      where: "FILE",
      message:
        "give a scenario file with a race: section, or Richardson coefficients with --richardson k,l,a,b,g,h",
    });
  }
  if (scenario && !raceInput && !richardson) {
    issues.push({
      code: "nothing_to_run",
      where: file!,
      message:
        req.only === "race"
          ? "the scenario has no race.sides to run (see docs/models/race.md)"
          : req.only === "richardson"
            ? "the scenario has no race.richardson; give one, or --richardson k,l,a,b,g,h"
            : "the scenario has no race: section with sides or richardson (see docs/models/race.md), and no --richardson was given",
    });
  }
  if (!raceInput && req.rounds !== undefined && issues.length === 0)
    issues.push({
      code: "unused_flag",
      where: "--rounds",
      message: "applies to race.sides; there is no action–reaction race to run",
    });
  if (!richardson) {
    for (const [flag, given] of [
      ["--start", req.start],
      ["--horizon", req.horizon],
      ["--points", req.points],
    ] as const) {
      if (given !== undefined && issues.length === 0)
        issues.push({
          code: "unused_flag",
          where: flag,
          message: "applies to the Richardson model, which is not being run",
        });
    }
  }
  if (issues.length > 0) throw new UsageError(issues);

  const t0 = io.now();
  let result: RaceResult | undefined;
  if (raceInput) {
    try {
      result = runRace(raceInput);
    } catch (err) {
      if (err instanceof ModelLimitError) throw new ModelError("state_too_large", err.message);
      throw err;
    }
  }
  let path: (RichardsonTrajectory & { ok: true }) | undefined;
  if (richardson) {
    const r = richardsonTrajectory(
      richardson.params,
      richardson.start.x,
      richardson.start.y,
      richardson.horizon,
      richardson.points,
    );
    if (!r.ok) throw new ModelError(r.code, `Richardson path: ${r.message}`);
    path = r;
  }
  if (flags.timing) io.stderr(`compute_ms=${(io.now() - t0).toFixed(3)}\n`);

  const names = scenario
    ? { x: scenario.sides[0]!.name, y: scenario.sides[1]!.name }
    : { x: "x", y: "y" };
  if (req.format === "json") {
    io.stdout(
      raceJson({
        ...(scenario && file
          ? { scenario: { file, title: scenario.title, asOf: scenario.asOf } }
          : {}),
        ...(raceInput && result
          ? {
              race: {
                settings: {
                  rounds: raceInput.rounds,
                  moves: raceInput.moves,
                  costExchange: raceInput.costExchange,
                  sides: raceInput.sides,
                },
                outcome: result.outcome,
                totals: result.totals,
                rounds: result.rounds,
                costSources: costSources(scenario!),
                work: result.work,
              },
            }
          : {}),
        ...(path && richardson ? { richardson: richardsonJson(path, richardson, names) } : {}),
      }),
    );
    return EXIT.ok;
  }
  if (req.format === "csv") {
    if (result && raceInput) io.stdout(raceCsv(result));
    else if (path) io.stdout(richardsonCsv(path));
    return EXIT.ok;
  }
  const out: string[] = [];
  if (scenario) out.push(`${scenario.title} (as of ${scenario.asOf})`, "");
  if (result && raceInput && scenario) out.push(raceReport(scenario, raceInput, result));
  if (path && richardson) out.push(richardsonReport(path, richardson, names));
  out.push("Model: docs/models/race.md.");
  io.stdout(out.join("\n") + "\n");
  return EXIT.ok;
}

/** JSON with Float64Arrays as arrays and non-finite numbers as the strings "Infinity"/"NaN". */
export function raceJson(value: unknown): string {
  return (
    JSON.stringify(
      value,
      (_k, v: unknown) => {
        if (v instanceof Float64Array)
          return Array.from(v, (x) => (Number.isFinite(x) ? x : String(x)));
        if (typeof v === "number" && !Number.isFinite(v)) return String(v);
        return v;
      },
      2,
    ) + "\n"
  );
}

function richardsonJson(
  p: RichardsonTrajectory,
  setup: RichardsonSetup,
  names: { x: string; y: string },
): unknown {
  return {
    params: setup.params,
    x: names.x,
    y: names.y,
    ...(setup.unit !== undefined ? { unit: setup.unit } : {}),
    determinant: p.analysis.determinant,
    stability: p.analysis.stability,
    ...(p.analysis.equilibrium ? { equilibrium: p.analysis.equilibrium } : {}),
    eigenvalues: p.analysis.eigenvalues,
    start: p.start,
    horizon: setup.horizon,
    fate: p.fate,
    reason: p.reason,
    path: { t: p.t, x: p.x, y: p.y },
    solver: p.solver,
  };
}

function money(x: number): string {
  if (!Number.isFinite(x)) return "unbounded";
  if (x === 0) return "0";
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString("en-US") : fmt(x, 3);
}

/** "$1,234M", or "unbounded" when there is no finite amount. */
function dollars(x: number): string {
  return Number.isFinite(x) ? `$${money(x)}M` : "unbounded";
}

function sideTable(result: RaceResult, s: 0 | 1): string {
  const rows = result.rounds.map((round) => {
    const x = round.sides[s];
    const req = x.requirement;
    const goal = x.goal;
    return [
      String(round.round),
      String(x.launchers),
      String(x.warheads),
      String(x.decoys),
      String(x.interceptors),
      x.purchases.length ? x.purchases.map(purchaseLabel).join("; ") : statusText(x),
      money(x.spendingMillionUsd),
      money(x.cumulativeSpendingMillionUsd),
      `${fmt(x.retaliation.mean, 5)} (${x.retaliation.p05}–${x.retaliation.p95})`,
      req ? `${fmt(req.probability, 4)} ${req.met ? "✔" : "✖"}` : "—",
      goal ? `${fmt(goal.value, 4)}/${fmt(goal.target, 4)} ${goal.met ? "✔" : "✖"}` : "—",
    ];
  });
  const x0 = result.rounds[0]!.sides[s];
  const reqHead = x0.requirement
    ? `P(ret >= ${x0.requirement.warheads}) ≥ ${x0.requirement.confidence}`
    : "requirement";
  return table(
    [
      "round",
      "launchers",
      "warheads",
      "decoys",
      "interceptors",
      "bought",
      "spent $M",
      "total $M",
      "retaliation mean (90%)",
      reqHead,
      x0.goal ? `goal: ${x0.goal.description}` : "goal",
    ],
    rows,
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function statusText(x: RaceRoundSide): string {
  const r = [x.defenseResponse, x.offenseResponse].find(
    (r) => r && (r.status === "unaffordable" || r.status === "unreachable"),
  );
  return r ? r.status.replace("_", " ") : "—";
}

function cerTable(c: CostExchange, names: Record<string, string>): string {
  const head = `${names[c.attacker] ?? c.attacker} → ${names[c.defender] ?? c.defender} (${c.layer}): `;
  if (!c.applicable) return `${head}${c.nitze.statement}\n`;
  const rows = c.options.map((o) => [
    `${o.kind} on ${o.element}${o.atCap ? " (at cap)" : ""}`,
    `${o.units} for ${dollars(o.attackerCostMillionUsd)}`,
    fmt(o.warheadsGained, 4),
    money(o.attackerCostPerWarheadMillionUsd),
    Number.isFinite(o.ratio) ? fmt(o.ratio, 3) : "∞",
    o.ratio >= 1 ? "pass" : "fail",
    Number.isFinite(o.ratio) && o.ratio > 0 ? money(o.breakEvenUnitCostMillionUsd) : "—",
  ]);
  return (
    head +
    `${c.defenderStep} more interceptors (${dollars(c.defenderCostMillionUsd)}) stop ${fmt(c.warheadsStopped, 4)} warheads: ` +
    `${dollars(c.defenderCostPerWarheadMillionUsd)} per warhead stopped\n` +
    table(
      [
        "attacker option (one step)",
        "bought",
        "warheads gained",
        "$M per warhead",
        "ratio",
        "Nitze",
        "break-even unit $M",
      ],
      rows,
    ) +
    `  ${c.nitze.statement}\n`
  );
}

/** The readable report of the action–reaction race. */
export function raceReport(s: Scenario, input: RaceInput, r: RaceResult): string {
  const names: Record<string, string> = Object.fromEntries(s.sides.map((x) => [x.id, x.name]));
  const out: string[] = [];
  out.push(
    `Offense–defense action–reaction race: ${input.rounds} round${input.rounds === 1 ? "" : "s"}, ${input.moves} moves`,
    "",
  );
  for (const i of [0, 1] as const) {
    const side = r.rounds[0]!.sides[i];
    const rs = input.sides[i];
    const what = [
      rs.requirement
        ? `keeps P(retaliation >= ${rs.requirement.warheads}) >= ${rs.requirement.confidence} with ${rs.offense.map((o) => `${o.kind} on ${o.element} (max ${o.max})`).join(", ")}`
        : undefined,
      rs.defense
        ? `sizes ${rs.defense.layer} (max ${rs.defense.max}) to ${side.goal?.description ?? rs.defense.goal.kind}`
        : undefined,
      rs.budgetMillionUsd !== undefined ? `budget $${money(rs.budgetMillionUsd)}M` : undefined,
      rs.limits?.warheads !== undefined || rs.limits?.launchers !== undefined
        ? `limits ${[rs.limits?.warheads !== undefined ? `${rs.limits.warheads} warheads` : "", rs.limits?.launchers !== undefined ? `${rs.limits.launchers} launchers` : ""].filter(Boolean).join(", ")}`
        : undefined,
    ].filter((x): x is string => x !== undefined);
    out.push(`${side.name}: ${what.length ? what.join("; ") : "does not react"}`);
    out.push(sideTable(r, i));
  }
  out.push(
    `First-strike stability index by round: ${r.rounds.map((x) => fmt(x.firstStrikeStability, 4)).join(", ")}`,
    "",
  );
  const o = r.outcome;
  out.push(`Outcome: ${o.code.replace("_", " ")} (round ${o.round}). ${capitalize(o.reason)}.`);
  const [ta, tb] = r.totals;
  out.push(
    `Spending over the race: ${names[ta!.id]} $${money(ta!.spendingMillionUsd)}M, ${names[tb!.id]} $${money(tb!.spendingMillionUsd)}M` +
      (ta!.spendingMillionUsd > 0 && tb!.spendingMillionUsd > 0
        ? ` (ratio ${fmt(Math.max(ta!.spendingMillionUsd, tb!.spendingMillionUsd) / Math.min(ta!.spendingMillionUsd, tb!.spendingMillionUsd), 3)} : 1)`
        : ""),
    "",
  );
  const cer = r.rounds.filter((x) => x.costExchange.length > 0);
  if (cer.length > 0) {
    out.push(
      "Cost-exchange ratio at the margin (attacker's $ per extra warhead through ÷ defender's $ per warhead stopped; Nitze: cost-effective at the margin needs >= 1)",
    );
    for (const round of cer) {
      out.push(`round ${round.round}:`);
      for (const c of round.costExchange) out.push(cerTable(c, names));
    }
  }
  const costs = costSources(s);
  if (costs.length > 0) {
    out.push("Unit costs ($M) and sources:");
    out.push(
      table(
        ["side", "item", "$M", "source"],
        costs.map((c) => [
          names[c.side] ?? c.side,
          c.item,
          money(c.valueMillionUsd),
          `${c.source ?? "(none)"}${c.notional ? " [notional]" : ""}${c.citation ? `: ${c.citation}` : ""}`,
        ]),
      ),
    );
  }
  out.push(
    `Work: ${r.work.exchangeEvaluations} exchange analyses (${r.work.cacheHits} served from cache), ${r.work.engagementEvaluations} engagements.`,
    "",
  );
  return out.join("\n");
}

/** The per-round CSV of `stratbal race --csv`. */
export function raceCsv(r: RaceResult): string {
  return toCsv([...RACE_ROUND_COLUMNS], raceRoundRows(r.rounds));
}

function richardsonCsv(p: RichardsonTrajectory): string {
  return toCsv(
    ["t", "x", "y"],
    Array.from(p.t, (t, i) => [t, p.x[i]!, p.y[i]!]),
  );
}

function richardsonReport(
  p: RichardsonTrajectory,
  setup: RichardsonSetup,
  names: { x: string; y: string },
): string {
  const k = setup.params;
  const a = p.analysis;
  const out: string[] = [];
  out.push(
    `Richardson model: dx/dt = k·y − a·x + g, dy/dt = l·x − b·y + h; x = ${names.x}, y = ${names.y}` +
      (setup.unit ? ` (${setup.unit})` : ""),
    `  k = ${fmt(k.k)}, l = ${fmt(k.l)}, a = ${fmt(k.a)}, b = ${fmt(k.b)}, g = ${fmt(k.g)}, h = ${fmt(k.h)}`,
    `  ab − kl = ${fmt(a.determinant)}: ${a.stability}` +
      (a.equilibrium
        ? `; equilibrium x* = ${fmt(a.equilibrium.x)}, y* = ${fmt(a.equilibrium.y)}`
        : "; no isolated equilibrium") +
      `; eigenvalues ${fmt(a.eigenvalues[0])}, ${fmt(a.eigenvalues[1])}`,
    `  From (${fmt(p.start.x)}, ${fmt(p.start.y)}): ${p.fate}. ${capitalize(p.reason)}.`,
    "",
  );
  const n = p.t.length;
  const every = Math.max(1, Math.ceil((n - 1) / 10));
  const rows: string[][] = [];
  for (let i = 0; i < n; i += every) rows.push([fmt(p.t[i]!), fmt(p.x[i]!), fmt(p.y[i]!)]);
  if ((n - 1) % every !== 0) rows.push([fmt(p.t[n - 1]!), fmt(p.x[n - 1]!), fmt(p.y[n - 1]!)]);
  out.push(table(["t", "x", "y"], rows));
  out.push(
    `  Solver: ${p.solver.method}; rtol ${p.solver.rtol}, atol ${p.solver.atol}; ${p.solver.steps} steps (${p.solver.rejectedSteps} rejected).`,
    "",
  );
  return out.join("\n");
}
