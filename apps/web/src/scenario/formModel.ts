// What the scenario form shows: every numeric parameter of the scenario (from `listParams`, so a
// new schema field appears without form code), grouped by side, force element and defense
// layer, with labels, slider ranges and the validation issues that belong to each field.
import type { Domain, ParamRef, Scenario, ScenarioIssue } from "@stratbal/scenario";
import { domainBounds, listParams } from "@stratbal/scenario";

export interface Field {
  readonly ref: ParamRef;
  readonly label: string;
  /** One of the parameters the balance turns on (warheads, survivability, defenses, decoys). */
  readonly key: boolean;
}

export interface FieldGroup {
  /** Stable id (the index path of the group): `sides[0].forces[1]`. */
  readonly id: string;
  readonly title: string;
  readonly subtitle: string;
  readonly fields: readonly Field[];
}

export interface SideForm {
  readonly id: string;
  readonly name: string;
  readonly groups: readonly FieldGroup[];
}

export interface FormModel {
  readonly sides: readonly SideForm[];
  readonly analysis: FieldGroup;
}

const LABELS: Readonly<Record<string, string>> = {
  w80: "W80: warheads that destroy 80% of value",
  launchers: "Launchers",
  nonDeployedLaunchers: "Non-deployed launchers",
  warheadsPerLauncher: "Warheads per launcher",
  decoysPerWarhead: "Decoys per warhead",
  reliability: "Reliability",
  survivable: "Survivable share",
  weapons: "Weapons",
  interceptors: "Interceptors",
  sspk: "SSPK (single-shot kill probability)",
  tracking: "Tracking probability",
  discrimination: "Discrimination of decoys",
  killAssessment: "Kill assessment",
  coverage: "Coverage",
  alpha: "α: weight of enemy's undamaged value",
  costExponent: "Cost exponent",
  strikerReadiness: "Striker readiness (non-silo share)",
  launchUnderAttack: "Launch under attack share",
};

const KEY = new Set([
  "launchers",
  "warheadsPerLauncher",
  "survivable",
  "decoysPerWarhead",
  "interceptors",
  "sspk",
  "discrimination",
]);

/** The label of a parameter from its index path. */
export function fieldLabel(at: readonly (string | number)[]): string {
  const last = String(at.at(-1));
  const parent = at.length >= 2 ? String(at.at(-2)) : "";
  if (parent === "counterforcePk") return `Counterforce Pk vs ${last}`;
  if (parent === "pk") return `Pk vs ${last}`;
  if (parent === "coverage") return `Coverage of ${last}`;
  if (parent === "thresholds") return `Adequacy threshold for ${last}`;
  return LABELS[last] ?? last;
}

/** The form of a scenario: one group per force element, defense layer and side-wide table. */
export function formModel(s: Scenario): FormModel {
  const params = listParams(s);
  const byGroup = new Map<string, Field[]>();
  const groupOf = (r: ParamRef): string => {
    const at = r.at;
    if (at[0] !== "sides") return "analysis";
    if (at[2] === "forces" || at[2] === "promptStrike") return `sides[${at[1]}].${at[2]}[${at[3]}]`;
    if (at[2] === "defenses") return `sides[${at[1]}].defenses[${at[3]}].layers[${at[5]}]`;
    if (at[2] === "counterforcePk") return `sides[${at[1]}].counterforcePk`;
    return `sides[${at[1]}]`;
  };
  for (const r of params) {
    const g = groupOf(r);
    const list = byGroup.get(g) ?? [];
    list.push({ ref: r, label: fieldLabel(r.at), key: KEY.has(String(r.at.at(-1))) });
    byGroup.set(g, list);
  }
  const sides: SideForm[] = s.sides.map((side, si) => {
    const groups: FieldGroup[] = [];
    const push = (id: string, title: string, subtitle: string) => {
      const fields = byGroup.get(id);
      if (fields && fields.length > 0) groups.push({ id, title, subtitle, fields });
    };
    push(`sides[${si}]`, side.name, "side");
    side.forces.forEach((f, fi) => {
      const w = f.launchers.value * f.warheadsPerLauncher.value;
      push(
        `sides[${si}].forces[${fi}]`,
        f.name ?? f.id,
        `${f.basing}, ${f.launchers.value} × ${f.warheadsPerLauncher.value} = ${w} warheads`,
      );
    });
    push(`sides[${si}].counterforcePk`, "Counterforce", "kill probability per warhead, by basing");
    (side.promptStrike ?? []).forEach((p, pi) =>
      push(`sides[${si}].promptStrike[${pi}]`, p.name ?? p.id, "conventional prompt strike"),
    );
    (side.defenses ?? []).forEach((d, di) =>
      d.layers.forEach((l, li) =>
        push(
          `sides[${si}].defenses[${di}].layers[${li}]`,
          `${d.name ?? d.id} · ${l.name ?? l.id}`,
          `${l.phase} layer, ${l.doctrine ?? "barrage"}`,
        ),
      ),
    );
    return { id: side.id, name: side.name, groups };
  });
  return {
    sides,
    analysis: {
      id: "analysis",
      title: "Analysis options",
      subtitle: "Kent & Thaler cost weights and postures",
      fields: byGroup.get("analysis") ?? [],
    },
  };
}

export interface SliderRange {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/** 1, 2, 5 × 10^k at or above x. */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 5, 10]) if (m * p >= x - 1e-12 * p) return m * p;
  return 10 * p;
}

/**
 * The slider range for a parameter of `domain` whose value was `baseline` when the scenario was
 * opened: probabilities and shares over [0, 1]; counts from their minimum to a round number at
 * least twice the baseline, so the thumb has room both ways and the range never moves mid-drag.
 */
export function sliderRange(domain: Domain, baseline: number): SliderRange {
  const b = domainBounds(domain);
  switch (domain) {
    case "probability":
    case "share":
      return { min: 0, max: 1, step: 0.01 };
    case "count":
    case "positiveCount": {
      const max = Math.min(b.max, niceCeil(Math.max(10, 2 * baseline)));
      return { min: b.min, max, step: 1 };
    }
    case "positive":
    case "nonnegative": {
      const max = niceCeil(Math.max(1, 2 * baseline));
      return { min: 0, max, step: max / 200 };
    }
    default:
      return domain satisfies never;
  }
}

/** Issues that belong to the field at `indexText` (the field itself or a part of it). */
export function issuesAt(
  issues: readonly ScenarioIssue[],
  indexText: string,
): readonly ScenarioIssue[] {
  return issues.filter(
    (i) =>
      i.pathText === indexText ||
      i.pathText.startsWith(`${indexText}.`) ||
      i.pathText.startsWith(`${indexText}[`),
  );
}

/**
 * Finds the form field an issue belongs to: the field whose path is the issue's path or its
 * longest prefix. Issues about the document, a section or an id have no field.
 */
export function fieldOfIssue(
  fieldPaths: readonly string[],
  issue: ScenarioIssue,
): string | undefined {
  let best: string | undefined;
  for (const p of fieldPaths) {
    const hit =
      issue.pathText === p ||
      issue.pathText.startsWith(`${p}.`) ||
      issue.pathText.startsWith(`${p}[`);
    if (hit && (!best || p.length > best.length)) best = p;
  }
  return best;
}
