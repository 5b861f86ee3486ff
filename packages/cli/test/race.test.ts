import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectAbsErrorAtMost, expectRelErrorAtMost } from "../../../test-support/expect.ts";
import { fixture, runCli } from "./runCli.ts";

const small = fixture("race-small.yaml");
const scenario = (name: string) =>
  fileURLToPath(new URL(`../../../scenarios/${name}`, import.meta.url));

/** A copy of the small fixture with `edit` applied to its text, in a temporary directory. */
function variant(edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "stratbal-race-"));
  const file = join(dir, "race.yaml");
  writeFileSync(file, edit(readFileSync(small, "utf8")));
  return file;
}

describe("stratbal race: the action–reaction race", () => {
  it("prints a table per side, the outcome, spending and the cost-exchange ratio", async () => {
    const r = await runCli(["race", small, "--only", "race"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    // W_t = 100 + 10t, I_t = 2(W_{t-1} − 50): closed form (docs/models/race.md).
    expect(r.stdout).toMatch(/^4\s+10\s+10\s+0\s+160\s+blue-mid interceptors 140→160/m);
    expect(r.stdout).toMatch(/^4\s+140\s+140\s+0\s+0\s+red-sub launchers 130→140/m);
    expect(r.stdout).toContain("Outcome: runaway (round 4).");
    expect(r.stdout).toContain("Spending over the race: Blue $800M, Red $440M");
    // Decoys would be cheaper (ratio 0.175) but are at their cap of 0: Nitze is judged on launchers.
    expect(r.stdout).toMatch(
      /decoys on red-sub \(at cap\)\s+140 for \$70M\s+40\s+1\.75\s+0\.175\s+fail/,
    );
    expect(r.stdout).toMatch(/ratio 1\.10, cost-effective at the margin \(Nitze: pass\)/);
    expect(r.stdout).toMatch(/Red\s+decoy\s+0\.5\s+n \[notional\]/);
    expect(r.stdout).not.toContain("Richardson model");
  });

  it("prints one JSON document with rounds, outcome, totals and cost sources", async () => {
    const r = await runCli(["race", small, "--json", "--rounds", "2"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      scenario: { asOf: string };
      race: {
        settings: { rounds: number };
        rounds: { round: number; sides: { warheads: number; interceptors: number }[] }[];
        outcome: { code: string };
        totals: { id: string; spendingMillionUsd: number }[];
        costSources: { item: string; notional: boolean }[];
      };
      richardson: { equilibrium: { x: number; y: number }; path: { t: number[] } };
    };
    expect(doc.scenario.asOf).toBe("2017-11-02");
    expect(doc.race.settings.rounds).toBe(2);
    expect(doc.race.rounds.map((x) => x.sides[1]!.warheads)).toEqual([100, 110, 120]);
    expect(doc.race.outcome.code).toBe("undetermined");
    expect(doc.race.totals).toEqual([
      { id: "blue", spendingMillionUsd: 600 },
      { id: "red", spendingMillionUsd: 220 },
    ]);
    expect(doc.race.costSources.every((c) => c.notional)).toBe(true);
    expectRelErrorAtMost(doc.richardson.equilibrium.x, 25 / 11, 1e-12);
    expect(doc.richardson.path.t).toHaveLength(11);
  });

  it("prints the race per round and side as CSV", async () => {
    const r = await runCli(["race", small, "--csv"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^round,side,launchers,warheads,decoys,interceptors,purchases,/);
    expect(lines).toHaveLength(1 + 5 * 2);
    expect(lines[5]).toMatch(/^2,blue,10,10,0,120,blue-mid interceptors 100→120,100,600,/);
    expect(lines[6]).toMatch(/^2,red,120,120,0,0,red-sub launchers 110→120,110,220,/);
  });

  it("prints compute_ms on stderr with --timing", async () => {
    const r = await runCli(["race", small, "--timing", "--rounds", "1"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^compute_ms=\d+\.\d{3}\n$/);
  });

  it("reports budget exhaustion as an outcome, not an error", async () => {
    const file = variant((t) =>
      t.replace(
        "budgetMillionUsd: { value: 1000, source: n }",
        "budgetMillionUsd: { value: 250, source: n }",
      ),
    );
    const r = await runCli(["race", file, "--only", "race", "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { race: { outcome: Record<string, unknown> } };
    expect(doc.race.outcome).toMatchObject({
      code: "budget_exhausted",
      round: 3,
      side: "red",
      neededMillionUsd: 110,
      remainingMillionUsd: 30,
    });
  });
});

describe("stratbal race: Richardson's equations", () => {
  it("solves them from flags: equilibrium, eigenvalues, stability and the path", async () => {
    const r = await runCli(["race", "--richardson", "2,2,5,3,5,5", "--horizon", "5", "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      richardson: {
        stability: string;
        fate: string;
        equilibrium: { x: number; y: number };
        eigenvalues: number[];
        path: { t: number[]; x: number[]; y: number[] };
      };
    };
    const k = doc.richardson;
    expect(k.stability).toBe("stable");
    expect(k.fate).toBe("equilibrium");
    expectRelErrorAtMost(k.equilibrium.x, 2.272727, 1e-6);
    expectRelErrorAtMost(k.equilibrium.y, 3.181818, 1e-6);
    expectRelErrorAtMost(k.eigenvalues[0]!, -6.236068, 1e-6);
    expectRelErrorAtMost(k.eigenvalues[1]!, -1.763932, 1e-6);
    expectAbsErrorAtMost(k.path.x.at(-1)!, 2.272424, 5e-7);
    expectAbsErrorAtMost(k.path.y.at(-1)!, 3.181328, 5e-7);
  });

  it("names the runaway of an unstable system and prints the path as CSV", async () => {
    const text = await runCli(["race", "--richardson", "2,2,1,1,1,1", "--horizon", "3"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("ab − kl = -3: unstable");
    expect(text.stdout).toContain("From (0, 0): runaway.");
    const csv = await runCli([
      "race",
      "--richardson",
      "2,2,1,1,1,1",
      "--horizon",
      "1",
      "--points",
      "3",
      "--csv",
    ]);
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trimEnd().split("\n");
    expect(rows[0]).toBe("t,x,y");
    expect(rows).toHaveLength(4);
    // x = y = e^t − 1 on the diagonal.
    expectRelErrorAtMost(Number(rows[3]!.split(",")[1]), Math.E - 1, 1e-8);
  });

  it("lets flags override the file's coefficients, start and horizon", async () => {
    const r = await runCli([
      "race",
      small,
      "--only",
      "richardson",
      "--richardson",
      "2,2,1,1,1,1",
      "--start",
      "-2,-1.5",
      "--horizon",
      "2",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("x = Blue, y = Red");
    expect(r.stdout).toContain("disarmament");
    expect(r.stdout).not.toContain("action–reaction race:");
  });
});

describe("stratbal race: bad input", () => {
  const bad = async (args: string[], ...messages: RegExp[]) => {
    const r = await runCli(["race", ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    for (const m of messages) expect(r.stderr).toMatch(m);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  };

  it("rejects bad --rounds values with a message", async () => {
    await bad([small, "--rounds", "-1"], /--rounds\s+must be at least 0, got -1/);
    await bad([small, "--rounds", "1.5"], /--rounds\s+expected a whole number, got 1\.5/);
    await bad([small, "--rounds", "ten"], /--rounds\s+expected a number, got "ten"/);
    await bad([small, "--rounds", "1000"], /--rounds\s+must be at most 200/);
  });

  it("collects every flag problem at once", async () => {
    await bad(
      ["--richardson", "1,2,3", "--moves", "sideways", "--points", "1", "--horizon", "0"],
      /--richardson\s+expected 6 numbers k,l,a,b,g,h/,
      /--moves\s+expected one of alternating, simultaneous; got "sideways"/,
      /--points\s+must be at least 2/,
      /--horizon/,
    );
    await bad(["--richardson", "-1,2,3,4,5,6"], /--richardson k\s+must be at least 0, got -1/);
    await bad(["--richardson", "1,2,3,4,5,6", "--start", "x,1"], /--start x\s+expected a number/);
    await bad([small, "--json", "--csv"], /--json --csv\s+choose one of --json, --csv/);
  });

  it("needs a file or --richardson, and a race section in the file", async () => {
    await bad([], /FILE\s+give a scenario file with a race: section, or Richardson coefficients/);
    await bad([fixture("blue-red.yaml")], /has no race: section/);
    await bad(
      [fixture("blue-red.yaml"), "--rounds", "3", "--richardson", "1,1,1,1,0,0"],
      /--rounds\s+applies to race\.sides/,
    );
    await bad(
      [small, "--only", "race", "--horizon", "4"],
      /--horizon\s+applies to the Richardson model/,
    );
  });

  it("locates every problem of a bad race section in the file", async () => {
    const file = variant((t) =>
      t
        .replace("    red:\n", "    reds:\n")
        .replace("element: red-sub, max: { value: 10000", "element: red-sbu, max: { value: 10000")
        .replace("layer: blue-mid", "layer: blue-mdi")
        .replace(
          "costsMillionUsd: { interceptor: { value: 5, source: n } }",
          "costsMillionUsd: {}",
        ),
    );
    const r = await runCli(["race", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /race\.yaml:\d+:\d+\s+race\.sides\.reds\s+"reds" is not a side id \(did you mean "red"\?\)/,
    );
    expect(r.stderr).toMatch(
      /race\.sides\.blue\.defense\.layer\s+"blue-mdi" is not a defense layer of blue \(did you mean "blue-mid"\?\)/,
    );
    expect(r.stderr).toMatch(
      /race\.sides\.blue\.defense\s+a defense plan needs costsMillionUsd\.interceptor for blue/,
    );
  });

  it("reports a bad option, a goal missing its fields and an out-of-range value", async () => {
    const file = variant((t) =>
      t
        .replace("element: red-sub, max: { value: 10000", "element: red-sbu, max: { value: 10000")
        .replace(
          "goal: { kind: damage-limitation, warheads: { value: 50, source: n },",
          "goal: { kind: damage-limitation, pNoLeak: 0.5,",
        )
        .replace("rounds: 4", "rounds: -4")
        .replace("kind: decoys, element: red-sub", "kind: chaff, element: red-sub"),
    );
    const r = await runCli(["race", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/race\.rounds\s+expected/);
    expect(r.stderr).toMatch(
      /race\.sides\.red\.offense\[0\]\.element\s+"red-sbu" is not a force of red \(did you mean "red-sub"\?\)/,
    );
    expect(r.stderr).toMatch(
      /race\.sides\.blue\.defense\.goal\.warheads\s+is required for a damage-limitation goal/,
    );
    expect(r.stderr).toMatch(
      /race\.sides\.blue\.defense\.goal\.pNoLeak\s+pNoLeak does not apply to a damage-limitation goal/,
    );
    expect(r.stderr).toMatch(
      /race\.sides\.red\.offense\[1\]\.kind\s+expected one of launchers, warheads, decoys/,
    );
  });
});

describe("stratbal race on the bad scenario files of the bad-input suite", () => {
  const dir = fileURLToPath(new URL("../../scenario/test/bad/", import.meta.url));
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f));
  for (const name of files.filter((f) => f !== "valid.yaml" && f !== "MANIFEST.json")) {
    it(`${name}: exit 2, one located line per problem, file unchanged`, async () => {
      const file = join(dir, name);
      const before = readFileSync(file);
      const r = await runCli(["race", file]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      const lines = r.stderr.split("\n").filter((l) => l !== "");
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(l).toMatch(/^[✖⚠] \S+(:\d+:\d+)? {2}\S+ {2}\S/);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
      expect(readFileSync(file).equals(before)).toBe(true);
    });
  }
});

describe("the shipped race scenarios", () => {
  it("validate with every number sourced", async () => {
    const r = await runCli([
      "validate",
      "--strict",
      scenario("race-gmd-2017.yaml"),
      scenario("race-joint-defense.yaml"),
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("the joint defense grows with the third party and Russia never answers", async () => {
    const r = await runCli(["race", scenario("race-joint-defense.yaml"), "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      race: {
        outcome: { code: string };
        totals: { id: string; spendingMillionUsd: number }[];
        rounds: { sides: { requirement?: { met: boolean }; goal?: { met: boolean } }[] }[];
      };
    };
    expect(doc.race.outcome.code).toBe("unanswered");
    expect(doc.race.totals[1]).toEqual({ id: "russia", spendingMillionUsd: 0 });
    expect(doc.race.totals[0]!.spendingMillionUsd).toBeGreaterThan(0);
    for (const round of doc.race.rounds.slice(1)) {
      expect(round.sides[0]!.goal!.met).toBe(true);
      expect(round.sides[1]!.requirement!.met).toBe(true);
    }
  });
});
