// The arms race: the scenario's offense–defense action–reaction race (`stratbal race`) run in its
// own worker, round by round, with forces, interceptors, spending, the outcome and the
// cost-exchange ratio at the margin with Nitze's test; and Richardson's equations when the
// scenario gives their coefficients.
import * as Plot from "@observablehq/plot";
import type { CostExchange, RaceMoves, RaceRound } from "@stratbal/core";
import { RACE_ROUND_COLUMNS, raceRoundRows } from "@stratbal/core";
import type { Scenario } from "@stratbal/scenario";
import { RACE_DEFAULTS } from "@stratbal/scenario";
import { useEffect, useMemo, useState } from "preact/hooks";
import { useCompute } from "../app/useCompute.ts";
import { useDebounced } from "../app/useDebounced.ts";
import { Chart } from "../charts/Chart.tsx";
import type { CsvTable } from "../charts/csv.ts";
import { toCsv } from "../charts/csv.ts";
import { download } from "../charts/exportChart.ts";
import { MAX_RACE_ROUNDS } from "../compute/jobs.ts";
import type { RaceProgress, RequestOf } from "../compute/protocol.ts";
import { docHref } from "../docs/docPages.ts";
import {
  costExchangeReading,
  fmtMoney,
  fmtRatio,
  forceRows,
  outcomeText,
  purchaseText,
  richardsonReading,
  sideNames,
  spendingReading,
  spendingRows,
  unitCosts,
} from "../explain/raceReadings.ts";
import { fmtCount, fmtNum, fmtProb } from "../explain/readings.ts";
import { LIBRARY } from "../scenario/library.ts";
import { COLORS } from "./colors.ts";
import { ComputeStatus } from "./ComputeStatus.tsx";
import { NumberOption } from "./NumberOption.tsx";
import type { ViewDef, ViewProps } from "./types.ts";

const MEASURE_COLORS = {
  warheads: COLORS.series[0],
  launchers: COLORS.series[2],
  decoys: COLORS.series[4],
  interceptors: COLORS.series[1],
} as const;

function csvButton(label: string, table: () => CsvTable, file: string) {
  return (
    <button
      type="button"
      class="small"
      onClick={() => download(new Blob([toCsv(table())], { type: "text/csv;charset=utf-8" }), file)}
    >
      {label}
    </button>
  );
}

/** The rounds axis: every round labelled when there are few enough, whole numbers only. */
function roundAxis(rounds: readonly RaceRound[]): Plot.ScaleOptions {
  return rounds.length <= 16
    ? { label: "round", ticks: rounds.map((r) => r.round), tickFormat: "d" }
    : { label: "round", tickFormat: "d" };
}

function NoRace() {
  const href = docHref("docs/models/race.md");
  const examples = LIBRARY.filter((e) => /^race:/m.test(e.text));
  return (
    <p class="notice" data-testid="no-race">
      <strong>This scenario has no race settings.</strong> It has no <code>race:</code> section, so
      there is no arms race to run: the race needs, for each side, the retaliation it keeps, what
      its offense may buy, how its defense is sized and what each item costs (or Richardson's
      coefficients). The{" "}
      {href ? (
        <a href={href} target="_blank" rel="noopener">
          arms-race model
        </a>
      ) : (
        "arms-race model (docs/models/race.md)"
      )}{" "}
      describes the section.
      {examples.length > 0 && (
        <>
          {" "}
          To start from one, choose{" "}
          {examples.map((e, i) => (
            <span key={e.id}>
              {i > 0 && (i === examples.length - 1 ? " or " : ", ")}“{e.title}”
            </span>
          ))}{" "}
          in the Scenario menu above.
        </>
      )}
    </p>
  );
}

