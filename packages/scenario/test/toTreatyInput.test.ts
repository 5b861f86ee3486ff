import { describe, expect, it } from "vitest";
import { safeParseScenario, toTreatyInput } from "../src/index.ts";

const doc = (sides: string) => `
schemaVersion: 1
title: treaty input
asOf: 2019-03-01
sources: { n: "Notional value for illustration" }
sides:
${sides}
`;
const force = (id: string, extra: string) =>
  `      - { id: ${id}, launchers: 10, warheadsPerLauncher: 2, reliability: 0.9, survivable: 0, source: n, ${extra} }`;

function parse(text: string) {
  const r = safeParseScenario(text);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  return r;
}

describe("toTreatyInput", () => {
  it("defaults the counting category from the basing and keeps declared ones", () => {
    const r = parse(
      doc(`  - id: us
    name: United States
    w80: 100
    forces:
${force("silo", "basing: silo, nonDeployedLaunchers: 4")}
${force("sub", "basing: ssbn")}
${force("bomber", "basing: bomber, alcm: true")}
${force("glcm", "basing: mobile, category: intermediate")}
  - id: red
    name: Red
    party: none
    w80: 100
    forces: []`),
    );
    const input = toTreatyInput(r.scenario);
    expect(input.asOf).toBe("2019-03-01");
    const [us, red] = input.sides;
    expect(us!.forces.map((f) => f.category)).toEqual([
      "icbm",
      "slbm",
      "heavy-bomber",
      "intermediate",
    ]);
    expect(us!.forces[0]!.nonDeployedLaunchers).toBe(4);
    expect(us!.forces[2]!.alcm).toBe(true);
    expect([us!.party, us!.partyBasis]).toEqual(["united-states", "inferred"]);
    expect([red!.party, red!.partyBasis]).toEqual([null, "declared"]);
    expect(toTreatyInput(r.scenario, "2010-01-01").asOf).toBe("2010-01-01");
  });

  it("warns that alcm is ignored on a force that is not a heavy bomber", () => {
    const r = parse(
      doc(`  - id: a
    name: A
    party: russia
    w80: 100
    forces:
${force("silo", "basing: silo, alcm: false")}
  - id: b
    name: B
    w80: 100
    forces: []`),
    );
    expect(r.warnings.map((w) => [w.code, w.pathText])).toEqual([
      ["ignored_flag", "sides[0].forces[0].alcm"],
    ]);
    expect(toTreatyInput(r.scenario).sides[0]!.party).toBe("russia");
  });

  it("rejects an unknown party with its path", () => {
    const r = safeParseScenario(
      doc(`  - { id: a, name: A, party: china, w80: 100, forces: [] }
  - { id: b, name: B, w80: 100, forces: [] }`),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.pathText)).toEqual(["sides[0].party"]);
  });
});
