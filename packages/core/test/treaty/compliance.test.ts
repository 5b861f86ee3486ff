import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  TREATIES,
  checkCompliance,
  findTreaty,
  inferParty,
  treatyById,
  treatyStateAt,
} from "../../src/index.ts";
import type { ComplianceRow, TreatySide } from "../../src/index.ts";
import { expectAbsErrorAtMost } from "../../../../test-support/expect.ts";
import { US_SEP_2020, force, side } from "./fixtures.ts";

const newStart = treatyById("new-start");

function rowsOf(s: TreatySide, asOf: string, treaty?: string): ComplianceRow[] {
  const r = checkCompliance({ asOf, sides: [s] }, treaty === undefined ? {} : { treaty });
  return r.sides[0]!.treaties.flatMap((t) => t.rows);
}

describe("treaty state on a date", () => {
  it("is in force from the entry-into-force date, inclusive", () => {
    expect(treatyStateAt(newStart, "2011-02-04").kind).toBe("signed-not-in-force");
    expect(treatyStateAt(newStart, "2011-02-05").kind).toBe("in-force");
  });

  it("is no longer in force on its end date", () => {
    expect(treatyStateAt(newStart, "2026-02-04").kind).toBe("in-force");
    expect(treatyStateAt(newStart, "2026-02-05").kind).toBe("ended");
    expect(treatyStateAt(treatyById("abm-1972"), "2002-06-13").kind).toBe("ended");
    expect(treatyStateAt(treatyById("abm-1972"), "2002-06-12").kind).toBe("in-force");
  });

  it("reports START II as never in force, whatever the date", () => {
    const t = treatyById("start-2");
    expect(treatyStateAt(t, "2000-01-01").kind).toBe("never-in-force");
    expect(treatyStateAt(t, "2000-01-01").text).toContain("never entered into force");
  });

  it("distinguishes not yet signed from signed but not in force", () => {
    expect(treatyStateAt(newStart, "2009-01-01").kind).toBe("not-yet-signed");
    expect(treatyStateAt(newStart, "2010-06-01").kind).toBe("signed-not-in-force");
  });
});

