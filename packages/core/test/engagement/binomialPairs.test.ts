import { describe, it } from "vitest";
import { binomialPmf, convolve, hypergeometricPmf } from "../../src/index.ts";
import { HypergeometricWalk } from "../../src/engagement/poolDelivered.ts";
import { binomialPairs } from "../../src/engagement/layerKill.ts";
import { expectAbsErrorAtMost } from "../../../../test-support/expect.ts";

// The even-spread kernel walks D_h = Bin(h, k+) ⊛ Bin(N − h, k) across h by swapping one
// Bernoulli at a time; the walk must stay within rounding of direct convolution however far it
// goes (it would drift by orders of magnitude if it went the unstable way).
describe("binomialPairs", () => {
  const cases: [number, number, number, number, number][] = [
    [10_000, 6_400, 6_900, 0.992, 0.96],
    [10_000, 6_400, 6_900, 0.96, 0.992],
    [10_000, 100, 600, 0.3, 0.8],
    [2_000, 0, 2_000, 0.6, 0.5],
    [500, 50, 450, 0.96, 0],
    [30, 0, 3, 0.5, 0.2],
    // Sure kills (probability 1) shift mass by a whole count: the walk needs room below.
    [12, 0, 12, 1, 1],
    [12, 0, 12, 1, 0.5],
    [12, 0, 12, 0.5, 1],
  ];
  for (const [N, lo, hi, kPlus, kBase] of cases) {
    it(`matches direct convolution within 1e-14 (N=${N}, h=${lo}..${hi}, k+=${kPlus}, k=${kBase})`, () => {
      const walk = binomialPairs(N, lo, hi, kPlus, kBase, 1e-15);
      for (let h = lo; h <= hi; h += Math.max(1, Math.floor((hi - lo) / 17))) {
        const a = walk[h - lo]!;
        const b = convolve(binomialPmf(h, kPlus), binomialPmf(N - h, kBase));
        const from = Math.min(a.offset, b.offset);
        const to = Math.max(a.offset + a.mass.length, b.offset + b.mass.length);
        for (let x = from; x < to; x++) {
          expectAbsErrorAtMost(a.mass[x - a.offset] ?? 0, b.mass[x - b.offset] ?? 0, 1e-14);
        }
      }
    });
  }
});

describe("HypergeometricWalk", () => {
  it("follows exact hypergeometric rows as the total grows (1e-14 absolute: a few ulps drift between anchors)", () => {
    for (const [N, E, from, to] of [
      [300, 101, 320, 900],
      [5, 80, 90, 400],
      [150, 150, 151, 700],
    ] as const) {
      const walk = new HypergeometricWalk(N, E);
      for (let T = from; T < to; T += T % 7 === 0 ? 3 : 1) {
        const into = new Float64Array(Math.min(N, E) + 1);
        walk.addTo(into, T, 1);
        const exact = hypergeometricPmf(T, N, E, 0);
        for (let j = 0; j < into.length; j++) {
          expectAbsErrorAtMost(into[j]!, exact.mass[j - exact.offset] ?? 0, 1e-14);
        }
      }
    }
  });
});
