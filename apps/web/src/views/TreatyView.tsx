// Treaty compliance: every limit of every treaty in force on the scenario's date, counted under
// the treaty's own counting rules, with margin and verdict; and a chart of how much of each
// countable limit the posture uses.
import * as Plot from "@observablehq/plot";
import type { ComplianceRow, RowStatus } from "@stratbal/core";
import { useMemo } from "preact/hooks";
import { useCompute } from "../app/useCompute.ts";
import { Chart } from "../charts/Chart.tsx";
import { toCsv } from "../charts/csv.ts";
import { download } from "../charts/exportChart.ts";
import type { RequestOf } from "../compute/protocol.ts";
import { fmtCount, treatyReadings } from "../explain/readings.ts";
import { ComputeStatus } from "./ComputeStatus.tsx";
import type { ViewDef, ViewProps } from "./types.ts";

const STATUS_TEXT: Readonly<Record<RowStatus, string>> = {
  pass: "within",
  fail: "EXCEEDS",
  "not-yet-binding": "not yet binding",
  "not-countable": "not countable",
  superseded: "superseded",
  "not-in-force": "not in force",
  "never-in-force": "never in force",
  "not-a-party": "not a party",
};

const STATUS_COLOR: Readonly<Record<string, string>> = {
  within: "#2f7d32",
  EXCEEDS: "#b3261e",
  "not yet binding": "#8fa3bf",
  "above, not yet binding": "#b45309",
  superseded: "#b0b0b0",
  "not in force": "#b0b0b0",
  "never in force": "#b0b0b0",
  "not a party": "#b0b0b0",
};

const COLUMNS = [
  "side",
  "treaty",
  "limit",
  "counted",
  "limit_value",
  "margin",
  "status",
  "note",
  "source",
  "verified",
];

function rowCells(side: string, r: ComplianceRow) {
  return [
    side,
    r.treatyName,
    r.limit,
    r.counted,
    r.limitText,
    r.margin,
    STATUS_TEXT[r.status],
    r.note,
    r.source,
    r.verified,
  ];
}

