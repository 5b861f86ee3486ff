import type { AnalysisResult, Balance, DistributionSummary, SideResult } from "@stratbal/core";
import { ModelLimitError, analyze } from "@stratbal/core";
import type { Scenario } from "@stratbal/scenario";
import { toExchangeInput } from "@stratbal/scenario";
import type { Command } from "commander";
import { fmt, table, toJson } from "../format.ts";
import type { Io } from "../io.ts";
import { EXIT, ModelError } from "../io.ts";
import { printWarnings, readScenarioFile } from "../scenarioFile.ts";

interface AnalyzeFlags {
  json?: boolean;
  timing?: boolean;
  curves?: boolean;
}

export function configureAnalyze(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command("analyze")
    .summary("first-strike stability and second-strike adequacy, with and without defenses")
    .description(
      "Kent & Thaler first-strike stability of a two-sided scenario (DESIGN §2.2–2.3): each side's\n" +
        "best first strike and the other's retaliation through its defenses, costs, break-even\n" +
        "ratios and the stability index; every result also without any defenses.",
    )
    .argument("<file>", "scenario file (YAML or JSON)")
    .option("--json", "print one JSON document on stdout")
    .option("--curves", "with --json: include the drawdown curves (every counterforce spend)")
    .option("--timing", "print compute_ms=<milliseconds> on stderr")
    .addHelpText(
      "after",
      "\nExamples:\n  stratbal analyze scenarios/us-russia-2017.yaml\n  stratbal analyze scenarios/default.yaml --json\n",
    )
    .action(async (file: string, flags: AnalyzeFlags) => {
      const { scenario, warnings } = await readScenarioFile(file);
      printWarnings(io, warnings);
      const input = toExchangeInput(scenario);
      const t0 = io.now();
      let result: AnalysisResult;
      try {
        result = analyze(input, { curves: flags.curves ?? false });
      } catch (err) {
        if (err instanceof ModelLimitError) throw new ModelError("state_too_large", err.message);
        throw err;
      }
      if (flags.timing) io.stderr(`compute_ms=${(io.now() - t0).toFixed(3)}\n`);
      if (flags.json) io.stdout(toJson(analysisJson(file, scenario, result)));
      else io.stdout(analysisReport(scenario, result));
      setExit(EXIT.ok);
    });
}

/** The JSON document of `stratbal analyze --json`. */
export function analysisJson(file: string, scenario: Scenario, r: AnalysisResult): unknown {
  return {
    scenario: { file, title: scenario.title, asOf: scenario.asOf },
    firstStrikeStability: r.firstStrikeStability,
    sides: r.sides,
    withoutDefenses: r.withoutDefenses,
    defenseEffect: r.defenseEffect,
    ...(r.curves ? { curves: r.curves } : {}),
    readings: readings(r),
    prunedMass: r.prunedMass,
  };
}

const range = (d: DistributionSummary) => `${fmt(d.mean, 4)} (90%: ${d.p05}–${d.p95})`;

/** Plain-language readings of the result, one sentence per side. */
export function readings(r: AnalysisResult): string[] {
  const [a, b] = r.sides;
  const [a0, b0] = r.withoutDefenses.sides;
  const line = (striker: SideResult, victim: SideResult, striker0: SideResult) =>
    `After a first strike by ${striker.name}, ${victim.name} delivers ${Math.round(striker.firstStrike.delivered.mean)} warheads ` +
    `(90%: ${striker.firstStrike.delivered.p05}–${striker.firstStrike.delivered.p95}); ` +
    `without the defenses of ${striker.name}, ${Math.round(striker0.firstStrike.delivered.mean)}.`;
  return [
    line(a, b, a0),
    line(b, a, b0),
    `First-strike stability index ${fmt(r.firstStrikeStability, 3)} (1 = no advantage in striking first); ` +
      `without defenses ${fmt(r.withoutDefenses.firstStrikeStability, 3)}.`,
  ];
}

function sideColumns(b: Balance): string[][] {
  const [a, c] = b.sides;
  const col = (s: SideResult) => [
    `${s.firstStrike.counterforceWarheads} of ${fmt(s.firstStrike.counterforceAvailable, 5)}`,
    fmt(s.firstStrike.enemySurvivingWarheads, 5),
    range(s.firstStrike.delivered),
    fmt(s.firstStrike.valueStrikeDelivered, 5),
    `${fmt(s.firstStrike.ownDamage, 3)} / ${fmt(s.firstStrike.enemyDamage, 3)}`,
    fmt(s.firstStrike.cost, 4),
    fmt(s.secondStrike.cost, 4),
    range(s.secondStrike.delivered),
    `${fmt(s.secondStrike.pAdequate, 4)} (>= ${s.secondStrike.threshold})`,
    fmt(s.ratio, 4),
  ];
  const labels = [
    "first strike: counterforce warheads s",
    "  enemy warheads surviving (expected)",
    "  enemy retaliation delivered",
    "  own warheads delivered on enemy value",
    "  damage own / enemy",
    "  cost C1",
    "struck first: cost C2",
    "  own retaliation delivered",
    "  P(retaliation >= threshold)",
    "break-even ratio r = min(1, C1/C2)",
  ];
  const ca = col(a);
  const cc = col(c);
  return labels.map((l, i) => [l, ca[i]!, cc[i]!]);
}

/** The readable report of `stratbal analyze`. */
export function analysisReport(scenario: Scenario, r: AnalysisResult): string {
  const [a, b] = r.sides;
  const out: string[] = [];
  out.push(`${scenario.title} (as of ${scenario.asOf})`, "");
  out.push(
    `First-strike stability index ${fmt(r.firstStrikeStability, 4)}; without defenses ${fmt(r.withoutDefenses.firstStrikeStability, 4)} ` +
      `(defenses change it by ${signed(r.defenseEffect.firstStrikeStability)})`,
    "",
  );
  out.push("With defenses");
  out.push(table(["", a.name, b.name], sideColumns(r)));
  out.push("Without any defenses");
  out.push(table(["", a.name, b.name], sideColumns(r.withoutDefenses)));
  out.push("What missile defense takes from each side's retaliation (with minus without)");
  out.push(
    table(
      ["", a.name, b.name],
      [
        [
          "mean retaliation delivered",
          ...r.defenseEffect.sides.map((s) => signed(s.retaliationDelivered)),
        ],
        ["P(retaliation >= threshold)", ...r.defenseEffect.sides.map((s) => signed(s.pAdequate))],
        ["break-even ratio r", ...r.defenseEffect.sides.map((s) => signed(s.ratio))],
      ],
    ),
  );
  out.push(...readings(r), "");
  out.push(
    "Model: docs/models/exchange.md and docs/models/stability.md. Costs: Kent & Thaler, RAND R-3765-AF (1989).",
  );
  return out.join("\n") + "\n";
}

function signed(x: number): string {
  if (Math.abs(x) < 5e-13) return "0";
  return (x > 0 ? "+" : "") + fmt(x, 4);
}
