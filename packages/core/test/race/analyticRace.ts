import type { ExchangeInput, RaceInput, RaceSide } from "../../src/index.ts";

/**
 * A two-sided exchange that reduces to closed forms: both forces untargetable and perfectly
 * reliable, no counterforce, one barrage layer on the defender with tracking and system
 * reliability 1. The attacker's retaliation is then all of its RVs (and decoys) through the
 * defender's layer: delivered = RVs not engaged + engaged RVs that survive.
 */
export function analyticExchange(o: {
  warheads: number;
  decoysPerWarhead?: number;
  interceptors: number;
  shots: number;
  sspk: number;
  discrimination?: number;
}): ExchangeInput {
  const pk = { silo: 0, mobile: 0, ssbn: 0, bomber: 0 };
  return {
    sides: [
      {
        id: "def",
        name: "Defender",
        w80: 200,
        forces: [
          {
            id: "def-sub",
            name: "def-sub",
            basing: "ssbn",
            kind: "ballistic",
            launchers: 10,
            warheadsPerLauncher: 1,
            decoysPerWarhead: 0,
            reliability: 1,
            survivable: 1,
            counterforce: false,
          },
        ],
        counterforcePk: pk,
        promptStrike: [],
        defenses: [
          {
            id: "def-bmd",
            name: "def-bmd",
            layers: [
              {
                id: "mid",
                phase: "midcourse",
                interceptors: o.interceptors,
                sspk: o.sspk,
                tracking: 1,
                discrimination: o.discrimination ?? 0,
                reliability: 1,
                doctrine: { kind: "barrage", shots: o.shots },
                coverage: 1,
              },
            ],
          },
        ],
      },
      {
        id: "off",
        name: "Attacker",
        w80: 200,
        forces: [
          {
            id: "off-sub",
            name: "off-sub",
            basing: "ssbn",
            kind: "ballistic",
            launchers: o.warheads,
            warheadsPerLauncher: 1,
            decoysPerWarhead: o.decoysPerWarhead ?? 0,
            reliability: 1,
            survivable: 1,
            counterforce: false,
          },
        ],
        counterforcePk: pk,
        promptStrike: [],
        defenses: [],
      },
    ],
    analysis: {
      alpha: 0.3,
      costExponent: 0.75,
      strikerReadiness: 0.9,
      launchUnderAttack: 0,
      thresholds: { def: 1, off: 1 },
    },
  };
}

/** A race on the analytic exchange with the given settings for each side. */
export function analyticRace(
  exchange: ExchangeInput,
  def: Omit<RaceSide, "id">,
  off: Omit<RaceSide, "id">,
  rounds: number,
  moves: RaceInput["moves"] = "alternating",
): RaceInput {
  return {
    exchange,
    sides: [
      { id: "def", ...def },
      { id: "off", ...off },
    ],
    rounds,
    moves,
  };
}
