// The first-strike stability map: the Kent & Thaler index on a grid over two chosen scenario
// parameters, computed cell by cell in a background worker (coarse cells first), cancellable.
import * as Plot from "@observablehq/plot";
import type { ParamRef, Scenario } from "@stratbal/scenario";
import { findParam, listParams } from "@stratbal/scenario";
import { useEffect, useMemo, useState } from "preact/hooks";
import { useCompute } from "../app/useCompute.ts";
import { Chart } from "../charts/Chart.tsx";
import type { MapCell, RequestOf, StabilityMapProgress } from "../compute/protocol.ts";
import { fmtNum, mapReading } from "../explain/readings.ts";
import { fieldLabel, niceCeil } from "../scenario/formModel.ts";
import { ComputeStatus } from "./ComputeStatus.tsx";
import { NumberOption } from "./NumberOption.tsx";
import type { ViewDef, ViewProps } from "./types.ts";

type World = "with" | "without" | "delta";

/** A parameter's label for the axis pickers: "us · gmd-mid · Interceptors". */
export function paramLabel(r: ParamRef): string {
  const parts = r.path.split(".");
  if (parts[0] !== "sides") return fieldLabel(r.at);
  const owner =
    parts[2] === "defenses"
      ? parts[5]
      : parts[2] === "forces" || parts[2] === "promptStrike"
        ? parts[3]
        : undefined;
  return [parts[1], owner, fieldLabel(r.at)].filter((x) => x !== undefined).join(" · ");
}

/** Default range of an axis: [0, 1] for probabilities and shares, else 0 to twice the value. */
export function defaultRange(r: ParamRef): [number, number] {
  if (r.domain === "probability" || r.domain === "share") return [0, 1];
  const v = r.param.value;
  if (r.domain === "positiveCount") return [1, Math.max(10, niceCeil(2 * v))];
  if (r.domain === "positive") return [Math.max(v / 4, 1e-3), Math.max(1, niceCeil(2 * v))];
  return [0, Math.max(10, niceCeil(2 * v))];
}

/** Default axes: the first defense layer's interceptors, and the survivable share of the
 * largest force of the other side. */
export function defaultAxes(s: Scenario): [string, string] | undefined {
  const params = listParams(s);
  const interceptors = params.find((p) => p.path.endsWith(".interceptors"));
  const defender = interceptors ? interceptors.at[1] : 0;
  const other = s.sides[1 - Number(defender)];
  let y: string | undefined;
  if (other) {
    const biggest = [...other.forces].sort(
      (a, b) =>
        b.launchers.value * b.warheadsPerLauncher.value -
        a.launchers.value * a.warheadsPerLauncher.value,
    )[0];
    if (biggest) y = `sides.${other.id}.forces.${biggest.id}.survivable`;
  }
  const x = interceptors?.path ?? params[0]?.path;
  if (!x) return undefined;
  if (!y || y === x) y = params.find((p) => p.path !== x)?.path;
  return y ? [x, y] : undefined;
}

function num(raw: string | undefined, fallback: number): number {
  const v = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(v) ? v : fallback;
}

/** Cell edges from centres: midpoints, with the ends half a step out. */
export function edges(vals: readonly number[]): number[] {
  if (vals.length === 1) {
    const v = vals[0]!;
    const h = Math.abs(v) > 0 ? Math.abs(v) * 0.1 : 0.5;
    return [v - h, v + h];
  }
  const out = [vals[0]! - (vals[1]! - vals[0]!) / 2];
  for (let i = 0; i + 1 < vals.length; i++) out.push((vals[i]! + vals[i + 1]!) / 2);
  out.push(vals.at(-1)! + (vals.at(-1)! - vals.at(-2)!) / 2);
  return out;
}

/**
 * The cells of an nx × ny grid that are not computed yet, each with the value of the nearest
 * computed cell (Manhattan distance; ties to the first found).
 */
