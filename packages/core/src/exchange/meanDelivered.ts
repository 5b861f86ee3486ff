import type { DefenseLayer, RaidElement } from "../engagement/engageRaid.ts";
import { engageRaid } from "../engagement/engageRaid.ts";
import { killProbability } from "../engagement/killProbability.ts";
import { mapList } from "../lists.ts";
import { binomialPmf } from "../prob/binomialPmf.ts";
import { gaussLaguerre } from "../prob/gaussLaguerre.ts";
import { sequentialKilled } from "./sequentialKilled.ts";
import type { Pmf } from "../prob/pmf.ts";
import { DEFAULT_PRUNE_TOLERANCE, pmfMean } from "../prob/pmf.ts";

/**
 * Over the number of threat objects T in a layer's footprint: `p[t] = P(T = t)` and
 * `q[t] = E[N; T = t]`, N the RVs among them. Independent elements combine by
 * (p, q) ⊗ (p', q') = (p * p', q * p' + p * q'), the product rule for E[N 1{T = t}].
 */
interface Pair {
  readonly offset: number;
  readonly p: Float64Array;
  readonly q: Float64Array;
}

function pairOf(el: RaidElement, layer: DefenseLayer, tolerance: number): Pair {
  const w = el.warheadsPerMissile;
  const k = el.decoysPerMissile;
  const m = el.missiles;
  const objectsPerMissile = layer.phase === "boost" ? 1 : w;
  const decoys = layer.phase === "midcourse" && k > 0 && layer.discrimination < 1;
  const maxT = (m.offset + m.mass.length - 1) * (objectsPerMissile + (decoys ? k : 0));
  const lo = m.offset * objectsPerMissile;
  const p = new Float64Array(maxT - lo + 1);
  const q = new Float64Array(maxT - lo + 1);
  for (let i = 0; i < m.mass.length; i++) {
    const a = m.mass[i]!;
    if (a === 0) continue;
    const n = m.offset + i;
    const base = n * objectsPerMissile - lo;
    const rvs = n * w;
    if (!decoys) {
      p[base] = p[base]! + a;
      q[base] = q[base]! + a * rvs;
      continue;
    }
    const u = binomialPmf(n * k, 1 - layer.discrimination, tolerance);
    for (let j = 0; j < u.mass.length; j++) {
      const t = base + u.offset + j;
      const wt = a * u.mass[j]!;
      p[t] = p[t]! + wt;
      q[t] = q[t]! + wt * rvs;
    }
  }
  return trimPair({ offset: lo, p, q }, tolerance);
}

/** Drops tails of T where P(T = t) is below tolerance/2 on each side (E[N; T=t] <= N_max P). */
function trimPair(x: Pair, tolerance: number): Pair {
  const half = tolerance / 2;
  let lo = 0;
  let hi = x.p.length - 1;
  let dropped = 0;
  while (lo < hi && dropped + x.p[lo]! <= half) dropped += x.p[lo++]!;
  dropped = 0;
  while (hi > lo && dropped + x.p[hi]! <= half) dropped += x.p[hi--]!;
  if (lo === 0 && hi === x.p.length - 1) return x;
  return { offset: x.offset + lo, p: x.p.slice(lo, hi + 1), q: x.q.slice(lo, hi + 1) };
}

function pairProduct(a: Pair, b: Pair, tolerance: number): Pair {
  const n = a.p.length + b.p.length - 1;
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  for (let i = 0; i < a.p.length; i++) {
    const ap = a.p[i]!;
    const aq = a.q[i]!;
    if (ap === 0 && aq === 0) continue;
    for (let j = 0; j < b.p.length; j++) {
      const bp = b.p[j]!;
      if (bp === 0 && b.q[j] === 0) continue;
      p[i + j] = p[i + j]! + ap * bp;
      q[i + j] = q[i + j]! + aq * bp + ap * b.q[j]!;
    }
  }
  return trimPair({ offset: a.offset + b.offset, p, q }, tolerance);
}

// Pairs depend only on the element (its missiles PMF object) and the layer: cache them, since
// a counterforce walk changes one element at a time and reuses the others unchanged.
const pairCache = new WeakMap<RaidElement, WeakMap<DefenseLayer, Pair>>();

