import { describe, it } from "vitest";
import { engage, p0Ample, p0Ceiling } from "../../src/index.ts";
import type { Doctrine, EngagementInput } from "../../src/index.ts";
import { expectRelErrorAtMost } from "../../../../test-support/expect.ts";

const base = {
  warheads: 20,
  decoys: 0,
  interceptors: 80,
  sspk: 0.8,
  tracking: 1,
  discrimination: 0,
  reliability: 1,
} as const;
const barrage4: Doctrine = { kind: "barrage", shots: 4 };
const run = (over: Partial<EngagementInput>) => engage({ ...base, doctrine: barrage4, ...over });

// Worked values: DESIGN §2.1 and MODELS-RESEARCH §2.3 (computed there with numpy/scipy).
describe("engagement worked values (DESIGN §2.1)", () => {
  it("P0 = 0.968482 for p=0.8, n=4, N=20 with ample inventory", () => {
    expectRelErrorAtMost(run({}).pNoLeak, 0.968482, 1e-6);
    expectRelErrorAtMost(run({}).pNoLeak, p0Ample({ warheads: 20, sspk: 0.8, shots: 4 }), 1e-13);
  });

  it("P0 = 0.792128 with tracking 0.99", () => {
    expectRelErrorAtMost(run({ tracking: 0.99 }).pNoLeak, 0.792128, 1e-6);
  });

  it("P0 = 0.752522 and E[leakers] = 1.220096 with tracking 0.99 and reliability 0.95", () => {
    const r = run({ tracking: 0.99, reliability: 0.95 });
    expectRelErrorAtMost(r.pNoLeak, 0.752522, 1e-6);
    expectRelErrorAtMost(r.expectedLeakers, 1.220096, 1e-6);
  });

  it("even spread, I=80 and 20 undiscriminated decoys: P0 = 0.442002, E[leakers] = 0.80", () => {
    const r = run({ decoys: 20, doctrine: { kind: "even" } });
    expectRelErrorAtMost(r.pNoLeak, 0.442002, 1e-6);
    expectRelErrorAtMost(r.expectedLeakers, 0.8, 1e-12);
  });

  it("even spread, I=80, 60 decoys: P0 = 0.011529, E[leakers] = 4.00", () => {
    const r = run({ decoys: 60, doctrine: { kind: "even" } });
    expectRelErrorAtMost(r.pNoLeak, 0.011529, 1e-4);
    expectRelErrorAtMost(r.expectedLeakers, 4, 1e-12);
  });

  it("even spread, I=100, 20 decoys: P0 = 0.614367, E[leakers] = 0.48", () => {
    const r = run({ interceptors: 100, decoys: 20, doctrine: { kind: "even" } });
    expectRelErrorAtMost(r.pNoLeak, 0.614367, 1e-6);
    expectRelErrorAtMost(r.expectedLeakers, 0.48, 1e-12);
  });

  it("shoot-look-shoot 2+2 with k=0.9 leaks q = 0.00544 per RV and uses 2.072 interceptors per RV", () => {
    const r = run({
      interceptors: 10_000,
      doctrine: { kind: "shoot-look-shoot", shots: [2, 2], killAssessment: 0.9 },
    });
    expectRelErrorAtMost(r.expectedLeakers / 20, 0.00544, 1e-12);
    expectRelErrorAtMost(r.expectedInterceptorsUsed / 20, 2.072, 1e-12);
  });

  it("shoot-look-shoot 2+2 with perfect kill assessment equals a barrage of 4 for 2.08 per RV", () => {
    const sls = run({
      interceptors: 10_000,
      doctrine: { kind: "shoot-look-shoot", shots: [2, 2], killAssessment: 1 },
    });
    expectRelErrorAtMost(sls.pNoLeak, run({}).pNoLeak, 1e-13);
    expectRelErrorAtMost(sls.expectedInterceptorsUsed / 20, 2.08, 1e-12);
  });

  it("shoot-look-shoot 1+2 leaks q = 0.008 per RV for 1.40 interceptors per RV", () => {
    const r = run({
      interceptors: 10_000,
      doctrine: { kind: "shoot-look-shoot", shots: [1, 2], killAssessment: 1 },
    });
    expectRelErrorAtMost(r.expectedLeakers / 20, 0.008, 1e-12);
    expectRelErrorAtMost(r.expectedInterceptorsUsed / 20, 1.4, 1e-12);
  });

  it("P0 against raid size with ample inventory follows (1 - 0.2^4)^N", () => {
    const table: [number, number][] = [
      [1, 0.9984],
      [5, 0.992],
      [10, 0.9841],
      [50, 0.9231],
      [100, 0.852],
    ];
    for (const [N, p0] of table) {
      expectRelErrorAtMost(run({ warheads: N, interceptors: 4 * N }).pNoLeak, p0, 1e-4);
    }
  });
});

describe("the P0 ceiling R·d^N", () => {
  it("is never exceeded however many interceptors are bought", () => {
    const ceiling = p0Ceiling({ warheads: 20, tracking: 0.99, reliability: 0.95 });
    expectRelErrorAtMost(ceiling, 0.95 * 0.99 ** 20, 1e-14);
    for (const I of [80, 200, 1000, 10_000]) {
      for (const shots of [4, 10, 50]) {
        const r = run({
          interceptors: I,
          tracking: 0.99,
          reliability: 0.95,
          doctrine: { kind: "barrage", shots },
        });
        if (!(r.pNoLeak <= ceiling * (1 + 1e-12)))
          throw new Error(`P0 ${r.pNoLeak} above ceiling ${ceiling}`);
      }
    }
  });

  it("is approached as shots grow with ample inventory", () => {
    const r = run({
      interceptors: 20 * 60,
      tracking: 0.99,
      reliability: 0.95,
      doctrine: { kind: "barrage", shots: 60 },
    });
    expectRelErrorAtMost(r.pNoLeak, 0.95 * 0.99 ** 20, 1e-12);
  });
});
