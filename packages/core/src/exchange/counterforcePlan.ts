import { mapList, objectList } from "../lists.ts";
import type { Side } from "./types.ts";

/** Launchers of one element that have received the same weapons: they survive alike. */
export interface LauncherGroup {
  /** Launchers in the group. */
  readonly count: number;
  /** Probability that a launcher of the group survives the weapons aimed at it. */
  readonly survival: number;
  /** Whether the group can be targeted at all (false: the survivable share). */
  readonly targetable: boolean;
}

interface MutableGroup {
  count: number;
  survival: number;
  /** Nuclear warheads aimed at each launcher of the group. */
  warheads: number;
}

/** No pk array yet (a fixed object, so the field always holds a typed array). */
const NO_PKS = new Float64Array(0);

/**
 * The striker's counterforce attack on the victim's forces, built up one warhead at a time by
 * greedy allocation (DESIGN §2.2): each warhead goes to the targetable launcher with the largest
 * marginal reduction in expected surviving warheads that would work, `w · rel · pk · S` for a
 * launcher of `w` warheads, missile reliability `rel`, current survival probability `S`. Survival is convex in warheads assigned, so greedy is
 * optimal. Ties go to the element declared first. Conventional prompt-strike weapons are
 * allocated first, by the same rule, since they can only do counterforce.
 *
 * Call `step()` to add the next nuclear warhead; `groups(e)` gives element e's launcher groups.
 * Each element's targeted groups are kept in decreasing survival, ties in the order they were
 * made (a stable sort of the order of creation), so nothing needs sorting when they are read.
 *
 * Per-element numbers live in typed arrays: a plain array's representation (small integers or
 * doubles) follows its values, and a sweep reaches both, so every new one would throw away the
 * compiled code that reads them (each time a worker thread warms up).
 */
export class CounterforcePlan {
  private readonly victim: Side;
  private readonly pk: Float64Array;
  private readonly targeted: MutableGroup[][];
  private readonly untargetable: Float64Array;
  /** Nuclear warheads spent so far. */
  spent = 0;
  /** A number that changes whenever an element's launcher groups change (unique across plans). */
  private readonly versions: Float64Array;
  private static nextVersion = 0;
  /** Prompt-strike weapons spent. */
  readonly promptSpent: number;

  constructor(striker: Side, victim: Side) {
    this.victim = victim;
    this.pk = Float64Array.from(victim.forces, (f) => striker.counterforcePk[f.basing]);
    // Of an element's launchers, round(launchers × survivable) cannot be targeted (half up).
    this.untargetable = Float64Array.from(victim.forces, (f) =>
      Math.round(f.launchers * f.survivable),
    );
    this.versions = Float64Array.from(victim.forces, () => ++CounterforcePlan.nextVersion);
    this.gains = new Float64Array(victim.forces.length);
    this.targeted = mapList(victim.forces, (f, e) => {
      const n = f.launchers - this.untargetable[e]!;
      // One list representation whether the element has targetable launchers or not (lists.ts).
      const groups = objectList<MutableGroup>();
      if (n > 0) groups.push({ count: n, survival: 1, warheads: 0 });
      return groups;
    });
    let prompt = 0;
    for (const ps of striker.promptStrike) {
      const pks = Float64Array.from(victim.forces, (f) => ps.pk[f.basing]);
      for (let i = 0; i < ps.weapons; i++) {
        if (!this.assign(pks, false)) break;
        prompt++;
      }
    }
    this.promptSpent = prompt;
  }

  /**
   * Aims one more nuclear warhead. Returns false (and spends nothing) when no targetable
   * launcher is left to aim at.
   */
  step(): boolean {
    const ok = this.assign(this.pk, true);
    if (ok) this.spent++;
    return ok;
  }

  /**
   * Each element's marginal gain for the weapons in `pks`: the reduction in expected surviving
   * working warheads from one more weapon on its most survivable targeted launcher (reliability
   * included, so that more survivable launchers can never lower the victim's retaliation without
   * defenses); -1 when nothing of it can be targeted. Groups are kept in decreasing survival, so
   * that launcher is in the first group. Only the element just struck changes.
   */
  private readonly gains: Float64Array;
  private gainsFor: Float64Array = NO_PKS;

