// The history of the balance, 1945–2026: warhead stockpiles with event markers, the treaties'
// lives as a timeline, and the New START data exchanges against the central limits. Static
// datasets from the core (each row with its source); the scenario's date is marked.
import * as Plot from "@observablehq/plot";
import type { EventKind, TimelineEvent } from "@stratbal/core";
import { HISTORY_COUNTRIES, HISTORY_SOURCES, TREATIES, selectHistory } from "@stratbal/core";
import { useMemo } from "preact/hooks";
import { Chart } from "../charts/Chart.tsx";
import { toCsv } from "../charts/csv.ts";
import { download } from "../charts/exportChart.ts";
import { fmtCount } from "../explain/readings.ts";
import { COLORS } from "./colors.ts";
import type { ViewDef, ViewProps } from "./types.ts";

/** A date `YYYY-MM-DD` as a fractional year. */
export function yearOf(date: string): number {
  const y = Number(date.slice(0, 4));
  const start = Date.UTC(y, 0, 1);
  const end = Date.UTC(y + 1, 0, 1);
  const t = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isFinite(t) ? y + (t - start) / (end - start) : y;
}

const KIND_TEXT: Readonly<Record<EventKind, string>> = {
  test: "test",
  "treaty-signed": "treaty signed",
  "treaty-in-force": "treaty in force",
  "treaty-milestone": "treaty milestone",
  "treaty-ended": "treaty ended",
  withdrawal: "withdrawal",
  "bmd-deployment": "BMD deployment",
};

const KIND_COLOR: Readonly<Record<EventKind, string>> = {
  test: "#6b3fa0",
  "treaty-signed": "#2f7d32",
  "treaty-in-force": "#0b6e99",
  "treaty-milestone": "#827717",
  "treaty-ended": "#5d4037",
  withdrawal: "#b3261e",
  "bmd-deployment": "#b45309",
};

const YEARS: [number, number] = [1945, 2027];

/** Label rows for event numbers so that numbers closer than 2.5 years do not overlap. */
export function staggered<T extends { readonly x: number }>(
  events: readonly T[],
): (T & { row: number })[] {
  const lastInRow: number[] = [];
  return events.map((e) => {
    let row = 0;
    while (lastInRow[row] !== undefined && e.x - lastInRow[row]! < 2.5) row++;
    lastInRow[row] = e.x;
    return { ...e, row };
  });
}

