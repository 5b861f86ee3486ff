// Plain-language readings of results: one short sentence per result, with the number, its 90%
// range and the comparison without defenses, in the words an analyst would use in a brief.
import type { ComplianceResult, ComplianceRow } from "@stratbal/core";
import type { BalanceResult, EngagementResult, StabilityMapResult } from "../compute/protocol.ts";

/** A probability for prose: three decimals, "< 0.001" and "> 0.999" at the ends. */
export function fmtProb(p: number): string {
  if (!Number.isFinite(p)) return "—";
  if (p > 0 && p < 0.0005) return "< 0.001";
  if (p < 1 && p > 0.9995) return "> 0.999";
  return p.toFixed(3);
}

/** A count for prose: whole numbers with thousands separators; small means to one decimal. */
export function fmtCount(x: number): string {
  if (!Number.isFinite(x)) return "—";
  if (Math.abs(x) < 10 && Math.abs(x - Math.round(x)) > 0.05) return x.toFixed(1);
  return Math.round(x).toLocaleString("en-US");
}

/** A number for prose with up to `digits` significant digits. */
export function fmtNum(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return "—";
  if (Number.isInteger(x)) return x.toLocaleString("en-US");
  return Number(x.toPrecision(digits)).toLocaleString("en-US", { maximumFractionDigits: 6 });
}

function article(name: string): string {
  // "an" before a vowel sound written with a vowel letter; "a United States …" (yoo).
  return /^[AEIO]/i.test(name) ? "an" : "a";
}

/** "Russia's", "the United States'": the possessive of a side's name. */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

export interface Reading {
  readonly id: string;
  readonly text: string;
}

/**
 * Readings of the balance: for each side's first strike, what the other side delivers in
 * retaliation (mean and 90% range) and what it would deliver without the striker's defenses;
 * then the stability index with and without defenses.
 */
export function balanceReadings(b: BalanceResult): Reading[] {
  const a = b.analysis;
  const out: Reading[] = [];
  for (let i = 0; i < 2; i++) {
    const striker = a.sides[i]!;
    const victim = a.sides[1 - i]!;
    const without = a.withoutDefenses.sides[i]!;
    const d = striker.firstStrike.delivered;
    const hasDefenses = b.sides[i]!.defenseLayers > 0;
    const tail = hasDefenses
      ? `without ${striker.name} defenses, ${fmtCount(without.firstStrike.delivered.mean)}`
      : `${striker.name} has no missile defenses in this scenario`;
    out.push({
      id: `retaliation-${victim.id}`,
      text:
        `After ${article(striker.name)} ${striker.name} first strike, ${victim.name} delivers ` +
        `${fmtCount(d.mean)} warheads (90%: ${fmtCount(d.p05)}–${fmtCount(d.p95)}); ${tail}.`,
    });
  }
  const fsi = a.firstStrikeStability;
  const fsi0 = a.withoutDefenses.firstStrikeStability;
  const delta = fsi - fsi0;
  const change =
    Math.abs(delta) < 5e-4
      ? "defenses leave it unchanged"
      : `defenses ${delta < 0 ? "lower" : "raise"} it by ${fmtNum(Math.abs(delta), 2)}`;
  out.push({
    id: "stability",
    text:
      `First-strike stability index ${fsi.toFixed(3)} (1 = neither side gains by striking first); ` +
      `without defenses ${fsi0.toFixed(3)}: ${change}.`,
  });
  return out;
}

/** Reading of one layer's engagement of a raid: P0, expected leakers and the ceiling. */
export function engagementReading(e: EngagementResult): string {
  const raid =
    `${fmtCount(e.warheads)} RV${e.warheads === 1 ? "" : "s"}` +
    (e.decoys > 0 ? ` and ${fmtCount(e.decoys)} decoys` : "");
  return (
    `Against a raid of ${raid}, ${possessive(e.defenderName)} ${e.layerName} layer (${fmtCount(e.interceptors)} ` +
    `interceptors, ${e.doctrine}) stops every RV with probability ${fmtProb(e.pNoLeak)} (P0); ` +
    `on average ${fmtNum(e.expectedLeakers, 3)} RVs leak and ${fmtNum(e.expectedInterceptorsUsed, 3)} interceptors are fired. ` +
    `No number of interceptors lifts P0 above ${fmtProb(e.pNoLeakCeiling)} (reliability × tracking^N).`
  );
}

