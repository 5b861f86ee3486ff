import { readFileSync } from "node:fs";
import { parseScenario } from "@stratbal/scenario";
import { describe, expect, it } from "vitest";
import { balanceJob, engagementJob, treatyJob } from "../../src/compute/jobs.ts";
import {
  balanceReadings,
  engagementReading,
  fmtCount,
  fmtProb,
  possessive,
  treatyReadings,
} from "../../src/explain/readings.ts";

const read = (name: string) =>
  readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const SMALL = parseScenario(read("small.yaml"));
const R2017 = parseScenario(read("r2017.yaml"));

describe("readings", () => {
  it("read the balance as 'after a X first strike, Y delivers N (90%: a–b); without X defenses, M'", () => {
    const b = balanceJob({ kind: "balance", scenario: SMALL });
    const [blue, red] = b.analysis.sides;
    const [blue0] = b.analysis.withoutDefenses.sides;
    const r = balanceReadings(b);
    const d = blue.firstStrike.delivered;
    expect(r[0]!.text).toBe(
      `After a Blue first strike, Red delivers ${fmtCount(d.mean)} warheads (90%: ${d.p05}–${d.p95}); ` +
        `without Blue defenses, ${fmtCount(blue0!.firstStrike.delivered.mean)}.`,
    );
    // Red has no defenses: the reading says so rather than repeating the same number.
    expect(r[1]!.text).toMatch(
      /^After a Red first strike, Blue delivers \d+ warheads \(90%: \d+–\d+\); Red has no missile defenses in this scenario\.$/,
    );
    expect(r[2]!.text).toContain(
      `First-strike stability index ${b.analysis.firstStrikeStability.toFixed(3)}`,
    );
    expect(red.name).toBe("Red");
  });

  it("read an engagement with P0, expected leakers and the ceiling", () => {
    const e = engagementJob({
      kind: "engagement",
      scenario: SMALL,
      layer: { side: 0, defense: 0, layer: 0 },
      warheads: 4,
      decoysPerWarhead: 1,
    });
    const text = engagementReading(e);
    expect(text).toContain(
      "Against a raid of 4 RVs and 4 decoys, Blue's blue-mid layer (20 interceptors, barrage, 2 per object)",
    );
    expect(text).toContain(`probability ${fmtProb(e.pNoLeak)} (P0)`);
    expect(text).toContain(`above ${fmtProb(0.9 * 0.95 ** 4)} (reliability × tracking^N)`);
  });

  it("read treaty compliance, including limits exceeded before they bind", () => {
    const r = treatyReadings(treatyJob({ kind: "treaty", scenario: R2017 }));
    expect(r).toHaveLength(2);
    expect(r[1]!.text).toContain("Not yet binding on this date, but exceeded: New START");
    expect(r[1]!.text).toContain("by 240 (1,790 counted against 1,550)");
  });

  it("format numbers for prose", () => {
    expect(fmtProb(0.96848)).toBe("0.968");
    expect(fmtProb(1e-5)).toBe("< 0.001");
    expect(fmtProb(0.99999)).toBe("> 0.999");
    expect(fmtCount(1789.6)).toBe("1,790");
    expect(fmtCount(3.92)).toBe("3.9");
    expect(possessive("United States")).toBe("United States'");
    expect(possessive("Russia")).toBe("Russia's");
  });
});
