import { describe, expect, it } from "vitest";
import { expectAbsErrorAtMost } from "../../../test-support/expect.ts";
import { runCli } from "./runCli.ts";

describe("stratbal history", () => {
  it("prints stockpiles by year and country, the data exchanges, BMD and the timeline", async () => {
    const r = await runCli(["history"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^1967\s.*31,255/m);
    expect(r.stdout).toContain("* total inventory including retired warheads");
    expect(r.stdout).toMatch(
      /2016-09-01\s+Russia\s+508\s+1,796\s+847\s+above 1,550 warheads, 800 launchers \(not yet binding\)/,
    );
    expect(r.stdout).toMatch(/2022-09-01\s+Russia\s+540\?\s+1,549\?\s+759\?\s+within limits/);
    expect(r.stdout).toContain("1949-08-29  First Soviet nuclear test (RDS-1)");
    expect(r.stdout).toContain("Sources:");
  });

  it("filters by country (with aliases) and years", async () => {
    const r = await runCli(["history", "--country", "USSR", "--from", "1949", "--to", "1950"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("History of the strategic balance (Russia, 1949–1950)");
    expect(r.stdout).toMatch(/^year\s+Russia$/m);
    expect(r.stdout).toMatch(/^1949\s+1$/m);
    expect(r.stdout).not.toContain("United States");
  });

  it("writes one long CSV table with --csv", async () => {
    const r = await runCli([
      "history",
      "--country",
      "United States",
      "--dataset",
      "new-start",
      "--csv",
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe(
      "dataset,date,year,country,series,value,unit,status,verified,source,note",
    );
    expect(lines).toHaveLength(1 + 25 * 3);
    expect(lines[1]).toMatch(
      /^new-start,2011-02-05,2011,United States,deployed-icbm-slbm-heavy-bombers,882,/,
    );
  });

  it("writes JSON with --json, every row with its source", async () => {
    const r = await runCli(["history", "--country", "world", "--from", "2024", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      stockpiles: { year: number; warheads: number; measure: string; source: string }[];
      sources: { id: string }[];
    };
    expect(out.stockpiles.map((s) => s.year)).toEqual([2024, 2025]);
    expectAbsErrorAtMost(out.stockpiles[0]!.warheads, 12121, 0);
    expect(out.stockpiles.every((s) => s.measure === "total-inventory")).toBe(true);
    expect(out.sources.map((s) => s.id).sort()).toEqual(["sipri-yb-2024", "sipri-yb-2025"]);
  });

  it("suggests a country for a misspelt --country and exits 2", async () => {
    const r = await runCli(["history", "--country", "Rusia"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('✖ --country  no data for "Rusia"; did you mean "Russia"?');
  });

  it("reports every bad flag on its own line and exits 2", async () => {
    const r = await runCli([
      "history",
      "--from",
      "2020",
      "--to",
      "1990",
      "--csv",
      "--json",
      "--dataset",
      "stockpile",
    ]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(r.stderr).toContain("--from (2020) must not be after --to (1990)");
    expect(r.stderr).toContain('unknown dataset "stockpile"; did you mean "stockpiles"?');
    expect(r.stderr).toContain("choose one of --csv, --json");
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("rejects years that are not whole numbers or outside the data", async () => {
    for (const [flag, value, message] of [
      ["--from", "1944", "must be at least 1945"],
      ["--to", "2030", "must be at most 2,026"],
      ["--from", "1990.5", "expected a whole number"],
      ["--to", "next", 'expected a number, got "next"'],
    ] as const) {
      const r = await runCli(["history", flag, value]);
      expect(r.code, `${flag} ${value}`).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });
});
