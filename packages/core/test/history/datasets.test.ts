import { describe, expect, it } from "vitest";
import {
  BMD_INVENTORIES,
  HISTORY_COUNTRIES,
  HISTORY_SOURCES,
  HISTORY_YEARS,
  NEW_START_EXCHANGES,
  STOCKPILES,
  TIMELINE_EVENTS,
  findCountry,
  selectHistory,
} from "../../src/index.ts";
import { expectAbsErrorAtMost } from "../../../../test-support/expect.ts";

const stock = (country: string, year: number) =>
  STOCKPILES.find((r) => r.country === country && r.year === year)!;

describe("dataset integrity", () => {
  it("every row of every dataset names a source that resolves to a citation", () => {
    const rows = [...STOCKPILES, ...NEW_START_EXCHANGES, ...BMD_INVENTORIES, ...TIMELINE_EVENTS];
    expect(rows.length).toBeGreaterThan(900);
    for (const r of rows) {
      const s = HISTORY_SOURCES[r.source];
      expect(s, JSON.stringify(r)).toBeDefined();
      expect(s.citation.length).toBeGreaterThan(10);
    }
    for (const r of [...BMD_INVENTORIES, ...TIMELINE_EVENTS]) expect(r.pages).not.toBe("");
    for (const r of NEW_START_EXCHANGES) expect(r.verifiedVia).not.toBe("");
  });

  it("covers 1945–2025 for the stockpiles, with whole non-negative counts", () => {
    for (const r of STOCKPILES) {
      expect(Number.isInteger(r.warheads) && r.warheads >= 0, JSON.stringify(r)).toBe(true);
    }
    const us = STOCKPILES.filter((r) => r.country === "United States").map((r) => r.year);
    expect(us[0]).toBe(1945);
    expect(us.at(-1)).toBe(2025);
    expect(HISTORY_YEARS).toEqual({ first: 1945, last: 2026 });
  });

  it("marks the FAS World row as total inventory, not the sum of national stockpiles", () => {
    const world = STOCKPILES.filter((r) => r.country === "World");
    expect(world.length).toBe(81);
    for (const r of world) {
      expect(r.measure).toBe("total-inventory");
      expect(r.note).toMatch(/total inventory including retired/);
    }
    // data/SOURCES.md: 1986 World 70,374 against a sum of national stockpiles of 64,452.
    const sum1986 = STOCKPILES.filter((r) => r.year === 1986 && r.country !== "World").reduce(
      (s, r) => s + r.warheads,
      0,
    );
    expectAbsErrorAtMost(stock("World", 1986).warheads, 70374, 0);
    expectAbsErrorAtMost(sum1986, 64452, 0);
  });

  it("keeps FAS reference values: US peak 31,255 (1967), Soviet peak 40,159 (1986)", () => {
    expectAbsErrorAtMost(stock("United States", 1967).warheads, 31255, 0);
    expectAbsErrorAtMost(stock("Russia", 1986).warheads, 40159, 0);
    expect(stock("Russia", 1986).note).toBe("Soviet Union");
    // The US monopoly: no Soviet warhead before the first test of 29 August 1949.
    expectAbsErrorAtMost(stock("Russia", 1948).warheads, 0, 0);
    expect(stock("North Korea", 2023).country).toBe("North Korea"); // "North  Korea" in FAS
  });

  it("labels SIPRI 2025 totals that are not stockpiles", () => {
    expect(stock("France", 2025).measure).toBe("total-inventory");
    expect(stock("United States", 2025)).toMatchObject({ warheads: 3700, measure: "stockpile" });
  });

  it("records for each New START row what is verified, consistently", () => {
    for (const e of NEW_START_EXCHANGES) {
      if (e.verified === "yes") expect(e.unverifiedFields, e.date).toHaveLength(0);
      else expect(e.unverifiedFields.length, e.date).toBeGreaterThan(0);
    }
    const unverified = NEW_START_EXCHANGES.filter((e) => e.verified !== "yes").map(
      (e) => `${e.date} ${e.party} ${e.verified}`,
    );
    expect(unverified).toEqual([
      "2012-09-01 United States partly",
      "2012-09-01 Russia partly",
      "2016-03-01 United States partly",
      "2016-03-01 Russia partly",
      "2022-09-01 United States no",
      "2022-09-01 Russia no",
    ]);
  });

  it("has one row per party per exchange, the New START exchange dates in order", () => {
    const dates = [...new Set(NEW_START_EXCHANGES.map((e) => e.date))];
    expect(dates).toEqual([...dates].sort());
    expect(dates).toHaveLength(25);
    for (const d of dates) {
      expect(NEW_START_EXCHANGES.filter((e) => e.date === d).map((e) => e.party)).toEqual([
        "United States",
        "Russia",
      ]);
    }
  });

  it("keeps the timeline in date order with the events the issue names", () => {
    const dates = TIMELINE_EVENTS.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    const years = new Set(TIMELINE_EVENTS.map((e) => e.year));
    for (const y of [1945, 1949, 1972, 1974, 1987, 1991, 2002, 2010, 2016, 2019, 2024, 2026]) {
      expect(years.has(y), String(y)).toBe(true);
    }
  });
});

describe("history queries", () => {
  it("finds countries by name and common aliases", () => {
    expect(findCountry("USSR")).toBe("Russia");
    expect(findCountry("us")).toBe("United States");
    expect(findCountry("north korea")).toBe("North Korea");
    expect(findCountry("DPRK")).toBe("North Korea");
    expect(findCountry("Germany")).toBeUndefined();
    expect(HISTORY_COUNTRIES.at(-1)).toBe("World");
  });

  it("filters every dataset by country and years", () => {
    const s = selectHistory({ country: "Russia", from: 2016, to: 2016 });
    expect(s.stockpiles.map((r) => r.year)).toEqual([2016]);
    expect(s.newStart.map((e) => e.date)).toEqual(["2016-03-01", "2016-09-01"]);
    expect(s.newStart.every((e) => e.party === "Russia")).toBe(true);
    expect(s.events.every((e) => e.countries.includes("Russia"))).toBe(true);
    expect(s.bmd).toHaveLength(0);
  });

  it("leaves undated plans out when a span of years is given", () => {
    expect(selectHistory().bmd.some((r) => r.year === null)).toBe(true);
    expect(selectHistory({ from: 1945, to: 2026 }).bmd.some((r) => r.year === null)).toBe(false);
  });
});
