import type { Pmf } from "../prob/pmf.ts";
import { DEFAULT_PRUNE_TOLERANCE, pmfMean, pmfReflect, pmfToDense } from "../prob/pmf.ts";
import { DEFAULT_WORK_BUDGET, withWorkBudget } from "../limits.ts";
import { p0Ceiling } from "./killProbability.ts";
import { layerKill } from "./layerKill.ts";
import type { EngagementInput } from "./types.ts";

/** The result of one raid against one defensive layer (DESIGN §2.1, §3 `stratbal engage`). */
export interface EngagementResult {
  /** `leakers[k]` = P(k RVs leak through), k = 0..warheads. */
  readonly leakers: Float64Array;
  /** P(no RV leaks) = leakers[0]. */
  readonly pNoLeak: number;
  readonly expectedLeakers: number;
  /** Expected interceptors actually fired (nothing is fired when the layer fails). */
  readonly expectedInterceptorsUsed: number;
  /** R d^N: the most P(no leak) can be, whatever the inventory. */
  readonly pNoLeakCeiling: number;
  /** Expected objects engaged (in the first look). */
  readonly expectedObjectsEngaged: number;
  /** Upper bound on probability mass dropped by tail pruning. */
  readonly prunedMass: number;
}

/**
 * Exact leaker distribution of `warheads` RVs and `decoys` credible decoys against one layer.
 * @example engage({ warheads: 20, decoys: 0, interceptors: 80, sspk: 0.8, tracking: 1,
 *   discrimination: 0, reliability: 1, doctrine: { kind: "barrage", shots: 4 } }).pNoLeak // 0.968482
 */
export function engage(
  input: EngagementInput,
  tolerance: number = DEFAULT_PRUNE_TOLERANCE,
): EngagementResult {
  const N = input.warheads;
  const kill = withWorkBudget(DEFAULT_WORK_BUDGET, () =>
    layerKill(N, input.decoys, input, { tolerance }),
  );
  const R = input.reliability;
  // Leakers = N - killed when the layer works; all N leak when it fails.
  const whenWorks: Pmf = pmfReflect(kill.killed, N);
  const leakers = pmfToDense(whenWorks, N);
  for (let k = 0; k <= N; k++) leakers[k] = R * leakers[k]!;
  leakers[N] = leakers[N]! + (1 - R);
  const expectedLeakers = R * pmfMean(whenWorks) + (1 - R) * N;
  return {
    leakers,
    pNoLeak: leakers[0]!,
    expectedLeakers,
    expectedInterceptorsUsed: R * kill.expectedShots,
    pNoLeakCeiling: p0Ceiling({ warheads: N, tracking: input.tracking, reliability: R }),
    expectedObjectsEngaged: R * kill.expectedEngaged,
    prunedMass: kill.killed.pruned,
  };
}
