/**
 * Probability that `shots` independent interceptors kill a tracked RV, times the tracking
 * probability: `d (1 - (1 - p)^n)` (Wilkening 1999, eq. for the per-RV kill probability).
 * @param sspk single-shot kill probability p in [0, 1]
 * @param shots interceptors fired at the RV, n >= 0
 * @param tracking tracking probability d in [0, 1]
 */
export function killProbability(sspk: number, shots: number, tracking = 1): number {
  if (shots <= 0) return 0;
  return tracking * -Math.expm1(shots * Math.log1p(-sspk));
}

/**
 * Probability that `shots` interceptors all miss: `(1 - p)^n`, computed as exp(n log1p(-p)) so
 * that it keeps its precision when it is small.
 */
export function missProbability(sspk: number, shots: number): number {
  if (shots <= 0) return 1;
  if (sspk >= 1) return 0;
  return Math.exp(shots * Math.log1p(-sspk));
}

/**
 * P(no leaker) with ample inventory and no decoys: `R (d (1 - (1-p)^n))^N`.
 * @example p0Ample({ warheads: 20, sspk: 0.8, shots: 4 }) // 0.968482
 */
export function p0Ample(args: {
  warheads: number;
  sspk: number;
  shots: number;
  tracking?: number;
  reliability?: number;
}): number {
  const pk = killProbability(args.sspk, args.shots, args.tracking ?? 1);
  return (args.reliability ?? 1) * Math.pow(pk, args.warheads);
}

/**
 * The ceiling on P(no leaker) however many interceptors are bought: `R d^N`. Failures that
 * more interceptors cannot fix (tracking, system reliability) bound what defense can promise.
 */
export function p0Ceiling(args: {
  warheads: number;
  tracking: number;
  reliability: number;
}): number {
  return args.reliability * Math.pow(args.tracking, args.warheads);
}
