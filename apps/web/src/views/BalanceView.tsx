// The balance summary: each side's retaliation after the other's best first strike, with and
// without defenses (mean and 90% band), its full distribution, and the stability components.
import * as Plot from "@observablehq/plot";
import type { Balance, SideResult } from "@stratbal/core";
import { Chart } from "../charts/Chart.tsx";
import type { CsvTable } from "../charts/csv.ts";
import { toCsv } from "../charts/csv.ts";
import { download } from "../charts/exportChart.ts";
import type { BalanceResult } from "../compute/protocol.ts";
import { balanceReadings, fmtCount, fmtNum, fmtProb } from "../explain/readings.ts";
import { ComputeStatus } from "./ComputeStatus.tsx";
import type { ViewDef, ViewProps } from "./types.ts";
import { COLORS } from "./colors.ts";

const WORLD_WITH = "with defenses";
const WORLD_WITHOUT = "without defenses";

interface RetaliationRow {
  readonly side: string;
  readonly striker: string;
  readonly world: string;
  readonly label: string;
  readonly mean: number;
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
  readonly threshold: number;
  readonly pAdequate: number;
}

/** Rows of the retaliation chart: each side retaliating, in both worlds. */
export function retaliationRows(b: BalanceResult): RetaliationRow[] {
  const rows: RetaliationRow[] = [];
  const worlds: [string, Balance][] = [
    [WORLD_WITH, b.analysis],
    [WORLD_WITHOUT, b.analysis.withoutDefenses],
  ];
  for (let i = 0; i < 2; i++) {
    for (const [world, bal] of worlds) {
      const me = bal.sides[i]!;
      const other = bal.sides[1 - i]!;
      const d = me.secondStrike.delivered;
      rows.push({
        side: me.name,
        striker: other.name,
        world,
        label: `${me.name} retaliates · ${world}`,
        mean: d.mean,
        p05: d.p05,
        p50: d.p50,
        p95: d.p95,
        threshold: me.secondStrike.threshold,
        pAdequate: me.secondStrike.pAdequate,
      });
    }
  }
  return rows;
}

interface PmfPoint {
  readonly side: string;
  readonly world: string;
  readonly warheads: number;
  readonly probability: number;
}

/** The retaliation distributions as points, trimmed to where there is visible mass. */
export function pmfPoints(b: BalanceResult): PmfPoint[] {
  const out: PmfPoint[] = [];
  const worlds: [string, Balance][] = [
    [WORLD_WITH, b.analysis],
    [WORLD_WITHOUT, b.analysis.withoutDefenses],
  ];
  for (let i = 0; i < 2; i++) {
    for (const [world, bal] of worlds) {
      const s = bal.sides[i]!;
      const pmf = s.secondStrike.deliveredPmf;
      let lo = 0;
      let hi = pmf.length - 1;
      while (lo < hi && pmf[lo]! < 1e-7) lo++;
      while (hi > lo && pmf[hi]! < 1e-7) hi--;
      for (let k = lo; k <= hi; k++) {
        out.push({ side: s.name, world, warheads: k, probability: pmf[k]! });
      }
    }
  }
  return out;
}

function componentRows(b: BalanceResult): CsvTable {
  const rows: (string | number)[][] = [];
  const add = (world: string, bal: Balance) => {
    bal.sides.forEach((s: SideResult, i: number) => {
      const other = bal.sides[1 - i]!;
      rows.push([
        world,
        s.name,
        s.firstStrike.counterforceWarheads,
        s.firstStrike.enemySurvivingWarheads,
        s.firstStrike.delivered.mean,
        s.firstStrike.delivered.p05,
        s.firstStrike.delivered.p95,
        s.firstStrike.ownDamage,
        s.firstStrike.enemyDamage,
        s.firstStrike.cost,
        s.secondStrike.cost,
        s.secondStrike.delivered.mean,
        s.secondStrike.threshold,
        s.secondStrike.pAdequate,
        s.ratio,
        bal.firstStrikeStability,
        other.name,
      ]);
    });
  };
  add(WORLD_WITH, b.analysis);
  add(WORLD_WITHOUT, b.analysis.withoutDefenses);
  return {
    columns: [
      "world",
      "side",
      "first_strike_counterforce_warheads",
      "enemy_surviving_warheads",
      "enemy_retaliation_mean",
      "enemy_retaliation_p05",
      "enemy_retaliation_p95",
      "own_damage",
      "enemy_damage",
      "cost_c1",
      "cost_c2",
      "own_retaliation_mean",
      "adequacy_threshold",
      "p_adequate",
      "ratio_r",
      "fsi",
      "other_side",
    ],
    rows,
  };
}

