import { describe, expect, it } from "vitest";
import { runCli } from "./runCli.ts";
import { expectRelErrorAtMost } from "../../../test-support/expect.ts";

describe("stratbal engage", () => {
  it("prints the DESIGN §3 JSON for the documented example", async () => {
    const r = await runCli([
      "engage",
      "--warheads",
      "20",
      "--interceptors",
      "80",
      "--sspk",
      "0.8",
      "--shots",
      "4",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as {
      pNoLeak: number;
      expectedLeakers: number;
      expectedInterceptorsUsed: number;
      leakers: number[];
    };
    expectRelErrorAtMost(out.pNoLeak, 0.968482, 1e-6);
    expectRelErrorAtMost(out.expectedLeakers, 0.032, 1e-12);
    expectRelErrorAtMost(out.expectedInterceptorsUsed, 80, 1e-12);
    expect(out.leakers).toHaveLength(21);
  });

  it("prints a readable table without --json", async () => {
    const r = await runCli([
      "engage",
      "--warheads",
      "20",
      "--decoys",
      "20",
      "--interceptors",
      "80",
      "--sspk",
      "0.8",
      "--even",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/P\(no leaker\)\s+0\.442002/);
  });

  it("reports every bad flag on its own line and exits 2", async () => {
    const r = await runCli([
      "engage",
      "--warheads",
      "-3",
      "--interceptors",
      "abc",
      "--sspk",
      "1.4",
      "--tracking",
      "NaN",
    ]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(r.stderr).toContain("--warheads");
    expect(r.stderr).toContain("--interceptors");
    expect(r.stderr).toContain("--sspk  expected a probability in [0, 1], got 1.4");
    expect(r.stderr).toContain("--tracking");
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("rejects missing flags, sizes beyond the model and unknown options with exit 2", async () => {
    expect((await runCli(["engage", "--sspk", "0.5"])).code).toBe(2);
    const big = await runCli([
      "engage",
      "--warheads",
      "1e12",
      "--interceptors",
      "1",
      "--sspk",
      "0.5",
    ]);
    expect(big.code).toBe(2);
    expect(big.stderr).toContain("must be at most 1,000,000");
    const unknown = await runCli([
      "engage",
      "--warheads",
      "2",
      "--interceptors",
      "1",
      "--sspk",
      "0.5",
      "--bogus",
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--bogus'");
  });

  it("shows an example per doctrine in --help", async () => {
    const r = await runCli(["engage", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--shots 4");
    expect(r.stdout).toContain("--even");
    expect(r.stdout).toContain("--sls 2,2");
  });
});