function CostExchangeTable({
  c,
  names,
  round,
}: {
  readonly c: CostExchange;
  readonly names: Readonly<Record<string, string>>;
  readonly round: number;
}) {
  const att = names[c.attacker] ?? c.attacker;
  const def = names[c.defender] ?? c.defender;
  if (!c.applicable) return <p class="small-print">{c.nitze.statement}</p>;
  return (
    <table class="results" data-testid="cost-exchange-table">
      <caption>
        {att} → {def} ({c.layer}), round {round}: {fmtNum(c.defenderStep)} more interceptors (
        {fmtMoney(c.defenderCostMillionUsd)}) stop {fmtNum(c.warheadsStopped, 4)} warheads,{" "}
        {fmtMoney(c.defenderCostPerWarheadMillionUsd)} per warhead stopped. Each row: one step of an
        offense option of {att}.
      </caption>
      <thead>
        <tr>
          <th scope="col">{att}'s option</th>
          <th scope="col" class="num">
            bought
          </th>
          <th scope="col" class="num">
            warheads gained
          </th>
          <th scope="col" class="num">
            $ per warhead
          </th>
          <th scope="col" class="num">
            ratio
          </th>
          <th scope="col">Nitze</th>
          <th scope="col" class="num">
            break-even unit cost
          </th>
        </tr>
      </thead>
      <tbody>
        {c.options.map((o) => {
          const cheapest = c.cheapest?.kind === o.kind && c.cheapest.element === o.element;
          return (
            <tr>
              <th scope="row">
                {o.kind} on {o.element}
                {o.atCap && <span class="muted"> (at cap)</span>}
                {cheapest && <span class="tag">cheapest</span>}
              </th>
              <td class="num">
                {fmtNum(o.units)} for {fmtMoney(o.attackerCostMillionUsd)}
              </td>
              <td class="num">{fmtNum(o.warheadsGained, 4)}</td>
              <td class="num">{fmtMoney(o.attackerCostPerWarheadMillionUsd)}</td>
              <td class="num">{fmtRatio(o.ratio)}</td>
              <td>
                <span class={`badge ${o.ratio >= 1 ? "badge-pass" : "badge-fail"}`}>
                  {o.ratio >= 1 ? "pass" : "fail"}
                </span>
              </td>
              <td class="num">
                {Number.isFinite(o.ratio) && o.ratio > 0
                  ? fmtMoney(o.breakEvenUnitCostMillionUsd)
                  : "—"}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The race per round and side, as `stratbal race --csv` writes it. */
function roundsCsv(rounds: readonly RaceRound[]): CsvTable {
  return { columns: [...RACE_ROUND_COLUMNS], rows: raceRoundRows(rounds) };
}

function RoundsTable({
  rounds,
  fileBase,
}: {
  readonly rounds: readonly RaceRound[];
  readonly fileBase: string;
}) {
  return (
    <details class="table-wrap" open>
      <summary>Round by round: what each side bought and whether it met its aim</summary>
      <table class="results" data-testid="race-rounds">
        <thead>
          <tr>
            <th scope="col">round</th>
            <th scope="col">side</th>
            <th scope="col" class="num">
              warheads
            </th>
            <th scope="col" class="num">
              decoys
            </th>
            <th scope="col" class="num">
              interceptors
            </th>
            <th scope="col">bought</th>
            <th scope="col" class="num">
              spent
            </th>
            <th scope="col" class="num">
              retaliation (90%)
            </th>
            <th scope="col">requirement or goal</th>
          </tr>
        </thead>
        <tbody>
          {rounds.flatMap((r) =>
            r.sides.map((x) => {
              const req = x.requirement;
              const goal = x.goal;
              const problem = [x.defenseResponse, x.offenseResponse].find(
                (s) => s && (s.status === "unaffordable" || s.status === "unreachable"),
              );
              return (
                <tr>
                  <td>{r.round}</td>
                  <td>{x.name}</td>
                  <td class="num">{fmtCount(x.warheads)}</td>
                  <td class="num">{fmtCount(x.decoys)}</td>
                  <td class="num">{fmtCount(x.interceptors)}</td>
                  <td>
                    {x.purchases.length > 0
                      ? x.purchases.map(purchaseText).join("; ")
                      : problem
                        ? `${problem.status}: ${problem.reason}`
                        : "—"}
                  </td>
                  <td class="num">{fmtMoney(x.spendingMillionUsd)}</td>
                  <td class="num">
                    {fmtNum(x.retaliation.mean, 4)} ({x.retaliation.p05}–{x.retaliation.p95})
                  </td>
                  <td>
                    {req && (
                      <span>
                        P(≥ {req.warheads}) = {fmtProb(req.probability)} vs {req.confidence}{" "}
                        <span class={`badge ${req.met ? "badge-pass" : "badge-fail"}`}>
                          {req.met ? "met" : "not met"}
                        </span>
                      </span>
                    )}
                    {goal && (
                      <span>
                        {goal.description}: {fmtNum(goal.value, 4)} of {fmtNum(goal.target, 4)}{" "}
                        <span class={`badge ${goal.met ? "badge-pass" : "badge-fail"}`}>
                          {goal.met ? "met" : "not met"}
                        </span>
                      </span>
                    )}
                    {!req && !goal && "—"}
                  </td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
      {csvButton("Export table as CSV", () => roundsCsv(rounds), `${fileBase}-race-rounds.csv`)}
    </details>
  );
}

function UnitCostTable({ scenario }: { readonly scenario: Scenario }) {
  const rows = unitCosts(scenario);
  if (rows.length === 0) return null;
  return (
    <div class="table-wrap">
      <table class="results" data-testid="race-costs">
        <caption>Unit costs the race uses, with their sources (notional ones marked).</caption>
        <thead>
          <tr>
            <th scope="col">side</th>
            <th scope="col">item</th>
            <th scope="col" class="num">
              cost
            </th>
            <th scope="col">source</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{r.side}</td>
              <td>{r.item}</td>
              <td class="num">{fmtMoney(r.valueMillionUsd)}</td>
              <td>
                <span class="tag source" title={r.citation ?? ""}>
                  {r.source ?? "no source"}
                </span>
                {r.notional && <span class="tag">notional</span>}
                {r.citation && <div class="note">{r.citation}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function intOption(raw: string | undefined, lo: number, hi: number): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  return Number.isInteger(v) && v >= lo && v <= hi ? v : undefined;
}

function RacePanel({ p, scenario }: { readonly p: ViewProps; readonly scenario: Scenario }) {
  const names = useMemo(() => sideNames(scenario), [scenario]);
  const roundsOpt = intOption(p.options["rounds"], 0, MAX_RACE_ROUNDS);
  const moves = (["alternating", "simultaneous"] as const).find((m) => m === p.options["moves"]);
  const cer = (["ends", "every-round"] as const).find((m) => m === p.options["cer"]);
  const fileRounds = scenario.race?.rounds ?? RACE_DEFAULTS.rounds;
  const fileMoves: RaceMoves = scenario.race?.moves ?? RACE_DEFAULTS.moves;
  const fileCer = scenario.race?.costExchange ?? RACE_DEFAULTS.costExchange;
  const [paused, setPaused] = useState(false);
  const request = useMemo<RequestOf<"race"> | null>(
    () =>
      paused
        ? null
        : {
            kind: "race",
            scenario,
            ...(roundsOpt !== undefined ? { rounds: roundsOpt } : {}),
            ...(moves ? { moves } : {}),
            ...(cer ? { costExchange: cer } : {}),
          },
    [scenario, roundsOpt, moves, cer, paused],
  );
  const [live, setLive] = useState<{ rounds: RaceRound[]; planned: number }>({
    rounds: [],
    planned: roundsOpt ?? fileRounds,
  });
  useEffect(() => {
    if (request) setLive({ rounds: [], planned: roundsOpt ?? fileRounds });
  }, [request]);
  const st = useCompute(p.client, "race", request, (pr: RaceProgress) =>
    setLive((l) => ({ rounds: [...l.rounds, pr.round], planned: pr.settings.rounds })),
  );
  const done = st.status === "ok" && st.result !== undefined;
  const rounds: readonly RaceRound[] = done ? st.result!.race.rounds : live.rounds;
  const planned = done ? st.result!.settings.rounds : live.planned;
  const computing = st.status === "computing";
  const stale = p.stale || computing;
  const last = rounds.at(-1);
  const cerRounds = rounds.filter((r) => r.costExchange.length > 0);
  const cerEnd = done ? cerRounds.at(-1) : undefined;
  const cerStart = cerRounds[0];
  const forces = forceRows(rounds);
  const spending = spendingRows(rounds);
  const measures = [...new Set(forces.map((f) => f.measure))];
  const xRound = roundAxis(rounds);
  const cerSeries = cerRounds.flatMap((r) =>
    r.costExchange
      .filter((c) => c.applicable && Number.isFinite(c.ratio) && c.ratio > 0)
      .map((c) => ({
        round: r.round,
        pair: `${names[c.attacker] ?? c.attacker} → ${names[c.defender] ?? c.defender}`,
        ratio: c.ratio,
      })),
  );
  const outcome = done ? outcomeText(st.result!.race.outcome) : undefined;

  return (
    <>
      <div class="controls" role="group" aria-label="Race settings">
        <NumberOption
          class="narrow"
          label={`Rounds (file: ${fileRounds})`}
          value={roundsOpt ?? fileRounds}
          min={0}
          max={MAX_RACE_ROUNDS}
          integer
          onCommit={(t) => p.setOptions({ rounds: Number(t) === fileRounds ? undefined : t })}
          testId="race-rounds-input"
        />
        <label>
          Moves
          <select
            value={moves ?? fileMoves}
            onChange={(e) => {
              const v = (e.target as HTMLSelectElement).value;
              p.setOptions({ moves: v === fileMoves ? undefined : v });
            }}
          >
            <option value="alternating">alternating (defense first)</option>
            <option value="simultaneous">simultaneous</option>
          </select>
        </label>
        <label>
          Cost-exchange ratio
          <select
            value={cer ?? fileCer}
            onChange={(e) => {
              const v = (e.target as HTMLSelectElement).value;
              p.setOptions({ cer: v === fileCer ? undefined : v });
            }}
          >
            <option value="ends">at the start and the end</option>
            <option value="every-round">every round</option>
          </select>
        </label>
      </div>
      <div class="progress-row">
        <progress
          max={planned + 1}
          value={done ? planned + 1 : rounds.length}
          aria-label="Race rounds computed"
          data-testid="race-progress"
        />
        <span data-testid="race-progress-text">
          {rounds.length === 0
            ? computing
              ? "Starting the race…"
              : paused
                ? "Stopped."
                : ""
            : done
              ? `Finished after round ${last!.round} of ${planned}.`
              : `Round ${last!.round} of ${planned} computed${computing ? " — computing the next in the background" : ""}.${paused && !computing ? " Stopped." : ""}`}
        </span>
        {computing ? (
          <button
            type="button"
            class="small"
            onClick={() => {
              p.client.cancel("race");
              setPaused(true);
            }}
            data-testid="race-stop"
          >
            Stop
          </button>
        ) : (
          paused && (
            <button type="button" class="small" onClick={() => setPaused(false)}>
              Run again
            </button>
          )
        )}
      </div>
      {st.status === "error" && <ComputeStatus state={st} what="the race" />}
      {st.status === "ok" && <ComputeStatus state={st} what="the race" />}
      {outcome && (
        <div class="notice outcome" data-testid="race-outcome" role="status">
          <strong>Outcome: {outcome.title}.</strong> {outcome.text}
        </div>
      )}
      {done && (
        <ul class="readings" aria-live="polite" data-testid="race-readings">
          <li>{spendingReading(rounds, st.result!.race.totals, names)}</li>
          {cerEnd?.costExchange.map((c) => (
            <li>
              <strong>At the end (round {cerEnd.round}):</strong> {costExchangeReading(c, names)}
            </li>
          ))}
          {cerStart &&
            cerStart !== cerEnd &&
            cerStart.costExchange.map((c) => (
              <li>
                <strong>At the start (round {cerStart.round}):</strong>{" "}
                {costExchangeReading(c, names)}
              </li>
            ))}
        </ul>
      )}
      {rounds.length > 0 && (
        <>
          <Chart
            id="race-forces"
            title="Forces and interceptors per round"
            deps={[rounds]}
            stale={stale}
            fileBase={p.fileBase}
            footer={p.footer}
            legend={measures.map((m) => ({ label: m, color: MEASURE_COLORS[m] }))}
            render={(width) =>
              Plot.plot({
                width,
                height: 420,
                marginLeft: 60,
                marginRight: 100,
                x: xRound,
                y: { label: "count", grid: true, zero: true },
                fy: { label: null, domain: rounds[0]!.sides.map((s) => s.name) },
                color: {
                  domain: measures,
                  range: measures.map((m) => MEASURE_COLORS[m]),
                },
                marks: [
                  Plot.lineY(forces, {
                    x: "round",
                    y: "value",
                    stroke: "measure",
                    fy: "side",
                    marker: "circle",
                  }),
                  Plot.tip(
                    forces,
                    Plot.pointer({
                      x: "round",
                      y: "value",
                      fy: "side",
                      title: (r: (typeof forces)[number]) =>
                        `${r.side}, round ${r.round}: ${fmtCount(r.value)} ${r.measure}`,
                    }),
                  ),
                  Plot.ruleY([0]),
                ],
              })
            }
            csv={() => ({
              columns: ["round", "side", "measure", "value"],
              rows: forces.map((r) => [r.round, r.side, r.measure, r.value]),
            })}
            caption={
              <>
                Each side's deployed warheads, launchers and credible decoys and its interceptors at
                the end of each round (round 0: the scenario as written). A measure that stays at
                zero for a side is not drawn.
              </>
            }
          />
          <Chart
            id="race-spending"
            title="Cumulative spending per side"
            deps={[rounds]}
            stale={stale}
            fileBase={p.fileBase}
            footer={p.footer}
            legend={rounds[0]!.sides.map((s, i) => ({ label: s.name, color: COLORS.sides[i]! }))}
            render={(width) =>
              Plot.plot({
                width,
                height: 300,
                marginLeft: 70,
                x: xRound,
                y: { label: "$ million, cumulative", grid: true, zero: true },
                // Keyed by position: a side named "Red" would otherwise be drawn in CSS red.
                color: { domain: [0, 1], range: [...COLORS.sides] },
                marks: [
                  Plot.lineY(spending, {
                    x: "round",
                    y: "cumulative",
                    stroke: "index",
                    marker: "circle",
                    curve: "linear",
                  }),
                  Plot.tip(
                    spending,
                    Plot.pointer({
                      x: "round",
                      y: "cumulative",
                      title: (r: (typeof spending)[number]) =>
                        `${r.side}, round ${r.round}: ${fmtMoney(r.spent)} this round, ${fmtMoney(r.cumulative)} in all`,
                    }),
                  ),
                  Plot.ruleY([0]),
                ],
              })
            }
            csv={() => ({
              columns: ["round", "side", "spending_musd", "cumulative_musd"],
              rows: spending.map((r) => [r.round, r.side, r.spent, r.cumulative]),
            })}
            caption={
              <>
                Acquisition spending in millions of US dollars, summed over the rounds, at the unit
                costs listed below (each with its source; notional ones marked).
              </>
            }
          />
          <Chart
            id="race-stability"
            title="First-strike stability index by round"
            deps={[rounds]}
            stale={stale}
            fileBase={p.fileBase}
            footer={p.footer}
            render={(width) =>
              Plot.plot({
                width,
                height: 220,
                marginLeft: 60,
                x: xRound,
                y: { label: "index", grid: true },
                marks: [
                  Plot.lineY(rounds, {
                    x: "round",
                    y: "firstStrikeStability",
                    stroke: COLORS.with,
                    marker: "circle",
                  }),
                ],
              })
            }
            csv={() => ({
              columns: ["round", "first_strike_stability"],
              rows: rounds.map((r) => [r.round, r.firstStrikeStability]),
            })}
            caption={
              <>
                The Kent &amp; Thaler index of the posture at the end of each round (1: neither side
                gains by striking first).
              </>
            }
          />
          {cerSeries.length >= 3 && (
            <Chart
              id="race-cost-exchange"
              title="Cost-exchange ratio at the margin by round"
              deps={[rounds]}
              stale={stale}
              fileBase={p.fileBase}
              footer={p.footer}
              render={(width) =>
                Plot.plot({
                  width,
                  height: 260,
                  marginLeft: 60,
                  x: xRound,
                  y: { label: "ratio (log scale)", type: "log", grid: true },
                  color: { legend: true },
                  marks: [
                    Plot.ruleY([1], { stroke: COLORS.threshold, strokeDasharray: "4 3" }),
                    Plot.lineY(cerSeries, {
                      x: "round",
                      y: "ratio",
                      stroke: "pair",
                      marker: "circle",
                    }),
                  ],
                })
              }
              csv={() => ({
                columns: ["round", "attacker_defender", "ratio"],
                rows: cerSeries.map((r) => [r.round, r.pair, r.ratio]),
              })}
              caption={
                <>
                  Attacker's cost per extra warhead through ÷ defender's cost per warhead stopped,
                  against the attacker's cheapest response. Dashed: 1, Nitze's line; below it the
                  defense is not cost-effective at the margin.
                </>
              }
            />
          )}
          {cerEnd && (
            <div class="table-wrap">
              {cerEnd.costExchange.map((c) => (
                <CostExchangeTable c={c} names={names} round={cerEnd.round} />
              ))}
            </div>
          )}
          <RoundsTable rounds={rounds} fileBase={p.fileBase} />
          <UnitCostTable scenario={scenario} />
        </>
      )}
    </>
  );
}

function RichardsonPanel({ p, scenario }: { readonly p: ViewProps; readonly scenario: Scenario }) {
  const request = useMemo<RequestOf<"richardson">>(
    () => ({ kind: "richardson", scenario }),
    [scenario],
  );
  const st = useCompute(p.client, "richardson", request);
  const r = st.result;
  const names = { x: scenario.sides[0]!.name, y: scenario.sides[1]!.name };
  if (!r) return <ComputeStatus state={st} what="Richardson's equations" />;
  const path = r.path;
  const unit = r.setup.unit ? ` (${r.setup.unit})` : "";
  // Series keyed "x" and "y", not by side name: Plot would draw names such as "Blue" and "Red"
  // in those CSS colours instead of through the colour scale.
  const rows = Array.from(path.t, (t, i) => [
    { t, key: "x", value: path.x[i]! },
    { t, key: "y", value: path.y[i]! },
  ]).flat();
  const phase = Array.from(path.t, (t, i) => ({ t, x: path.x[i]!, y: path.y[i]! }));
  const eq = path.analysis.equilibrium;
  const k = r.setup.params;
  const stale = p.stale || st.status === "computing";
  return (
    <>
      <h3 class="section-title">Richardson's equations</h3>
      <p class="small-print">
        dx/dt = k·y − a·x + g, dy/dt = l·x − b·y + h with x = {names.x}, y = {names.y}
        {unit}: k = {fmtNum(k.k, 4)}, l = {fmtNum(k.l, 4)}, a = {fmtNum(k.a, 4)}, b ={" "}
        {fmtNum(k.b, 4)}, g = {fmtNum(k.g, 4)}, h = {fmtNum(k.h, 4)}.
      </p>
      {st.status === "error" && <ComputeStatus state={st} what="Richardson's equations" />}
      <p class="readings" data-testid="richardson-reading">
        {richardsonReading(path, names)}
      </p>
      <Chart
        id="richardson-path"
        title="Richardson paths: armaments over time"
        deps={[r]}
        stale={stale}
        fileBase={p.fileBase}
        footer={p.footer}
        legend={[
          { label: names.x, color: COLORS.sides[0] },
          { label: names.y, color: COLORS.sides[1] },
          ...(eq ? [{ label: "equilibrium", color: "#555", dash: true }] : []),
        ]}
        render={(width) =>
          Plot.plot({
            width,
            height: 300,
            marginLeft: 60,
            x: { label: "time" },
            y: { label: `armament${unit}`, grid: true },
            color: { domain: ["x", "y"], range: [...COLORS.sides] },
            marks: [
              ...(eq
                ? [
                    Plot.ruleY([eq.x], { stroke: COLORS.sides[0], strokeDasharray: "4 3" }),
                    Plot.ruleY([eq.y], { stroke: COLORS.sides[1], strokeDasharray: "4 3" }),
                  ]
                : []),
              Plot.lineY(rows, { x: "t", y: "value", stroke: "key" }),
            ],
          })
        }
        csv={() => ({
          columns: ["t", "x", "y"],
          rows: phase.map((q) => [q.t, q.x, q.y]),
        })}
        caption={
          <>
            Solved with an adaptive Dormand–Prince method ({path.solver.steps} steps); dashed: the
            equilibrium x*, y* when there is one.
          </>
        }
      />
      <Chart
        id="richardson-phase"
        title="Richardson phase plane"
        deps={[r]}
        stale={stale}
        fileBase={p.fileBase}
        footer={p.footer}
        render={(width) =>
          Plot.plot({
            width,
            height: Math.min(420, Math.max(260, width * 0.5)),
            marginLeft: 60,
            x: { label: `${names.x}${unit}`, grid: true },
            y: { label: `${names.y}${unit}`, grid: true },
            marks: [
              Plot.line(phase, { x: "x", y: "y", stroke: COLORS.with, markerEnd: "arrow" }),
              Plot.dot(phase.slice(0, 1), { x: "x", y: "y", r: 4, fill: COLORS.with }),
              ...(eq
                ? [
                    Plot.dot([eq], { x: "x", y: "y", r: 6, stroke: "#111", strokeWidth: 2 }),
                    Plot.text([eq], {
                      x: "x",
                      y: "y",
                      text: () => "equilibrium",
                      dy: -14,
                      textAnchor: "end",
                    }),
                  ]
                : []),
            ],
          })
        }
        csv={() => ({
          columns: ["t", "x", "y"],
          rows: phase.map((q) => [q.t, q.x, q.y]),
        })}
        caption={
          <>The path from its start (dot) to the horizon (arrow); ringed: the equilibrium.</>
        }
      />
    </>
  );
}

function RaceView(p: ViewProps) {
  // A race takes seconds: start it once edits settle, not at every step of a slider.
  const scenario = useDebounced(p.scenario, 400);
  const sides = scenario.race?.sides;
  const hasRace = sides !== undefined && Object.keys(sides).length > 0;
  const hasRichardson = scenario.race?.richardson !== undefined;
  if (!hasRace && !hasRichardson) {
    return (
      <div class="view-body">
        <NoRace />
      </div>
    );
  }
  return (
    <div class="view-body">
      {hasRace ? (
        <RacePanel p={p} scenario={scenario} />
      ) : (
        <p class="small-print">
          The scenario gives Richardson's coefficients but no race sides, so there is no
          action–reaction race to run.
        </p>
      )}
      {hasRichardson && <RichardsonPanel p={p} scenario={scenario} />}
    </div>
  );
}

export const raceView: ViewDef = {
  id: "race",
  title: "Arms race",
  summary: "Action–reaction paths of offense and defense, with costs",
  docs: [
    {
      model: "race",
      title: "Arms race (Richardson; offense–defense action–reaction)",
      doc: "docs/models/race.md",
    },
  ],
  optionKeys: ["rounds", "moves", "cer"],
  Component: RaceView,
};