function ComponentsTable({
  b,
  fileBase,
}: {
  readonly b: BalanceResult;
  readonly fileBase: string;
}) {
  const a = b.analysis;
  const w = a.withoutDefenses;
  const line = (label: string, f: (s: SideResult) => string) => (
    <tr>
      <th scope="row">{label}</th>
      {a.sides.map((s, i) => (
        <td>
          {f(s)} <span class="muted">({f(w.sides[i]!)})</span>
        </td>
      ))}
    </tr>
  );
  return (
    <div class="table-wrap">
      <table class="results" data-testid="balance-table">
        <caption>
          Stability components with defenses (without defenses in brackets). Kent &amp; Thaler
          costs: 0 = own side untouched and enemy destroyed, 1 = both destroyed.
        </caption>
        <thead>
          <tr>
            <th scope="col">when this side strikes first</th>
            {a.sides.map((s) => (
              <th scope="col">{s.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {line("counterforce warheads spent", (s) => fmtCount(s.firstStrike.counterforceWarheads))}
          {line("enemy warheads surviving", (s) => fmtCount(s.firstStrike.enemySurvivingWarheads))}
          {line("enemy retaliation delivered", (s) => fmtCount(s.firstStrike.delivered.mean))}
          {line(
            "damage own / enemy",
            (s) => `${fmtNum(s.firstStrike.ownDamage)} / ${fmtNum(s.firstStrike.enemyDamage)}`,
          )}
          {line("cost C1 (striking first)", (s) => fmtNum(s.firstStrike.cost, 4))}
          {line("cost C2 (struck first)", (s) => fmtNum(s.secondStrike.cost, 4))}
          {line(
            "P(retaliation ≥ threshold)",
            (s) => `${fmtProb(s.secondStrike.pAdequate)} (≥ ${s.secondStrike.threshold})`,
          )}
          {line("break-even ratio r = min(1, C1/C2)", (s) => fmtNum(s.ratio, 4))}
        </tbody>
      </table>
      <button
        type="button"
        class="small"
        onClick={() =>
          download(
            new Blob([toCsv(componentRows(b))], { type: "text/csv;charset=utf-8" }),
            `${fileBase}-balance-components.csv`,
          )
        }
      >
        Export table as CSV
      </button>
    </div>
  );
}

function BalanceView(p: ViewProps) {
  const st = p.balance;
  const b = st.result;
  if (!b) return <ComputeStatus state={st} what="the balance" />;
  const rows = retaliationRows(b);
  const points = pmfPoints(b);
  const stale = p.stale || st.status === "computing";
  const readings = balanceReadings(b);
  const a = b.analysis;
  return (
    <div class="view-body">
      <ComputeStatus state={st} what="the balance" />
      <div class="headline" data-testid="balance-headline">
        <div class="metric">
          <span class="metric-label">First-strike stability</span>
          <span class="metric-value" data-testid="fsi">
            {a.firstStrikeStability.toFixed(3)}
          </span>
          <span class="metric-sub">
            without defenses {a.withoutDefenses.firstStrikeStability.toFixed(3)}
          </span>
        </div>
        {a.sides.map((s, i) => (
          <div class="metric">
            <span class="metric-label">
              {s.name} retaliation after a {a.sides[1 - i]!.name} first strike
            </span>
            <span class="metric-value">{fmtCount(s.secondStrike.delivered.mean)}</span>
            <span class="metric-sub">
              90%: {fmtCount(s.secondStrike.delivered.p05)}–{fmtCount(s.secondStrike.delivered.p95)}
              ; without defenses {fmtCount(a.withoutDefenses.sides[i]!.secondStrike.delivered.mean)}
            </span>
          </div>
        ))}
      </div>
      <ul class="readings" aria-live="polite" data-testid="balance-readings">
        {readings.map((r) => (
          <li key={r.id}>{r.text}</li>
        ))}
      </ul>
      <Chart
        id="retaliation"
        title="Retaliation delivered after the other side's first strike"
        deps={[b]}
        stale={stale}
        fileBase={p.fileBase}
        footer={p.footer}
        legend={[
          { label: WORLD_WITH, color: COLORS.with },
          { label: WORLD_WITHOUT, color: COLORS.without },
          { label: "adequacy threshold", color: COLORS.threshold, dash: true },
        ]}
        render={(width) =>
          Plot.plot({
            width,
            height: 70 + rows.length * 34,
            marginLeft: Math.min(
              width * 0.45,
              12 + 6.2 * Math.max(...rows.map((r) => r.label.length)),
            ),
            x: {
              label: "warheads delivered (mean, 90% range)",
              grid: true,
              nice: true,
              zero: true,
            },
            y: { label: null, domain: rows.map((r) => r.label) },
            color: { domain: [WORLD_WITH, WORLD_WITHOUT], range: [COLORS.with, COLORS.without] },
            marks: [
              Plot.barX(rows, {
                x: "mean",
                y: "label",
                fill: "world",
                title: (r: RetaliationRow) =>
                  `${r.label}: mean ${fmtCount(r.mean)}, 90% ${r.p05}–${r.p95}`,
              }),
              Plot.ruleY(rows, {
                x1: "p05",
                x2: "p95",
                y: "label",
                stroke: "#1a1a1a",
                strokeWidth: 1.5,
              }),
              Plot.tickX(rows, { x: "p05", y: "label", stroke: "#1a1a1a", inset: 9 }),
              Plot.tickX(rows, { x: "p95", y: "label", stroke: "#1a1a1a", inset: 9 }),
              Plot.tickX(rows, {
                x: "threshold",
                y: "label",
                stroke: COLORS.threshold,
                strokeDasharray: "4 3",
                strokeWidth: 2,
              }),
              Plot.text(rows, {
                x: "p95",
                y: "label",
                text: (r: RetaliationRow) => fmtCount(r.mean),
                dx: 6,
                textAnchor: "start",
                fill: "#1a1a1a",
              }),
              Plot.ruleX([0]),
            ],
          })
        }
        csv={() => ({
          columns: [
            "side",
            "after_first_strike_by",
            "world",
            "mean",
            "p05",
            "p50",
            "p95",
            "threshold",
            "p_adequate",
          ],
          rows: rows.map((r) => [
            r.side,
            r.striker,
            r.world,
            r.mean,
            r.p05,
            r.p50,
            r.p95,
            r.threshold,
            r.pAdequate,
          ]),
        })}
        caption={
          <>
            Bars: expected warheads each side delivers in retaliation after the other side's best
            first strike (Kent &amp; Thaler stop rule), through the striker's defenses; whiskers:
            5th–95th percentiles of the exact distribution; dashed: the adequacy threshold.
          </>
        }
      />
      <Chart
        id="retaliation-distribution"
        title="Distribution of retaliation delivered"
        deps={[b]}
        stale={stale}
        fileBase={p.fileBase}
        footer={p.footer}
        legend={[
          { label: WORLD_WITH, color: COLORS.with },
          { label: WORLD_WITHOUT, color: COLORS.without },
        ]}
        render={(width) =>
          Plot.plot({
            width,
            height: 330,
            marginLeft: 56,
            marginRight: 90,
            x: { label: "warheads delivered in retaliation", grid: true },
            y: { label: "probability", grid: true, tickFormat: "~g" },
            fy: { label: null },
            color: { domain: [WORLD_WITH, WORLD_WITHOUT], range: [COLORS.with, COLORS.without] },
            marks: [
              Plot.areaY(points, {
                x: "warheads",
                y: "probability",
                fy: "side",
                fill: "world",
                fillOpacity: 0.25,
                z: "world",
              }),
              Plot.lineY(points, {
                x: "warheads",
                y: "probability",
                fy: "side",
                stroke: "world",
                z: "world",
              }),
              Plot.ruleX(rows, { x: "p05", fy: "side", stroke: "world", strokeDasharray: "2 3" }),
              Plot.ruleX(rows, { x: "p95", fy: "side", stroke: "world", strokeDasharray: "2 3" }),
              Plot.ruleY([0]),
            ],
          })
        }
        csv={() => ({
          columns: ["side", "world", "warheads_delivered", "probability"],
          rows: points.map((q) => [q.side, q.world, q.warheads, q.probability]),
        })}
        caption={
          <>
            Exact probability of each number of warheads delivered in retaliation (dotted: 5th and
            95th percentiles). Probabilities below 10⁻⁷ at the tails are not drawn; the CSV holds
            what is drawn.
          </>
        }
      />
      <ComponentsTable b={b} fileBase={p.fileBase} />
    </div>
  );
}

export const balanceView: ViewDef = {
  id: "balance",
  title: "Balance",
  summary: "Second-strike retaliation with and without defenses; first-strike stability",
  docs: [
    { model: "exchange", title: "Counterforce exchange", doc: "docs/models/exchange.md" },
    {
      model: "stability",
      title: "First-strike stability (Kent & Thaler)",
      doc: "docs/models/stability.md",
    },
  ],
  optionKeys: [],
  Component: BalanceView,
};