function cachedPair(el: RaidElement, layer: DefenseLayer, tolerance: number): Pair {
  let byLayer = pairCache.get(el);
  if (!byLayer) {
    byLayer = new WeakMap();
    pairCache.set(el, byLayer);
  }
  let pr = byLayer.get(layer);
  if (!pr) {
    pr = pairOf(el, layer, tolerance);
    byLayer.set(layer, pr);
  }
  return pr;
}

/**
 * Share of the RVs in a layer's footprint that the layer kills, given that it works and that
 * the footprint holds `t` threat objects (RVs or, in boost, missiles). For barrage and even
 * spread the expected kills given (N, T) are N times this, because engaged objects are drawn
 * uniformly (DESIGN §2.1).
 */
function killShare(layer: DefenseLayer, t: number): number {
  let table = shareTables.get(layer);
  if (!table || t >= table.length) {
    const next = new Float64Array(Math.max(t + 1, 2 * (table?.length ?? 64)));
    for (let i = 0; i < next.length; i++)
      next[i] = i < (table?.length ?? 0) ? table![i]! : killShareAt(layer, i);
    shareTables.set(layer, next);
    table = next;
  }
  return table[t]!;
}

const shareTables = new WeakMap<DefenseLayer, Float64Array>();

function killShareAt(layer: DefenseLayer, t: number): number {
  if (t === 0) return 0;
  const d = layer.doctrine;
  if (d.kind === "barrage") {
    const engaged = Math.min(t, Math.floor(layer.interceptors / d.shots));
    return (killProbability(layer.sspk, d.shots, layer.tracking) * engaged) / t;
  }
  if (d.kind === "even") {
    const b = Math.floor(layer.interceptors / t);
    const r = layer.interceptors - b * t;
    const kb = killProbability(layer.sspk, b, layer.tracking);
    return kb + (r / t) * (killProbability(layer.sspk, b + 1, layer.tracking) - kb);
  }
  throw new Error("killShare: shoot-look-shoot has no linear kill share");
}

/**
 * Expected RVs delivered by a raid through layered defenses. Exact. When every element flies
 * through at most one layer and no engaged layer shoots-looks-shoots, it uses the fast form
 * E[delivered] = Σ w E[m] − Σ_layers R Σ_t killShare(t) E[N; T = t]; otherwise it runs the full
 * layered engagement. Returns undefined when the full engagement would be too large.
 */
export function meanDelivered(
  raid: readonly RaidElement[],
  layers: readonly DefenseLayer[],
  tolerance: number = DEFAULT_PRUNE_TOLERANCE,
): number | undefined {
  let total = 0;
  for (const el of raid) total += el.warheadsPerMissile * pmfMean(el.missiles);
  const killed = meanKilled(raid, layers, tolerance);
  // A difference of expectations can round below 0 when the layers remove nearly everything.
  return killed === undefined ? undefined : Math.max(0, total - killed);
}

/**
 * How expected kills are computed: `fast` picks the cheapest exact method (truncated
 * convolution, PGF quadrature, or convolution reusing unchanged elements); `reference` always
 * convolves every element afresh — slower, simpler, the baseline the others are tested against.
 */
export type MeanMethod = "fast" | "reference";

/**
 * Expected RVs the layers remove from a raid (exact). Elements that fly through no layer do not
 * matter: callers may leave them out and add their expectation in closed form.
 */
export function meanKilled(
  raid: readonly RaidElement[],
  layers: readonly DefenseLayer[],
  tolerance: number = DEFAULT_PRUNE_TOLERANCE,
  method: MeanMethod = "fast",
): number | undefined {
  if (layers.length === 0) return 0;
  const engaged = raid.filter((el) => el.route !== 0);
  if (engaged.length === 0) return 0;
  const fast = engaged.every((el) => el.route !== undefined && (el.route & (el.route - 1)) === 0);
  const engagedSls = layers.some(
    (l, i) =>
      l.doctrine.kind === "shoot-look-shoot" && engaged.some((el) => (el.route ?? 0) & (1 << i)),
  );
  if (!fast && !engagedSls && method === "fast") {
    const seq = sequentialKilled(engaged, layers, tolerance, (pool, layer) =>
      expectedKilled(pool, layer, tolerance, method),
    );
    if (seq !== undefined) return seq;
  }
  if (!fast || engagedSls) {
    const r = engageRaid(engaged, layers, { tolerance });
    if (!r.ok) return undefined;
    let total = 0;
    for (const el of engaged) total += el.warheadsPerMissile * pmfMean(el.missiles);
    return total - r.expectedDelivered;
  }
  let killed = 0;
  layers.forEach((layer, i) => {
    const pool = engaged.filter((el) => el.route === 1 << i && el.missiles.mass.length > 0);
    if (pool.length === 0 || layer.interceptors === 0 || layer.reliability === 0) return;
    killed += layer.reliability * expectedKilled(pool, layer, tolerance, method);
  });
  return killed;
}