describe("compliance table", () => {
  it("lists every treaty for every side, with rows only for those in force", () => {
    const r = checkCompliance({ asOf: "2019-03-01", sides: [US_SEP_2020] });
    const reports = r.sides[0]!.treaties;
    expect(reports.map((t) => t.treatyId)).toEqual(TREATIES.map((t) => t.id));
    const inForce = reports.filter((t) => t.state.kind === "in-force").map((t) => t.treatyId);
    expect(inForce).toEqual(["new-start", "inf"]);
    for (const t of reports) {
      if (t.state.kind !== "in-force") expect(t.rows).toHaveLength(0);
    }
    expect(reports.find((t) => t.treatyId === "abm-1972")!.state.text).toContain("2002-06-13");
  });

  it("binds the New START central limits exactly from 5 February 2018", () => {
    const over = side({ forces: [force({ id: "icbm", launchers: 800, warheadsPerLauncher: 2 })] });
    const before = rowsOf(over, "2018-02-04").find((x) => x.limitId === "nst-warheads")!;
    const on = rowsOf(over, "2018-02-05").find((x) => x.limitId === "nst-warheads")!;
    expect(before.status).toBe("not-yet-binding");
    expect(before.withinLimit).toBe(false);
    expect(before.note).toContain("2018-02-05");
    expect(on.status).toBe("fail");
    expectAbsErrorAtMost(on.margin!, 1550 - 1600, 0);
  });

  it("passes the US posture of September 2020 on every New START central limit", () => {
    const rows = rowsOf(US_SEP_2020, "2020-09-01", "new-start");
    const central = rows.filter((x) => x.rule.startsWith("nst-"));
    expect(central.map((x) => [x.limitId, x.status, x.margin])).toEqual([
      ["nst-deployed", "pass", 25],
      ["nst-warheads", "pass", 93],
      ["nst-launchers", "pass", 0],
    ]);
    const procedural = rows.filter((x) => x.rule === "not-countable:verification");
    expect(procedural.map((x) => x.status)).toEqual(["not-countable", "not-countable"]);
  });

  it("reports a treaty asked for by name although it is not in force on the date", () => {
    const rows = rowsOf(US_SEP_2020, "2020-09-01", "abm-1972");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((x) => x.status === "not-in-force")).toBe(true);
    expect(rows[0]!.note).toContain("counted for information");
    const start2 = rowsOf(US_SEP_2020, "2000-01-01", "start-2");
    expect(start2.every((x) => x.status === "never-in-force")).toBe(true);
  });

  it("never binds the SORT limit: it applied on 2012-12-31, after the treaty ended", () => {
    const row = rowsOf(US_SEP_2020, "2008-01-01").find((x) => x.treatyId === "sort")!;
    expect(row.status).toBe("not-yet-binding");
    expect(row.note).toContain("never bound");
    expect(row.limitText).toBe("1,700–2,200");
  });

  it("applies party-specific SALT I ceilings to their party only", () => {
    const us = rowsOf(side({ forces: [force({ id: "mm", launchers: 1054 })] }), "1975-01-01");
    const salt = us.filter((x) => x.treatyId === "salt-1");
    expect(salt.map((x) => x.limitId)).toEqual(["salt1-icbm-us", "salt1-slbm-us"]);
    expect(salt[0]!.status).toBe("pass");
    const ru = rowsOf(side({ id: "ussr", name: "USSR", party: "russia" }), "1975-01-01");
    expect(ru.filter((x) => x.treatyId === "salt-1").map((x) => x.limitId)).toEqual([
      "salt1-icbm-ussr",
      "salt1-slbm-ussr",
    ]);
  });

  it("reports a side that is no party as such", () => {
    const china = side({ id: "china", name: "China", party: null, partyBasis: "none" });
    const r = checkCompliance({ asOf: "2020-01-01", sides: [china] });
    expect(r.sides[0]!.partyName).toBeNull();
    expect(r.sides[0]!.treaties.every((t) => !t.party && t.rows.length === 0)).toBe(true);
    const named = rowsOf(china, "2020-01-01", "new-start");
    expect(named.every((x) => x.status === "not-a-party")).toBe(true);
  });

  it("counts statuses in the summary", () => {
    const r = checkCompliance({ asOf: "2020-09-01", sides: [US_SEP_2020] });
    expect(r.summary.pass).toBe(3); // the New START central limits (INF ended 2019-08-02)
    expect(r.summary["not-countable"]).toBe(2);
    expect(r.summary.fail).toBe(0);
  });
});

describe("treaty names and parties", () => {
  it("finds treaties by name, id or alias, ignoring case and punctuation", () => {
    expect(findTreaty("new start")?.id).toBe("new-start");
    expect(findTreaty("NEW-START")?.id).toBe("new-start");
    expect(findTreaty("salt 1")?.id).toBe("salt-1");
    expect(findTreaty("START I")?.id).toBe("start-1");
    expect(findTreaty("start2")?.id).toBe("start-2");
    expect(findTreaty("Moscow Treaty")?.id).toBe("sort");
    expect(findTreaty("abm protocol")?.id).toBe("abm-1974-protocol");
    expect(findTreaty("INF")?.id).toBe("inf");
    expect(findTreaty("start")?.id).toBe("start-1");
    expect(findTreaty("new strat")).toBeUndefined();
  });

  it("infers the party from ids and names", () => {
    expect(inferParty("us", "United States")).toBe("united-states");
    expect(inferParty("blue", "U.S. forces")).toBe("united-states");
    expect(inferParty("ussr", "Soviet Union")).toBe("russia");
    expect(inferParty("ru", "Russian Federation")).toBe("russia");
    expect(inferParty("blue", "Blue")).toBeNull();
    expect(inferParty("china", "China")).toBeNull();
    expect(inferParty("status-quo", "Status quo")).toBeNull();
    expect(inferParty("us-ru", "US and Russia")).toBeNull(); // ambiguous
  });
});

describe("docs/treaties.md", () => {
  it("documents every treaty and every counting rule in the dataset", () => {
    const doc = readFileSync(new URL("../../../../docs/treaties.md", import.meta.url), "utf8");
    for (const t of TREATIES) {
      expect(doc, t.name).toContain(t.name);
      for (const l of t.limits) {
        if (!l.rule.startsWith("not-countable:")) expect(doc, l.rule).toContain(`\`${l.rule}\``);
      }
    }
  });
});
