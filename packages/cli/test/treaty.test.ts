import { describe, expect, it } from "vitest";
import type { ComplianceResult } from "@stratbal/core";
import { expectAbsErrorAtMost } from "../../../test-support/expect.ts";
import { fixture, runCli } from "./runCli.ts";

const usRussia = fixture("us-russia-2020.yaml");
const blueRed = fixture("blue-red.yaml");

describe("stratbal treaty", () => {
  it("prints a table per side of every limit in force on the scenario's date", async () => {
    const r = await runCli(["treaty", usRussia]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("as of 2020-09-01 (the scenario's asOf)");
    expect(r.stdout).toMatch(
      /United States \(us\): party United States \(inferred from id\/name\)/,
    );
    expect(r.stdout).toMatch(
      /New START\s+warheads on deployed ICBMs and SLBMs \+ 1 per deployed heavy bomber\s+1,457\s+1,550\s+\+93\s+pass/,
    );
    // Treaties not in force are reported, not skipped.
    expect(r.stdout).toContain("START II: never entered into force");
    expect(r.stdout).toContain("INF Treaty: no longer in force since 2019-08-02");
    expect(r.stdout).toContain("limits checked: 6 pass, 4 not countable");
  });

  it("prints every row as JSON with --json", async () => {
    const r = await runCli(["treaty", usRussia, "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as ComplianceResult & { scenario: { asOf: string } };
    expect(out.scenario.asOf).toBe("2020-09-01");
    const us = out.sides[0]!;
    expect(us.party).toBe("united-states");
    const rows = us.treaties.flatMap((t) => t.rows);
    const warheads = rows.find((x) => x.limitId === "nst-warheads")!;
    expectAbsErrorAtMost(warheads.counted!, 1457, 0);
    expectAbsErrorAtMost(warheads.margin!, 93, 0);
    expect(warheads.detail.some((d) => d.includes("New START counts one per bomber"))).toBe(true);
    expect(us.treaties.find((t) => t.treatyId === "abm-1972")!.state.kind).toBe("ended");
  });

  it("checks a named treaty at another date, case-insensitively", async () => {
    const r = await runCli(["treaty", usRussia, "--treaty", "ABM treaty", "--as-of", "1999-01-01"]);
    expect(r.code).toBe(0);
    // The fixture's sea-based Aegis layer is a banned ABM basing mode.
    expect(r.stdout).toMatch(
      /sea-, air-, space-based or mobile land-based ABM systems\s+1\s+0\s+-1\s+FAIL/,
    );
    expect(r.stdout).toContain("ABM Treaty only");
    expect(r.stdout).not.toContain("New START");
  });

  it("reports limits not yet binding before 5 February 2018", async () => {
    const r = await runCli(["treaty", blueRed]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1,800\s+1,550\s+-250\s+not yet binding/);
    expect(r.stdout).toContain("limit binds from 2018-02-05; the count is above it");
  });

  it("reports a side that is no party, and a declared party", async () => {
    const r = await runCli(["treaty", blueRed]);
    expect(r.stdout).toContain("Blue (blue): not a party to these treaties");
    expect(r.stdout).toContain("set sides[0].party");
    expect(r.stdout).toContain("Red (red): party Russia (USSR before 1992) (declared)");
    const named = await runCli(["treaty", blueRed, "--treaty", "inf", "--json"]);
    const out = JSON.parse(named.stdout) as ComplianceResult;
    const blueInf = out.sides[0]!.treaties[0]!.rows[0]!;
    expect(blueInf.status).toBe("not-a-party");
    expect(blueInf.counted).toBe(20);
  });

  it("shows what went into each count with --details", async () => {
    const r = await runCli(["treaty", usRussia, "--treaty", "nst", "--details"]);
    expect(r.stdout).toContain("· b52: 36 deployed heavy bombers × 1 (loaded 20 each");
  });

  it("suggests the treaty meant by a misspelt --treaty and exits 2", async () => {
    const r = await runCli(["treaty", usRussia, "--treaty", "New STRAT"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('✖ --treaty  unknown treaty "New STRAT"; did you mean "New START"?');
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("reports a bad --as-of, a bad --treaty and a missing file together, one line each", async () => {
    const r = await runCli([
      "treaty",
      "no-such-file.yaml",
      "--treaty",
      "zzz",
      "--as-of",
      "2019-02-30",
    ]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain("--treaty");
    expect(lines[1]).toContain("--as-of  expected a calendar date as YYYY-MM-DD");
    expect(lines[2]).toContain("no-such-file.yaml");
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("exits 2 without a file and on unknown options", async () => {
    expect((await runCli(["treaty"])).code).toBe(2);
    const r = await runCli(["treaty", usRussia, "--bogus"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
  });

  it("lists the treaties in --help", async () => {
    const r = await runCli(["treaty", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Treaties: ABM Treaty, ABM Treaty 1974 Protocol, SALT I Interim Agreement",
    );
  });
});