let nextUid = 1;
const uids = new WeakMap<RaidElement, number>();
function uid(el: RaidElement): number {
  let u = uids.get(el);
  if (u === undefined) {
    u = nextUid++;
    uids.set(el, u);
  }
  return u;
}

/** The pairs of "everything but element i" with their correlations against killShare. */
interface Others {
  readonly pair: Pair;
  /** A(t2) = Σ_t1 killShare(t1 + t2) q_o(t1); B(t2) = Σ_t1 killShare(t1 + t2) p_o(t1). */
  readonly a: Map<number, number>;
  readonly b: Map<number, number>;
}

/** What the last call for a layer saw, so that a walk that changes one element reuses the rest. */
interface PoolMemo {
  ids: number[];
  pairs: Pair[];
  /** prefix[i] = pairs[0] ⊗ … ⊗ pairs[i]; suffix[i] = pairs[i] ⊗ … ⊗ pairs[k−1]; undefined once stale. */
  prefix: Pair[] | undefined;
  suffix: Pair[] | undefined;
  others: Map<number, Others>;
}

const memos = new WeakMap<DefenseLayer, PoolMemo>();

/**
 * Σ_t killShare(t) E[N; T = t] for a pool of independent elements: the expected RVs a working
 * layer kills. A counterforce walk changes one element at a time; when only element i changed
 * since the last call, the product of the others is reused and the sum costs O(width of i).
 */
function expectedKilled(
  pool: readonly RaidElement[],
  layer: DefenseLayer,
  tolerance: number,
  method: MeanMethod = "fast",
): number {
  if (method === "reference") return referenceKilled(pool, layer, tolerance);
  const viaTruncation = truncatedKilled(pool, layer);
  if (viaTruncation !== undefined) return viaTruncation;
  const viaLaplace = laplaceKilled(pool, layer);
  if (viaLaplace !== undefined) return viaLaplace;
  const ids = mapList(pool, uid);
  const pairs = mapList(pool, (el) => cachedPair(el, layer, tolerance));
  const memo = memos.get(layer);
  if (memo && memo.ids.length === ids.length) {
    const changed: number[] = [];
    ids.forEach((id, i) => {
      if (memo.ids[i] !== id) changed.push(i);
    });
    if (changed.length <= 1) {
      const i = changed[0] ?? 0;
      let others = memo.others.get(i);
      if (!others) {
        if (!memo.prefix || !memo.suffix) {
          memo.prefix = prefixProducts(memo.pairs, tolerance);
          memo.suffix = suffixProducts(memo.pairs, tolerance);
        }
        const left = i > 0 ? memo.prefix[i - 1] : undefined;
        const right = i < memo.pairs.length - 1 ? memo.suffix[i + 1] : undefined;
        const pair = left && right ? pairProduct(left, right, tolerance) : (left ?? right ?? UNIT);
        others = { pair, a: new Map(), b: new Map() };
        memo.others.set(i, others);
      }
      if (changed.length === 1) {
        memo.ids[i] = ids[i]!;
        memo.pairs[i] = pairs[i]!;
        memo.prefix = undefined;
        memo.suffix = undefined;
        for (const k of [...memo.others.keys()]) if (k !== i) memo.others.delete(k);
      }
      return killedWithOthers(others, pairs[i]!, layer);
    }
  }
  const prefix = prefixProducts(pairs, tolerance);
  memos.set(layer, { ids, pairs, prefix, suffix: undefined, others: new Map() });
  const total = prefix[prefix.length - 1]!;
  let killed = 0;
  for (let j = 0; j < total.q.length; j++) {
    const qj = total.q[j]!;
    if (qj !== 0) killed += killShare(layer, total.offset + j) * qj;
  }
  return killed;
}

