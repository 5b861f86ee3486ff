import { describe, expect, it } from "vitest";
import { checkCompliance, countRule } from "../../src/index.ts";
import type { Count, CountRule, TreatySide } from "../../src/index.ts";
import { expectAbsErrorAtMost } from "../../../../test-support/expect.ts";
import { US_SEP_2020, force, side } from "./fixtures.ts";

/** The counted value of a rule (fails the test when the rule cannot count). */
function value(rule: CountRule, s: TreatySide): number {
  const c: Count = countRule(rule, s);
  if (c.kind !== "counted") throw new Error(`${rule} not countable: ${c.reason}`);
  return c.value;
}

// Counts are whole numbers: every assertion is exact (tolerance 0).
describe("New START counting rules", () => {
  it("counts each deployed heavy bomber as one warhead, whatever it carries", () => {
    const bombers = side({
      forces: [
        force({
          id: "b52",
          category: "heavy-bomber",
          basing: "bomber",
          launchers: 60,
          warheadsPerLauncher: 16,
        }),
      ],
    });
    expectAbsErrorAtMost(value("nst-deployed-warheads", bombers), 60, 0);
    // SORT and START II count the weapons loaded: 60 × 16.
    expectAbsErrorAtMost(value("loaded-strategic-warheads", bombers), 960, 0);
  });

  it("reproduces the State Department aggregate of 1 September 2020 from its breakdown", () => {
    // Fact sheet of 2020-12-01: 675 deployed, 1,457 warheads, 800 deployed and non-deployed.
    expectAbsErrorAtMost(value("nst-deployed-delivery-vehicles", US_SEP_2020), 675, 0);
    expectAbsErrorAtMost(value("nst-deployed-warheads", US_SEP_2020), 1457, 0);
    expectAbsErrorAtMost(value("nst-launchers", US_SEP_2020), 800, 0);
  });

  it("counts non-deployed launchers only in the 800 limit", () => {
    const s = side({ forces: [force({ id: "silo", launchers: 400, nonDeployedLaunchers: 54 })] });
    expectAbsErrorAtMost(value("nst-deployed-delivery-vehicles", s), 400, 0);
    expectAbsErrorAtMost(value("nst-launchers", s), 454, 0);
  });

  it("ignores intermediate-range and other elements", () => {
    const s = side({
      forces: [
        force({ id: "irbm", category: "intermediate", basing: "mobile", launchers: 50 }),
        force({ id: "misc", category: "other", basing: "silo", launchers: 10 }),
      ],
    });
    expectAbsErrorAtMost(value("nst-deployed-delivery-vehicles", s), 0, 0);
  });
});

describe("other treaties' counting rules", () => {
  it("SALT I freezes fixed ICBM launchers only; mobile ICBMs are listed as not counted", () => {
    const s = side({
      forces: [
        force({ id: "silo", launchers: 1000, nonDeployedLaunchers: 54 }),
        force({ id: "road", basing: "mobile", launchers: 100 }),
      ],
    });
    const c = countRule("salt1-icbm-launchers", s);
    expect(c.kind === "counted" && c.value).toBe(1054);
    expect(c.kind === "counted" && c.detail.join("\n")).toContain("road");
  });

  it("INF counts ground-launched intermediate-range launchers, not sea-launched ones", () => {
    const s = side({
      forces: [
        force({
          id: "glcm",
          category: "intermediate",
          basing: "mobile",
          launchers: 4,
          nonDeployedLaunchers: 2,
        }),
        force({ id: "slcm", category: "intermediate", basing: "ssbn", launchers: 40 }),
      ],
    });
    expectAbsErrorAtMost(value("inf-ground-launched", s), 6, 0);
  });

  it("START I needs to know which bombers carry long-range ALCMs", () => {
    const unknown = side({
      forces: [
        force({
          id: "b52",
          category: "heavy-bomber",
          basing: "bomber",
          launchers: 10,
          warheadsPerLauncher: 20,
        }),
      ],
    });
    const c = countRule("start1-accountable-warheads", unknown);
    expect(c.kind).toBe("not-countable");
    expect(c.kind === "not-countable" && c.reason).toContain("alcm");
  });

  it("START I attributes 10 warheads to each of the first 150 US ALCM bombers", () => {
    const s = side({
      forces: [
        force({ id: "mm3", launchers: 500, warheadsPerLauncher: 3 }),
        force({
          id: "b52",
          category: "heavy-bomber",
          basing: "bomber",
          launchers: 160,
          warheadsPerLauncher: 20,
          alcm: true,
        }),
        force({
          id: "b1",
          category: "heavy-bomber",
          basing: "bomber",
          launchers: 90,
          warheadsPerLauncher: 24,
          alcm: false,
        }),
      ],
    });
    // 1,500 ICBM warheads + 150 × 10 + 10 × 20 + 90 × 1
    expectAbsErrorAtMost(value("start1-accountable-warheads", s), 1500 + 1500 + 200 + 90, 0);
    const ru = { ...s, party: "russia" as const };
    // USSR: 8 for each of the first 180.
    expectAbsErrorAtMost(value("start1-accountable-warheads", ru), 1500 + 160 * 8 + 90, 0);
  });

  it("START I sub-limits count mobile and heavy ICBM warheads", () => {
    const s = side({
      forces: [
        force({ id: "ss18", launchers: 154, warheadsPerLauncher: 10, heavy: true }),
        force({ id: "ss25", basing: "mobile", launchers: 300 }),
      ],
    });
    expectAbsErrorAtMost(value("start1-heavy-icbm-warheads", s), 1540, 0);
    expectAbsErrorAtMost(value("start1-mobile-icbm-warheads", s), 300, 0);
    expectAbsErrorAtMost(value("mirved-icbm-launchers", s), 154, 0);
  });
});

