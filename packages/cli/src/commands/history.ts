import type {
  HistorySelection,
  HistorySourceId,
  NewStartExchangeChecked,
  NewStartField,
  NewStartVerdict,
  StockpileRow,
} from "@stratbal/core";
import {
  HISTORY_COUNTRIES,
  HISTORY_SOURCES,
  HISTORY_YEARS,
  findCountry,
  modelEntry,
  selectHistory,
} from "@stratbal/core";
import { suggest } from "@stratbal/scenario";
import type { Command } from "commander";
import { FlagReader } from "../flags.ts";
import { table, toCsv, toJson } from "../format.ts";
import type { Io } from "../io.ts";
import { EXIT, UsageError } from "../io.ts";

/** The datasets `--dataset` chooses among, in output order. */
export const DATASETS = ["stockpiles", "new-start", "bmd", "events"] as const;
type Dataset = (typeof DATASETS)[number];

interface HistoryFlags {
  country?: string;
  from?: string;
  to?: string;
  dataset?: string;
  csv?: boolean;
  json?: boolean;
}

interface HistoryRequest {
  country?: string;
  from?: number;
  to?: number;
  datasets: readonly Dataset[];
  format: "table" | "csv" | "json";
}

function readFlags(flags: HistoryFlags): HistoryRequest {
  const r = new FlagReader();
  let country: string | undefined;
  if (flags.country !== undefined) {
    country = findCountry(flags.country);
    if (country === undefined) {
      const hint = suggest(flags.country, HISTORY_COUNTRIES);
      r.issues.push({
        code: "unknown_country",
        where: "--country",
        message:
          `no data for "${flags.country}"` +
          (hint ? `; did you mean "${hint}"?` : "") +
          ` (known: ${HISTORY_COUNTRIES.join(", ")})`,
      });
    }
  }
  const range = { integer: true, min: HISTORY_YEARS.first, max: HISTORY_YEARS.last };
  const from = r.number("--from", flags.from, range);
  const to = r.number("--to", flags.to, range);
  if (from !== undefined && to !== undefined && from > to) {
    r.issues.push({
      code: "invalid_range",
      where: "--from --to",
      message: `--from (${from}) must not be after --to (${to})`,
    });
  }
  const datasets: Dataset[] = [];
  for (const name of (flags.dataset ?? DATASETS.join(",")).split(",").map((s) => s.trim())) {
    if ((DATASETS as readonly string[]).includes(name)) {
      if (!datasets.includes(name as Dataset)) datasets.push(name as Dataset);
      continue;
    }
    const hint = suggest(name, DATASETS);
    r.issues.push({
      code: "unknown_dataset",
      where: "--dataset",
      message:
        `unknown dataset "${name}"` +
        (hint ? `; did you mean "${hint}"?` : "") +
        ` (choose from ${DATASETS.join(", ")})`,
    });
  }
  r.conflict(["--csv", "--json"], [flags.csv === true, flags.json === true]);
  if (r.issues.length > 0) throw new UsageError(r.issues);
  return {
    ...(country !== undefined ? { country } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    datasets,
    format: flags.csv ? "csv" : flags.json ? "json" : "table",
  };
}

export function configureHistory(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command("history")
    .summary("warhead stockpiles, New START data exchanges, BMD inventories and events")
    .description(
      "The history of the balance from public datasets, each row with its source (data/SOURCES.md):\n" +
        `warhead stockpiles ${HISTORY_YEARS.first}–2025 (FAS via OWID; SIPRI 2024–2025), New START data\n` +
        "exchanges 2011–2023 checked against the central limits, missile-defense inventories and a\n" +
        "timeline of tests, treaties and deployments. Russia stands for the USSR before 1992.",
    )
    .option("--country <name>", "one country (e.g. 'United States', USSR, China, World)")
    .option("--from <year>", `first year (${HISTORY_YEARS.first}–${HISTORY_YEARS.last})`)
    .option("--to <year>", `last year (${HISTORY_YEARS.first}–${HISTORY_YEARS.last})`)
    .option("--dataset <names>", `comma-separated: ${DATASETS.join(", ")} (default all)`)
    .option("--csv", "print one CSV table (long format) on stdout")
    .option("--json", "print one JSON document on stdout")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  stratbal history --country Russia --from 1985 --to 1995",
        "  stratbal history --dataset new-start",
        "  stratbal history --country 'United States' --csv > us.csv",
        "",
        `Countries: ${HISTORY_COUNTRIES.join(", ")}.`,
      ].join("\n"),
    )
    .action((flags: HistoryFlags) => {
      setExit(runHistory(flags, io));
    });
}