/** Σ_t killShare(t) E[N; T = t] by full convolution of every element (no reuse, no shortcuts). */
function referenceKilled(
  pool: readonly RaidElement[],
  layer: DefenseLayer,
  tolerance: number,
): number {
  let acc: Pair = UNIT;
  for (const el of pool) acc = pairProduct(acc, pairOf(el, layer, tolerance), tolerance);
  let killed = 0;
  for (let j = 0; j < acc.q.length; j++) {
    const qj = acc.q[j]!;
    if (qj !== 0) killed += killShareAt(layer, acc.offset + j) * qj;
  }
  return killed;
}

const UNIT: Pair = { offset: 0, p: Float64Array.of(1), q: Float64Array.of(0) };

function prefixProducts(pairs: readonly Pair[], tolerance: number): Pair[] {
  const out: Pair[] = [];
  pairs.forEach((p, i) => out.push(i === 0 ? p : pairProduct(out[i - 1]!, p, tolerance)));
  return out;
}

function suffixProducts(pairs: readonly Pair[], tolerance: number): Pair[] {
  const out: Pair[] = new Array<Pair>(pairs.length);
  for (let i = pairs.length - 1; i >= 0; i--) {
    out[i] = i === pairs.length - 1 ? pairs[i]! : pairProduct(pairs[i]!, out[i + 1]!, tolerance);
  }
  return out;
}

function killedWithOthers(o: Others, e: Pair, layer: DefenseLayer): number {
  let killed = 0;
  for (let j = 0; j < e.p.length; j++) {
    const pe = e.p[j]!;
    const qe = e.q[j]!;
    if (pe === 0 && qe === 0) continue;
    const t2 = e.offset + j;
    let a = o.a.get(t2);
    let b = o.b.get(t2);
    if (a === undefined || b === undefined) {
      a = 0;
      b = 0;
      for (let i = 0; i < o.pair.p.length; i++) {
        const share = killShare(layer, o.pair.offset + i + t2);
        a += share * o.pair.q[i]!;
        b += share * o.pair.p[i]!;
      }
      o.a.set(t2, a);
      o.b.set(t2, b);
    }
    killed += pe * a + qe * b;
  }
  return killed;
}

/**
 * Gauss–Laguerre rules used for E[N/T] (see laplaceKilled), each with the range of t/c over which
 * it integrates e^{−(t/c)v} to within 1.2e-13 relative (checked with numpy's laggauss).
 */
const LAGUERRE_RULES = [
  { nodes: 32, lo: 0.3, hi: 2.5 },
  { nodes: 64, lo: 0.15, hi: 4 },
] as const;

/** Σ w_i e^{x_i} of an n-node rule: bounds what one unit of mass can contribute (≈ 120, 245). */
function laguerreMass(n: number): number {
  let m = LAGUERRE_MASS.get(n);
  if (m === undefined) {
    const g = gaussLaguerre(n);
    m = 0;
    for (let i = 0; i < n; i++) m += g.weights[i]! * Math.exp(g.nodes[i]!);
    LAGUERRE_MASS.set(n, m);
  }
  return m;
}
const LAGUERRE_MASS = new Map<number, number>();

/**
 * ln G(x) for the PGF G(x) = Σ_m a(m) ψ^m of a missile-count PMF with per-missile PGF value ψ,
 * and ln of Σ_m a(m) m ψ^m; factored by ψ^{m_lo} (ψ ≤ 1) or ψ^{m_hi} (ψ > 1) against overflow.
 */
function logPgf(a: Pmf, lnPsi: number): { lnG: number; lnM: number } {
  const lo = a.offset;
  const n = a.mass.length;
  let g = 0;
  let m1 = 0;
  // Powers by recurrence from the end where ψ^(m − base) <= 1, so nothing overflows; terms
  // that underflow are below 1e-308 of the first and cannot matter.
  if (lnPsi <= 0) {
    const psi = Math.exp(lnPsi);
    let pw = 1;
    for (let i = 0; i < n && pw > 0; i++) {
      const t = a.mass[i]! * pw;
      g += t;
      m1 += t * (lo + i);
      pw *= psi;
    }
    return { lnG: lo * lnPsi + Math.log(g), lnM: lo * lnPsi + Math.log(m1) };
  }
  const inv = Math.exp(-lnPsi);
  const hi = lo + n - 1;
  let pw = 1;
  for (let i = n - 1; i >= 0 && pw > 0; i--) {
    const t = a.mass[i]! * pw;
    g += t;
    m1 += t * (lo + i);
    pw *= inv;
  }
  return { lnG: hi * lnPsi + Math.log(g), lnM: hi * lnPsi + Math.log(m1) };
}

