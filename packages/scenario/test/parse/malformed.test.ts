import { describe, expect, it } from "vitest";
import type { ScenarioIssue } from "../../src/index.ts";
import { MAX_SCENARIO_BYTES, safeParseScenario } from "../../src/index.ts";
import { jsonSyntaxError } from "../../src/jsonSyntax.ts";
import { MAX_FLOW_COLLECTIONS, MAX_REPORTED_ISSUES } from "../../src/parse.ts";
import { MAX_SYNTAX_ERRORS } from "../../src/yamlErrors.ts";

// Malformed YAML and JSON: every problem comes back as a located issue, in bounded time, with
// no exception and no runaway output.

const VALID = `schemaVersion: 1
title: Control
asOf: 2017-09-01
sources:
  notional: "Notional value for illustration"
sides:
  - id: blue
    name: Blue
    w80: { value: 250, source: notional }
    forces:
      - { id: blue-silo, basing: silo, launchers: 30, warheadsPerLauncher: 1, reliability: 0.9, survivable: 0, source: notional }
  - id: red
    name: Red
    w80: { value: 250, source: notional }
    forces:
      - { id: red-silo, basing: silo, launchers: 30, warheadsPerLauncher: 1, reliability: 0.9, survivable: 0, source: notional }
`;

function issues(text: string, file = "s.yaml"): ScenarioIssue[] {
  const r = safeParseScenario(text, { file });
  expect(r.ok, "the document is refused").toBe(false);
  return r.ok ? [] : [...r.issues];
}
const where = (i: ScenarioIssue) => [i.line, i.col];

