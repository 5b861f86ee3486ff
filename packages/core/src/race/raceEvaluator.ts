import { engageRaid } from "../engagement/engageRaid.ts";
import type { DefenseLayer, RaidElement } from "../engagement/types.ts";
import type { ExchangeInput } from "../exchange/types.ts";
import { binomialPmf } from "../prob/binomialPmf.ts";
import { ModelLimitError } from "../limits.ts";
import { analyze } from "../stability/analyze.ts";
import type { Posture } from "./posture.ts";
import { postureKey, sideLayers, withPosture } from "./posture.ts";
import type { ThirdPartyElement } from "./types.ts";

/** What the race needs to know about a posture, from the exchange model (DESIGN §2.2–2.3). */
export interface PostureEvaluation {
  /**
   * `retaliation[i][k]` = P(side i delivers k warheads in retaliation after the other side's best
   * first strike, through the other's defenses) — `analyze(...).sides[i].secondStrike.deliveredPmf`.
   */
  readonly retaliation: readonly [Float64Array, Float64Array];
  readonly retaliationMean: readonly [number, number];
  /** Kent & Thaler first-strike stability index with defenses. */
  readonly firstStrikeStability: number;
}

/** P(X >= k) of a dense PMF over 0..n. */
export function tailAtLeast(pmf: Float64Array, k: number): number {
  let s = 0;
  for (let i = Math.max(0, k); i < pmf.length; i++) s += pmf[i]!;
  return Math.min(1, s);
}

/** P(X <= k) of a dense PMF over 0..n. */
export function headAtMost(pmf: Float64Array, k: number): number {
  let s = 0;
  for (let i = 0; i <= Math.min(k, pmf.length - 1); i++) s += pmf[i]!;
  return Math.min(1, s);
}

/** The most warheads delivered with probability at least `c`: max k with P(X >= k) >= c. */
export function warheadsAtConfidence(pmf: Float64Array, c: number): number {
  let tail = 0;
  for (let k = pmf.length - 1; k >= 0; k--) {
    tail += pmf[k]!;
    // 1e-12 slack: a tail that equals c up to rounding counts as reaching it.
    if (tail >= c - 1e-12) return k;
  }
  return 0;
}

/** The least k with P(X <= k) >= c. */
export function warheadsAtMost(pmf: Float64Array, c: number): number {
  let head = 0;
  for (let k = 0; k < pmf.length; k++) {
    head += pmf[k]!;
    if (head >= c - 1e-12) return k;
  }
  return pmf.length - 1;
}

function mean(pmf: Float64Array): number {
  let s = 0;
  let m = 0;
  for (let k = 0; k < pmf.length; k++) {
    s += pmf[k]!;
    m += k * pmf[k]!;
  }
  return s > 0 ? m / s : 0;
}

/**
 * Evaluates race postures with the exchange and engagement models, caching every result by
 * posture: the searches of a race probe the same postures many times.
 */
export class RaceEvaluator {
  private readonly base: ExchangeInput;
  private readonly cache = new Map<string, PostureEvaluation>();
  private readonly p0Cache = new Map<string, number>();
  /** Exchange evaluations computed (cache misses) and served from the cache. */
  exchangeEvaluations = 0;
  cacheHits = 0;
  engagementEvaluations = 0;

  private readonly caching: boolean;

  /** @param options.cache keep results by posture (default true; false only for baselines) */
  constructor(base: ExchangeInput, options: { readonly cache?: boolean } = {}) {
    this.base = base;
    this.caching = options.cache ?? true;
  }

  /** The exchange input of a posture. */
  input(p: Posture): ExchangeInput {
    return withPosture(this.base, p);
  }

  /** Retaliation distributions and stability at a posture (cached). */
  evaluate(p: Posture): PostureEvaluation {
    const key = postureKey(p);
    const hit = this.cache.get(key);
    if (hit) {
      this.cacheHits++;
      return hit;
    }
    this.exchangeEvaluations++;
    const r = analyze(this.input(p));
    const a = r.sides[0].secondStrike.deliveredPmf;
    const b = r.sides[1].secondStrike.deliveredPmf;
    const out: PostureEvaluation = {
      retaliation: [a, b],
      retaliationMean: [mean(a), mean(b)],
      firstStrikeStability: r.firstStrikeStability,
    };
    if (this.caching) this.cache.set(key, out);
    return out;
  }

  /**
   * P(no warhead leaks) of a third party's raid in a given round against the named layers of
   * `side` at posture `p`; every listed layer covers the whole raid.
   */
  thirdPartyPNoLeak(
    p: Posture,
    side: 0 | 1,
    layerIds: readonly string[],
    raid: readonly ThirdPartyElement[],
    round: number,
  ): number {
    const all = sideLayers(this.base.sides[side]);
    const idx = layerIds.map((id) => {
      const i = all.findIndex((l) => l.id === id);
      if (i < 0) throw new Error(`race: no layer ${id}`);
      return i;
    });
    const key = `${side}|${round}|${idx.map((i) => p.interceptors[side][i]).join(",")}|${layerIds.join(",")}`;
    const hit = this.p0Cache.get(key);
    if (hit !== undefined) return hit;
    this.engagementEvaluations++;
    const layers: DefenseLayer[] = idx
      .map((i) => ({ ...all[i]!, interceptors: p.interceptors[side][i]!, coverage: 1 }))
      .sort((x, y) => PHASE[x.phase] - PHASE[y.phase]);
    const elements: RaidElement[] = raid.map((e) => ({
      id: e.id,
      kind: "ballistic",
      warheadsPerMissile: e.warheadsPerMissile,
      decoysPerMissile: e.decoysPerMissile,
      missiles: binomialPmf(e.missiles + e.growthPerRound * round, e.reliability),
    }));
    const r = engageRaid(elements, layers);
    if (!r.ok) throw new ModelLimitError(r.message);
    if (this.caching) this.p0Cache.set(key, r.pNoLeak);
    return r.pNoLeak;
  }
}

const PHASE = { boost: 0, midcourse: 1, terminal: 2 } as const;