/**
 * Expected RVs killed by a working barrage or even-spread layer when its footprint always holds
 * more threat objects than the layer can engage (T > t0: ⌊I/n⌋ for barrage, I for even). Then
 * the kill share is K/T (K = pk_n ⌊I/n⌋, or I k_1), so E[killed] = K E[N/T], and
 * E[N/T] = ∫_0^∞ E[N e^{−uT}] du is computed from the elements' PGFs by a 32-point Gauss–Laguerre
 * rule after scaling u by the mean c of T. The rule integrates e^{−(t/c)v} to about 1e-13 for
 * t/c in [0.3, 2.5]; Chernoff bounds from the same PGFs certify that T lies outside that range
 * (or below t0) with too little mass to matter. Returns undefined when the certificate fails (a
 * small or widely spread pool), and the caller convolves instead.
 */
function laplaceKilled(pool: readonly RaidElement[], layer: DefenseLayer): number | undefined {
  const d = layer.doctrine;
  if (d.kind === "shoot-look-shoot") return undefined;
  const boost = layer.phase === "boost";
  const delta = layer.phase === "midcourse" ? layer.discrimination : 1;
  const t0 = d.kind === "barrage" ? Math.floor(layer.interceptors / d.shots) : layer.interceptors;
  const K =
    d.kind === "barrage"
      ? killProbability(layer.sspk, d.shots, layer.tracking) * t0
      : layer.interceptors * killProbability(layer.sspk, 1, layer.tracking);
  let c = 0;
  let tMax = 0;
  for (const el of pool) {
    const k = layer.phase === "midcourse" ? el.decoysPerMissile : 0;
    const perMissile = boost ? 1 : el.warheadsPerMissile + k * (1 - delta);
    c += pmfMean(el.missiles) * perMissile;
    tMax +=
      (el.missiles.offset + el.missiles.mass.length - 1) * (boost ? 1 : el.warheadsPerMissile + k);
  }
  if (!(c > 3 * t0) || c < 50) return undefined;
  // ln ψ(x) per element for x = e^{−θ}: boost ψ = x; else x^w (δ + (1−δ)x)^k.
  const lnPsi = (el: RaidElement, theta: number): number => {
    if (boost) return -theta;
    const k = layer.phase === "midcourse" ? el.decoysPerMissile : 0;
    const decoyTerm = k > 0 && delta < 1 ? k * Math.log(delta + (1 - delta) * Math.exp(-theta)) : 0;
    return -theta * el.warheadsPerMissile + decoyTerm;
  };
  const lnGAt = (theta: number) =>
    pool.reduce((s, el) => s + logPgf(el.missiles, lnPsi(el, theta)).lnG, 0);
  // Chernoff: P(T <= t) <= G(e^{−θ}) e^{θ t} (θ > 0); P(T >= t) <= G(e^{θ}) e^{−θ t}.
  const lower = [0.5, 1.2, 2.5, 5].map((th) => ({ th, lnG: lnGAt(th) }));
  const upper = [0.3, 0.6, 1.2].map((th) => ({ th, lnG: lnGAt(-th) }));
  const rule = LAGUERRE_RULES.find((r) => {
    const tLo = r.lo * c;
    const tHi = r.hi * c;
    if (t0 >= tLo) return false;
    const lnLower = Math.min(...lower.map((x) => x.lnG + x.th * tLo));
    const lnUpper = Math.min(...upper.map((x) => x.lnG - x.th * tHi));
    // Mass below tLo (which also covers T <= t0 < tLo) may be misweighted by up to K (1 + the
    // rule's mass); mass above tHi by its size-biased share, at most tMax / c.
    const errorBound =
      K * (Math.exp(lnLower) * (1 + laguerreMass(r.nodes)) + Math.exp(lnUpper) * (tMax / c));
    return errorBound <= 1e-12;
  });
  if (!rule) return undefined;
  const { nodes, weights } = gaussLaguerre(rule.nodes);
  let sum = 0;
  for (let i = 0; i < nodes.length; i++) {
    const theta = nodes[i]! / c; // x = e^{−θ}
    let lnG = 0;
    let ratio = 0;
    for (const el of pool) {
      const lp = lnPsi(el, theta);
      const { lnG: g, lnM } = logPgf(el.missiles, lp);
      lnG += g;
      // H_e / G_e = w · E_size-biased: w Σ a m ψ^m / Σ a ψ^m
      ratio += el.warheadsPerMissile * Math.exp(lnM - g);
    }
    sum += weights[i]! * Math.exp(nodes[i]! + lnG) * ratio;
  }
  return (K * sum) / c;
}

