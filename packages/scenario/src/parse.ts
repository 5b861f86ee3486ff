import { LineCounter, parseDocument } from "yaml";
import type { IssuePath, ScenarioIssue } from "./issues.ts";
import { oneLine, pathToText } from "./issues.ts";
import { locate } from "./locate.ts";
import { migrate } from "./migrate.ts";
import { toSamplingPlan } from "./samplingPlan.ts";
import type { Scenario } from "./schema.ts";
import { scenarioSchema } from "./schema.ts";
import type { CheckedIssue } from "./semantic.ts";
import { checkScenario } from "./semantic.ts";
import type { RawIssue } from "./zodIssues.ts";
import { explainZodIssues } from "./zodIssues.ts";

/** Largest scenario file accepted: 4 MiB (a large real scenario is under 100 KiB). */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

/** Most YAML aliases a document may expand: bounds "billion laughs" alias bombs. */
export const MAX_YAML_ALIASES = 100;

export interface ParseOptions {
  /** File name used in issue locations. */
  readonly file?: string;
  /** Also warn about every number that carries no source (own or inherited). */
  readonly requireSources?: boolean;
}

export type SafeParseResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly warnings: readonly ScenarioIssue[] }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

/** Thrown by `parseScenario` with every issue found. */
export class ScenarioError extends Error {
  readonly issues: readonly ScenarioIssue[];
  constructor(issues: readonly ScenarioIssue[]) {
    super(`invalid scenario: ${issues.length} problem${issues.length === 1 ? "" : "s"}`);
    this.issues = issues;
  }
}

/**
 * Parses and validates a scenario (YAML or JSON), collecting every problem with its file, line,
 * column and path rather than stopping at the first.
 * @example safeParseScenario(text, { file: "scenarios/us-russia-2017.yaml" })
 */
export function safeParseScenario(text: string, options: ParseOptions = {}): SafeParseResult {
  const file = options.file ?? "<scenario>";
  const issue = (
    code: string,
    path: IssuePath,
    message: string,
    line = 0,
    col = 0,
  ): ScenarioIssue => ({
    code,
    severity: "error",
    path,
    pathText: pathToText(path),
    message: oneLine(message),
    file,
    line,
    col,
  });
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_SCENARIO_BYTES) {
    return {
      ok: false,
      issues: [
        issue(
          "file_too_large",
          [],
          `file is ${(bytes / 1048576).toFixed(1)} MiB; a scenario may be at most ${MAX_SCENARIO_BYTES / 1048576} MiB`,
        ),
      ],
    };
  }
  const deep = excessiveNesting(text);
  if (deep) {
    return {
      ok: false,
      issues: [
        issue(
          "nesting_too_deep",
          [],
          `the document nests deeper than ${deep.limit} levels here; a scenario nests a few levels (is this file a scenario?)`,
          deep.line,
          deep.col,
        ),
      ],
    };
  }
  const lines = lineStarts(text);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return issue(
          "yaml_syntax",
          [],
          e.message.split("\n")[0] ?? "YAML syntax error",
          pos.line,
          pos.col,
        );
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      issues: [
        issue(
          /alias/i.test(message) ? "yaml_alias_limit" : "yaml_syntax",
          [],
          /alias/i.test(message)
            ? `the document expands YAML aliases more than ${MAX_YAML_ALIASES} times (an alias bomb?)`
            : message,
          1,
          1,
        ),
      ],
    };
  }
  const locateRaw = (raw: RawIssue, severity: "error" | "warning" = "error"): ScenarioIssue => {
    const { line, col } = locate(doc, lines, raw.path.slice(0, raw.key ? -1 : undefined), raw.key);
    return {
      code: raw.code,
      severity,
      path: raw.path,
      pathText: pathToText(raw.path),
      message: oneLine(raw.message),
      file,
      line,
      col,
    };
  };

  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return {
      ok: false,
      issues: [
        issue(
          "invalid_type",
          [],
          "expected a mapping at the top of the file",
          ...lineCol(locate(doc, lines, [])),
        ),
      ],
    };
  }
  const migrated = migrate(data as Record<string, unknown>);
  if (!migrated.ok) return { ok: false, issues: [locateRaw(migrated.issue)] };

  const parsed = scenarioSchema.safeParse(migrated.data);
  const structural = parsed.success
    ? []
    : dedupe(explainZodIssues(scenarioSchema, migrated.data, parsed.error.issues));
  const checked = checkScenario(migrated.data, options.requireSources ?? false);
  // Correlations need the parsed parameters (which are uncertain, their domains).
  if (parsed.success) checked.push(...toSamplingPlan(parsed.data).issues.map(asError));
  const errors = [
    ...structural.map((r) => locateRaw(r)),
    ...checked.filter((c) => c.severity === "error").map((c) => locateRaw(c, "error")),
  ].sort(byPosition);
  const warnings = checked
    .filter((c) => c.severity === "warning")
    .map((c) => locateRaw(c, "warning"));
  if (errors.length > 0 || !parsed.success) return { ok: false, issues: [...errors, ...warnings] };
  return { ok: true, scenario: parsed.data, warnings };
}

