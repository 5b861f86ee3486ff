import type { TreatyDefense, TreatyForce, TreatySide } from "../../src/index.ts";

/** A force element with treaty-neutral defaults. */
export function force(over: Partial<TreatyForce> & Pick<TreatyForce, "id">): TreatyForce {
  return {
    category: "icbm",
    basing: "silo",
    launchers: 0,
    nonDeployedLaunchers: 0,
    warheadsPerLauncher: 1,
    heavy: false,
    ...over,
  };
}

/** A side standing for a party, with the given forces and defenses. */
export function side(
  over: Partial<TreatySide> & { forces?: TreatyForce[]; defenses?: TreatyDefense[] } = {},
): TreatySide {
  return {
    id: "us",
    name: "United States",
    party: "united-states",
    partyBasis: "declared",
    forces: [],
    defenses: [],
    ...over,
  };
}

/**
 * US forces on 1 September 2020 as the State Department fact sheet of 1 December 2020 breaks
 * them down (globalsecurity.org mirror of the fact sheet): 397 deployed Minuteman III of 454
 * launchers, 230 deployed Trident II of 280 launchers, 48 deployed heavy bombers (12 B-2A, 36
 * B-52H) and 18 non-deployed. The fact sheet gives 1,457 warheads in total but not their split:
 * ICBM and SLBM warheads must sum to 1,457 − 48 = 1,409; the split below (397 single-warhead
 * ICBMs, SLBMs in two groups) is illustrative, chosen only to reach that sum.
 */
export const US_SEP_2020: TreatySide = side({
  forces: [
    force({
      id: "mm3",
      category: "icbm",
      basing: "silo",
      launchers: 397,
      nonDeployedLaunchers: 57,
    }),
    force({
      id: "d5-a",
      category: "slbm",
      basing: "ssbn",
      launchers: 92,
      nonDeployedLaunchers: 50,
      warheadsPerLauncher: 5,
    }),
    force({ id: "d5-b", category: "slbm", basing: "ssbn", launchers: 138, warheadsPerLauncher: 4 }),
    force({
      id: "b2",
      category: "heavy-bomber",
      basing: "bomber",
      launchers: 12,
      nonDeployedLaunchers: 8,
      warheadsPerLauncher: 16,
    }),
    force({
      id: "b52",
      category: "heavy-bomber",
      basing: "bomber",
      launchers: 36,
      nonDeployedLaunchers: 10,
      warheadsPerLauncher: 20,
    }),
  ],
});
