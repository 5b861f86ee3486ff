import { checkDeclaredCounts } from "../treaty/checkCompliance.ts";
import { BMD_INVENTORIES } from "./data/bmdInventories.ts";
import { NEW_START_EXCHANGES } from "./data/newStartExchanges.ts";
import { STOCKPILES } from "./data/stockpiles.ts";
import { TIMELINE_EVENTS } from "./data/timelineEvents.ts";
import type { BmdInventoryRow, NewStartExchange, StockpileRow, TimelineEvent } from "./types.ts";

/** First and last calendar year any history dataset covers. */
export const HISTORY_YEARS: { readonly first: number; readonly last: number } = (() => {
  const years = [
    ...STOCKPILES.map((r) => r.year),
    ...TIMELINE_EVENTS.map((e) => e.year),
    ...NEW_START_EXCHANGES.map((e) => Number(e.date.slice(0, 4))),
    ...BMD_INVENTORIES.flatMap((r) => (r.year === null ? [] : [r.year])),
  ];
  return { first: Math.min(...years), last: Math.max(...years) };
})();

/** How one data exchange stands against the New START central limits on its date. */
export type NewStartVerdict =
  | "within-limits"
  | "above-limits"
  | "within-limits-not-yet-binding"
  | "above-limits-not-yet-binding"
  | "not-provided";

/** A data exchange with its verdict against the central limits. */
export interface NewStartExchangeChecked extends NewStartExchange {
  readonly verdict: NewStartVerdict;
  /** Limits the declared numbers exceed (limit ids), binding or not. */
  readonly exceeds: readonly string[];
}

/**
 * Checks one declared data exchange against the New START central limits on its date
 * (binding from 2018-02-05; before, "not yet binding").
 * @example checkNewStartExchange(russiaSep2016).verdict // "above-limits-not-yet-binding"
 */
export function checkNewStartExchange(e: NewStartExchange): NewStartExchangeChecked {
  const rows = checkDeclaredCounts("new-start", e.date, {
    "nst-deployed-delivery-vehicles": e.deployedDeliveryVehicles,
    "nst-deployed-warheads": e.deployedWarheads,
    "nst-launchers": e.deployedAndNonDeployedLaunchers,
  });
  const exceeds = rows.filter((r) => r.withinLimit === false).map((r) => r.limitId);
  let verdict: NewStartVerdict;
  if (rows.every((r) => r.status === "not-countable")) verdict = "not-provided";
  else if (rows.some((r) => r.status === "not-yet-binding")) {
    verdict = exceeds.length > 0 ? "above-limits-not-yet-binding" : "within-limits-not-yet-binding";
  } else verdict = exceeds.length > 0 ? "above-limits" : "within-limits";
  return { ...e, verdict, exceeds };
}

/** Which part of the history to return. Years are inclusive; `country` is a dataset name. */
export interface HistoryQuery {
  readonly country?: string;
  readonly from?: number;
  readonly to?: number;
}

/** The history datasets, filtered. */
export interface HistorySelection {
  readonly stockpiles: readonly StockpileRow[];
  readonly newStart: readonly NewStartExchangeChecked[];
  readonly bmd: readonly BmdInventoryRow[];
  readonly events: readonly TimelineEvent[];
}

/**
 * The stockpile series, New START data exchanges (with their verdicts), missile-defense
 * inventories and timeline events for a country and a span of years. Undated rows (plans) are
 * left out when a span is given.
 * @example selectHistory({ country: "Russia", from: 2011, to: 2023 })
 */
export function selectHistory(q: HistoryQuery = {}): HistorySelection {
  const inYears = (y: number | null) =>
    q.from === undefined && q.to === undefined
      ? true
      : y !== null && (q.from === undefined || y >= q.from) && (q.to === undefined || y <= q.to);
  const isCountry = (c: string) => q.country === undefined || c === q.country;
  return {
    stockpiles: STOCKPILES.filter((r) => isCountry(r.country) && inYears(r.year)),
    newStart: NEW_START_EXCHANGES.filter(
      (e) => isCountry(e.party) && inYears(Number(e.date.slice(0, 4))),
    ).map(checkNewStartExchange),
    bmd: BMD_INVENTORIES.filter((r) => isCountry(r.country) && inYears(r.year)),
    events: TIMELINE_EVENTS.filter(
      (e) => (q.country === undefined || e.countries.includes(q.country)) && inYears(e.year),
    ),
  };
}
