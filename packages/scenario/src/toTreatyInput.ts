import type { ComplianceInput, ForceCategory, TreatyForce, TreatySide } from "@stratbal/core";
import { inferParty } from "@stratbal/core";
import type { ForceSpec, Scenario, SideSpec } from "./schema.ts";

/** Treaty counting class of a force element: as written, or from its basing. */
export function defaultCategory(f: ForceSpec): ForceCategory {
  if (f.category !== undefined) return f.category;
  switch (f.basing) {
    case "silo":
    case "mobile":
      return "icbm";
    case "ssbn":
      return "slbm";
    case "bomber":
      return "heavy-bomber";
    default:
      return f.basing satisfies never;
  }
}

function toForce(f: ForceSpec): TreatyForce {
  return {
    id: f.id,
    category: defaultCategory(f),
    basing: f.basing,
    launchers: f.launchers.value,
    nonDeployedLaunchers: f.nonDeployedLaunchers?.value ?? 0,
    warheadsPerLauncher: f.warheadsPerLauncher.value,
    heavy: f.heavy ?? false,
    ...(f.alcm === undefined ? {} : { alcm: f.alcm }),
  };
}

function toSide(s: SideSpec): TreatySide {
  const declared = s.party;
  const party =
    declared === undefined ? inferParty(s.id, s.name) : declared === "none" ? null : declared;
  return {
    id: s.id,
    name: s.name,
    party,
    partyBasis: declared !== undefined ? "declared" : party !== null ? "inferred" : "none",
    forces: s.forces.map(toForce),
    defenses: (s.defenses ?? []).map((d) => ({
      id: d.id,
      ...(d.basing === undefined ? {} : { basing: d.basing }),
      ...(d.deploymentArea === undefined ? {} : { deploymentArea: d.deploymentArea }),
      layers: d.layers.map((l) => ({
        id: l.id,
        interceptors: l.interceptors.value,
        ...(l.launchers === undefined ? {} : { launchers: l.launchers.value }),
      })),
    })),
  };
}

/**
 * The compliance problem a scenario describes: each side's posture at nominal parameter values,
 * on the scenario's `asOf` date (or `asOf` given here), with its treaty party declared or
 * inferred from its id and name.
 */
export function toTreatyInput(s: Scenario, asOf: string = s.asOf): ComplianceInput {
  return { asOf, sides: s.sides.map(toSide) };
}
