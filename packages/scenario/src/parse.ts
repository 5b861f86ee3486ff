import { LineCounter, parseDocument } from "yaml";
import type { IssuePath, ScenarioIssue } from "./issues.ts";
import { oneLine, pathToText } from "./issues.ts";
import { jsonSyntaxError } from "./jsonSyntax.ts";
import { locate } from "./locate.ts";
import { migrate } from "./migrate.ts";
import { toSamplingPlan } from "./samplingPlan.ts";
import type { Scenario } from "./schema.ts";
import { scenarioSchema } from "./schema.ts";
import type { CheckedIssue } from "./semantic.ts";
import { checkScenario } from "./semantic.ts";
import type { RawIssue } from "./zodIssues.ts";
import { aliasProblem, duplicateKeys, firstAliasOffset, syntaxErrors } from "./yamlErrors.ts";
import { explainZodIssues, show } from "./zodIssues.ts";

/**
 * Largest scenario file accepted: 256 KiB, ten times the largest shipped scenario (23 KB). The
 * YAML parser takes about a second and 200 MB per MiB, so this keeps any file the size check
 * lets through to well under a second and 100 MB.
 */
export const MAX_SCENARIO_BYTES = 256 * 1024;

/** Most issues reported for one file; a last issue counts the rest. */
export const MAX_REPORTED_ISSUES = 100;

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
          `file is ${bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`}; a scenario may be at most ${MAX_SCENARIO_BYTES / 1024} KiB`,
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
  // The parser spends about 2 KB and 15 µs per flow collection: a file of brackets is refused.
  const crowded = nthBracket(text, MAX_FLOW_COLLECTIONS + 1);
  if (crowded !== undefined) {
    const { line, col } = positionOf(text, crowded);
    return {
      ok: false,
      issues: [
        issue(
          "too_many_collections",
          [],
          `the file opens more than ${MAX_FLOW_COLLECTIONS.toLocaleString("en-US")} [ and { by here; a scenario opens a few hundred (is this file a scenario?)`,
          line,
          col,
        ),
      ],
    };
  }
  // A *.json file must be JSON, not merely YAML (which would take trailing commas, `//` text).
  const badJson = /\.json$/i.test(file) ? jsonSyntaxError(text) : undefined;
  if (badJson) {
    const { line, col } = positionOf(text, badJson.offset);
    return { ok: false, issues: [issue("json_syntax", [], badJson.message, line, col)] };
  }
  const lines = lineStarts(text);
  // Repeated keys are found below in linear time (the parser's own check is quadratic).
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const at = (offset: number): [number, number] => lineCol(lines.linePos(offset));
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: syntaxErrors(text, doc.errors).map((e) =>
        issue("yaml_syntax", [], e.message, ...at(e.offset)),
      ),
    };
  }
  const repeated = duplicateKeys(doc);
  if (repeated.length > 0) {
    return {
      ok: false,
      issues: capped(repeated.map((e) => issue("duplicate_key", [], e.message, ...at(e.offset)))),
    };
  }
  // An alias with no anchor, or inside what it names (a cycle that expands forever).
  const badAlias = aliasProblem(doc);
  if (badAlias) {
    return {
      ok: false,
      issues: [issue(badAlias.code, [], badAlias.message, ...at(badAlias.offset))],
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const bomb = /excessive alias/i.test(message);
    return {
      ok: false,
      issues: [
        issue(
          bomb ? "yaml_alias_limit" : "yaml_syntax",
          [],
          bomb
            ? `the document expands YAML aliases more than ${MAX_YAML_ALIASES} times (an alias bomb?)`
            : message,
          ...at(bomb ? firstAliasOffset(doc) : 0),
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
          "expected a mapping at the top of the file" +
            (doc.contents === null
              ? "; the file has no content (it is empty, or holds only comments)"
              : `, got ${show(data)}`),
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
  if (errors.length > 0 || !parsed.success)
    return { ok: false, issues: capped([...errors, ...warnings]) };
  return { ok: true, scenario: parsed.data, warnings: capped(warnings) };
}

/**
 * The first `MAX_REPORTED_ISSUES` issues and a last one that counts the rest: a file with tens of
 * thousands of problems is not a scenario with typos, and listing them all helps no one.
 */
function capped(issues: ScenarioIssue[]): ScenarioIssue[] {
  if (issues.length <= MAX_REPORTED_ISSUES) return issues;
  const rest = issues.length - MAX_REPORTED_ISSUES;
  const next = issues[MAX_REPORTED_ISSUES]!;
  return [
    ...issues.slice(0, MAX_REPORTED_ISSUES),
    {
      ...next,
      code: "more_issues",
      path: [],
      pathText: "(document)",
      message: `and ${rest.toLocaleString("en-US")} more problems from here on (fix these and validate again)`,
    },
  ];
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

/** Most `[` and `{` a scenario may hold (anywhere, even in text): 100 times a large scenario's. */
export const MAX_FLOW_COLLECTIONS = 20_000;

/** Offset of the n-th `[` or `{` in the text, if it has that many. */
function nthBracket(text: string, n: number): number | undefined {
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x5b || c === 0x7b) && ++seen === n) return i;
  }
  return undefined;
}

/** 1-based line and column of a character offset. */
function positionOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
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