function runHistory(flags: HistoryFlags, io: Io): number {
  const req = readFlags(flags);
  const sel = selectHistory({
    ...(req.country !== undefined ? { country: req.country } : {}),
    ...(req.from !== undefined ? { from: req.from } : {}),
    ...(req.to !== undefined ? { to: req.to } : {}),
  });
  const chosen = pick(sel, req.datasets);
  if (req.format === "json") {
    io.stdout(
      toJson({
        query: {
          country: req.country ?? null,
          from: req.from ?? null,
          to: req.to ?? null,
          datasets: req.datasets,
        },
        years: HISTORY_YEARS,
        model: modelEntry("history"),
        ...chosen,
        sources: usedSources(chosen),
      }),
    );
  } else if (req.format === "csv") {
    io.stdout(historyCsv(chosen));
  } else {
    io.stdout(historyTables(chosen, req));
  }
  return EXIT.ok;
}

function pick(sel: HistorySelection, datasets: readonly Dataset[]): HistorySelection {
  return {
    stockpiles: datasets.includes("stockpiles") ? sel.stockpiles : [],
    newStart: datasets.includes("new-start") ? sel.newStart : [],
    bmd: datasets.includes("bmd") ? sel.bmd : [],
    events: datasets.includes("events") ? sel.events : [],
  };
}

function usedSources(sel: HistorySelection) {
  const ids = new Set<HistorySourceId>();
  for (const rows of [sel.stockpiles, sel.newStart, sel.bmd, sel.events]) {
    for (const r of rows) ids.add(r.source);
  }
  return [...ids].map((id) => HISTORY_SOURCES[id]);
}

const FIELD_SERIES: readonly (readonly [NewStartField, string, string])[] = [
  ["deployedDeliveryVehicles", "deployed-icbm-slbm-heavy-bombers", "delivery vehicles"],
  ["deployedWarheads", "warheads-on-deployed", "warheads"],
  ["deployedAndNonDeployedLaunchers", "deployed-and-non-deployed-launchers", "launchers"],
];

/** All chosen datasets as one long CSV table. */
export function historyCsv(sel: HistorySelection): string {
  const rows: (string | number | null)[][] = [];
  for (const r of sel.stockpiles) {
    rows.push([
      "stockpiles",
      "",
      r.year,
      r.country,
      r.measure,
      r.warheads,
      "warheads",
      "",
      "",
      r.source,
      r.note ?? "",
    ]);
  }
  for (const e of sel.newStart) {
    for (const [field, series, unit] of FIELD_SERIES) {
      rows.push([
        "new-start",
        e.date,
        Number(e.date.slice(0, 4)),
        e.party,
        series,
        e[field],
        unit,
        e.verdict,
        e.unverifiedFields.includes(field) ? "no" : "yes",
        e.source,
        e.verifiedVia,
      ]);
    }
  }
  for (const b of sel.bmd) {
    rows.push([
      "bmd",
      b.asOf,
      b.year,
      b.country,
      b.system,
      b.quantity,
      b.unit,
      "",
      b.verified,
      b.source,
      `${b.site}; ${b.notes}; pages: ${b.pages}`,
    ]);
  }
  for (const ev of sel.events) {
    rows.push([
      "events",
      ev.date,
      ev.year,
      ev.countries.join(";"),
      ev.kind,
      null,
      "",
      "",
      ev.verified,
      ev.source,
      `${ev.title}: ${ev.description} (pages: ${ev.pages})`,
    ]);
  }
  return toCsv(
    [
      "dataset",
      "date",
      "year",
      "country",
      "series",
      "value",
      "unit",
      "status",
      "verified",
      "source",
      "note",
    ],
    rows,
  );
}

const SHORT: Readonly<Record<string, string>> = {
  "United States": "US",
  Russia: "Russia",
  "United Kingdom": "UK",
  "North Korea": "N. Korea",
  "South Africa": "S. Africa",
};

/** The central limit each New START limit id stands for, for "above …" verdicts. */
const LIMIT_LABEL: Readonly<Record<string, string>> = {
  "nst-deployed": "700 deployed",
  "nst-warheads": "1,550 warheads",
  "nst-launchers": "800 launchers",
};

