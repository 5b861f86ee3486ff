import type { Basing } from "../exchange/types.ts";
import type { Party } from "./types.ts";

/** Treaty counting class of a force element (a scenario's `category`). */
export type ForceCategory = "icbm" | "slbm" | "heavy-bomber" | "intermediate" | "other";

/** How a missile-defense system is based; the ABM Treaty (Art. V) allows only fixed land basing. */
export type DefenseBasing = "fixed-land" | "mobile-land" | "sea" | "air" | "space";

/** A force element as the treaty counting rules see it. Plain numbers, validated at the edge. */
export interface TreatyForce {
  readonly id: string;
  readonly category: ForceCategory;
  readonly basing: Basing;
  /** Deployed launchers (for bombers: deployed heavy bombers). */
  readonly launchers: number;
  /** Non-deployed launchers (empty silos, launch tubes of SSBNs in overhaul, spare bombers). */
  readonly nonDeployedLaunchers: number;
  /** Warheads each deployed launcher carries (bombers: weapons loaded). */
  readonly warheadsPerLauncher: number;
  /** A heavy ICBM in the START I sense. */
  readonly heavy: boolean;
  /** A heavy bomber equipped for long-range nuclear ALCMs (START I counting); unknown if absent. */
  readonly alcm?: boolean;
}

/** One layer of a defense: its interceptors and (if given) launchers. */
export interface TreatyDefenseLayer {
  readonly id: string;
  readonly interceptors: number;
  readonly launchers?: number;
}

/** A missile-defense system as the ABM Treaty counting rules see it. */
export interface TreatyDefense {
  readonly id: string;
  /** Absent means fixed land-based (the basing the ABM Treaty permits). */
  readonly basing?: DefenseBasing;
  /** Name of the ABM deployment area the system stands in; absent: an area of its own. */
  readonly deploymentArea?: string;
  readonly layers: readonly TreatyDefenseLayer[];
}

/** How a side's treaty party was determined. */
export type PartyBasis = "declared" | "inferred" | "none";

/** One side of a scenario as the compliance checker sees it. */
export interface TreatySide {
  readonly id: string;
  readonly name: string;
  /** The treaty party the side stands for, or null for a side bound by none of the treaties. */
  readonly party: Party | null;
  readonly partyBasis: PartyBasis;
  readonly forces: readonly TreatyForce[];
  readonly defenses: readonly TreatyDefense[];
}

/** The compliance problem: the sides' postures at a date. */
export interface ComplianceInput {
  /** Date the postures are checked at (ISO `YYYY-MM-DD`). */
  readonly asOf: string;
  readonly sides: readonly TreatySide[];
}

/** Names the heuristic maps to each party (id or name, whole words, case-insensitive). */
const PARTY_PATTERNS: readonly (readonly [Party, RegExp])[] = [
  ["united-states", /(?<![a-z])(us|usa|u\.s\.(a\.)?|united\s*states|america|american)(?![a-z])/i],
  ["russia", /(?<![a-z])(russia|russian|ru|rf|ussr|soviet|soviets)(?![a-z])/i],
];

/**
 * The treaty party a side stands for, read from its id and name when the scenario does not
 * declare one: "US", "USA", "United States", "America(n)" → united-states; "Russia(n)", "RU",
 * "RF", "USSR", "Soviet" → russia. Anything else (Blue, Red, China) is no party.
 * @example inferParty("us", "United States") // "united-states"
 */
export function inferParty(id: string, name: string): Party | null {
  const text = `${id.replace(/[_-]+/g, " ")} ${name}`;
  const hits = PARTY_PATTERNS.filter(([, re]) => re.test(text)).map(([p]) => p);
  // Both or neither: ambiguous, so no party (the scenario can declare one).
  return hits.length === 1 ? hits[0]! : null;
}

/** Display name of a party. */
export function partyName(p: Party): string {
  switch (p) {
    case "united-states":
      return "United States";
    case "russia":
      return "Russia (USSR before 1992)";
    default:
      return p satisfies never;
  }
}
