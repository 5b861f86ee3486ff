export type {
  BmdInventoryRow,
  EventKind,
  HistorySource,
  HistorySourceId,
  NewStartExchange,
  NewStartField,
  StockpileMeasure,
  StockpileRow,
  TimelineEvent,
  Verification,
} from "./types.ts";
export { HISTORY_SOURCES } from "./sources.ts";
export { HISTORY_COUNTRIES, findCountry } from "./countries.ts";
export type {
  HistoryQuery,
  HistorySelection,
  NewStartExchangeChecked,
  NewStartVerdict,
} from "./selectHistory.ts";
export { HISTORY_YEARS, checkNewStartExchange, selectHistory } from "./selectHistory.ts";
export { BMD_INVENTORIES } from "./data/bmdInventories.ts";
export { NEW_START_EXCHANGES } from "./data/newStartExchanges.ts";
export { STOCKPILES } from "./data/stockpiles.ts";
export { TIMELINE_EVENTS } from "./data/timelineEvents.ts";