/** Parses a scenario or throws `ScenarioError` with every issue. */
export function parseScenario(text: string, options: ParseOptions = {}): Scenario {
  const r = safeParseScenario(text, options);
  if (!r.ok) throw new ScenarioError(r.issues);
  return r.scenario;
}

/** Deepest flow nesting ([ and {) and block indentation a scenario may use. */
export const MAX_FLOW_NESTING = 64;
export const MAX_BLOCK_INDENT = 256;

/**
 * Finds nesting too deep to parse safely, before parsing: the YAML parser recurses once per
 * level, and a few thousand levels (a 10 KB file) overflow its stack — or, repeated in one
 * process, abort the engine. Counts flow brackets outside quotes and comments, and a line's
 * indentation plus its leading "- " entries (each opens a block level). Over-approximates.
 */
export function excessiveNesting(
  text: string,
): { line: number; col: number; limit: number } | undefined {
  let depth = 0;
  let line = 1;
  let col = 0;
  let quote: string | undefined;
  let comment = false;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    col++;
    if (ch === "\n") {
      line++;
      col = 0;
      comment = false;
      lineStart = true;
      indent = 0;
      if (quote === "'") quote = undefined; // single-quoted scalars rarely span lines; be lenient
      continue;
    }
    if (lineStart) {
      if (ch === " " || ch === "\t") {
        indent++;
        if (indent > MAX_BLOCK_INDENT) return { line, col, limit: MAX_BLOCK_INDENT };
        continue;
      }
      if (ch === "-" && (text[i + 1] === " " || text[i + 1] === "\t")) {
        indent += 2;
        if (indent > MAX_BLOCK_INDENT) return { line, col, limit: MAX_BLOCK_INDENT };
        i++;
        col++;
        continue;
      }
      lineStart = false;
    }
    if (comment) continue;
    if (quote) {
      if (ch === "\\" && quote === '"') {
        i++;
        col++;
      } else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "#" && (i === 0 || /\s/.test(text[i - 1]!))) comment = true;
    else if (ch === "[" || ch === "{") {
      depth++;
      if (depth > MAX_FLOW_NESTING) return { line, col, limit: MAX_FLOW_NESTING };
    } else if ((ch === "]" || ch === "}") && depth > 0) depth--;
  }
  return undefined;
}

/**
 * Every line start of the text. The parser's own line counter misses the line breaks inside a
 * token it recovers from (a plain scalar running over several broken lines), which put issues
 * past the end of their line; counting the text itself cannot.
 */
function lineStarts(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines.addNewLine(i + 1);
  return lines;
}

function lineCol(at: { line: number; col: number }): [number, number] {
  return [at.line, at.col];
}

function asError(issue: RawIssue): CheckedIssue {
  return { ...issue, severity: "error" };
}

function byPosition(a: ScenarioIssue, b: ScenarioIssue): number {
  return a.line - b.line || a.col - b.col;
}

function dedupe(issues: RawIssue[]): RawIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${pathToText(i.path)}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
