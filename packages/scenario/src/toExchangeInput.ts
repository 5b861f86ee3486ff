import type {
  AnalysisOptions,
  Defense,
  DefenseLayer,
  Doctrine,
  ExchangeInput,
  ForceElement,
  Side,
  VehicleKind,
} from "@stratbal/core";
import { mapList } from "@stratbal/core";
import { isParam, LAYER_DEFAULTS, perBasing } from "./params.ts";
import type { ForceSpec, LayerSpec, Scenario, SideSpec } from "./schema.ts";
import { ANALYSIS_DEFAULTS } from "./schema.ts";

/** Default vehicle kind for a basing: bombers carry air-breathing weapons. */
export function defaultKind(f: ForceSpec): VehicleKind {
  return f.kind ?? (f.basing === "bomber" ? "cruise" : "ballistic");
}

/**
 * Default second-strike adequacy threshold for warheads delivered on `target`: the warheads
 * that destroy half of its value, w50 = w80 · ln 2 / ln 5, rounded up.
 */
export function defaultThreshold(target: SideSpec): number {
  return Math.ceil((target.w80.value * Math.LN2) / Math.log(5));
}

function toForce(f: ForceSpec): ForceElement {
  return {
    id: f.id,
    name: f.name ?? f.id,
    basing: f.basing,
    kind: defaultKind(f),
    launchers: f.launchers.value,
    warheadsPerLauncher: f.warheadsPerLauncher.value,
    decoysPerWarhead: f.decoysPerWarhead?.value ?? 0,
    reliability: f.reliability.value,
    survivable: f.survivable.value,
    counterforce: f.counterforce ?? f.basing !== "bomber",
  };
}

/** The engagement doctrine a layer spec names. */
export function toDoctrine(l: LayerSpec): Doctrine {
  const doctrine = l.doctrine ?? "barrage";
  switch (doctrine) {
    case "barrage":
      return { kind: "barrage", shots: typeof l.shots === "number" ? l.shots : 1 };
    case "even":
      return { kind: "even" };
    case "shoot-look-shoot": {
      const shots: readonly [number, number] = Array.isArray(l.shots)
        ? [l.shots[0], l.shots[1]]
        : [1, 1];
      return {
        kind: "shoot-look-shoot",
        shots,
        killAssessment: l.killAssessment?.value ?? LAYER_DEFAULTS.killAssessment,
      };
    }
    default:
      return doctrine satisfies never;
  }
}

/** A layer spec as the engagement model's layer. */
export function toLayer(l: LayerSpec): DefenseLayer {
  const cov = l.coverage;
  return {
    id: l.id,
    phase: l.phase,
    interceptors: l.interceptors.value,
    sspk: l.sspk.value,
    tracking: l.tracking?.value ?? LAYER_DEFAULTS.tracking,
    discrimination: l.discrimination?.value ?? LAYER_DEFAULTS.discrimination,
    reliability: l.reliability?.value ?? LAYER_DEFAULTS.reliability,
    doctrine: toDoctrine(l),
    coverage:
      cov === undefined
        ? 1
        : isParam(cov)
          ? cov.value
          : Object.fromEntries(Object.entries(cov).map(([k, v]) => [k, v.value])),
  };
}

function toSide(side: SideSpec): Side {
  // Lists the model reads at every step: made with `mapList` so that they have one representation
  // in V8 from the first evaluation of a sweep to the last (see core's lists.ts).
  const defenses: Defense[] = mapList(side.defenses ?? [], (d) => ({
    id: d.id,
    name: d.name ?? d.id,
    layers: mapList(d.layers, toLayer),
  }));
  return {
    id: side.id,
    name: side.name,
    w80: side.w80.value,
    forces: mapList(side.forces, toForce),
    counterforcePk: perBasing(side.counterforcePk),
    promptStrike: mapList(side.promptStrike ?? [], (p) => ({
      id: p.id,
      name: p.name ?? p.id,
      weapons: p.weapons.value,
      pk: perBasing(p.pk),
    })),
    defenses,
  };
}

/** The two-sided exchange problem a scenario describes, at nominal parameter values. */
export function toExchangeInput(s: Scenario): ExchangeInput {
  const [a, b] = s.sides as [SideSpec, SideSpec];
  const an = s.analysis;
  const thresholds: Record<string, number> = {
    [a.id]: an?.thresholds?.[a.id]?.value ?? defaultThreshold(b),
    [b.id]: an?.thresholds?.[b.id]?.value ?? defaultThreshold(a),
  };
  const analysis: AnalysisOptions = {
    alpha: an?.alpha?.value ?? ANALYSIS_DEFAULTS.alpha.value,
    costExponent: an?.costExponent?.value ?? ANALYSIS_DEFAULTS.costExponent.value,
    strikerReadiness: an?.strikerReadiness?.value ?? ANALYSIS_DEFAULTS.strikerReadiness.value,
    launchUnderAttack: an?.launchUnderAttack?.value ?? ANALYSIS_DEFAULTS.launchUnderAttack.value,
    thresholds,
  };
  return { sides: [toSide(a), toSide(b)], analysis };
}

/** A scenario's sources as id → citation text. */
export function sourceCitations(
  s: Scenario,
): Record<string, { citation: string; url?: string; notional: boolean }> {
  const out: Record<string, { citation: string; url?: string; notional: boolean }> = {};
  for (const [id, e] of Object.entries(s.sources)) {
    out[id] =
      typeof e === "string"
        ? { citation: e, notional: /notional/i.test(e) }
        : {
            citation: e.citation,
            ...(e.url !== undefined ? { url: e.url } : {}),
            notional: e.notional ?? /notional/i.test(e.citation),
          };
  }
  return out;
}