function limitName(r: ComplianceRow): string {
  return `${r.treatyName}: ${r.limit}`;
}

/** Readings of the compliance table: per side, the binding limits exceeded or kept, and the
 * limits not yet binding that the posture would exceed. */
export function treatyReadings(c: ComplianceResult): Reading[] {
  return c.sides.map((s) => {
    const rows = s.treaties.flatMap((t) => t.rows);
    const id = `treaty-${s.sideId}`;
    if (s.party === null) {
      return {
        id,
        text: `${s.sideName} is not a party to these treaties; nothing binds it on ${c.asOf}.`,
      };
    }
    const binding = rows.filter((r) => r.status === "pass" || r.status === "fail");
    const failed = binding.filter((r) => r.status === "fail");
    const early = rows.filter((r) => r.status === "not-yet-binding" && r.withinLimit === false);
    const over = (r: ComplianceRow) =>
      `${limitName(r)} by ${fmtCount(-(r.margin ?? 0))} (${fmtCount(r.counted ?? 0)} counted against ${r.limitText})`;
    const later =
      early.length > 0
        ? ` Not yet binding on this date, but exceeded: ${early.map(over).join("; ")}.`
        : "";
    if (binding.length === 0) {
      return { id, text: `No countable limit binds ${s.sideName} on ${c.asOf}.${later}` };
    }
    if (failed.length > 0) {
      return {
        id,
        text:
          `${s.sideName} exceeds ${failed.length} of ${binding.length} binding limit${binding.length === 1 ? "" : "s"} ` +
          `on ${c.asOf}: ${failed.map(over).join("; ")}.${later}`,
      };
    }
    const ceilings = binding.filter((r) => r.limitValue > 0 && r.margin !== null);
    const tightest = [...ceilings].sort(
      (x, y) => x.margin! / x.limitValue - y.margin! / y.limitValue,
    )[0];
    const kept =
      binding.length === 1
        ? "keeps the one binding limit"
        : `keeps all ${binding.length} binding limits`;
    const detail = tightest
      ? `; the tightest is ${limitName(tightest)}, ${fmtCount(tightest.counted ?? 0)} of ${tightest.limitText} (${fmtCount(tightest.margin!)} to spare)`
      : ` (${binding.map(limitName).join("; ")})`;
    return { id, text: `${s.sideName} ${kept} on ${c.asOf}${detail}.${later}` };
  });
}

/** Reading of a stability map: the range of the index and where it is lowest. */
export function mapReading(
  m: StabilityMapResult,
  xLabel: string,
  yLabel: string,
  world: "with" | "without",
): string {
  const vals = m.cells
    .map((c) => ({ c, v: world === "with" ? c.fsi : c.fsiWithout }))
    .filter((x): x is { c: (typeof m.cells)[number]; v: number } => x.v !== null);
  if (vals.length === 0) return "No cell of the map could be computed.";
  let lo = vals[0]!;
  let hi = vals[0]!;
  for (const x of vals) {
    if (x.v < lo.v) lo = x;
    if (x.v > hi.v) hi = x;
  }
  return (
    `${world === "with" ? "With" : "Without"} defenses, the first-strike stability index ranges ` +
    `from ${lo.v.toFixed(3)} (${xLabel} ${fmtNum(lo.c.x)}, ${yLabel} ${fmtNum(lo.c.y)}) ` +
    `to ${hi.v.toFixed(3)} (${xLabel} ${fmtNum(hi.c.x)}, ${yLabel} ${fmtNum(hi.c.y)}) over the map.`
  );
}