describe("YAML syntax errors", () => {
  it("the control document is valid", () => {
    expect(safeParseScenario(VALID).ok).toBe(true);
  });

  it("an unclosed quote or bracket is reported where it opens, not at the end of the file", () => {
    const quote = issues(VALID.replace("title: Control", 'title: "Control'));
    expect(quote.map(where)).toEqual([[2, 8]]);
    expect(quote[0]!.message).toMatch(/Missing closing "quote \(it is opened here/);
    const flow = issues(
      VALID.replace(
        "w80: { value: 250, source: notional }\n    forces:\n      - { id: red",
        "w80: { value: 250, source: notional\n    forces:\n      - { id: red",
      ),
    );
    expect(flow.map(where)).toEqual([[14, 10]]);
    expect(flow[0]!.message).toMatch(/Flow map .* \(it is opened here and never closed\)/);
  });

  it("a cascade of errors is cut to the first few and a count of the rest", () => {
    const found = issues(VALID.replace('illustration"\n', 'illustration" ]\n'));
    expect(found.length).toBe(MAX_SYNTAX_ERRORS + 1);
    expect(found[0]!.message).toMatch(/Unexpected flow-seq-end/);
    expect(where(found[0]!)).toEqual([5, 47]);
    expect(found.at(-1)!.message).toMatch(/^and \d+ more YAML syntax errors from here on/);
    const lines = found.map((i) => i.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it("a second document is named as such, without the parser's advice to programmers", () => {
    const found = issues(VALID + "---\ntitle: two\n");
    expect(found.map(where)).toEqual([[17, 1]]);
    expect(found[0]!.message).toMatch(/a second YAML document starts here/);
    expect(found[0]!.message).not.toMatch(/parseAllDocuments/);
  });
});

describe("aliases", () => {
  it("an alias that names no anchor is located at the alias", () => {
    const found = issues(
      VALID.replace(
        "w80: { value: 250, source: notional }\n    forces:\n      - { id: blue",
        "w80: *nowhere\n    forces:\n      - { id: blue",
      ),
    );
    expect(found.map(where)).toEqual([[9, 10]]);
    expect(found[0]!.message).toMatch(/\*nowhere names no anchor/);
  });

  it("an alias inside the node it names (a cycle) is refused instead of overflowing the stack", () => {
    for (const text of [
      VALID.replace(
        "    forces:\n      - { id: red",
        "    forces: &f\n      - *f\n      - { id: red",
      ),
      VALID + "analysis: &a { thresholds: *a }\n",
      VALID + "analysis: &a\n  alpha: 0.3\n  <<: *a\n",
      "a: &a [1, [2, *a]]\n",
    ]) {
      const found = issues(text);
      expect(found.length).toBe(1);
      expect(found[0]!.message).toMatch(/is inside the node it refers to/);
      expect(found[0]!.line).toBeGreaterThan(0);
    }
  });

  it("an alias bomb is reported at its first alias", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${prev}`).join(", ")}]`,
      );
    }
    const found = issues(levels.join("\n") + "\n" + VALID);
    expect(found.map(where)).toEqual([[2, 8]]);
    expect(found[0]!.code).toBe("yaml_alias_limit");
  });

  it("an alias used as a key is located at that key", () => {
    const found = issues(VALID.replace("title: Control", "title: &k Control\n*k : 1"));
    expect(found.map((i) => [i.pathText, ...where(i)])).toEqual([["Control", 3, 1]]);
  });
});

describe("repeated keys", () => {
  it("are found at the repeat, in linear time even in a mapping of 20,000 keys", () => {
    const found = issues(VALID.replace("title: Control", "title: Control\ntitle: Again"));
    expect(found.map(where)).toEqual([[3, 1]]);
    expect(found[0]!.message).toMatch(
      /the key "title" is repeated in this mapping; map keys must be unique/,
    );
    const keys = Array.from({ length: 20_000 }, (_, i) => `  k${i}: 1\n`).join("");
    const t0 = performance.now();
    const big = issues(`${VALID}analysis:\n${keys}  k7: 2\n`);
    expect(performance.now() - t0).toBeLessThan(20_000); // was hours with the parser's check
    expect(big.map((i) => i.message)).toEqual([expect.stringMatching(/"k7" is repeated/)]);
  });

  it('keys of different types are different keys (1 and "1")', () => {
    const found = issues(VALID + 'analysis: { thresholds: { 1: 3, "1": 4 } }\n');
    expect(found.every((i) => !/repeated/.test(i.message))).toBe(true);
  });
});

describe("limits", () => {
  it("refuses a document over the byte limit before parsing it", () => {
    const found = issues(VALID + "#" + "x".repeat(MAX_SCENARIO_BYTES) + "\n");
    expect(found[0]!.code).toBe("file_too_large");
    expect(found[0]!.message).toMatch(/at most 256 KiB/);
  });

  it("refuses a file of brackets before parsing it, at the bracket over the limit", () => {
    const line = "  - [[[[[[[[[[1]]]]]]]]]]\n";
    const text = VALID + "notes:\n" + line.repeat(MAX_FLOW_COLLECTIONS / 10 + 1);
    const found = issues(text);
    expect(found.length).toBe(1);
    expect(found[0]!.code).toBe("too_many_collections");
    // VALID opens 4 flow mappings; then 10 brackets a line from line 18: the 20,001st is the
    // 7th of the 2,000th line.
    expect(where(found[0]!)).toEqual([18 + 1999, 4 + 7]);
  });

  it("reports at most MAX_REPORTED_ISSUES problems and counts the rest", () => {
    const keys = Array.from({ length: 500 }, (_, i) => `  k${i}: 1\n`).join("");
    const found = issues(`${VALID}analysis:\n${keys}`);
    expect(found.length).toBe(MAX_REPORTED_ISSUES + 1);
    expect(found.at(-1)!.message).toMatch(/^and 400 more problems from here on/);
    expect(found.at(-1)!.line).toBe(found.at(-2)!.line + 1);
  });
});

describe("JSON files", () => {
  const json = JSON.stringify(
    { schemaVersion: 1, title: "T", asOf: "2017-09-01", sources: {}, sides: [] },
    null,
    2,
  );

  it("are checked as JSON: what YAML would accept is a located syntax error", () => {
    const cases: [string, number, number, RegExp][] = [
      [json.replace('"T",', '"T",\n  // note'), 4, 3, /found a comment \(JSON has no comments\)/],
      [json.replace('"sides": []', '"sides": [],'), 6, 14, /a trailing comma before '\}'/],
      [json.replace("[]", "[1, 2,]"), 6, 17, /a trailing comma before '\]'/],
      [json.replace('"T"', "'T'"), 3, 12, /single quote \(JSON strings use double quotes\)/],
      [json.replace('"T"', "NaN"), 3, 12, /NaN \(not a JSON number/],
      [json.replace('"T",', '"T"'), 4, 3, /expected ',' or '\}', found a string/],
      [json.slice(0, -1), 1, 1, /'\{' opened here is never closed/],
      [json.replace('"T"', '"T\n"'), 3, 12, /string not closed before the end of the line/],
      ["schemaVersion: 1\n", 1, 1, /found "schemaVersion" \(JSON text is quoted/],
    ];
    for (const [text, line, col, message] of cases) {
      const found = issues(text, "s.json");
      expect(
        found.map((i) => [i.code, ...where(i)]),
        text,
      ).toEqual([["json_syntax", line, col]]);
      expect(found[0]!.message).toMatch(message);
    }
  });

  it("valid JSON goes on to the schema like YAML (and the check is only for *.json)", () => {
    expect(jsonSyntaxError(json)).toBeUndefined();
    expect(jsonSyntaxError('\uFEFF{"a": [1.5e-3, -0, true, null, "\\u00e9\\n"]}')).toBeUndefined();
    expect(issues(json, "s.json").map((i) => i.pathText)).toEqual(["sides"]);
    // The same text with a trailing comma is YAML that a .yaml file may hold.
    const yamlText = json.replace('"sides": []', '"sides": [],');
    expect(issues(yamlText, "s.yaml").every((i) => i.code !== "json_syntax")).toBe(true);
  });
});
