// Missile-defense engagement of one layer: the leaker distribution for a raid, and P(no leaker)
// against raid size and against the interceptor inventory, with the ceiling R·d^N.
import * as Plot from "@observablehq/plot";
import type { Scenario } from "@stratbal/scenario";
import { useMemo } from "preact/hooks";
import { useCompute } from "../app/useCompute.ts";
import { Chart } from "../charts/Chart.tsx";
import type { LayerRef, RequestOf } from "../compute/protocol.ts";
import { engagementReading, fmtNum, fmtProb } from "../explain/readings.ts";
import { COLORS } from "./colors.ts";
import { ComputeStatus } from "./ComputeStatus.tsx";
import { NumberOption } from "./NumberOption.tsx";
import type { ViewDef, ViewProps } from "./types.ts";

export interface LayerChoice {
  readonly ref: LayerRef;
  readonly key: string;
  readonly label: string;
}

/** Every defense layer of the scenario, labelled "side · defense · layer (phase)". */
export function layerChoices(s: Scenario): LayerChoice[] {
  const out: LayerChoice[] = [];
  s.sides.forEach((side, si) =>
    (side.defenses ?? []).forEach((d, di) =>
      d.layers.forEach((l, li) =>
        out.push({
          ref: { side: si, defense: di, layer: li },
          key: `${si}.${di}.${li}`,
          label: `${side.name} · ${d.name ?? d.id} · ${l.name ?? l.id} (${l.phase})`,
        }),
      ),
    ),
  );
  return out;
}

/** Decoys per RV of the side the layer defends against: warhead-weighted mean, rounded. */
export function defaultDecoys(s: Scenario, defenderIndex: number): number {
  const attacker = s.sides[1 - defenderIndex];
  if (!attacker) return 0;
  let w = 0;
  let d = 0;
  for (const f of attacker.forces) {
    const n = f.launchers.value * f.warheadsPerLauncher.value;
    w += n;
    d += n * (f.decoysPerWarhead?.value ?? 0);
  }
  return w > 0 ? Math.round(d / w) : 0;
}

const DEFAULT_RAID = 10;

function clampInt(raw: string | undefined, lo: number, hi: number, fallback: number): number {
  const v = raw === undefined ? NaN : Number(raw);
  if (!Number.isFinite(v)) return fallback;
  return Math.max(lo, Math.min(hi, Math.round(v)));
}