function verdictText(e: NewStartExchangeChecked): string {
  const above = `above ${e.exceeds.map((id) => LIMIT_LABEL[id] ?? id).join(", ")}`;
  const v: NewStartVerdict = e.verdict;
  switch (v) {
    case "within-limits":
      return "within limits";
    case "above-limits":
      return above.toUpperCase();
    case "within-limits-not-yet-binding":
      return "within (limits not yet binding)";
    case "above-limits-not-yet-binding":
      return `${above} (not yet binding)`;
    case "not-provided":
      return "not provided";
    default:
      return v satisfies never;
  }
}

const fmt = (n: number | null) => (n === null ? "—" : n.toLocaleString("en-US"));

/** Years as rows, countries as columns; total-inventory cells marked with "*". */
function stockpileTable(rows: readonly StockpileRow[]): string {
  const countries = HISTORY_COUNTRIES.filter((c) => rows.some((r) => r.country === c));
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const cell = new Map(rows.map((r) => [`${r.country}|${r.year}`, r]));
  const body = years.map((y) => [
    String(y),
    ...countries.map((c) => {
      const r = cell.get(`${c}|${y}`);
      if (!r) return "";
      return fmt(r.warheads) + (r.measure === "total-inventory" ? "*" : "");
    }),
  ]);
  return table(["year", ...countries.map((c) => SHORT[c] ?? c)], body);
}

function exchangeCells(e: NewStartExchangeChecked): string[] {
  const mark = (f: NewStartField) => (e.unverifiedFields.includes(f) ? "?" : "");
  return [
    e.date,
    e.party,
    fmt(e.deployedDeliveryVehicles) + mark("deployedDeliveryVehicles"),
    fmt(e.deployedWarheads) + mark("deployedWarheads"),
    fmt(e.deployedAndNonDeployedLaunchers) + mark("deployedAndNonDeployedLaunchers"),
    verdictText(e),
  ];
}

/** The readable tables, one per dataset, with their legends and sources. */
export function historyTables(sel: HistorySelection, req: HistoryRequest): string {
  const out: string[] = [];
  const scope =
    (req.country ? req.country : "all countries") +
    (req.from !== undefined || req.to !== undefined
      ? `, ${req.from ?? HISTORY_YEARS.first}–${req.to ?? HISTORY_YEARS.last}`
      : "");
  out.push(`History of the strategic balance (${scope})`, "");
  if (req.datasets.includes("stockpiles")) {
    out.push("Nuclear warheads: stockpiles (FAS via OWID to 2023; SIPRI Yearbook 2024–2025)");
    out.push(sel.stockpiles.length > 0 ? stockpileTable(sel.stockpiles).trimEnd() : "  (no rows)");
    if (sel.stockpiles.some((r) => r.measure === "total-inventory")) {
      out.push(
        "* total inventory including retired warheads (FAS World row; SIPRI 2025 totals), not a stockpile",
      );
    }
    if (sel.stockpiles.some((r) => r.country === "Russia" && r.year < 1992)) {
      out.push("Russia: the Soviet Union before 1992");
    }
    out.push("");
  }
  if (req.datasets.includes("new-start")) {
    out.push(
      "New START data exchanges (declared; central limits 700 / 1,550 / 800 binding from 2018-02-05)",
    );
    out.push(
      sel.newStart.length > 0
        ? table(
            ["date", "party", "deployed", "warheads", "launchers", "against the central limits"],
            sel.newStart.map(exchangeCells),
          ).trimEnd()
        : "  (no rows)",
    );
    if (sel.newStart.some((e) => e.unverifiedFields.length > 0)) {
      out.push("? not verified against a citable page (data/SOURCES.md)");
    }
    out.push("");
  }
  if (req.datasets.includes("bmd")) {
    out.push("Missile-defense inventories");
    out.push(
      sel.bmd.length > 0
        ? table(
            ["as of", "country", "system", "site", "quantity"],
            sel.bmd.map((b) => [
              b.asOf,
              b.country,
              b.system,
              b.site,
              b.quantity === null ? "no public number" : `${fmt(b.quantity)} ${b.unit}`,
            ]),
          ).trimEnd()
        : "  (no rows)",
    );
    out.push("");
  }
  if (req.datasets.includes("events")) {
    out.push("Timeline");
    out.push(
      sel.events.length > 0
        ? table(
            ["date", "event", "countries"],
            sel.events.map((e) => [e.date, e.title, e.countries.join(", ")]),
          ).trimEnd()
        : "  (no rows)",
    );
    out.push("");
  }
  const sources = usedSources(sel);
  if (sources.length > 0) {
    out.push("Sources:");
    for (const s of sources) out.push(`  ${s.citation}${s.url ? ` <${s.url}>` : ""} [${s.file}]`);
  }
  return out.join("\n") + "\n";
}
