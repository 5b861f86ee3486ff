// Parameter uncertainty: an outer Monte Carlo over the scenario's parameters given as
// distributions (sampled as `stratbal sweep` samples them, seeded), run in its own worker and
// shown as it goes: the distribution of the stability index and of each side's mean retaliation
// with and without defenses (mean, 5–95% band, Monte Carlo standard error), and the tornado.
import * as Plot from "@observablehq/plot";
import type { MonteCarloSummary, SamplingPlan } from "@stratbal/core";
import type { Scenario } from "@stratbal/scenario";
import { findParam, listParams, toSamplingPlan } from "@stratbal/scenario";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { useCompute } from "../app/useCompute.ts";
import { useDebounced } from "../app/useDebounced.ts";
import { Chart } from "../charts/Chart.tsx";
import type { CsvTable } from "../charts/csv.ts";
import { toCsv } from "../charts/csv.ts";
import { download } from "../charts/exportChart.ts";
import { MAX_SAMPLES } from "../compute/jobs.ts";
import type {
  McOutput,
  RequestOf,
  UncertainParamInfo,
  UncertaintyProgress,
} from "../compute/protocol.ts";
import { docHref } from "../docs/docPages.ts";
import { TheName, sideNames, theName } from "../explain/raceReadings.ts";
import { fmtNum, possessive } from "../explain/readings.ts";
import {
  binCount,
  digitsFor,
  distributionWords,
  histogram,
  outputInfo,
  summaryText,
  tornadoReading,
  varies,
} from "../explain/uncertaintyReadings.ts";
import { COLORS } from "./colors.ts";
import { ComputeStatus } from "./ComputeStatus.tsx";
import { NumberOption } from "./NumberOption.tsx";
import { paramLabel } from "./StabilityMapView.tsx";
import type { ViewDef, ViewProps } from "./types.ts";

/** Samples when neither the view nor the scenario says: as `stratbal sweep`. */
export const DEFAULT_SAMPLES = 200;
/** Seed when neither the view nor the scenario says: as `stratbal sweep`. */
export const DEFAULT_SEED = 1;
const MAX_SEED = 2 ** 32 - 1;

const WORLDS = ["with defenses", "without defenses"] as const;
const WORLD_COLORS = [COLORS.with, COLORS.without] as const;

function intOption(raw: string | undefined, lo: number, hi: number): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  return Number.isInteger(v) && v >= lo && v <= hi ? v : undefined;
}

function NoDistributions({ scenario }: { readonly scenario: Scenario }) {
  const href = docHref("docs/uncertainty.md");
  const example = listParams(scenario).find((r) => r.path.endsWith(".sspk"));
  return (
    <div class="notice" data-testid="no-distributions">
      <p>
        <strong>No parameter of this scenario is given as a distribution</strong>, so there is no
        parameter uncertainty to carry through the models: every view shows the exact result for the
        numbers as written. To add uncertainty, write a distribution in place of a number in the
        YAML, for example a kill probability from a test record of 10 successes in 18 trials
        {example ? ` (here, ${paramLabel(example)})` : ""}:
      </p>
      <pre>
        <code>{"sspk: { beta: { successes: 10, trials: 18 }, source: gmd-tests-2017 }"}</code>
      </pre>
      <p>
        Uniform, triangular and normal (90% interval) distributions work the same way, on any
        number, with rank correlations between them. See{" "}
        {href ? (
          <a href={href} target="_blank" rel="noopener">
            Uncertainty, sweeps and sensitivity
          </a>
        ) : (
          "docs/uncertainty.md"
        )}
        .
      </p>
    </div>
  );
}

interface Accumulated {
  readonly params: readonly UncertainParamInfo[];
  readonly outputs: readonly McOutput[];
  readonly seed: number;
  readonly draws: number[][];
  readonly values: number[][];
  readonly summaries: readonly MonteCarloSummary[];
  readonly done: number;
  readonly total: number;
}

const EMPTY: Accumulated = {
  params: [],
  outputs: [],
  seed: 0,
  draws: [],
  values: [],
  summaries: [],
  done: 0,
  total: 0,
};

function accumulate(a: Accumulated, p: UncertaintyProgress): Accumulated {
  const add = (old: number[][], fresh: readonly Float64Array[]) =>
    fresh.map((f, i) => [...(p.from === 0 ? [] : (old[i] ?? [])), ...Array.from(f)]);
  return {
    params: p.params,
    outputs: p.outputs,
    seed: p.seed,
    draws: add(a.draws, p.draws),
    values: add(a.values, p.values),
    summaries: p.summaries,
    done: p.done,
    total: p.total,
  };
}

