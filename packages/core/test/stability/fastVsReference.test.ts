import fc from "fast-check";
import { describe, it } from "vitest";
import type {
  Basing,
  Defense,
  DefenseLayer,
  ExchangeInput,
  ForceElement,
  Phase,
  Side,
} from "../../src/index.ts";
import { analyze, stabilityIndex } from "../../src/index.ts";
import { expectAbsErrorAtMost, expectRelErrorAtMost } from "../../../../test-support/expect.ts";

// The fast method (cost bounds, truncated convolution, PGF quadrature, reuse) must choose the
// same spends and give the same numbers as the reference method (every spend, plain convolution).

const basing = fc.constantFrom<Basing>("silo", "mobile", "ssbn", "bomber");
const prob = fc.double({ min: 0, max: 1, noNaN: true });

const element = (prefix: string, i: number, maxLaunchers = 40) =>
  fc
    .record({
      basing,
      launchers: fc.integer({ min: 0, max: maxLaunchers }),
      warheadsPerLauncher: fc.integer({ min: 1, max: 4 }),
      decoysPerWarhead: fc.integer({ min: 0, max: 2 }),
      reliability: fc.double({ min: 0.5, max: 1, noNaN: true }),
      survivable: prob,
      hgv: fc.boolean(),
    })
    .map((r): ForceElement => ({
      id: `${prefix}${i}`,
      name: `${prefix}${i}`,
      basing: r.basing,
      kind: r.basing === "bomber" ? "cruise" : r.hgv ? "hgv" : "ballistic",
      launchers: r.launchers,
      warheadsPerLauncher: r.warheadsPerLauncher,
      decoysPerWarhead: r.decoysPerWarhead,
      reliability: r.reliability,
      survivable: r.survivable,
      counterforce: r.basing !== "bomber",
    }));

const layer = (id: string, enemy: string[]) =>
  fc
    .record({
      phase: fc.constantFrom<"midcourse" | "terminal">("midcourse", "terminal"),
      interceptors: fc.integer({ min: 0, max: 30 }),
      sspk: fc.double({ min: 0.2, max: 0.95, noNaN: true }),
      tracking: fc.double({ min: 0.7, max: 1, noNaN: true }),
      discrimination: prob,
      reliability: fc.double({ min: 0.5, max: 1, noNaN: true }),
      even: fc.boolean(),
      shots: fc.integer({ min: 1, max: 4 }),
      coverage: fc.array(prob, { minLength: enemy.length, maxLength: enemy.length }),
    })
    .map((r): DefenseLayer => ({
      id,
      phase: r.phase,
      interceptors: r.interceptors,
      sspk: r.sspk,
      tracking: r.tracking,
      discrimination: r.discrimination,
      reliability: r.reliability,
      doctrine: r.even ? { kind: "even" } : { kind: "barrage", shots: r.shots },
      coverage: Object.fromEntries(enemy.map((e, i) => [e, r.coverage[i]!])),
    }));

/** A layer of any phase and doctrine (shoot-look-shoot included), small inventories. */
const anyLayer = (id: string, phase: Phase, enemy: string[]) =>
  fc
    .record({
      interceptors: fc.integer({ min: 0, max: 12 }),
      sspk: fc.double({ min: 0.2, max: 0.95, noNaN: true }),
      tracking: fc.double({ min: 0.7, max: 1, noNaN: true }),
      discrimination: prob,
      reliability: fc.double({ min: 0.5, max: 1, noNaN: true }),
      doctrine: fc.constantFrom("barrage", "even", "sls"),
      shots: fc.integer({ min: 1, max: 3 }),
      killAssessment: fc.double({ min: 0.5, max: 1, noNaN: true }),
      coverage: fc.array(fc.constantFrom(0, 0.5, 1, 1), {
        minLength: enemy.length,
        maxLength: enemy.length,
      }),
    })
    .map((r): DefenseLayer => ({
      id,
      phase,
      interceptors: r.interceptors,
      sspk: r.sspk,
      tracking: r.tracking,
      discrimination: r.discrimination,
      reliability: r.reliability,
      doctrine:
        r.doctrine === "even"
          ? { kind: "even" }
          : r.doctrine === "sls"
            ? { kind: "shoot-look-shoot", shots: [1, 1], killAssessment: r.killAssessment }
            : { kind: "barrage", shots: r.shots },
      coverage: Object.fromEntries(enemy.map((e, i) => [e, r.coverage[i]!])),
    }));

