/**
 * Share of a side's value destroyed by `w` delivered warheads: D(w) = 1 − exp(−w ln 5 / w80),
 * where `w80` warheads destroy 80% (DESIGN §2.2). A notional stand-in for Kent & Thaler's
 * hand-drawn damage curves (RAND R-3765-AF, 1989, Fig. 7), not a weapons-effects model.
 * @param w delivered warheads (expected), >= 0
 * @param w80 warheads that destroy 80% of the side's value, > 0
 */
export function damage(w: number, w80: number): number {
  return -Math.expm1((-w * Math.log(5)) / w80);
}

/**
 * Kent & Thaler's cost to a side: C = D_own^e + α (1 − D_enemy^e), with e = 0.75 and α = 0.3
 * in the report (RAND R-3765-AF, 1989, App. C). Ranges from 0 (own side untouched, enemy
 * destroyed) through 1 (both destroyed) to 1 + α (own side destroyed, enemy untouched).
 * @example kentThalerCost(0.4, 0.7, 0.3, 0.75) // 0.573388
 */
export function kentThalerCost(
  ownDamage: number,
  enemyDamage: number,
  alpha: number,
  exponent: number,
): number {
  return power(ownDamage, exponent) + alpha * (1 - power(enemyDamage, exponent));
}

/**
 * x^e for x in [0, 1]. Kent & Thaler's e = 0.75 (the default) as √(x·√x): square roots are
 * correctly rounded, so this is within about 1 ulp of x^0.75, and several times faster than
 * Math.pow, which matters because the stop rule evaluates costs at every counterforce spend.
 */
function power(x: number, e: number): number {
  // Below 1e-150, x·√x would underflow; those costs are 0 to any precision that matters, but
  // Math.pow keeps them exact.
  if (e === 0.75) return x < 1e-150 ? Math.pow(x, e) : Math.sqrt(x * Math.sqrt(x));
  if (e === 0.5) return Math.sqrt(x);
  if (e === 1) return x;
  return Math.pow(x, e);
}

/**
 * A side's break-even probability of being attacked, r = min(1, C1/C2): striking first costs C1,
 * waiting and being struck costs C2 (Kent & Thaler 1989, pp. 26, 29). When C2 = 0 being struck
 * costs nothing, so there is no advantage in striking first: r = 1.
 */
export function breakEvenRatio(c1: number, c2: number): number {
  if (!(c2 > 0)) return 1;
  return Math.min(1, c1 / c2);
}
