import { BMD_INVENTORIES } from "./data/bmdInventories.ts";
import { NEW_START_EXCHANGES } from "./data/newStartExchanges.ts";
import { STOCKPILES } from "./data/stockpiles.ts";
import { TIMELINE_EVENTS } from "./data/timelineEvents.ts";

/** Every country the history datasets name, nations alphabetically and "World" last. */
export const HISTORY_COUNTRIES: readonly string[] = (() => {
  const names = new Set<string>();
  for (const r of STOCKPILES) names.add(r.country);
  for (const r of NEW_START_EXCHANGES) names.add(r.party);
  for (const r of BMD_INVENTORIES) names.add(r.country);
  for (const e of TIMELINE_EVENTS) for (const c of e.countries) names.add(c);
  const nations = [...names].filter((n) => n !== "World").sort();
  return names.has("World") ? [...nations, "World"] : nations;
})();

/** Other names users type for a dataset country. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  us: "United States",
  usa: "United States",
  unitedstatesofamerica: "United States",
  america: "United States",
  ussr: "Russia",
  sovietunion: "Russia",
  russianfederation: "Russia",
  rf: "Russia",
  uk: "United Kingdom",
  britain: "United Kingdom",
  greatbritain: "United Kingdom",
  dprk: "North Korea",
  prc: "China",
};

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z]/g, "");

/**
 * The dataset country a user means, ignoring case, spaces and punctuation, with common aliases
 * ("US", "USSR", "UK", "DPRK"); undefined when none matches.
 * @example findCountry("ussr") // "Russia"
 */
export function findCountry(query: string): string | undefined {
  const n = normalise(query);
  if (n === "") return undefined;
  return HISTORY_COUNTRIES.find((c) => normalise(c) === n) ?? COUNTRY_ALIASES[n];
}