/**
 * Expected RVs killed when the threat objects are exactly the RVs (no decoys in the footprint,
 * or all of them discriminated, outside boost): T = N, and above t0 (⌊I/n⌋ for barrage, I for
 * even) every further RV leaves the expected kills at K (pk_n ⌊I/n⌋, or I k_1). So
 * E[killed] = Σ_{n ≤ t0} n φ(n) P(N = n) + K P(N > t0), which needs N's distribution only up to
 * t0: a truncated convolution of the elements' PMFs.
 */
const truncationBuffers: Float64Array[] = [new Float64Array(128), new Float64Array(128)];

function truncatedKilled(pool: readonly RaidElement[], layer: DefenseLayer): number | undefined {
  const d = layer.doctrine;
  if (d.kind === "shoot-look-shoot" || layer.phase === "boost") return undefined;
  const decoysSeen =
    layer.phase === "midcourse" &&
    layer.discrimination < 1 &&
    pool.some((el) => el.decoysPerMissile > 0);
  if (decoysSeen) return undefined;
  const t0 = d.kind === "barrage" ? Math.floor(layer.interceptors / d.shots) : layer.interceptors;
  if (t0 > 4096) return undefined;
  const K =
    d.kind === "barrage"
      ? killProbability(layer.sspk, d.shots, layer.tracking) * t0
      : layer.interceptors * killProbability(layer.sspk, 1, layer.tracking);
  // P(N = n) for n = 0..t0, and the total mass, by truncated convolution. Only acc[lo..hi] can
  // be non-zero; once every path passes t0 the rest only scales the total.
  // Work buffers kept between calls: typed arrays beyond a few entries live outside the heap,
  // and allocating and freeing them at every evaluation costs more than the arithmetic.
  if (truncationBuffers[0]!.length < t0 + 1) {
    const size = Math.max(t0 + 1, 2 * truncationBuffers[0]!.length);
    truncationBuffers[0] = new Float64Array(size);
    truncationBuffers[1] = new Float64Array(size);
  }
  let acc = truncationBuffers[0]!.subarray(0, t0 + 1);
  let next = truncationBuffers[1]!.subarray(0, t0 + 1);
  acc.fill(0);
  acc[0] = 1;
  let lo = 0;
  let hi = 0;
  let total = 1;
  for (const el of pool) {
    const w = el.warheadsPerMissile;
    const m = el.missiles;
    let mass = 0;
    for (let i = 0; i < m.mass.length; i++) mass += m.mass[i]!;
    total *= mass;
    if (lo > hi) continue;
    next.fill(0);
    let nextLo = t0 + 1;
    let nextHi = -1;
    for (let n = lo; n <= hi; n++) {
      const a = acc[n]!;
      if (a === 0) continue;
      for (let i = 0; i < m.mass.length; i++) {
        const v = n + w * (m.offset + i);
        if (v > t0) break;
        next[v] = next[v]! + a * m.mass[i]!;
        if (v < nextLo) nextLo = v;
        if (v > nextHi) nextHi = v;
      }
    }
    [acc, next] = [next, acc];
    lo = nextLo;
    hi = nextHi;
  }
  if (lo > hi) acc.fill(0);
  let killed = 0;
  let below = 0;
  for (let n = 1; n <= t0; n++) {
    const p = acc[n]!;
    if (p === 0) continue;
    below += p;
    killed += n * killShare(layer, n) * p;
  }
  below += acc[0]!;
  return killed + K * Math.max(0, total - below);
}
