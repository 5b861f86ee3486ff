import type { Count } from "./countRule.ts";
import { countRule } from "./countRule.ts";
import { TREATIES } from "./data/treaties.ts";
import type { ComplianceInput, PartyBasis, TreatySide } from "./posture.ts";
import { partyName } from "./posture.ts";
import type { TreatyState } from "./treatyState.ts";
import { treatyById, treatyStateAt } from "./treatyState.ts";
import type { CountRule, Party, Treaty, TreatyLimit } from "./types.ts";

/**
 * The verdict on one limit:
 * - `pass` / `fail`: the limit binds on the date and the count is within / above it;
 * - `not-yet-binding`: the treaty is in force but the limit binds only later (New START before
 *   2018-02-05), the count is still compared (`withinLimit`);
 * - `not-countable`: the scenario does not carry what the limit counts (the reason says what);
 * - `superseded`: a later instrument replaced the limit (the ABM Treaty's two areas after the
 *   1974 Protocol entered into force);
 * - `not-in-force` / `never-in-force`: a treaty asked for by name that does not apply on the
 *   date; the count is shown for information;
 * - `not-a-party`: a side bound by no party's obligations, counted for information.
 */
export type RowStatus =
  | "pass"
  | "fail"
  | "not-yet-binding"
  | "not-countable"
  | "superseded"
  | "not-in-force"
  | "never-in-force"
  | "not-a-party";

/** One limit checked against one side. */
export interface ComplianceRow {
  readonly treatyId: string;
  readonly treatyName: string;
  readonly limitId: string;
  /** What is limited, in the treaty's terms. */
  readonly limit: string;
  readonly rule: CountRule;
  readonly unit: string;
  readonly appliesTo: "both" | Party;
  /** The ceiling (upper end of a range). */
  readonly limitValue: number;
  /** The limit as written: "1,550", "1,700–2,200". */
  readonly limitText: string;
  /** What the rule counts in the posture, or null when it cannot be counted. */
  readonly counted: number | null;
  /** limitValue − counted: headroom when positive, excess when negative. */
  readonly margin: number | null;
  /** Whether the count is within the ceiling, whatever the limit's legal force on the date. */
  readonly withinLimit: boolean | null;
  readonly status: RowStatus;
  /** A sentence on what the status means here (binding date, why not countable, …). */
  readonly note: string;
  /** Why the rule cannot count this limit from the posture, or null when it can. */
  readonly notCountable: string | null;
  /** What went into the count, one line per contribution. */
  readonly detail: readonly string[];
  /** Pages the limit was checked on, and whether it was. */
  readonly source: string;
  readonly verified: "yes" | "partly" | "no";
}

/** One treaty for one side. */
export interface TreatyReport {
  readonly treatyId: string;
  readonly treatyName: string;
  readonly signed: string;
  readonly enteredIntoForce: string | null;
  readonly ended: string | null;
  readonly state: TreatyState;
  /** Whether the side is a party (every treaty here is bilateral US–USSR/Russia). */
  readonly party: boolean;
  /** The limits checked; empty for a treaty not in force on the date unless asked for by name. */
  readonly rows: readonly ComplianceRow[];
}

/** All treaties for one side. */
export interface SideCompliance {
  readonly sideId: string;
  readonly sideName: string;
  readonly party: Party | null;
  readonly partyName: string | null;
  readonly partyBasis: PartyBasis;
  readonly treaties: readonly TreatyReport[];
}

/** Row counts by status, over every side. */
export type ComplianceSummary = Readonly<Record<RowStatus, number>>;

/** The compliance table of a scenario (DESIGN §2.5). */
export interface ComplianceResult {
  readonly asOf: string;
  /** The treaty asked for by id, if any. */
  readonly treaty: string | null;
  readonly sides: readonly SideCompliance[];
  readonly summary: ComplianceSummary;
}

export interface ComplianceOptions {
  /** Check only this treaty (by id), whether or not it is in force on the date. */
  readonly treaty?: string;
  /** The treaties to check (defaults to the dataset generated from data/treaty_limits.csv). */
  readonly treaties?: readonly Treaty[];
}

const fmt = (n: number) => n.toLocaleString("en-US");

/** The limit as written: "1,550" or a range "1,700–2,200". */
export function limitText(l: TreatyLimit): string {
  return l.limitLow !== undefined ? `${fmt(l.limitLow)}–${fmt(l.limitValue)}` : fmt(l.limitValue);
}

/**
 * Checks one limit given its count, on a date, for a side whose party status is known. Shared
 * by the scenario checker and by the check of declared data-exchange numbers.
 */
