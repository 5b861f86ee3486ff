import { describe, expect, it } from "vitest";
import { safeParseScenario } from "../../src/index.ts";

// Regression tests for bugs the fuzzer found (docs/fuzzing.md), each named after its
// counterexample, reduced by hand to the smallest document that shows it.

/** A small valid scenario whose second side has one force, `attacker`, and whose first side has
 * one layer with the given `coverage:` (YAML flow text). */
function withCoverage(attacker: string, coverage: string): string {
  return `schemaVersion: 1
title: fuzz regression
asOf: 2020-01-01
sources: {}
sides:
  - id: a
    name: A
    w80: 100
    forces:
      - { id: a-icbm, basing: silo, launchers: 10, warheadsPerLauncher: 1, reliability: 0.9, survivable: 0 }
    defenses:
      - id: def
        layers:
          - { id: mid, phase: midcourse, interceptors: 10, sspk: 0.5, coverage: ${coverage} }
  - id: b
    name: B
    w80: 100
    forces:
      - { id: ${attacker}, basing: silo, launchers: 10, warheadsPerLauncher: 1, reliability: 0.9, survivable: 0 }
`;
}

describe("fuzz regressions: coverage maps", () => {
  it("coverage {value: 0} against a force named value is refused as ambiguous, not read as one share", () => {
    // Found by validScenarios.test.ts: the schema read the map {value: 0} (force "value") as the
    // share 0 for every attacking element, silently.
    const r = safeParseScenario(withCoverage("value", "{ value: 0 }"), { file: "s.yaml" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const issue = r.issues.find((i) => i.code === "ambiguous_coverage");
    expect(issue?.pathText).toBe("sides[0].defenses[0].layers[0].coverage");
    expect(issue?.line).toBe(14);
  });

  it("coverage {value: {value: 0}} covers the force named value alone", () => {
    const r = safeParseScenario(withCoverage("value", "{ value: { value: 0 } }"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.sides[0]!.defenses![0]!.layers[0]!.coverage).toEqual({ value: { value: 0 } });
  });

  it("coverage {value: 0.4, note: …} stays one share when a force is named value", () => {
    const text = withCoverage("value", "{ value: 0.4, note: one share }");
    const r = safeParseScenario(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.sides[0]!.defenses![0]!.layers[0]!.coverage).toEqual({ value: 0.4 });
  });

  it("coverage {uniform: 0.5} names an element that does not exist (it is not a distribution)", () => {
    // Found with the case above: a map whose key is a distribution's name skipped the check that
    // every key is an attacking element, so coverage of a force that does not exist was ignored.
    const r = safeParseScenario(withCoverage("b-icbm", "{ uniform: 0.5 }"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.pathText])).toContainEqual([
      "unknown_element",
      "sides[0].defenses[0].layers[0].coverage.uniform",
    ]);
  });
});

/** A small valid scenario with `extra` YAML lines appended to the first side. */
function withSideLines(extra: string, sources = "{}"): string {
  return `schemaVersion: 1
title: fuzz regression
asOf: 2020-01-01
sources: ${sources}
sides:
  - id: a
    name: A
    w80: 100
    forces: []
${extra}
  - id: b
    name: B
    w80: 100
    forces: []
`;
}

describe("fuzz regressions: keys that name Object.prototype's properties", () => {
  it("source: hasOwnProperty (not in sources) is an unknown source", () => {
    // Found by mutatedScenarios.test.ts ("cite the source hasOwnProperty"): `value in sources`
    // is true for every name Object.prototype has, so the reference passed unchecked.
    for (const name of ["hasOwnProperty", "toString", "constructor", "__proto__"]) {
      const r = safeParseScenario(withSideLines(`    source: ${name}`), { file: "s.yaml" });
      expect(r.ok, name).toBe(false);
      if (r.ok) continue;
      expect(r.issues.map((i) => [i.code, i.pathText, i.line])).toContainEqual([
        "unknown_source",
        "sides[0].source",
        10,
      ]);
    }
  });

  it("sources: {__proto__: {polluted: true}} is refused, not dropped unchecked", () => {
    // Found by mutatedScenarios.test.ts ("add __proto__: {polluted: true} to sources"): the
    // schema's maps by id skip a "__proto__" key, so its value was never checked.
    const r = safeParseScenario(withSideLines("", "\n  __proto__: { polluted: true }"));
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.pathText, i.line])).toContainEqual([
      "reserved_id",
      "sources.__proto__",
      5,
    ]);
  });

  it("coverage: {toString: {polluted: true}} is refused instead of throwing a TypeError", () => {
    // Found by mutatedScenarios.test.ts ("add toString: {polluted: true} to …coverage"): the
    // issue explainer looked the key up in a schema's shape and found Object.prototype.toString.
    const text = withCoverage("value", "{ value: { value: 0 }, toString: { polluted: true } }");
    const r = safeParseScenario(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.pathText)).toContain(
      "sides[0].defenses[0].layers[0].coverage.toString",
    );
  });
});

describe("fuzz regressions: issue text and positions", () => {
  it("a key holding a line break gives a one-line message", () => {
    // Found by mutatedScenarios.test.ts on flow YAML: a key spanning several lines was quoted
    // into "unknown key …" as it was, so the issue took several lines.
    const r = safeParseScenario(withSideLines('    "bad\\nkey\\u001b[2J": 1'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const issue = r.issues.find((i) => i.code === "unknown_key");
    expect(issue?.message).toMatch(/^unknown key "bad\\nkey\\u001b\[2J"/);
    // Found by the CLI fuzzer: a key holding U+2028 (a line separator, which JSON.stringify
    // leaves as it is) broke the path of the issue.
    const sep = safeParseScenario(withSideLines('    "n\u2028ote": 1'));
    expect(sep.ok).toBe(false);
    if (!sep.ok) expect(sep.issues[0]!.pathText).toBe('sides[0]["n\\u2028ote"]');
    for (const i of r.issues)
      expect(i.message.includes("\n") || i.message.includes("\u001b")).toBe(false);
  });

  it("YAML syntax errors after two swapped lines point inside their line", () => {
    // Found by mutatedScenarios.test.ts ("swap lines 6 and 1"): the YAML parser's line counter
    // skips the line breaks of a plain scalar it recovers from, so issues got columns past the
    // end of their line (line 6, column 30 of a 16-character line).
    const text = [
      "  uniform:",
      "id: x",
      "title: t",
      "asOf: 2020-01-01",
      "sources:",
      "schemaVersion: 1",
      "    citation: United States",
      "    url: http://example.org/",
      "  yes: notional",
      "sides: []",
    ].join("\n");
    const r = safeParseScenario(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = text.split("\n");
    for (const i of r.issues) {
      expect(i.line).toBeGreaterThanOrEqual(1);
      expect(i.line).toBeLessThanOrEqual(lines.length);
      expect(i.col, `${i.line}:${i.col} ${i.message}`).toBeLessThanOrEqual(
        lines[i.line - 1]!.length + 1,
      );
    }
    // Only the first five syntax errors are listed (MAX_SYNTAX_ERRORS), then a count; each listed
    // one must start at the token it names.
    expect(r.issues.length).toBeGreaterThanOrEqual(5);
    for (const i of r.issues) {
      const token = /token in YAML stream: "(.+)"$/.exec(i.message)?.[1];
      if (token !== undefined)
        expect(lines[i.line - 1]!.slice(i.col - 1).startsWith(token)).toBe(true);
    }
  });
});
