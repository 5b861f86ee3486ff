import type {
  DefenseGoal,
  RaceInput,
  RaceMoves,
  RaceSide,
  RichardsonParams,
  ThirdPartyElement,
} from "@stratbal/core";
import type { RaceSideSpec, Scenario } from "./schema.ts";
import { toExchangeInput } from "./toExchangeInput.ts";

/** Defaults of the race settings (DESIGN §2.4). */
export const RACE_DEFAULTS = {
  rounds: 10,
  moves: "alternating" as RaceMoves,
  costExchange: "ends" as "ends" | "every-round",
  richardson: { horizon: 10, points: 101 },
  thirdParty: { warheadsPerMissile: 1, decoysPerMissile: 0, reliability: 1, growthPerRound: 0 },
} as const;

/** A Richardson system with its start, horizon and output times. */
export interface RichardsonSetup {
  readonly params: RichardsonParams;
  readonly start: { readonly x: number; readonly y: number };
  readonly horizon: number;
  readonly points: number;
  readonly unit?: string;
}

/** The Richardson system a scenario's `race.richardson` describes, if any. */
export function toRichardson(s: Scenario): RichardsonSetup | undefined {
  const r = s.race?.richardson;
  if (!r) return undefined;
  return {
    params: {
      k: r.k.value,
      l: r.l.value,
      a: r.a.value,
      b: r.b.value,
      g: r.g.value,
      h: r.h.value,
    },
    start: { x: r.start?.x.value ?? 0, y: r.start?.y.value ?? 0 },
    horizon: r.horizon ?? RACE_DEFAULTS.richardson.horizon,
    points: r.points ?? RACE_DEFAULTS.richardson.points,
    ...(r.unit !== undefined ? { unit: r.unit } : {}),
  };
}

function toGoal(spec: NonNullable<RaceSideSpec["defense"]>): DefenseGoal {
  const g = spec.goal;
  switch (g.kind) {
    case "schedule":
      return { kind: "schedule", interceptors: (g.interceptors ?? []).map((p) => p.value) };
    case "third-party":
      return {
        kind: "third-party",
        pNoLeak: g.pNoLeak?.value ?? 1,
        raid: (g.raid ?? []).map((e): ThirdPartyElement => ({
          id: e.id,
          missiles: e.missiles.value,
          warheadsPerMissile:
            e.warheadsPerMissile?.value ?? RACE_DEFAULTS.thirdParty.warheadsPerMissile,
          decoysPerMissile: e.decoysPerMissile?.value ?? RACE_DEFAULTS.thirdParty.decoysPerMissile,
          reliability: e.reliability?.value ?? RACE_DEFAULTS.thirdParty.reliability,
          growthPerRound: e.growthPerRound?.value ?? RACE_DEFAULTS.thirdParty.growthPerRound,
        })),
        layers: g.layers ?? [spec.layer],
      };
    case "damage-limitation":
      return {
        kind: "damage-limitation",
        warheads: g.warheads?.value ?? 0,
        confidence: g.confidence?.value ?? 1,
      };
    default:
      return g.kind satisfies never;
  }
}

function toRaceSide(id: string, spec: RaceSideSpec | undefined): RaceSide {
  if (!spec) return { id, offense: [], costs: {} };
  const c = spec.costsMillionUsd;
  const launcher = c?.launcher
    ? Object.fromEntries(Object.entries(c.launcher).map(([k, v]) => [k, v.value]))
    : undefined;
  return {
    id,
    ...(spec.requirement
      ? {
          requirement: {
            warheads: spec.requirement.warheads.value,
            confidence: spec.requirement.confidence.value,
          },
        }
      : {}),
    offense: (spec.offense ?? []).map((o) => ({
      kind: o.kind,
      element: o.element,
      max: o.max.value,
    })),
    ...(spec.defense
      ? {
          defense: {
            layer: spec.defense.layer,
            max: spec.defense.max.value,
            goal: toGoal(spec.defense),
          },
        }
      : {}),
    costs: {
      ...(c?.interceptor ? { interceptor: c.interceptor.value } : {}),
      ...(c?.warhead ? { warhead: c.warhead.value } : {}),
      ...(c?.decoy ? { decoy: c.decoy.value } : {}),
      ...(launcher ? { launcher } : {}),
    },
    ...(spec.budgetMillionUsd ? { budgetMillionUsd: spec.budgetMillionUsd.value } : {}),
    ...(spec.limits
      ? {
          limits: {
            ...(spec.limits.warheads ? { warheads: spec.limits.warheads.value } : {}),
            ...(spec.limits.launchers ? { launchers: spec.limits.launchers.value } : {}),
          },
        }
      : {}),
  };
}

/**
 * The action–reaction race a scenario's `race.sides` describes, at nominal parameter values, or
 * undefined when the scenario sets no race sides. `overrides` replace the file's settings.
 */
export function toRaceInput(
  s: Scenario,
  overrides: {
    readonly rounds?: number;
    readonly moves?: RaceMoves;
    readonly costExchange?: "ends" | "every-round";
  } = {},
): RaceInput | undefined {
  const race = s.race;
  if (!race?.sides || Object.keys(race.sides).length === 0) return undefined;
  const exchange = toExchangeInput(s);
  const [a, b] = exchange.sides;
  return {
    exchange,
    sides: [toRaceSide(a.id, race.sides[a.id]), toRaceSide(b.id, race.sides[b.id])],
    rounds: overrides.rounds ?? race.rounds ?? RACE_DEFAULTS.rounds,
    moves: overrides.moves ?? race.moves ?? RACE_DEFAULTS.moves,
    costExchange: overrides.costExchange ?? race.costExchange ?? RACE_DEFAULTS.costExchange,
  };
}