export function limitRow(
  treaty: Treaty,
  limit: TreatyLimit,
  date: string,
  count: Count,
  isParty: boolean,
): ComplianceRow {
  const state = treatyStateAt(treaty, date);
  const countedValue = count.kind === "counted" ? count.value : null;
  const within = countedValue === null ? null : countedValue <= limit.limitValue;
  let status: RowStatus;
  let note: string;
  if (!isParty) {
    status = "not-a-party";
    note = "not a party to this treaty; counted for information";
  } else if (state.kind === "never-in-force") {
    status = "never-in-force";
    note = `${treaty.name} ${state.text}; counted for information`;
  } else if (state.kind !== "in-force") {
    status = "not-in-force";
    note = `${treaty.name} on ${date}: ${state.text}; counted for information`;
  } else if (count.kind === "not-countable") {
    status = "not-countable";
    note = `not countable from this scenario: ${count.reason}`;
  } else if (limit.supersededFrom !== undefined && date >= limit.supersededFrom) {
    const by = limit.supersededBy ? treatyById(limit.supersededBy).name : "a later instrument";
    status = "superseded";
    note = `replaced from ${limit.supersededFrom} by the ${by}`;
  } else if (limit.bindingFrom !== undefined && date < limit.bindingFrom) {
    status = "not-yet-binding";
    note =
      `limit binds from ${limit.bindingFrom}` +
      (treaty.ended !== undefined && treaty.ended <= limit.bindingFrom
        ? ` but the treaty ended ${treaty.ended}, so it never bound`
        : "") +
      `; the count is ${within ? "within" : "above"} it`;
  } else {
    status = within ? "pass" : "fail";
    note = within
      ? "within the limit"
      : `exceeds the limit by ${fmt(countedValue! - limit.limitValue)}`;
  }
  return {
    treatyId: treaty.id,
    treatyName: treaty.name,
    limitId: limit.id,
    limit: limit.category,
    rule: limit.rule,
    unit: limit.unit,
    appliesTo: limit.appliesTo,
    limitValue: limit.limitValue,
    limitText: limitText(limit),
    counted: countedValue,
    margin: countedValue === null ? null : limit.limitValue - countedValue,
    withinLimit: within,
    status,
    note,
    notCountable: count.kind === "not-countable" ? count.reason : null,
    detail: count.kind === "counted" ? count.detail : [],
    source: limit.source,
    verified: limit.verified,
  };
}

/** Limits of a treaty that bind this party (party-specific ones only for their party). */
function limitsFor(t: Treaty, party: Party | null): readonly TreatyLimit[] {
  return t.limits.filter((l) => l.appliesTo === "both" || l.appliesTo === party);
}

function treatyReport(t: Treaty, side: TreatySide, date: string, named: boolean): TreatyReport {
  const state = treatyStateAt(t, date);
  const isParty = side.party !== null;
  const show = named || (state.kind === "in-force" && isParty);
  return {
    treatyId: t.id,
    treatyName: t.name,
    signed: t.signed,
    enteredIntoForce: t.enteredIntoForce ?? null,
    ended: t.ended ?? null,
    state,
    party: isParty,
    rows: show
      ? limitsFor(t, side.party).map((l) => limitRow(t, l, date, countRule(l.rule, side), isParty))
      : [],
  };
}

const EMPTY_SUMMARY: ComplianceSummary = {
  pass: 0,
  fail: 0,
  "not-yet-binding": 0,
  "not-countable": 0,
  superseded: 0,
  "not-in-force": 0,
  "never-in-force": 0,
  "not-a-party": 0,
};

/**
 * The compliance table of each side's posture on `asOf`: every limit of every treaty in force
 * that binds the side's party, with the counted value, the limit, the margin and the verdict;
 * treaties not in force are listed with their state, never silently dropped. With
 * `options.treaty`, that treaty alone, checked whatever its state on the date.
 * @example checkCompliance({ asOf: "2019-03-01", sides }).sides[0].treaties
 */
export function checkCompliance(
  input: ComplianceInput,
  options: ComplianceOptions = {},
): ComplianceResult {
  const treaties = options.treaties ?? TREATIES;
  const chosen = options.treaty === undefined ? treaties : [treatyById(options.treaty, treaties)];
  const summary: Record<RowStatus, number> = { ...EMPTY_SUMMARY };
  const sides = input.sides.map((side): SideCompliance => {
    const reports = chosen.map((t) =>
      treatyReport(t, side, input.asOf, options.treaty !== undefined),
    );
    for (const r of reports) for (const row of r.rows) summary[row.status]++;
    return {
      sideId: side.id,
      sideName: side.name,
      party: side.party,
      partyName: side.party ? partyName(side.party) : null,
      partyBasis: side.partyBasis,
      treaties: reports,
    };
  });
  return { asOf: input.asOf, treaty: options.treaty ?? null, sides, summary };
}

/**
 * Checks numbers a party declared (not a scenario) against a treaty's limits on a date: each
 * rule's declared count, or null when the party did not provide it. Used for the New START data
 * exchanges.
 * @example checkDeclaredCounts("new-start", "2016-09-01", { "nst-deployed-warheads": 1796 })
 */
export function checkDeclaredCounts(
  treatyId: string,
  date: string,
  counts: Partial<Record<CountRule, number | null>>,
  treaties: readonly Treaty[] = TREATIES,
): ComplianceRow[] {
  const t = treatyById(treatyId, treaties);
  return t.limits
    .filter((l) => l.rule in counts)
    .map((l) => {
      const v = counts[l.rule];
      const count: Count =
        v === null || v === undefined
          ? { kind: "not-countable", reason: "not provided by the party" }
          : { kind: "counted", value: v, detail: ["declared in the data exchange"] };
      return limitRow(t, l, date, count, true);
    });
}