interface Series {
  readonly world: string;
  readonly values: readonly number[];
  readonly summary: MonteCarloSummary;
}

/** A histogram of one or two series (with, without defenses) with their means and 5–95% bands. */
function distributionChart(series: readonly Series[], xLabel: string, width: number): Element {
  const all = series.flatMap((s) => s.values);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const n = series[0]?.values.length ?? 0;
  // Bins span the outputs that vary, so a fixed value far away does not coarsen them.
  const moving = series.filter((s) => varies(s.summary));
  const vlo = Math.min(...moving.flatMap((s) => s.values));
  const vhi = Math.max(...moving.flatMap((s) => s.values));
  const bins = moving.flatMap((s) =>
    histogram(s.values, vlo, vhi, binCount(n)).map((b) => ({ ...b, world: s.world })),
  );
  const middle = (lo + hi) / 2;
  const fixed = series
    .filter((s) => !varies(s.summary))
    .map((s) => ({ ...s, value: s.summary.mean, right: s.summary.mean > middle && hi > lo }));
  const bands = series
    .filter((s) => varies(s.summary))
    .map((s) => ({ world: s.world, ...s.summary }));
  const worlds = series.map((s) => s.world);
  const colors = worlds.map((w) => WORLD_COLORS[WORLDS.indexOf(w as (typeof WORLDS)[number])]!);
  const pad = hi > lo ? (hi - lo) * 0.04 : Math.max(Math.abs(lo) * 1e-4, 1e-6);
  return Plot.plot({
    width,
    height: moving.length > 0 ? 260 : 110,
    marginLeft: 50,
    marginRight: 20,
    x: { label: xLabel, domain: [lo - pad, hi + pad], grid: true },
    y: moving.length > 0 ? { label: "samples", grid: true } : { axis: null, domain: [0, 1] },
    color: { domain: worlds, range: colors },
    marks: [
      Plot.rectX(bands, { x1: "p05", x2: "p95", fill: "world", fillOpacity: 0.12 }),
      Plot.rectY(bins, {
        x1: "x1",
        x2: "x2",
        y: "count",
        fill: "world",
        fillOpacity: 0.7,
        insetLeft: 0.5,
        insetRight: 0.5,
      }),
      Plot.ruleX(bands, { x: "mean", stroke: "world", strokeWidth: 2 }),
      Plot.ruleX(bands, { x: "p05", stroke: "world", strokeDasharray: "3 3" }),
      Plot.ruleX(bands, { x: "p95", stroke: "world", strokeDasharray: "3 3" }),
      Plot.ruleX(fixed, { x: "value", stroke: "world", strokeWidth: 3 }),
      ...([true, false] as const).map((right) =>
        Plot.text(
          fixed.filter((d) => d.right === right),
          {
            x: "value",
            frameAnchor: "top",
            text: (d: (typeof fixed)[number]) =>
              `${d.world}: ${fmtNum(d.value, 6)} in every sample`,
            dy: 6,
            dx: right ? -6 : 6,
            textAnchor: right ? "end" : "start",
            fill: "#1a1a1a",
            lineWidth: 14,
          },
        ),
      ),
      Plot.ruleY([0]),
    ],
  });
}

