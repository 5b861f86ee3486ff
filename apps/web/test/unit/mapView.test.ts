import { describe, expect, it } from "vitest";
import { edges, fillGaps } from "../../src/views/StabilityMapView.tsx";

describe("stability map drawing", () => {
  it("puts cell edges halfway between centres, half a step beyond the ends", () => {
    expect(edges([0, 10, 20])).toEqual([-5, 5, 15, 25]);
    expect(edges([0.5])).toEqual([0.45, 0.55]);
  });
  it("fills cells not computed yet from their nearest computed cell", () => {
    const done = [
      { i: 0, j: 0, v: 1 },
      { i: 2, j: 0, v: 3 },
    ];
    expect(fillGaps(3, 1, done)).toEqual([{ i: 1, j: 0, v: 1 }]);
    expect(fillGaps(3, 2, done).map((c) => c.v)).toEqual([1, 1, 1, 3]);
    expect(fillGaps(2, 1, [])).toEqual([]);
  });
});