function TreatyView(p: ViewProps) {
  const request = useMemo<RequestOf<"treaty">>(
    () => ({ kind: "treaty", scenario: p.scenario }),
    [p.scenario],
  );
  const st = useCompute(p.client, "treaty", request);
  const c = st.result;
  if (!c) return <ComputeStatus state={st} what="treaty compliance" />;
  const all = c.sides.flatMap((s) =>
    s.treaties.flatMap((t) => t.rows.map((r) => ({ side: s.sideName, r }))),
  );
  const bars = all
    .filter(({ r }) => r.counted !== null && r.limitValue > 0)
    .map(({ side, r }) => ({
      side,
      key: `${side}|${r.treatyId}|${r.limitId}`,
      limit: `${r.treatyName}: ${r.limit}`,
      share: r.counted! / r.limitValue,
      status:
        r.status === "not-yet-binding" && r.withinLimit === false
          ? "above, not yet binding"
          : STATUS_TEXT[r.status],
      counted: r.counted!,
      limitText: r.limitText,
    }));
  const statuses = [...new Set(bars.map((b) => b.status))];
  const stale = p.stale || st.status === "computing";
  const csv = () => ({ columns: COLUMNS, rows: all.map(({ side, r }) => rowCells(side, r)) });
  return (
    <div class="view-body">
      <ComputeStatus state={st} what="treaty compliance" />
      <ul class="readings" aria-live="polite" data-testid="treaty-readings">
        {treatyReadings(c).map((r) => (
          <li key={r.id}>{r.text}</li>
        ))}
      </ul>
      {bars.length > 0 && (
        <Chart
          id="treaty-limits"
          title={`Share of each treaty limit used on ${c.asOf}`}
          deps={[c]}
          stale={stale}
          fileBase={p.fileBase}
          footer={p.footer}
          legend={statuses.map((s) => ({ label: s, color: STATUS_COLOR[s] ?? "#777" }))}
          render={(width) =>
            Plot.plot({
              width,
              height: 50 + bars.length * 44,
              marginLeft: 8,
              marginRight: 70,
              marginTop: 24,
              x: {
                label: "counted ÷ limit",
                grid: true,
                domain: [0, Math.max(1.2, ...bars.map((b) => b.share))],
              },
              y: {
                axis: null,
                domain: bars.map((b) => b.key),
                paddingInner: 0.62,
                paddingOuter: 0.4,
              },
              color: { domain: statuses, range: statuses.map((s) => STATUS_COLOR[s] ?? "#777") },
              marks: [
                Plot.barX(bars, {
                  x: "share",
                  y: "key",
                  fill: "status",
                  title: (b: (typeof bars)[number]) =>
                    `${b.limit}: ${fmtCount(b.counted)} of ${b.limitText}`,
                }),
                Plot.text(bars, {
                  x: 0,
                  y: "key",
                  text: (b: (typeof bars)[number]) => `${b.side} · ${b.limit}`,
                  textAnchor: "start",
                  dy: -15,
                  fill: "#1a1a1a",
                  lineWidth: Math.max(20, (width - 80) / 6.2),
                }),
                Plot.text(bars, {
                  x: "share",
                  y: "key",
                  text: (b: (typeof bars)[number]) => `${fmtCount(b.counted)} / ${b.limitText}`,
                  dx: 4,
                  textAnchor: "start",
                  fill: "#1a1a1a",
                }),
                Plot.ruleX([1], { stroke: "#1a1a1a", strokeDasharray: "4 3" }),
                Plot.ruleX([0]),
              ],
            })
          }
          csv={csv}
          caption="Bars: the count under each treaty's counting rule divided by the limit (dashed line: the limit). Limits the scenario cannot count (geography, test ranges, throw-weight, verification) are in the table only."
        />
      )}
      {c.sides.map((s) => (
        <section class="treaty-side" aria-label={`${s.sideName}: treaty compliance`}>
          <h3>
            {s.sideName}
            <span class="muted">
              {" "}
              —{" "}
              {s.party === null
                ? "not a party"
                : `party: ${s.partyName} (${s.partyBasis === "declared" ? "declared" : "inferred from id/name"})`}
            </span>
          </h3>
          {s.treaties.some((t) => t.rows.length > 0) ? (
            <div class="table-wrap">
              <table class="results" data-testid={`treaty-table-${s.sideId}`}>
                <thead>
                  <tr>
                    <th scope="col">treaty</th>
                    <th scope="col">limit</th>
                    <th scope="col" class="num">
                      counted
                    </th>
                    <th scope="col" class="num">
                      limit
                    </th>
                    <th scope="col" class="num">
                      margin
                    </th>
                    <th scope="col">status</th>
                  </tr>
                </thead>
                <tbody>
                  {s.treaties.flatMap((t) =>
                    t.rows.map((r) => (
                      <tr class={`status-${r.status}`} title={r.note}>
                        <td>{r.treatyName}</td>
                        <td>{r.limit}</td>
                        <td class="num">{r.counted === null ? "—" : fmtCount(r.counted)}</td>
                        <td class="num">{r.limitText}</td>
                        <td class="num">
                          {r.margin === null ? "—" : (r.margin > 0 ? "+" : "") + fmtCount(r.margin)}
                        </td>
                        <td>
                          <span class={`badge badge-${r.status}`}>{STATUS_TEXT[r.status]}</span>
                          {r.status !== "pass" && (
                            <div class="note">{r.notCountable ?? r.note}</div>
                          )}
                        </td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          ) : (
            <p class="muted">No treaty limit applies to this side on {c.asOf}.</p>
          )}
          {s.treaties.some((t) => t.state.kind !== "in-force") && (
            <details>
              <summary>Treaties not in force on {c.asOf}</summary>
              <ul>
                {s.treaties
                  .filter((t) => t.state.kind !== "in-force")
                  .map((t) => (
                    <li>
                      {t.treatyName}: {t.state.text}
                    </li>
                  ))}
              </ul>
            </details>
          )}
        </section>
      ))}
      <button
        type="button"
        class="small"
        onClick={() =>
          download(
            new Blob([toCsv(csv())], { type: "text/csv;charset=utf-8" }),
            `${p.fileBase}-treaty-compliance.csv`,
          )
        }
      >
        Export the compliance table as CSV
      </button>
    </div>
  );
}

export const treatyView: ViewDef = {
  id: "treaty",
  title: "Treaties",
  summary: "Compliance with the treaties in force on the scenario's date",
  docs: [{ model: "treaty-compliance" }],
  optionKeys: [],
  Component: TreatyView,
};
