/** A path into a scenario document: keys and array indices. */
export type IssuePath = readonly (string | number)[];

/** One problem with a scenario file, located in the file (DESIGN §3, STYLE "Errors"). */
export interface ScenarioIssue {
  /** Stable snake_case code, e.g. `out_of_range`, `unknown_key`, `unknown_source`. */
  readonly code: string;
  readonly severity: "error" | "warning";
  readonly path: IssuePath;
  /** The path as text: `sides[1].defenses[0].layers[0].sspk`. */
  readonly pathText: string;
  readonly message: string;
  readonly file: string;
  /** 1-based line and column of the offending node, or 0 when the file has no such place. */
  readonly line: number;
  readonly col: number;
}

/** `sides[1].defenses[0].sspk` from `["sides", 1, "defenses", 0, "sspk"]`. */
export function pathToText(path: IssuePath): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) out += out === "" ? p : `.${p}`;
    else out += `[${oneLine(JSON.stringify(p))}]`; // JSON leaves U+2028 and C1 controls as they are
  }
  return out === "" ? "(document)" : out;
}

/**
 * A message as one printable line: line breaks and other control characters that a user's text
 * (a key, an id, a name) carries into a message are written as escapes, so that an issue stays
 * one line and cannot move the terminal's cursor.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** The house one-line rendering: `file:line:col  path  message`. */
export function formatScenarioIssue(issue: ScenarioIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.col}` : issue.file;
  const mark = issue.severity === "error" ? "✖" : "⚠";
  return `${mark} ${where}  ${issue.pathText}  ${issue.message}`;
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), case-insensitive, for
 * "did you mean" suggestions: "titel" is one edit from "title".
 */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const m = x.length;
  const n = y.length;
  let before: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      cur.push(d);
    }
    before = prev;
    prev = cur;
  }
  return prev[n]!;
}

/** The closest candidate within a distance that scales with the word, if any. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  return bestD <= limit ? best : undefined;
}