/** Small sides with up to three layers in flight order and prompt conventional strike. */
const layeredSide = (id: string, enemyPrefix: string, nEnemy: number, nOwn: number) => {
  const enemy = Array.from({ length: nEnemy }, (_, i) => `${enemyPrefix}${i}`);
  return fc
    .record({
      forces: fc.tuple(...Array.from({ length: nOwn }, (_, i) => element(id, i, 8))),
      w80: fc.double({ min: 10, max: 60, noNaN: true }),
      pk: fc.tuple(prob, prob, prob, prob),
      phases: fc.subarray<Phase>(["boost", "midcourse", "terminal"]),
      layers: fc.tuple(
        anyLayer(`${id}-l0`, "boost", enemy),
        anyLayer(`${id}-l1`, "midcourse", enemy),
        anyLayer(`${id}-l2`, "terminal", enemy),
      ),
      prompt: fc.integer({ min: 0, max: 6 }),
      promptPk: fc.tuple(prob, prob),
    })
    .map((r): Side => ({
      id,
      name: id,
      w80: r.w80,
      forces: r.forces,
      counterforcePk: { silo: r.pk[0], mobile: r.pk[1], ssbn: r.pk[2], bomber: r.pk[3] },
      promptStrike:
        r.prompt > 0
          ? [
              {
                id: `${id}-cps`,
                name: `${id}-cps`,
                weapons: r.prompt,
                pk: { silo: r.promptPk[0], mobile: r.promptPk[1], ssbn: 0, bomber: 0.5 },
              },
            ]
          : [],
      defenses:
        r.phases.length > 0
          ? [
              {
                id: `${id}-d`,
                name: `${id}-d`,
                layers: r.layers.filter((l) => r.phases.includes(l.phase)),
              } satisfies Defense,
            ]
          : [],
    }));
};

const layeredExchange = fc
  .tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }))
  .chain(([na, nb]) =>
    fc.record({
      a: layeredSide("a", "b", nb, na),
      b: layeredSide("b", "a", na, nb),
      lua: fc.constantFrom(0, 0.3),
    }),
  )
  .map(({ a, b, lua }): ExchangeInput => ({
    sides: [a, b],
    analysis: {
      alpha: 0.3,
      costExponent: 0.75,
      strikerReadiness: 0.9,
      launchUnderAttack: lua,
      thresholds: { a: 5, b: 5 },
    },
  }));

const side = (id: string, enemyPrefix: string, nEnemy: number, nOwn: number, maxLaunchers = 40) =>
  fc
    .record({
      forces: fc.tuple(...Array.from({ length: nOwn }, (_, i) => element(id, i, maxLaunchers))),
      w80: fc.double({ min: 20, max: 200, noNaN: true }),
      pk: fc.tuple(prob, prob, prob, prob),
      defended: fc.boolean(),
      layer: layer(
        `${id}-layer`,
        Array.from({ length: nEnemy }, (_, i) => `${enemyPrefix}${i}`),
      ),
    })
    .map((r): Side => ({
      id,
      name: id,
      w80: r.w80,
      forces: r.forces,
      counterforcePk: { silo: r.pk[0], mobile: r.pk[1], ssbn: r.pk[2], bomber: r.pk[3] },
      promptStrike: [],
      defenses: r.defended
        ? [{ id: `${id}-d`, name: `${id}-d`, layers: [r.layer] } satisfies Defense]
        : [],
    }));

const exchange = (maxLaunchers: number) =>
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
    .chain(([na, nb]) =>
      fc.record({
        a: side("a", "b", nb, na, maxLaunchers),
        b: side("b", "a", na, nb, maxLaunchers),
        lua: fc.constantFrom(0, 0, 0.3),
      }),
    )
    .map(({ a, b, lua }): ExchangeInput => ({
      sides: [a, b],
      analysis: {
        alpha: 0.3,
        costExponent: 0.75,
        strikerReadiness: 0.9,
        launchUnderAttack: lua,
        thresholds: { a: 10, b: 10 },
      },
    }));

function agree(input: ExchangeInput): void {
  const fast = analyze(input);
  const ref = analyze(input, { method: "reference" });
  expectAbsErrorAtMost(fast.firstStrikeStability, ref.firstStrikeStability, 1e-12);
  expectAbsErrorAtMost(
    fast.withoutDefenses.firstStrikeStability,
    ref.withoutDefenses.firstStrikeStability,
    1e-12,
  );
  fast.sides.forEach((s, i) => {
    const r = ref.sides[i]!;
    if (s.firstStrike.counterforceWarheads !== r.firstStrike.counterforceWarheads) {
      // Only a genuine tie (within 1e-12) may be resolved differently.
      expectAbsErrorAtMost(s.firstStrike.cost, r.firstStrike.cost, 1e-12);
    } else {
      expectRelErrorAtMost(s.firstStrike.delivered.mean, r.firstStrike.delivered.mean, 1e-10, 1e-6);
    }
    expectAbsErrorAtMost(s.ratio, r.ratio, 1e-12);
  });
  const idx = stabilityIndex(input);
  expectAbsErrorAtMost(idx.firstStrikeStability, fast.firstStrikeStability, 1e-15);
}

describe("fast and reference methods agree", () => {
  it("on the stability index, the chosen spends and the expected deliveries (1e-12), small forces", () => {
    fc.assert(fc.property(exchange(40), agree), { seed: 20261124, numRuns: 60 });
  });

  it("likewise for forces of hundreds of warheads (quadrature and truncation paths)", () => {
    fc.assert(fc.property(exchange(200), agree), { seed: 7, numRuns: 12 });
  });

  it("likewise with boost, midcourse and terminal layers, shoot-look-shoot and prompt strike", () => {
    fc.assert(fc.property(layeredExchange, agree), { seed: 20261125, numRuns: 40 });
  });
});
