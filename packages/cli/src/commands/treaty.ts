import type { ComplianceResult, ComplianceRow, RowStatus, SideCompliance } from "@stratbal/core";
import { TREATIES, checkCompliance, findTreaty, modelEntry, treatyNames } from "@stratbal/core";
import { suggest, toTreatyInput } from "@stratbal/scenario";
import type { Command } from "commander";
import { table, toJson } from "../format.ts";
import type { Io, UsageIssue } from "../io.ts";
import { EXIT, UsageError, formatIssue } from "../io.ts";
import { ScenarioFileError, printWarnings, readScenarioFile } from "../scenarioFile.ts";

interface TreatyFlags {
  treaty?: string;
  asOf?: string;
  json?: boolean;
  details?: boolean;
  timing?: boolean;
}

/** How each status reads in the table. */
const STATUS_TEXT: Readonly<Record<RowStatus, string>> = {
  pass: "pass",
  fail: "FAIL",
  "not-yet-binding": "not yet binding",
  "not-countable": "not countable",
  superseded: "superseded",
  "not-in-force": "not in force",
  "never-in-force": "never in force",
  "not-a-party": "not a party",
};

/** A calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The treaty `--treaty` names, or an issue with a did-you-mean. */
export function readTreatyFlag(raw: string | undefined, issues: UsageIssue[]): string | undefined {
  if (raw === undefined) return undefined;
  const t = findTreaty(raw);
  if (t) return t.id;
  const names = TREATIES.flatMap(treatyNames);
  const hint = suggest(raw, names);
  const known = TREATIES.map((x) => x.name).join(", ");
  issues.push({
    code: "unknown_treaty",
    where: "--treaty",
    message:
      `unknown treaty "${raw}"` +
      (hint ? `; did you mean "${findTreaty(hint)!.name}"?` : "") +
      ` (known: ${known})`,
  });
  return undefined;
}

function readFlags(flags: TreatyFlags): { treaty?: string; asOf?: string; issues: UsageIssue[] } {
  const issues: UsageIssue[] = [];
  const treaty = readTreatyFlag(flags.treaty, issues);
  let asOf: string | undefined;
  if (flags.asOf !== undefined) {
    if (isCalendarDate(flags.asOf)) asOf = flags.asOf;
    else {
      issues.push({
        code: "invalid_flag",
        where: "--as-of",
        message: `expected a calendar date as YYYY-MM-DD, got "${flags.asOf}"`,
      });
    }
  }
  return {
    ...(treaty !== undefined ? { treaty } : {}),
    ...(asOf !== undefined ? { asOf } : {}),
    issues,
  };
}

export function configureTreaty(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command("treaty")
    .summary("check a scenario's forces against the treaties in force on its date")
    .description(
      "Counts each side's forces under each treaty's counting rules and checks every limit of\n" +
        "every treaty in force on the scenario's asOf date: counted value, limit, margin, status\n" +
        "(DESIGN §2.5; counting rules and sources in docs/treaties.md). Treaties not in force are\n" +
        "listed as such. A side counts as a treaty party by its `party` field, or by its id or name\n" +
        "(US/USA/United States, Russia/RU/USSR/Soviet); any other side is reported as not a party.",
    )
    .argument("<file>", "scenario file (YAML or JSON)")
    .option("--treaty <name>", "check only this treaty, whether or not in force on the date")
    .option("--as-of <date>", "check at this date (YYYY-MM-DD) instead of the scenario's asOf")
    .option("--details", "show what went into each count")
    .option("--json", "print one JSON document on stdout with every row and its details")
    .option("--timing", "print compute_ms=<milliseconds> on stderr")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  stratbal treaty scenario.yaml",
        '  stratbal treaty scenario.yaml --treaty "New START" --as-of 2016-09-01',
        "  stratbal treaty scenario.yaml --treaty abm --details",
        "  stratbal treaty scenario.yaml --json",
        "",
        `Treaties: ${TREATIES.map((t) => t.name).join(", ")}.`,
      ].join("\n"),
    )
    .action(async (file: string, flags: TreatyFlags) => {
      setExit(await runTreaty(file, flags, io));
    });
}

async function runTreaty(file: string, flags: TreatyFlags, io: Io): Promise<number> {
  const { treaty, asOf, issues } = readFlags(flags);
  let loaded: Awaited<ReturnType<typeof readScenarioFile>>;
  try {
    loaded = await readScenarioFile(file);
  } catch (err) {
    if (!(err instanceof ScenarioFileError)) throw err;
    // Report bad flags and a bad file together: one line per problem.
    for (const i of issues) io.stderr(formatIssue(i) + "\n");
    throw err;
  }
  if (issues.length > 0) throw new UsageError(issues);
  printWarnings(io, loaded.warnings);
  const { scenario } = loaded;
  const input = toTreatyInput(scenario, asOf ?? scenario.asOf);
  const t0 = io.now();
  const result = checkCompliance(input, treaty !== undefined ? { treaty } : {});
  if (flags.timing) io.stderr(`compute_ms=${(io.now() - t0).toFixed(3)}\n`);
  if (flags.json) {
    io.stdout(
      toJson({
        scenario: { file, title: scenario.title, asOf: scenario.asOf },
        model: modelEntry("treaty-compliance"),
        ...result,
      }),
    );
    return EXIT.ok;
  }
  io.stdout(renderCompliance(result, scenario.title, asOf === undefined, flags.details ?? false));
  return EXIT.ok;
}

