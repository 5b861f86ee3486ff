import type { GridAxis } from "@stratbal/core";
import { linspace } from "@stratbal/core";
import type { ParamRef } from "@stratbal/scenario";
import { describeDomain, domainBounds, suggest, toDomainValue } from "@stratbal/scenario";
import type { UsageIssue } from "../io.ts";

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Most values one `--vary` may give. */
export const MAX_AXIS_VALUES = 100_000;

/**
 * Parses the `--vary` flags into grid axes, checked against the scenario's parameters:
 * `PATH=FROM:TO:STEPS` (STEPS evenly spaced values, both ends included) or `PATH=V1,V2,…`. Each
 * problem is one issue naming the flag: unknown paths (with a suggestion), FROM above TO, STEPS
 * below 1, values outside the parameter's domain, whole-number parameters given fractions or
 * more steps than whole numbers, a path varied twice.
 */
export function parseVary(
  specs: readonly string[],
  params: readonly ParamRef[],
  file: string,
): { axes: GridAxis[]; issues: UsageIssue[] } {
  const issues: UsageIssue[] = [];
  const axes: GridAxis[] = [];
  const seen = new Map<string, string>();
  for (const spec of specs) {
    const eq = spec.indexOf("=");
    const path = (eq < 0 ? spec : spec.slice(0, eq)).trim();
    const where = `--vary ${path || spec}`;
    const problem = (message: string, code = "invalid_flag") =>
      issues.push({ code, where, message });
    if (eq < 0 || path === "") {
      problem(`expected PATH=FROM:TO:STEPS or PATH=V1,V2,…, got "${spec}"`);
      continue;
    }
    const ref = params.find((p) => p.path === path || p.indexText === path);
    if (!ref) {
      const hint = suggest(
        path,
        params.map((p) => p.path),
      );
      problem(
        `names no parameter of ${file}` +
          (hint ? ` (did you mean ${hint}?)` : "; `stratbal sweep FILE --list-params` lists them"),
        "unknown_param",
      );
      continue;
    }
    const before = seen.get(ref.path);
    if (before !== undefined) {
      problem(`${ref.path} is already varied by --vary ${before}`, "duplicate_vary");
      continue;
    }
    seen.set(ref.path, path);
    const rhs = spec.slice(eq + 1).trim();
    const isRange = rhs.includes(":");
    const values = isRange ? range(rhs, problem) : list(rhs, problem);
    if (!values) continue;
    const b = domainBounds(ref.domain);
    const outside = values.filter((v) => v < b.min || v > b.max || (b.exclusiveMin && v === b.min));
    if (outside.length > 0) {
      problem(
        `${outside[0]} is outside the parameter's domain (${describeDomain(ref.domain)})`,
        "out_of_range",
      );
      continue;
    }
    if (b.integer) {
      // A range's interior values are rounded half up; what the user typed must be whole.
      const typed = isRange ? [values[0]!, values.at(-1)!] : values;
      const fraction = typed.find((v) => !Number.isInteger(v));
      if (fraction !== undefined) {
        problem(`${ref.path} is a whole number; got ${fraction}`, "out_of_range");
        continue;
      }
      const rounded = values.map((v) => toDomainValue(ref.domain, v));
      if (new Set(rounded).size < rounded.length) {
        problem(
          isRange
            ? `${values.length} steps from ${values[0]} to ${values.at(-1)} repeat whole numbers; ` +
                `use at most ${values.at(-1)! - values[0]! + 1} steps`
            : "gives a value more than once",
          "repeated_values",
        );
        continue;
      }
      axes.push({ path: ref.path, values: rounded });
      continue;
    }
    if (new Set(values).size < values.length) {
      problem("gives a value more than once", "repeated_values");
      continue;
    }
    axes.push({ path: ref.path, values });
  }
  return { axes, issues };
}

function num(text: string, what: string, problem: (m: string) => void): number | undefined {
  const t = text.trim();
  if (!NUMBER.test(t)) {
    problem(`${what} must be a number, got "${t}"`);
    return undefined;
  }
  return Number(t);
}

function range(rhs: string, problem: (m: string) => void): number[] | undefined {
  const parts = rhs.split(":");
  if (parts.length !== 3) {
    problem(`expected FROM:TO:STEPS, got "${rhs}"`);
    return undefined;
  }
  const from = num(parts[0]!, "FROM", problem);
  const to = num(parts[1]!, "TO", problem);
  const stepsText = parts[2]!.trim();
  let steps: number | undefined;
  if (!/^\d+$/.test(stepsText) || Number(stepsText) < 1) {
    problem(`STEPS must be a whole number of at least 1, got "${stepsText}"`);
  } else if (Number(stepsText) > MAX_AXIS_VALUES) {
    problem(`STEPS may be at most ${MAX_AXIS_VALUES.toLocaleString("en-US")}, got ${stepsText}`);
  } else {
    steps = Number(stepsText);
  }
  if (from === undefined || to === undefined || steps === undefined) return undefined;
  if (from > to) {
    problem(`FROM (${from}) is above TO (${to})`);
    return undefined;
  }
  if (from === to && steps > 1) {
    problem(`FROM equals TO (${from}); give STEPS 1 or a wider range`);
    return undefined;
  }
  return linspace(from, to, steps);
}

function list(rhs: string, problem: (m: string) => void): number[] | undefined {
  const parts = rhs.split(",");
  if (parts.length > MAX_AXIS_VALUES) {
    problem(`at most ${MAX_AXIS_VALUES.toLocaleString("en-US")} values`);
    return undefined;
  }
  const out: number[] = [];
  for (const p of parts) {
    const v = num(p, "each value", problem);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}