describe("ABM Treaty counting rules", () => {
  const sea = {
    id: "aegis",
    basing: "sea" as const,
    layers: [{ id: "sm3", interceptors: 96 }],
  };
  const moscow = {
    id: "a135",
    deploymentArea: "capital",
    layers: [
      { id: "outer", interceptors: 32, launchers: 32 },
      { id: "inner", interceptors: 68 },
    ],
  };

  it("flags a sea-based interceptor layer as a banned basing mode", () => {
    const s = side({ defenses: [sea, moscow] });
    const r = checkCompliance({ asOf: "1990-01-01", sides: [s] });
    const abm = r.sides[0]!.treaties.find((t) => t.treatyId === "abm-1972")!;
    const banned = abm.rows.find((row) => row.limitId === "abm-banned-basing")!;
    expect(banned.status).toBe("fail");
    expect(banned.counted).toBe(1);
    expect(banned.detail.join("\n")).toContain("aegis: sea-based");
    // The sea-based system is not counted in any deployment area.
    expectAbsErrorAtMost(value("abm-interceptors-per-area", s), 100, 0);
    expectAbsErrorAtMost(value("abm-deployment-areas", s), 1, 0);
  });

  it("counts one launcher per interceptor where a layer gives no launchers", () => {
    expectAbsErrorAtMost(value("abm-launchers-per-area", side({ defenses: [moscow] })), 100, 0);
  });

  it("counts systems in the same named area once and unnamed systems as areas of their own", () => {
    const s = side({
      defenses: [
        moscow,
        { id: "a135-extra", deploymentArea: "capital", layers: [{ id: "x", interceptors: 10 }] },
        { id: "grand-forks", layers: [{ id: "spartan", interceptors: 30 }] },
      ],
    });
    expectAbsErrorAtMost(value("abm-deployment-areas", s), 2, 0);
    expectAbsErrorAtMost(value("abm-interceptors-per-area", s), 110, 0);
    expectAbsErrorAtMost(value("abm-interceptors-total", s), 140, 0);
  });

  it("two areas pass the 1972 limit until the 1974 Protocol replaces it, and fail the Protocol", () => {
    const s = side({
      defenses: [
        { id: "capital", deploymentArea: "capital", layers: [{ id: "l", interceptors: 50 }] },
        { id: "field", deploymentArea: "icbm-field", layers: [{ id: "l", interceptors: 50 }] },
      ],
    });
    const row = (asOf: string, treaty: string) =>
      checkCompliance({ asOf, sides: [s] }, { treaty }).sides[0]!.treaties[0]!.rows.find(
        (x) => x.rule === "abm-deployment-areas",
      )!;
    expect(row("1975-01-01", "abm-1972").status).toBe("pass");
    expect(row("1976-05-24", "abm-1972").status).toBe("superseded");
    expect(row("1976-05-24", "abm-1974-protocol").status).toBe("fail");
    expect(row("1976-05-23", "abm-1974-protocol").status).toBe("not-in-force");
  });

  it("reports the area radius as not countable (no geography)", () => {
    const r = checkCompliance({ asOf: "1980-01-01", sides: [side()] }, { treaty: "abm-1972" });
    const radius = r.sides[0]!.treaties[0]!.rows.find((x) => x.limitId === "abm-area-radius")!;
    expect(radius.status).toBe("not-countable");
    expect(radius.counted).toBeNull();
    expect(radius.note).toContain("geography");
  });
});