function HistoryView(p: ViewProps) {
  const all = p.options["countries"] === "all";
  const sel = useMemo(() => selectHistory(), []);
  const asOf = yearOf(p.scenario.asOf);
  const countries = all
    ? HISTORY_COUNTRIES.filter((c) => c !== "World" && sel.stockpiles.some((r) => r.country === c))
    : ["United States", "Russia"];
  const stock = sel.stockpiles.filter((r) => countries.includes(r.country));
  const events = staggered(
    sel.events.map((e, i) => ({ ...e, n: i + 1, x: yearOf(e.date), kindText: KIND_TEXT[e.kind] })),
  );
  const kinds = [...new Set(events.map((e) => e.kindText))];
  const kindColors = kinds.map(
    (k) => KIND_COLOR[(Object.keys(KIND_TEXT) as EventKind[]).find((x) => KIND_TEXT[x] === k)!],
  );
  const treaties = TREATIES.map((t) => ({
    name: t.name,
    signed: yearOf(t.signed),
    start: t.enteredIntoForce ? yearOf(t.enteredIntoForce) : null,
    end: t.ended ? yearOf(t.ended) : YEARS[1],
    state: t.enteredIntoForce ? "in force" : "signed, never in force",
    text: `${t.name}: signed ${t.signed}${t.enteredIntoForce ? `, in force ${t.enteredIntoForce}` : ", never in force"}${t.ended ? `, ended ${t.ended} (${t.endReason})` : ""}`,
  }));
  const spans = treaties.map((t) => ({ ...t, x1: t.start ?? t.signed, x2: t.end }));
  const nst = sel.newStart
    .flatMap((e) => [
      {
        party: e.party,
        series: "deployed warheads",
        x: yearOf(e.date),
        value: e.deployedWarheads,
        date: e.date,
      },
      {
        party: e.party,
        series: "deployed delivery vehicles",
        x: yearOf(e.date),
        value: e.deployedDeliveryVehicles,
        date: e.date,
      },
    ])
    .filter((r): r is typeof r & { value: number } => r.value !== null);
  const countryColors = countries.map((_, i) => COLORS.series[i % COLORS.series.length]!);
  const footer = `${p.footer} · data: ${Object.values(HISTORY_SOURCES)
    .map((s) => s.title)
    .slice(0, 3)
    .join("; ")}`;
  const eventCsv = () => ({
    columns: ["n", "date", "kind", "title", "countries", "source", "pages", "verified"],
    rows: events.map((e) => [
      e.n,
      e.date,
      e.kind,
      e.title,
      e.countries.join(";"),
      e.source,
      e.pages,
      e.verified,
    ]),
  });
  return (
    <div class="view-body">
      <div class="controls" role="group" aria-label="History settings">
        <label class="check">
          <input
            type="checkbox"
            checked={all}
            onChange={(ev) =>
              p.setOptions({
                countries: (ev.target as HTMLInputElement).checked ? "all" : undefined,
              })
            }
          />{" "}
          All nuclear-armed countries (else the United States and Russia/USSR)
        </label>
      </div>
      <p class="readings">
        Warhead stockpiles peaked at{" "}
        {fmtCount(
          Math.max(...sel.stockpiles.filter((r) => r.country === "Russia").map((r) => r.warheads)),
        )}{" "}
        (USSR) and{" "}
        {fmtCount(
          Math.max(
            ...sel.stockpiles.filter((r) => r.country === "United States").map((r) => r.warheads),
          ),
        )}{" "}
        (United States); the scenario is dated {p.scenario.asOf} (dotted line).
      </p>
      <Chart
        id="history-stockpiles"
        title="Nuclear warhead stockpiles, 1945–2025, with events"
        deps={[all, asOf]}
        fileBase={p.fileBase}
        footer={footer}
        legend={[
          ...countries.map((c, i) => ({
            label: c === "Russia" ? "Russia (USSR to 1991)" : c,
            color: countryColors[i]!,
          })),
          { label: "scenario date", color: "#555", dash: true },
        ]}
        render={(width) =>
          Plot.plot({
            width,
            height: 320,
            marginLeft: 60,
            marginTop: 12 + 12 * (Math.max(...events.map((e) => e.row)) + 1),
            x: { label: "year", domain: YEARS, tickFormat: "d" },
            y: { label: "warheads", grid: true },
            color: { domain: countries, range: countryColors },
            marks: [
              Plot.ruleX(events, { x: "x", stroke: "#c8c8c8", strokeWidth: 1 }),
              ...[...new Set(events.map((e) => e.row))].map((row) =>
                Plot.text(
                  events.filter((e) => e.row === row),
                  {
                    x: "x",
                    frameAnchor: "top",
                    dy: -6 - 12 * row,
                    text: (e: { n: number }) => String(e.n),
                    fontSize: 9,
                    fill: "#333",
                  },
                ),
              ),
              Plot.lineY(stock, {
                x: "year",
                y: "warheads",
                stroke: "country",
                strokeWidth: 2,
                title: (r: { country: string; year: number; warheads: number }) =>
                  `${r.country} ${r.year}: ${fmtCount(r.warheads)}`,
              }),
              Plot.ruleX([asOf], { stroke: "#555", strokeDasharray: "3 3" }),
              Plot.ruleY([0]),
            ],
          })
        }
        csv={() => ({
          columns: ["country", "year", "warheads", "measure", "source", "note"],
          rows: stock.map((r) => [
            r.country,
            r.year,
            r.warheads,
            r.measure,
            r.source,
            r.note ?? "",
          ]),
        })}
        caption="Numbers at the top refer to the events listed below the timeline. FAS estimates via Our World in Data to 2023, SIPRI Yearbook 2024–2025; Russia stands for the Soviet Union before 1992."
      />
      <Chart
        id="history-timeline"
        title="Treaties and events, 1945–2026"
        deps={[asOf]}
        fileBase={p.fileBase}
        footer={footer}
        legend={[
          { label: "treaty in force (span)", color: COLORS.with },
          { label: "signed, never in force", color: COLORS.without },
          ...kinds.map((k, i) => ({ label: k, color: kindColors[i]! })),
        ]}
        render={(width) =>
          Plot.plot({
            width,
            height: 60 + (treaties.length + 1) * 26,
            marginLeft: Math.min(190, Math.max(120, width * 0.22)),
            x: { label: "year", domain: YEARS, tickFormat: "d", grid: true },
            y: { label: null, domain: ["events", ...treaties.map((t) => t.name)] },
            color: { domain: kinds, range: kindColors },
            marks: [
              Plot.barX(spans, {
                x1: "x1",
                x2: "x2",
                y: "name",
                fill: (t: { state: string }) =>
                  t.state === "in force" ? COLORS.with : COLORS.without,
                inset: 4,
                title: "text",
              }),
              Plot.tickX(treaties, {
                x: "signed",
                y: "name",
                stroke: "#1a1a1a",
                strokeWidth: 2,
                title: "text",
              }),
              Plot.dot(events, {
                x: "x",
                y: () => "events",
                fill: "kindText",
                r: 5,
                title: (e: TimelineEvent & { n: number }) => `${e.n}. ${e.date}: ${e.title}`,
              }),
              Plot.ruleX([asOf], { stroke: "#555", strokeDasharray: "3 3" }),
            ],
          })
        }
        csv={() => ({
          columns: ["treaty", "signed", "entered_into_force", "ended", "end_reason"],
          rows: TREATIES.map((t) => [
            t.name,
            t.signed,
            t.enteredIntoForce ?? "",
            t.ended ?? "",
            t.endReason,
          ]),
        })}
        caption="Bars: each treaty from entry into force to its end (black tick: signature); dots: dated events; dotted: the scenario's date."
      />
      <Chart
        id="history-new-start"
        title="New START data exchanges against the central limits"
        deps={[]}
        fileBase={p.fileBase}
        footer={footer}
        legend={[
          { label: "United States", color: COLORS.sides[0] },
          { label: "Russia", color: COLORS.sides[1] },
          { label: "limits (binding from 2018-02-05)", color: "#555", dash: true },
        ]}
        render={(width) =>
          Plot.plot({
            width,
            height: 300,
            marginLeft: 60,
            x: { label: "year", tickFormat: "d", grid: true },
            y: { label: "declared count", grid: true, domain: [0, 1700] },
            fy: {
              label: null,
              axis: null,
              domain: ["deployed warheads", "deployed delivery vehicles"],
            },
            color: { domain: ["United States", "Russia"], range: [...COLORS.sides] },
            marks: [
              Plot.ruleY(
                [
                  { series: "deployed warheads", limit: 1550 },
                  { series: "deployed delivery vehicles", limit: 700 },
                ],
                { y: "limit", fy: "series", stroke: "#555", strokeDasharray: "4 3" },
              ),
              Plot.text(["deployed warheads", "deployed delivery vehicles"], {
                fy: (d: string) => d,
                text: (d: string) => d,
                frameAnchor: "top-left",
                dx: 6,
                dy: 4,
                fontWeight: 600,
                fill: "#333",
              }),
              Plot.lineY(nst, { x: "x", y: "value", fy: "series", stroke: "party", z: "party" }),
              Plot.dot(nst, {
                x: "x",
                y: "value",
                fy: "series",
                fill: "party",
                r: 2.5,
                title: (r: { party: string; date: string; value: number; series: string }) =>
                  `${r.party} ${r.date}: ${fmtCount(r.value)} ${r.series}`,
              }),
            ],
          })
        }
        csv={() => ({
          columns: ["date", "party", "series", "value"],
          rows: nst.map((r) => [r.date, r.party, r.series, r.value]),
        })}
        caption="Aggregate numbers the parties declared twice a year (US Department of State)."
      />
      <section aria-label="Events">
        <h3>Events</h3>
        <ol class="events" data-testid="history-events">
          {events.map((e) => (
            <li value={e.n}>
              <span class="event-date">{e.date}</span>{" "}
              <span class="badge" style={{ borderColor: KIND_COLOR[e.kind] }}>
                {e.kindText}
              </span>{" "}
              {e.title}
              {e.verified !== "yes" && <span class="muted"> (not fully verified)</span>}
            </li>
          ))}
        </ol>
        <button
          type="button"
          class="small"
          onClick={() => {
            download(
              new Blob([toCsv(eventCsv())], { type: "text/csv;charset=utf-8" }),
              `${p.fileBase}-history-events.csv`,
            );
          }}
        >
          Export events as CSV
        </button>
      </section>
    </div>
  );
}

export const historyView: ViewDef = {
  id: "history",
  title: "History",
  summary: "Stockpiles, treaties and events, 1945–2026",
  docs: [{ model: "history" }],
  optionKeys: ["countries"],
  Component: HistoryView,
};