  private gainOf(pks: Float64Array, e: number): number {
    const groups = this.targeted[e]!;
    if (groups.length === 0) return -1;
    const f = this.victim.forces[e]!;
    return f.warheadsPerLauncher * f.reliability * pks[e]! * groups[0]!.survival;
  }

  private assign(pks: Float64Array, nuclear: boolean): boolean {
    const forces = this.victim.forces;
    if (this.gainsFor !== pks) {
      for (let e = 0; e < forces.length; e++) this.gains[e] = this.gainOf(pks, e);
      this.gainsFor = pks;
    }
    let bestE = -1;
    let best = -1;
    for (let e = 0; e < forces.length; e++) {
      const gain = this.gains[e]!;
      if (gain < 0) continue;
      if (gain > best * (1 + 1e-12)) {
        best = gain;
        bestE = e;
      }
    }
    if (bestE < 0) return false;
    const groups = this.targeted[bestE]!;
    const from = groups[0]!;
    const survival = from.survival * (1 - pks[bestE]!);
    const warheads = from.warheads + (nuclear ? 1 : 0);
    this.versions[bestE] = ++CounterforcePlan.nextVersion;
    from.count--;
    let to: MutableGroup | undefined;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (
        g.warheads === warheads &&
        Math.abs(g.survival - survival) <= 1e-15 * Math.max(1, survival)
      ) {
        to = g;
        break;
      }
    }
    if (to) to.count++;
    else {
      // After every group at least as likely to survive: ties stay in the order they were made.
      let at = groups.length;
      while (at > 0 && groups[at - 1]!.survival < survival) at--;
      groups.splice(at, 0, { count: 1, survival, warheads });
    }
    if (from.count === 0) groups.splice(groups.indexOf(from), 1);
    this.gains[bestE] = this.gainOf(pks, bestE);
    return true;
  }

  /** Changes exactly when element `e`'s launcher groups change: a cache key for what derives from them. */
  version(e: number): number {
    return this.versions[e]!;
  }

  /** Launcher groups of victim element `e`: the untargetable share first, then targeted groups. */
  groups(e: number): LauncherGroup[] {
    const out: LauncherGroup[] = [];
    const u = this.untargetable[e]!;
    if (u > 0) out.push({ count: u, survival: 1, targetable: false });
    for (const g of this.targeted[e]!) {
      out.push({ count: g.count, survival: g.survival, targetable: true });
    }
    return out;
  }

  /** Launchers of element `e` that cannot be targeted (they survive with probability 1). */
  untargetableCount(e: number): number {
    return this.untargetable[e]!;
  }

  /**
   * Element `e`'s targeted groups in decreasing survival (ties in the order they were made), as
   * `groups(e)` lists them after the untargetable share; a live view for loops that must not
   * allocate. It changes with the next `step()`.
   */
  targetedGroups(e: number): readonly { readonly count: number; readonly survival: number }[] {
    return this.targeted[e]!;
  }

  /** Expected warheads on surviving launchers that also work: what retaliates with no defenses. */
  expectedSurvivingWarheadsReliable(launchUnderAttack: number): number {
    return this.expectedWarheads(launchUnderAttack, true);
  }

  /** Expected surviving launchers × warheads per launcher, over the victim's forces. */
  expectedSurvivingWarheads(launchUnderAttack: number): number {
    return this.expectedWarheads(launchUnderAttack, false);
  }

  // Direct sums over the groups, without building group lists: this runs once per spend.
  private expectedWarheads(launchUnderAttack: number, reliable: boolean): number {
    let total = 0;
    const forces = this.victim.forces;
    for (let e = 0; e < forces.length; e++) {
      const f = forces[e]!;
      let launchers = this.untargetable[e]!;
      const groups = this.targeted[e]!;
      for (let i = 0; i < groups.length; i++) {
        const g = groups[i]!;
        launchers += g.count * (launchUnderAttack + (1 - launchUnderAttack) * g.survival);
      }
      total += f.warheadsPerLauncher * (reliable ? f.reliability : 1) * launchers;
    }
    return total;
  }
}
