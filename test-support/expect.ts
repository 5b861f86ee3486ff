import { expect } from "vitest";

/**
 * Asserts |actual - expected| <= tol * max(|expected|, floor): a relative tolerance that becomes
 * absolute near zero. Every numeric assertion in the suite states its tolerance through this.
 */
export function expectRelErrorAtMost(
  actual: number,
  expected: number,
  tol: number,
  floor = 1e-300,
): void {
  const scale = Math.max(Math.abs(expected), floor);
  const err = Math.abs(actual - expected) / scale;
  if (!(err <= tol)) {
    expect.fail(
      `expected ${actual} to be within relative ${tol} of ${expected} (relative error ${err})`,
    );
  }
}

/** Asserts |actual - expected| <= tol. */
export function expectAbsErrorAtMost(actual: number, expected: number, tol: number): void {
  const err = Math.abs(actual - expected);
  if (!(err <= tol)) {
    expect.fail(`expected ${actual} to be within ${tol} of ${expected} (absolute error ${err})`);
  }
}

/** Asserts that every entry of two arrays agrees within an absolute tolerance. */
export function expectArraysClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: number,
): void {
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    const a = actual[i] ?? 0;
    const e = expected[i] ?? 0;
    if (!(Math.abs(a - e) <= tol)) {
      expect.fail(
        `index ${i}: expected ${a} to be within ${tol} of ${e} (error ${Math.abs(a - e)})`,
      );
    }
  }
}