const fmt = (n: number | null) => (n === null ? "—" : n.toLocaleString("en-US"));

function partyLine(s: SideCompliance, index: number): string {
  const head = `${s.sideName} (${s.sideId})`;
  if (s.party === null) {
    const why =
      s.partyBasis === "declared"
        ? "declared party: none"
        : `no party recognised in its id or name; set sides[${index}].party to check it as one`;
    return `${head}: not a party to these treaties (${why})`;
  }
  return `${head}: party ${s.partyName} (${s.partyBasis === "declared" ? "declared" : "inferred from id/name"})`;
}

function rowCells(r: ComplianceRow): string[] {
  return [
    r.treatyName,
    r.limit,
    fmt(r.counted),
    r.limitText,
    r.margin === null ? "—" : (r.margin > 0 ? "+" : "") + r.margin.toLocaleString("en-US"),
    STATUS_TEXT[r.status],
  ];
}

/** Statuses that come from the treaty or the side, not from the limit: said once per treaty. */
const STATE_STATUSES: ReadonlySet<RowStatus> = new Set([
  "not-in-force",
  "never-in-force",
  "not-a-party",
]);

/** Notes under a side's table: what each non-pass status means, and the counts' details. */
function rowNotes(rows: readonly ComplianceRow[], details: boolean): string[] {
  const out: string[] = [];
  const said = new Set<string>();
  for (const r of rows) {
    const lines: string[] = [];
    if (STATE_STATUSES.has(r.status)) {
      if (!said.has(r.treatyId)) {
        said.add(r.treatyId);
        out.push(`  ${r.note}`);
      }
      if (r.notCountable) lines.push(`not countable: ${r.notCountable}`);
    } else if (r.status !== "pass" || details) {
      lines.push(r.note);
    }
    if (r.verified !== "yes") {
      lines.push(
        `the limit is ${r.verified === "no" ? "not" : "only partly"} verified (data/SOURCES.md)`,
      );
    }
    if (lines.length > 0 || (details && r.detail.length > 0)) {
      out.push(`  ${r.treatyName}, ${r.limit}: ${lines.join("; ") || "counted"}`);
    }
    if (details) for (const d of r.detail) out.push(`    · ${d}`);
  }
  return out.length > 0 ? ["notes:", ...out] : [];
}

/** The readable compliance table: one block per side, then what is not in force, then totals. */
export function renderCompliance(
  result: ComplianceResult,
  title: string,
  scenarioDate: boolean,
  details: boolean,
): string {
  const out: string[] = [];
  out.push(
    `Treaty compliance: ${title}`,
    `as of ${result.asOf}${scenarioDate ? " (the scenario's asOf)" : " (--as-of)"}` +
      (result.treaty ? `; ${result.sides[0]?.treaties[0]?.treatyName ?? result.treaty} only` : ""),
    "",
  );
  result.sides.forEach((s, i) => {
    out.push(partyLine(s, i));
    const rows = s.treaties.flatMap((t) => t.rows);
    if (rows.length > 0) {
      out.push(
        table(
          ["treaty", "limit", "counted", "limit value", "margin", "status"],
          rows.map(rowCells),
        ).trimEnd(),
      );
      out.push(...rowNotes(rows, details));
    }
    if (result.treaty === null) {
      const notInForce = s.treaties.filter((t) => t.state.kind !== "in-force");
      const inForce = s.treaties.filter((t) => t.state.kind === "in-force");
      if (s.party === null && inForce.length > 0) {
        out.push(
          `in force on ${result.asOf}, not binding this side: ${inForce.map((t) => t.treatyName).join(", ")}`,
        );
      }
      if (notInForce.length > 0) {
        out.push(`not in force on ${result.asOf}:`);
        for (const t of notInForce) out.push(`  ${t.treatyName}: ${t.state.text}`);
      }
    } else if (rows.length === 0) {
      out.push(`  ${s.treaties[0]?.state.text ?? ""}`);
    }
    out.push("");
  });
  const counts = Object.entries(result.summary)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${STATUS_TEXT[k as RowStatus]}`);
  out.push(`limits checked: ${counts.length > 0 ? counts.join(", ") : "none"}`);
  out.push(
    "counting rules and sources: docs/treaties.md" +
      (details ? "" : "; --details shows what went into each count"),
  );
  return out.join("\n") + "\n";
}