function McPanel({
  p,
  scenario,
  plan,
}: {
  readonly p: ViewProps;
  readonly scenario: Scenario;
  readonly plan: SamplingPlan;
}) {
  const names = useMemo(() => sideNames(scenario), [scenario]);
  const fileSamples = scenario.uncertainty?.samples;
  const defaultSamples =
    fileSamples !== undefined && fileSamples >= 2 ? fileSamples : DEFAULT_SAMPLES;
  const defaultSeed = scenario.uncertainty?.seed ?? DEFAULT_SEED;
  const samples = intOption(p.options["samples"], 2, MAX_SAMPLES) ?? defaultSamples;
  const seed = intOption(p.options["seed"], 0, MAX_SEED) ?? defaultSeed;
  const [paused, setPaused] = useState(false);
  const request = useMemo<RequestOf<"uncertainty"> | null>(
    () => (paused ? null : { kind: "uncertainty", scenario, samples, seed }),
    [scenario, samples, seed, paused],
  );
  const [acc, setAcc] = useState<Accumulated>(EMPTY);
  const started = useRef(0);
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    if (!request) return;
    setAcc(EMPTY);
    started.current = performance.now();
    setElapsed(0);
  }, [request]);
  const st = useCompute(p.client, "uncertainty", request, (pr: UncertaintyProgress) => {
    setAcc((a) => accumulate(a, pr));
    setElapsed(performance.now() - started.current);
  });
  const finished = st.status === "ok" && st.result !== undefined;
  const r = st.result;
  const data: Accumulated = finished
    ? {
        params: r!.params,
        outputs: r!.outputs,
        seed: r!.seed,
        draws: r!.draws.map((a) => Array.from(a)),
        values: r!.values.map((a) => Array.from(a)),
        summaries: r!.summaries,
        done: r!.samples,
        total: r!.samples,
      }
    : acc;
  const computing = st.status === "computing";
  const stale = p.stale || computing;
  const seconds = finished ? (st.computeMs ?? 0) / 1000 : elapsed / 1000;
  const rate = seconds > 0 && data.done > 0 ? data.done / seconds : NaN;
  const info = data.outputs.map((o) => outputInfo(o.name, names));
  const idx = (quantity: "stability" | "retaliation", world: string, side?: string) =>
    info.findIndex((x) => x.quantity === quantity && x.world === world && x.side === side);
  const series = (quantity: "stability" | "retaliation", side?: string): Series[] =>
    WORLDS.map((w) => idx(quantity, w, side))
      .filter((i) => i >= 0 && data.summaries[i] !== undefined)
      .map((i) => ({
        world: info[i]!.world,
        values: data.values[i] ?? [],
        summary: data.summaries[i]!,
      }));
  const fsi = series("stability");
  const label = (path: string) => {
    const ref = findParam(scenario, path);
    return ref ? paramLabel(ref) : path;
  };
  const outputNames = data.outputs.map((o) => o.name);
  const tornadoOutput = outputNames.includes(p.options["output"] ?? "")
    ? p.options["output"]!
    : "firstStrikeStability";
  const tIndex = outputNames.indexOf(tornadoOutput);
  const tornado = finished && tIndex >= 0 ? r!.tornado[tIndex] : undefined;
  const tLabel = tIndex >= 0 ? info[tIndex]!.label : "";
  const sidesOrder = scenario.sides.map((s) => s.id);
  const perSampleCsv = (columns: readonly number[]): CsvTable => ({
    columns: [
      "sample",
      "seed",
      ...data.params.map((q) => q.path),
      ...columns.map((i) => data.outputs[i]!.name),
    ],
    rows: Array.from({ length: data.values[0]?.length ?? 0 }, (_, k) => [
      k,
      data.seed,
      ...data.draws.map((d) => d[k]),
      ...columns.map((i) => data.values[i]![k]),
    ]),
  });

  return (
    <>
      <div class="controls" role="group" aria-label="Monte Carlo settings">
        <NumberOption
          class="narrow"
          label="Samples"
          value={samples}
          min={2}
          max={MAX_SAMPLES}
          integer
          onCommit={(t) => p.setOptions({ samples: Number(t) === defaultSamples ? undefined : t })}
          testId="mc-samples"
        />
        <NumberOption
          class="narrow"
          label="Seed"
          value={seed}
          min={0}
          max={MAX_SEED}
          integer
          onCommit={(t) => p.setOptions({ seed: Number(t) === defaultSeed ? undefined : t })}
          testId="mc-seed"
        />
      </div>
      <div class="table-wrap">
        <table class="results" data-testid="mc-params">
          <caption>
            Parameters drawn in each sample ({plan.params.length}
            {plan.correlations.length > 0
              ? `, with ${plan.correlations.length} rank correlation${plan.correlations.length === 1 ? "" : "s"}`
              : ""}
            ); every other number stays as written.
          </caption>
          <thead>
            <tr>
              <th scope="col">parameter</th>
              <th scope="col">distribution</th>
              <th scope="col" class="num">
                nominal
              </th>
              <th scope="col">source</th>
            </tr>
          </thead>
          <tbody>
            {plan.params.map((q) => {
              const ref = findParam(scenario, q.path);
              return (
                <tr>
                  <th scope="row" title={q.path}>
                    {label(q.path)}
                  </th>
                  <td>{distributionWords(q.dist)}</td>
                  <td class="num">{ref ? fmtNum(ref.param.value, 4) : "—"}</td>
                  <td>{ref?.param.source ?? "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div class="progress-row">
        <progress
          max={data.total || samples}
          value={data.done}
          aria-label="Monte Carlo samples computed"
          data-testid="mc-progress"
        />
        <span data-testid="mc-progress-text">
          {data.done} of {data.total || samples} samples · seed {seed}
          {Number.isFinite(rate) ? ` · ${fmtNum(rate, 3)} samples/s` : ""}
          {computing ? " — computing in the background" : ""}
          {paused && !computing ? " — stopped" : ""}
        </span>
        {computing ? (
          <button
            type="button"
            class="small"
            onClick={() => {
              p.client.cancel("uncertainty");
              setPaused(true);
            }}
            data-testid="mc-stop"
          >
            Stop
          </button>
        ) : (
          paused && (
            <button type="button" class="small" onClick={() => setPaused(false)}>
              Resume
            </button>
          )
        )}
      </div>
      {st.status === "error" && <ComputeStatus state={st} what="the Monte Carlo" />}
      {fsi.length > 0 && (
        <div class="headline" data-testid="mc-headline">
          {fsi.map((s, i) => {
            const d = digitsFor(s.summary.mean, s.summary.sd);
            return (
              <div class="metric">
                <span class="metric-label">First-strike stability, {s.world}</span>
                <span class="metric-value" data-testid={i === 0 ? "fsi-mean" : undefined}>
                  {fmtNum(s.summary.mean, d)}
                </span>
                <span class="metric-sub" data-testid={i === 0 ? "fsi-band" : undefined}>
                  {varies(s.summary)
                    ? `± ${fmtNum(s.summary.se, 2)} (MC s.e.); 90% of samples ${fmtNum(s.summary.p05, d)}–${fmtNum(s.summary.p95, d)}`
                    : "the same in every sample"}
                </span>
              </div>
            );
          })}
        </div>
      )}
      {fsi.length > 0 && (
        <ul class="readings" aria-live="polite" data-testid="mc-readings">
          <li>
            Over {data.done} sample{data.done === 1 ? "" : "s"} of {data.params.length} uncertain
            parameter{data.params.length === 1 ? "" : "s"} (seed {data.seed}), the first-strike
            stability index is {summaryText(fsi[0]!.summary)}
            {fsi[1] ? `; without defenses, ${summaryText(fsi[1].summary)}` : ""}.
          </li>
          {sidesOrder.map((id) => {
            const s = series("retaliation", id);
            if (s.length === 0) return null;
            const other = scenario.sides.find((x) => x.id !== id)?.name ?? "the other side";
            return (
              <li>
                {possessive(TheName(names[id] ?? id))} mean retaliation after{" "}
                {possessive(theName(other))} first strike: {summaryText(s[0]!.summary)}
                {s[1] ? `; without defenses, ${summaryText(s[1].summary)}` : ""}.
              </li>
            );
          })}
          {tornado && <li>{tornadoReading(tornado, tLabel, label)}</li>}
          <li class="small-print">
            The 90% band is the spread of the result over the parameters' uncertainty; the ± is the
            Monte Carlo standard error of the mean, which more samples shrink (as 1/√n). The same
            run from the command line:{" "}
            <code>
              stratbal sweep FILE --samples {samples} --seed {seed} --sensitivity {tornadoOutput}{" "}
              --out mc.csv
            </code>
            .
          </li>
        </ul>
      )}
      {fsi.length > 0 && data.done > 0 && (
        <Chart
          id="uncertainty-fsi"
          title="First-strike stability index over the parameter uncertainty"
          deps={[data.done, finished, fsi]}
          stale={stale}
          fileBase={p.fileBase}
          footer={`${p.footer} · ${data.done} samples, seed ${data.seed}`}
          legend={fsi.map((s) => ({
            label: s.world,
            color: WORLD_COLORS[WORLDS.indexOf(s.world as (typeof WORLDS)[number])]!,
          }))}
          render={(width) => distributionChart(fsi, "first-strike stability index", width)}
          csv={() => perSampleCsv(fsi.map((s) => idx("stability", s.world)))}
          caption={
            <>
              Histogram of the index over the samples; solid line: the mean; dashed lines and
              shading: the 5th–95th percentiles of the samples. A world the uncertain parameters
              cannot reach is one line. The CSV holds every sample with its parameter values.
            </>
          }
        />
      )}
      {data.done > 0 &&
        sidesOrder.map((id) => {
          const s = series("retaliation", id);
          if (s.length === 0) return null;
          const other = scenario.sides.find((x) => x.id !== id)?.name ?? "the other side";
          return (
            <Chart
              id={`uncertainty-retaliation-${id}`}
              title={`${possessive(TheName(names[id] ?? id))} mean retaliation after ${possessive(theName(other))} first strike`}
              deps={[data.done, finished, s]}
              stale={stale}
              fileBase={p.fileBase}
              footer={`${p.footer} · ${data.done} samples, seed ${data.seed}`}
              legend={s.map((x) => ({
                label: x.world,
                color: WORLD_COLORS[WORLDS.indexOf(x.world as (typeof WORLDS)[number])]!,
              }))}
              render={(width) =>
                distributionChart(s, "mean warheads delivered in retaliation", width)
              }
              csv={() => perSampleCsv(s.map((x) => idx("retaliation", x.world, id)))}
              caption={
                <>
                  Each sample's expected number of warheads {theName(names[id] ?? id)} delivers in
                  retaliation (the mean of the exact distribution for that sample's parameters),
                  with and without defenses.
                </>
              }
            />
          );
        })}
      {data.summaries.length > 0 && (
        <SummaryTable
          outputs={info.map((x) => x.label)}
          names={data.outputs.map((o) => o.name)}
          summaries={data.summaries}
          fileBase={p.fileBase}
          seed={data.seed}
        />
      )}
      {tornado && (
        <>
          <div class="controls">
            <label class="wide">
              Sensitivity of
              <select
                value={tornadoOutput}
                onChange={(e) => {
                  const v = (e.target as HTMLSelectElement).value;
                  p.setOptions({ output: v === "firstStrikeStability" ? undefined : v });
                }}
                data-testid="tornado-output"
              >
                {data.outputs.map((o, i) => (
                  <option value={o.name}>{info[i]!.label}</option>
                ))}
              </select>
            </label>
          </div>
          <Chart
            id="uncertainty-tornado"
            title={`Which parameter moves the ${tLabel} most`}
            deps={[tornado, tornadoOutput]}
            stale={stale}
            fileBase={p.fileBase}
            footer={`${p.footer} · ${tornado.n} samples, seed ${data.seed}`}
            render={(width) => {
              const rows = tornado.rows.map((x) => ({
                ...x,
                label: label(x.param),
                rho: Number.isNaN(x.spearman) ? 0 : x.spearman,
              }));
              return Plot.plot({
                width,
                height: 60 + rows.length * 32,
                marginLeft: Math.min(
                  width * 0.45,
                  12 + 6.2 * Math.max(...rows.map((x) => x.label.length)),
                ),
                marginRight: 50,
                x: { label: "Spearman rank correlation ρ", domain: [-1, 1], grid: true },
                y: { label: null, domain: rows.map((x) => x.label) },
                marks: [
                  Plot.rectX([tornado], {
                    x1: -tornado.noise,
                    x2: tornado.noise,
                    fill: "#e6e9ee",
                  }),
                  Plot.barX(rows, {
                    x: "rho",
                    y: "label",
                    fill: (x: (typeof rows)[number]) =>
                      x.rho < 0 ? COLORS.sides[1] : COLORS.sides[0],
                  }),
                  // The value beside zero, on the side away from its bar.
                  ...([true, false] as const).map((negative) =>
                    Plot.text(
                      rows.filter((x) => x.rho < 0 === negative),
                      {
                        x: 0,
                        y: "label",
                        text: (x: (typeof rows)[number]) =>
                          Number.isNaN(x.spearman) ? "no variation" : fmtNum(x.spearman, 3),
                        dx: negative ? 6 : -6,
                        textAnchor: negative ? "start" : "end",
                        fill: "#1a1a1a",
                      },
                    ),
                  ),
                  Plot.ruleX([0]),
                ],
              });
            }}
            csv={() => ({
              columns: ["parameter", "spearman", "prcc", "low_decile_mean", "high_decile_mean"],
              rows: tornado.rows.map((x) => [x.param, x.spearman, x.prcc, x.lowMean, x.highMean]),
            })}
            caption={
              <>
                Bars: Spearman's rank correlation of each parameter with the output over the{" "}
                {tornado.n} samples (blue: a higher value raises it; red: lowers it). Grey: |ρ|
                below {fmtNum(tornado.noise, 2)}, indistinguishable from 0 at the 5% level.
              </>
            }
          />
          <div class="table-wrap">
            <table class="results" data-testid="tornado-table">
              <caption>
                Rank importance for the {tLabel}: Spearman's ρ, the partial rank correlation (other
                parameters' effects removed), and the output's mean when the parameter is in its
                bottom or top decile.
              </caption>
              <thead>
                <tr>
                  <th scope="col">parameter</th>
                  <th scope="col" class="num">
                    ρ
                  </th>
                  <th scope="col" class="num">
                    partial ρ
                  </th>
                  <th scope="col" class="num">
                    bottom decile → top decile
                  </th>
                </tr>
              </thead>
              <tbody>
                {tornado.rows.map((x) => (
                  <tr>
                    <th scope="row" title={x.param}>
                      {label(x.param)}
                    </th>
                    <td class="num">{fmtNum(x.spearman, 3)}</td>
                    <td class="num">{fmtNum(x.prcc, 3)}</td>
                    <td class="num">
                      {fmtNum(x.lowMean, 6)} → {fmtNum(x.highMean, 6)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {finished && <ComputeStatus state={st} what="the Monte Carlo" />}
    </>
  );
}

function SummaryTable(props: {
  readonly outputs: readonly string[];
  readonly names: readonly string[];
  readonly summaries: readonly MonteCarloSummary[];
  readonly fileBase: string;
  readonly seed: number;
}) {
  const csv = (): CsvTable => ({
    columns: ["output", "samples", "seed", "mean", "sd", "se", "p05", "p50", "p95"],
    rows: props.summaries.map((s, i) => [
      props.names[i],
      s.n,
      props.seed,
      s.mean,
      s.sd,
      s.se,
      s.p05,
      s.p50,
      s.p95,
    ]),
  });
  return (
    <div class="table-wrap">
      <table class="results" data-testid="mc-summary">
        <caption>
          Summaries over the samples (the columns of <code>stratbal sweep</code>): mean, Monte Carlo
          standard error, standard deviation and percentiles.
        </caption>
        <thead>
          <tr>
            <th scope="col">output</th>
            <th scope="col" class="num">
              mean
            </th>
            <th scope="col" class="num">
              MC s.e.
            </th>
            <th scope="col" class="num">
              sd
            </th>
            <th scope="col" class="num">
              5%
            </th>
            <th scope="col" class="num">
              50%
            </th>
            <th scope="col" class="num">
              95%
            </th>
          </tr>
        </thead>
        <tbody>
          {props.summaries.map((s, i) => {
            const d = digitsFor(s.mean, s.sd);
            return (
              <tr>
                <th scope="row" title={props.names[i]}>
                  {props.outputs[i]}
                </th>
                <td class="num">{fmtNum(s.mean, d)}</td>
                <td class="num">{fmtNum(s.se, 2)}</td>
                <td class="num">{fmtNum(s.sd, 3)}</td>
                <td class="num">{fmtNum(s.p05, d)}</td>
                <td class="num">{fmtNum(s.p50, d)}</td>
                <td class="num">{fmtNum(s.p95, d)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        class="small"
        onClick={() =>
          download(
            new Blob([toCsv(csv())], { type: "text/csv;charset=utf-8" }),
            `${props.fileBase}-uncertainty-summary.csv`,
          )
        }
      >
        Export table as CSV
      </button>
    </div>
  );
}

function UncertaintyView(p: ViewProps) {
  // A Monte Carlo takes seconds: start it once edits settle, not at every step of a slider.
  const scenario = useDebounced(p.scenario, 400);
  const plan = useMemo(() => toSamplingPlan(scenario).plan, [scenario]);
  return (
    <div class="view-body">
      {plan.params.length === 0 ? (
        <NoDistributions scenario={scenario} />
      ) : (
        <McPanel p={p} scenario={scenario} plan={plan} />
      )}
    </div>
  );
}

export const uncertaintyView: ViewDef = {
  id: "uncertainty",
  title: "Uncertainty",
  summary: "Parameter uncertainty by outer Monte Carlo, with rank sensitivity",
  docs: [{ model: "uncertainty", title: "Uncertainty and sweeps", doc: "docs/uncertainty.md" }],
  optionKeys: ["samples", "seed", "output"],
  Component: UncertaintyView,
};
