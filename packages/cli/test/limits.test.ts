import { describe, expect, it } from "vitest";
import { fixture, runCli } from "./runCli.ts";

// docs/limits.md: every flag that sets how much work a command does has a limit; one past it is
// refused before any work, with exit 2 and a line naming the flag.

const SWEEP = fixture("sweep-small.yaml");
const RACE = fixture("race-small.yaml");
const INTERCEPTORS = "sides.us.defenses.gmd.layers.gmd-mid.interceptors";
const SSPK = "sides.us.defenses.gmd.layers.gmd-mid.sspk";

async function refused(args: string[], line: RegExp): Promise<void> {
  const r = await runCli(args);
  expect(r.code, args.join(" ")).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.split("\n"), args.join(" ")).toContainEqual(expect.stringMatching(line));
  expect(r.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
}

const ENGAGE = ["engage", "--warheads", "10", "--interceptors", "20", "--sspk", "0.5"];

describe("limits of the CLI flags (docs/limits.md)", () => {
  it("engage: objects, interceptors and shots", async () => {
    await refused([...ENGAGE, "--decoys", "1000001"], /^✖ --decoys {2}must be at most 1,000,000/);
    await refused(
      ["engage", "--warheads", "10", "--interceptors", "10000001", "--sspk", "0.5"],
      /^✖ --interceptors {2}must be at most 10,000,000/,
    );
    await refused([...ENGAGE, "--shots", "1001"], /^✖ --shots {2}must be at most 1,000/);
    await refused(
      [...ENGAGE, "--sls", "1,1001"],
      /^✖ --sls\[1\] {2}must be at most 1,000, got 1001/,
    );
  });

  it("sweep: samples, workers, steps per axis, evaluations, values per process", async () => {
    const out = ["--out", "/tmp/never-written.csv"];
    await refused(
      ["sweep", SWEEP, "--samples", "10000001", ...out],
      /^✖ --samples {2}must be at most 10,000,000/,
    );
    await refused(
      ["sweep", SWEEP, "--workers", "1025", ...out],
      /^✖ --workers {2}must be at most 1,024/,
    );
    await refused(
      ["sweep", SWEEP, "--vary", `${SSPK}=0:1:100001`, ...out],
      /^✖ --vary .*STEPS may be at most 100,000/,
    );
    await refused(
      [
        "sweep",
        SWEEP,
        "--vary",
        `${SSPK}=0:1:100000`,
        "--vary",
        `sides.us.forces.us-silo.reliability=0:1:100000`,
        "--samples",
        "0",
        ...out,
      ],
      /^✖ --vary {2}10,000,000,000 evaluations is more than one sweep may have \(2,147,483,647\)/,
    );
    await refused(
      [
        "sweep",
        SWEEP,
        "--vary",
        `${INTERCEPTORS}=0,10`,
        "--vary",
        `${SSPK}=0:1:100000`,
        "--samples",
        "1000",
        ...out,
      ],
      /^✖ --vary {2}200,000,000 evaluations × 2 outputs is more than one process holds; split the sweep with --shard K\/3 \(or more\)/,
    );
  });

  it("race: rounds, points, horizon", async () => {
    await refused(["race", RACE, "--rounds", "201"], /^✖ --rounds {2}must be at most 200/);
    await refused(
      ["race", "--richardson", "2,2,5,3,5,5", "--points", "100001"],
      /^✖ --points {2}must be at most 100,000/,
    );
    await refused(
      ["race", "--richardson", "2,2,5,3,5,5", "--horizon", "1e7"],
      /^✖ --horizon {2}must be at most 1,000,000/,
    );
  });
});