export function fillGaps<
  T extends { readonly i: number; readonly j: number; readonly v: number | null },
>(nx: number, ny: number, done: readonly T[]): { i: number; j: number; v: number | null }[] {
  if (done.length === 0 || done.length >= nx * ny) return [];
  const have = new Set(done.map((c) => c.j * nx + c.i));
  const out: { i: number; j: number; v: number | null }[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      if (have.has(j * nx + i)) continue;
      let best = done[0]!;
      let dist = Infinity;
      for (const c of done) {
        const d = Math.abs(c.i - i) + Math.abs(c.j - j);
        if (d < dist) {
          dist = d;
          best = c;
        }
      }
      out.push({ i, j, v: best.v });
    }
  }
  return out;
}

function value(c: MapCell, world: World): number | null {
  if (world === "with") return c.fsi;
  if (world === "without") return c.fsiWithout;
  return c.fsi === null || c.fsiWithout === null ? null : c.fsi - c.fsiWithout;
}

function StabilityMapView(p: ViewProps) {
  const params = useMemo(() => listParams(p.scenario), [p.scenario]);
  const defaults = useMemo(() => defaultAxes(p.scenario), [p.scenario]);
  const xPath = params.some((r) => r.path === p.options["x"]) ? p.options["x"]! : defaults?.[0];
  const yPath = params.some((r) => r.path === p.options["y"]) ? p.options["y"]! : defaults?.[1];
  const xRef = xPath ? findParam(p.scenario, xPath) : undefined;
  const yRef = yPath ? findParam(p.scenario, yPath) : undefined;
  const xr = xRef ? defaultRange(xRef) : [0, 1];
  const yr = yRef ? defaultRange(yRef) : [0, 1];
  const x0 = num(p.options["x0"], xr[0]!);
  const x1 = num(p.options["x1"], xr[1]!);
  const y0 = num(p.options["y0"], yr[0]!);
  const y1 = num(p.options["y1"], yr[1]!);
  const steps = Math.max(2, Math.min(25, Math.round(num(p.options["n"], 7))));
  const world: World =
    (["with", "without", "delta"] as const).find((w) => w === p.options["world"]) ?? "with";
  const [paused, setPaused] = useState(false);
  const [cells, setCells] = useState<{
    key: unknown;
    cells: MapCell[];
    xs: readonly number[];
    ys: readonly number[];
  }>({
    key: null,
    cells: [],
    xs: [],
    ys: [],
  });

  const request = useMemo<RequestOf<"stabilityMap"> | null>(
    () =>
      xRef && yRef && xRef.path !== yRef.path && !paused
        ? {
            kind: "stabilityMap",
            scenario: p.scenario,
            x: { path: xRef.path, from: x0, to: x1, steps },
            y: { path: yRef.path, from: y0, to: y1, steps },
          }
        : null,
    [p.scenario, xRef?.path, yRef?.path, x0, x1, y0, y1, steps, paused],
  );
  useEffect(() => {
    if (request) setCells({ key: request, cells: [], xs: [], ys: [] });
  }, [request]);
  const st = useCompute(p.client, "stabilityMap", request, (pr: StabilityMapProgress) =>
    setCells((c) => ({ key: c.key, cells: [...c.cells, ...pr.cells], xs: pr.xs, ys: pr.ys })),
  );
  const done = st.status === "ok" && st.result ? st.result.cells.length : cells.cells.length;
  const total = st.progress?.total ?? (st.result ? st.result.cells.length : steps * steps);
  const shown =
    st.status === "ok" && st.result
      ? st.result
      : { xs: cells.xs, ys: cells.ys, cells: cells.cells };

  const options = params.map((r) => <option value={r.path}>{paramLabel(r)}</option>);
  const rangeInput = (key: string, label: string, v: number) => (
    <NumberOption
      class="narrow"
      label={label}
      value={v}
      onCommit={(t) => p.setOptions({ [key]: t })}
    />
  );
  const xLabel = xRef ? paramLabel(xRef) : "x";
  const yLabel = yRef ? paramLabel(yRef) : "y";
  const xe = edges(shown.xs);
  const ye = edges(shown.ys);
  const rects = shown.cells.map((c) => ({
    ...c,
    v: value(c, world),
    xa: xe[c.i]!,
    xb: xe[c.i + 1]!,
    ya: ye[c.j]!,
    yb: ye[c.j + 1]!,
  }));
  // While the map fills in, each cell not yet computed shows its nearest computed neighbour, faint.
  const provisional = fillGaps(shown.xs.length, shown.ys.length, rects).map((g) => ({
    ...g,
    xa: xe[g.i]!,
    xb: xe[g.i + 1]!,
    ya: ye[g.j]!,
    yb: ye[g.j + 1]!,
  }));
  const vals = rects.map((r) => r.v).filter((v): v is number => v !== null);
  const lo = vals.length > 0 ? Math.min(...vals) : 0;
  const hi = vals.length > 0 ? Math.max(...vals) : 1;
  const color: Plot.ScaleOptions =
    world === "delta"
      ? {
          type: "diverging",
          scheme: "RdBu",
          domain: [
            -Math.max(1e-6, Math.abs(lo), Math.abs(hi)),
            Math.max(1e-6, Math.abs(lo), Math.abs(hi)),
          ],
          label: "Δ index (with − without defenses)",
        }
      : {
          type: "linear",
          scheme: "YlGnBu",
          domain: [Math.min(lo, 0.999), 1],
          label: "first-strike stability index",
        };
  const current = xRef && yRef ? [{ x: xRef.param.value, y: yRef.param.value }] : [];
  const stale = p.stale || st.status === "computing";
  return (
    <div class="view-body">
      <div class="controls" role="group" aria-label="Map axes">
        <label class="wide">
          Horizontal axis
          <select
            value={xPath}
            onChange={(ev) =>
              p.setOptions({
                x: (ev.target as HTMLSelectElement).value,
                x0: undefined,
                x1: undefined,
              })
            }
            data-testid="map-x"
          >
            {options}
          </select>
        </label>
        {rangeInput("x0", "from", x0)}
        {rangeInput("x1", "to", x1)}
        <label class="wide">
          Vertical axis
          <select
            value={yPath}
            onChange={(ev) =>
              p.setOptions({
                y: (ev.target as HTMLSelectElement).value,
                y0: undefined,
                y1: undefined,
              })
            }
            data-testid="map-y"
          >
            {options}
          </select>
        </label>
        {rangeInput("y0", "from", y0)}
        {rangeInput("y1", "to", y1)}
        <NumberOption
          class="narrow"
          label="Steps per axis"
          value={steps}
          min={2}
          max={25}
          integer
          onCommit={(t) => p.setOptions({ n: t })}
        />
        <fieldset class="radio-row">
          <legend>Show</legend>
          {(
            [
              ["with", "with defenses"],
              ["without", "without defenses"],
              ["delta", "difference"],
            ] as const
          ).map(([w, label]) => (
            <label>
              <input
                type="radio"
                name="map-world"
                value={w}
                checked={world === w}
                onChange={() => p.setOptions({ world: w })}
              />{" "}
              {label}
            </label>
          ))}
        </fieldset>
      </div>
      {xRef && yRef && xRef.path === yRef.path && (
        <p class="error">Choose two different parameters.</p>
      )}
      <div class="progress-row">
        <progress
          max={total}
          value={done}
          aria-label="Map cells computed"
          data-testid="map-progress"
        />
        <span>
          {done} of {total} cells{st.status === "computing" ? " — computing in the background" : ""}
        </span>
        {st.status === "computing" ? (
          <button
            type="button"
            class="small"
            onClick={() => {
              p.client.cancel("stabilityMap");
              setPaused(true);
            }}
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
      {st.status === "error" && <ComputeStatus state={st} what="the map" />}
      {shown.cells.length > 0 && (
        <>
          {st.result && xRef && yRef && (
            <p class="readings" aria-live="polite">
              {mapReading(st.result, xLabel, yLabel, world === "without" ? "without" : "with")} The
              dot marks the scenario as written ({fmtNum(xRef.param.value)},{" "}
              {fmtNum(yRef.param.value)}).
            </p>
          )}
          <Chart
            id="stability-map"
            title={`First-strike stability: ${yLabel} against ${xLabel}`}
            deps={[shown, world, cells.cells.length]}
            stale={stale}
            fileBase={p.fileBase}
            footer={p.footer}
            ramp={(width) =>
              Plot.legend({
                color: { ...color, legend: "ramp" } as Plot.ScaleOptions & { legend: "ramp" },
                width,
              })
            }
            render={(width) =>
              Plot.plot({
                width,
                height: Math.min(520, Math.max(300, width * 0.62)),
                marginLeft: 60,
                marginBottom: 44,
                x: { label: xLabel, domain: [xe[0]!, xe.at(-1)!] },
                y: { label: yLabel, domain: [ye[0]!, ye.at(-1)!] },
                color,
                marks: [
                  Plot.rect(provisional, {
                    x1: "xa",
                    x2: "xb",
                    y1: "ya",
                    y2: "yb",
                    fill: (r: { v: number | null }) => r.v,
                    fillOpacity: 0.35,
                  }),
                  Plot.rect(rects, {
                    x1: "xa",
                    x2: "xb",
                    y1: "ya",
                    y2: "yb",
                    fill: (r: { v: number | null }) => r.v,
                    title: (r: (typeof rects)[number]) =>
                      `${xLabel} ${fmtNum(r.x)}, ${yLabel} ${fmtNum(r.y)}: ${r.v === null ? (r.error ?? "not computed") : r.v.toFixed(4)}`,
                  }),
                  ...(shown.xs.length <= 12 && shown.ys.length <= 12
                    ? [
                        Plot.text(rects, {
                          x: (r: (typeof rects)[number]) => (r.xa + r.xb) / 2,
                          y: (r: (typeof rects)[number]) => (r.ya + r.yb) / 2,
                          text: (r: (typeof rects)[number]) =>
                            r.v === null ? "—" : r.v.toFixed(world === "delta" ? 3 : 2),
                          fill: "#111",
                          stroke: "white",
                          strokeWidth: 3,
                          paintOrder: "stroke",
                          fontSize: 10,
                        }),
                      ]
                    : []),
                  Plot.dot(current, {
                    x: "x",
                    y: "y",
                    r: 6,
                    stroke: "#111",
                    strokeWidth: 2,
                    fill: "white",
                  }),
                ],
              })
            }
            csv={() => ({
              columns: [
                xRef?.path ?? "x",
                yRef?.path ?? "y",
                "fsi_with_defenses",
                "fsi_without_defenses",
                "error",
              ],
              rows: [...shown.cells]
                .sort((a, b) => a.j - b.j || a.i - b.i)
                .map((c) => [c.x, c.y, c.fsi, c.fsiWithout, c.error ?? ""]),
            })}
            caption={
              <>
                Each cell is the scenario with the two parameters set to the cell's values
                (whole-number parameters rounded), analysed with the same stop rule as the balance.
                Index 1: neither side gains by striking first; lower: a first strike pays more.
              </>
            }
          />
        </>
      )}
    </div>
  );
}

export const stabilityMapView: ViewDef = {
  id: "map",
  title: "Stability map",
  summary: "First-strike stability over two chosen parameters",
  docs: [
    {
      model: "stability",
      title: "First-strike stability (Kent & Thaler)",
      doc: "docs/models/stability.md",
    },
  ],
  optionKeys: ["x", "x0", "x1", "y", "y0", "y1", "n", "world"],
  Component: StabilityMapView,
};
