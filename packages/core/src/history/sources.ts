import type { HistorySource, HistorySourceId } from "./types.ts";

/** The publications behind the history datasets (provenance in data/SOURCES.md). */
export const HISTORY_SOURCES: Readonly<Record<HistorySourceId, HistorySource>> = {
  "fas-owid-2023": {
    id: "fas-owid-2023",
    title: "Estimated Global Nuclear Warhead Inventories, 1945–2023",
    citation:
      "Hans M. Kristensen, Matt Korda, Eliana Reynolds and Robert Norris, Federation of American " +
      "Scientists, Status of World Nuclear Forces (2023 release), as compiled by Our World in Data " +
      "(owid/notebooks, commit 56c36ad)",
    url: "https://fas.org/initiative/status-world-nuclear-forces/",
    license: "CC BY 4.0 (per OWID metadata); attribute FAS / Our World in Data",
    file: "data/fas_warhead_stockpiles_1945_2023.csv",
  },
  "sipri-yb-2024": {
    id: "sipri-yb-2024",
    title: "World nuclear forces, January 2024",
    citation:
      "SIPRI Yearbook 2024, World nuclear forces (Kristensen & Korda); table reproduced by " +
      "Hiroshima Prefecture; FAS Status of World Nuclear Forces 2024-03-29",
    url: "https://www.pref.hiroshima.lg.jp/site/peace80-en/status-nuclear-forces.html",
    license: "facts, transcribed; cite SIPRI Yearbook 2024",
    file: "data/world_nuclear_forces_2024_2025_sipri_fas.csv",
  },
  "sipri-yb-2025": {
    id: "sipri-yb-2025",
    title: "World nuclear forces, January 2025",
    citation: "SIPRI Yearbook 2025, World nuclear forces (press summaries)",
    license: "facts, transcribed; cite SIPRI Yearbook 2025",
    file: "data/world_nuclear_forces_2024_2025_sipri_fas.csv",
  },
  "new-start-exchanges": {
    id: "new-start-exchanges",
    title: "New START Treaty aggregate numbers of strategic offensive arms, 2011–2023",
    citation:
      "US Department of State, Bureau of Arms Control, Verification and Compliance, New START " +
      "Treaty Aggregate Numbers of Strategic Offensive Arms (fact sheets, semi-annual); each row " +
      "names the page it was checked on",
    url: "https://www.state.gov/new-start-treaty-aggregate-numbers-of-strategic-offensive-arms-of-the-united-states-and-the-russian-federation-february-2011-september-2020/",
    license: "US government work (public domain); Russian MFA figures",
    file: "data/new_start_aggregate_numbers_2011_2023.csv",
  },
  "bmd-inventories": {
    id: "bmd-inventories",
    title: "Missile-defense inventories, 1975–2025",
    citation:
      "Transcribed from CSIS Missile Threat, CRS RL33745 summaries, USNI News and press; each row " +
      "names its pages",
    license: "facts, transcribed; cite the original publishers",
    file: "data/bmd_inventories_2013_2025.csv",
  },
  timeline: {
    id: "timeline",
    title: "Timeline of the strategic balance, 1945–2026",
    citation: "Compiled for Strategic Balance Lab; each event names the page that documents it",
    license: "facts; cite the pages named per event",
    file: "data/timeline_events.csv",
  },
};