function EngagementView(p: ViewProps) {
  const choices = useMemo(() => layerChoices(p.scenario), [p.scenario]);
  const chosen = choices.find((c) => c.key === p.options["layer"]) ?? choices[0];
  const raid = clampInt(p.options["raid"], 1, 400, DEFAULT_RAID);
  const decoys = clampInt(
    p.options["decoys"],
    0,
    20,
    chosen ? defaultDecoys(p.scenario, chosen.ref.side) : 0,
  );
  const request = useMemo<RequestOf<"engagement"> | null>(
    () =>
      chosen
        ? {
            kind: "engagement",
            scenario: p.scenario,
            layer: chosen.ref,
            warheads: raid,
            decoysPerWarhead: decoys,
          }
        : null,
    [p.scenario, chosen?.key, raid, decoys],
  );
  const st = useCompute(p.client, "engagement", request);
  if (!chosen) {
    return (
      <div class="view-body">
        <p class="notice">
          This scenario has no missile-defense layers: add one under a side's <code>defenses</code>{" "}
          to see how it engages a raid.
        </p>
      </div>
    );
  }
  const e = st.result;
  const stale = p.stale || st.status === "computing";
  const leakRows = e ? Array.from(e.leakers, (pr, k) => ({ leakers: k, probability: pr })) : [];
  const raidRows = e
    ? e.byRaid.flatMap((c) => c.x.map((x, i) => ({ series: c.series, warheads: x, p0: c.p0[i]! })))
    : [];
  const ceilingRows = e
    ? e.ceilingByRaid.x.map((x, i) => ({ warheads: x, p0: e.ceilingByRaid.p0[i]! }))
    : [];
  const invRows = e
    ? e.byInterceptors.flatMap((c) =>
        c.x.map((x, i) => ({ series: c.series, interceptors: x, p0: c.p0[i]! })),
      )
    : [];
  const raidSeries = e ? e.byRaid.map((c) => c.series) : [];
  const invSeries = e ? e.byInterceptors.map((c) => c.series) : [];
  return (
    <div class="view-body">
      <div class="controls" role="group" aria-label="Engagement settings">
        <label>
          Defense layer
          <select
            value={chosen.key}
            onChange={(ev) => p.setOptions({ layer: (ev.target as HTMLSelectElement).value })}
            data-testid="layer-select"
          >
            {choices.map((c) => (
              <option value={c.key}>{c.label}</option>
            ))}
          </select>
        </label>
        <NumberOption
          label="RVs in the raid"
          value={raid}
          min={1}
          max={400}
          integer
          onCommit={(t) => p.setOptions({ raid: t })}
          testId="raid-size"
        />
        <NumberOption
          label="Decoys per RV"
          value={decoys}
          min={0}
          max={20}
          integer
          onCommit={(t) => p.setOptions({ decoys: t })}
        />
      </div>
      <ComputeStatus state={st} what="the engagement" />
      {e && (
        <>
          <div class="headline">
            <div class="metric">
              <span class="metric-label">P0: no RV leaks</span>
              <span class="metric-value" data-testid="p0">
                {fmtProb(e.pNoLeak)}
              </span>
              <span class="metric-sub">ceiling {fmtProb(e.pNoLeakCeiling)}</span>
            </div>
            <div class="metric">
              <span class="metric-label">Expected leakers</span>
              <span class="metric-value">{fmtNum(e.expectedLeakers, 3)}</span>
              <span class="metric-sub">of {e.warheads} RVs</span>
            </div>
            <div class="metric">
              <span class="metric-label">Interceptors fired</span>
              <span class="metric-value">{fmtNum(e.expectedInterceptorsUsed, 3)}</span>
              <span class="metric-sub">of {e.interceptors}</span>
            </div>
          </div>
          <p class="readings" aria-live="polite" data-testid="engagement-reading">
            {engagementReading(e)}
          </p>
          <p class="muted small-print">
            One layer engages a raid that flies entirely through its footprint (coverage is applied
            in the balance, not here). Probabilities are the scenario's notional inputs.
          </p>
          <Chart
            id="leakers"
            title={`Leaker distribution: ${e.warheads} RVs${e.decoys > 0 ? ` and ${e.decoys} decoys` : ""} against ${e.layerName}`}
            deps={[e]}
            stale={stale}
            fileBase={p.fileBase}
            footer={p.footer}
            render={(width) =>
              Plot.plot({
                width,
                height: 260,
                marginLeft: 56,
                x: {
                  label: "RVs leaking through",
                  type: "band",
                  tickFormat: (d: number) => (e.warheads > 40 && d % 5 !== 0 ? "" : String(d)),
                },
                y: { label: "probability", grid: true, domain: [0, Math.max(1e-9, ...e.leakers)] },
                marks: [
                  Plot.barY(leakRows, {
                    x: "leakers",
                    y: "probability",
                    fill: COLORS.with,
                    title: (r: { leakers: number; probability: number }) =>
                      `${r.leakers} leak: ${fmtProb(r.probability)}`,
                  }),
                  Plot.ruleY([0]),
                ],
              })
            }
            csv={() => ({
              columns: ["leakers", "probability"],
              rows: leakRows.map((r) => [r.leakers, r.probability]),
            })}
            caption="Exact probability of each number of RVs getting through the layer (DESIGN §2.1)."
          />
          <Chart
            id="p0-raid"
            title="P0 against raid size"
            deps={[e]}
            stale={stale}
            fileBase={p.fileBase}
            footer={p.footer}
            legend={[
              ...raidSeries.map((s, i) => ({
                label: s,
                color: COLORS.series[i % COLORS.series.length]!,
              })),
              { label: "ceiling R·d^N", color: COLORS.ceiling, dash: true },
            ]}
            render={(width) =>
              Plot.plot({
                width,
                height: 280,
                marginLeft: 56,
                x: { label: "RVs in the raid", grid: true },
                y: { label: "P(no leaker)", domain: [0, 1], grid: true },
                color: { domain: raidSeries, range: COLORS.series.slice(0, raidSeries.length) },
                marks: [
                  Plot.lineY(raidRows, {
                    x: "warheads",
                    y: "p0",
                    stroke: "series",
                    strokeWidth: 2,
                  }),
                  Plot.lineY(ceilingRows, {
                    x: "warheads",
                    y: "p0",
                    stroke: COLORS.ceiling,
                    strokeDasharray: "5 4",
                  }),
                  Plot.ruleX([e.warheads], { stroke: "#555", strokeDasharray: "2 3" }),
                  Plot.dot([{ warheads: e.warheads, p0: e.pNoLeak }], {
                    x: "warheads",
                    y: "p0",
                    fill: "#1a1a1a",
                    r: 3.5,
                  }),
                ],
              })
            }
            csv={() => ({
              columns: ["series", "raid_rvs", "p0"],
              rows: [
                ...raidRows.map((r) => [r.series, r.warheads, r.p0]),
                ...ceilingRows.map((r) => ["ceiling R*d^N", r.warheads, r.p0]),
              ],
            })}
            caption="P(no RV leaks) as the raid grows, at half, the scenario's and twice the interceptor inventory; the dashed curve is the ceiling that no inventory can beat."
          />
          <Chart
            id="p0-interceptors"
            title="P0 against interceptors"
            deps={[e]}
            stale={stale}
            fileBase={p.fileBase}
            footer={p.footer}
            legend={invSeries.map((s, i) => ({
              label: s,
              color: COLORS.series[i % COLORS.series.length]!,
            }))}
            render={(width) =>
              Plot.plot({
                width,
                height: 280,
                marginLeft: 56,
                x: { label: "interceptors in the layer", grid: true },
                y: { label: "P(no leaker)", domain: [0, 1], grid: true },
                color: { domain: invSeries, range: COLORS.series.slice(0, invSeries.length) },
                marks: [
                  Plot.lineY(invRows, {
                    x: "interceptors",
                    y: "p0",
                    stroke: "series",
                    strokeWidth: 2,
                  }),
                  Plot.ruleX([e.interceptors], { stroke: "#555", strokeDasharray: "2 3" }),
                  Plot.dot([{ interceptors: e.interceptors, p0: e.pNoLeak }], {
                    x: "interceptors",
                    y: "p0",
                    fill: "#1a1a1a",
                    r: 3.5,
                  }),
                ],
              })
            }
            csv={() => ({
              columns: ["series", "interceptors", "p0"],
              rows: invRows.map((r) => [r.series, r.interceptors, r.p0]),
            })}
            caption="P(no RV leaks) as the inventory grows, for half, the chosen and twice the raid; the dotted line marks the scenario's inventory."
          />
        </>
      )}
    </div>
  );
}

export const engagementView: ViewDef = {
  id: "engagement",
  title: "Leakage",
  summary: "Leaker distribution and P0 against raid size and interceptors",
  docs: [{ model: "engagement" }],
  optionKeys: ["layer", "raid", "decoys"],
  Component: EngagementView,
};
