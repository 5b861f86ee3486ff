import { describe, expect, it } from "vitest";
import {
  NEW_START_EXCHANGES,
  checkDeclaredCounts,
  checkNewStartExchange,
} from "../../src/index.ts";
import { expectAbsErrorAtMost } from "../../../../test-support/expect.ts";

// The declared numbers come from data/new_start_aggregate_numbers_2011_2023.csv (verification per
// row in data/SOURCES.md). Counts are whole numbers: tolerances are 0.
describe("New START data exchanges against the central limits", () => {
  it("every data exchange from 5 February 2018 on is within the central limits", () => {
    const since = NEW_START_EXCHANGES.filter((e) => e.date >= "2018-02-05");
    expect(since.length).toBe(22);
    for (const e of since) {
      const checked = checkNewStartExchange(e);
      if (e.deployedWarheads === null) {
        // Russia provided no data in March 2023.
        expect([e.date, e.party, checked.verdict]).toEqual([
          "2023-03-01",
          "Russia",
          "not-provided",
        ]);
      } else {
        expect([e.date, e.party, checked.verdict]).toEqual([e.date, e.party, "within-limits"]);
      }
    }
  });

  it("Russia's September 2016 count (1,796) exceeds 1,550, but the limits did not yet bind", () => {
    const e = NEW_START_EXCHANGES.find((x) => x.date === "2016-09-01" && x.party === "Russia")!;
    expectAbsErrorAtMost(e.deployedWarheads!, 1796, 0);
    const rows = checkDeclaredCounts("new-start", e.date, { "nst-deployed-warheads": 1796 });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("not-yet-binding");
    expect(rows[0]!.withinLimit).toBe(false);
    expectAbsErrorAtMost(rows[0]!.margin!, -246, 0);
    expect(checkNewStartExchange(e).verdict).toBe("above-limits-not-yet-binding");
    expect(checkNewStartExchange(e).exceeds).toEqual(["nst-warheads", "nst-launchers"]);
  });

  it("the same count on the day the limits took effect would fail", () => {
    const rows = checkDeclaredCounts("new-start", "2018-02-05", { "nst-deployed-warheads": 1796 });
    expect(rows[0]!.status).toBe("fail");
  });

  it("flags every exchange before 5 February 2018 as not yet binding", () => {
    for (const e of NEW_START_EXCHANGES.filter((x) => x.date < "2018-02-05")) {
      expect(checkNewStartExchange(e).verdict).toMatch(/not-yet-binding$/);
    }
  });
});
