import { readFileSync } from "node:fs";
import type { ScenarioIssue } from "@stratbal/scenario";
import { listParams, parseScenario, safeParseScenario } from "@stratbal/scenario";
import { describe, expect, it } from "vitest";
import {
  fieldOfIssue,
  formModel,
  issuesAt,
  niceCeil,
  sliderRange,
} from "../../src/scenario/formModel.ts";
import { setValueInYaml } from "../../src/scenario/yamlEdit.ts";

const FIXTURE = readFileSync(new URL("../fixtures/r2017.yaml", import.meta.url), "utf8");

describe("form model", () => {
  const s = parseScenario(FIXTURE);
  const m = formModel(s);
  const fields = [...m.sides.flatMap((x) => x.groups), m.analysis].flatMap((g) => g.fields);

  it("shows every numeric parameter exactly once", () => {
    expect(fields.map((f) => f.ref.path).sort()).toEqual(
      listParams(s)
        .map((p) => p.path)
        .sort(),
    );
  });

  it("groups by side, force element and defense layer, with the key parameters marked", () => {
    const ru = m.sides[1]!;
    expect(ru.groups.map((g) => g.title)).toContain("ru-ss18");
    const layer = m.sides[0]!.groups.find((g) => g.id === "sides[0].defenses[0].layers[0]")!;
    expect(layer.title).toBe("gmd · gmd-mid");
    const keys = layer.fields.filter((f) => f.key).map((f) => f.label);
    expect(keys).toEqual([
      "Interceptors",
      "SSPK (single-shot kill probability)",
      "Discrimination of decoys",
    ]);
    expect(ru.groups.find((g) => g.title === "ru-ss18")!.subtitle).toBe(
      "silo, 46 × 10 = 460 warheads",
    );
  });

  it("puts a validation problem at its field", () => {
    const sspk = fields.find((f) => f.ref.path.endsWith("gmd-mid.sspk"))!;
    const bad = safeParseScenario(setValueInYaml(FIXTURE, sspk.ref.at, 1.4));
    expect(bad.ok).toBe(false);
    const issues = bad.ok ? [] : bad.issues;
    const here = issuesAt(issues, sspk.ref.indexText);
    expect(here).toHaveLength(1);
    expect(here[0]!.message).toMatch(/1\.4|probability|<=|at most/i);
    expect(
      fieldOfIssue(
        fields.map((f) => f.ref.indexText),
        here[0]!,
      ),
    ).toBe(sspk.ref.indexText);
    const other = fields.find((f) => f.ref.path.endsWith("gmd-mid.tracking"))!;
    expect(issuesAt(issues, other.ref.indexText)).toHaveLength(0);
  });

  it("does not confuse a field with one whose path it prefixes", () => {
    const issue = { pathText: "sides[0].forces[10].launchers" } as ScenarioIssue;
    expect(issuesAt([issue], "sides[0].forces[1]")).toHaveLength(0);
    expect(fieldOfIssue(["sides[0].forces[1]", "sides[0].forces[10]"], issue)).toBe(
      "sides[0].forces[10]",
    );
  });
});

describe("slider ranges", () => {
  it("cover [0, 1] for probabilities and leave room both ways for counts", () => {
    expect(sliderRange("probability", 0.55)).toEqual({ min: 0, max: 1, step: 0.01 });
    expect(sliderRange("count", 44)).toEqual({ min: 0, max: 100, step: 1 });
    expect(sliderRange("positiveCount", 1)).toEqual({ min: 1, max: 10, step: 1 });
    expect(sliderRange("positive", 300).max).toBe(1000);
    expect([0.3, 1, 7, 12, 99, 101].map(niceCeil)).toEqual([0.5, 1, 10, 20, 100, 200]);
  });
});
