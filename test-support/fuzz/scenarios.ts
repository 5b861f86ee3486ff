import fc from "fast-check";
import { stringify } from "yaml";

// A generator of structurally and semantically valid scenario documents (DESIGN §3, schema v1),
// for the fuzz tests. Documents are plain data; `toText` writes them as YAML or JSON. Sizes stay
// modest (at most 300 warheads and decoys and 200 interceptors per side) so that each analysis
// takes milliseconds. Every shape the schema allows is reachable: all basings, kinds and
// categories, decoys, non-deployed launchers, 0–3 layers in up to two defenses with every
// doctrine, scalar and per-element coverage, prompt strike, counterforce tables, analysis
// options, thresholds, sources as strings and objects, parameters as numbers, {value, source} and
// every distribution, uncertainty settings with a rank correlation, and awkward but valid ids
// and text.

/** Plain document data (numbers may be non-finite after a mutation). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** What the generator meant, to compare with what the parser made of the text. */
export interface Intent {
  readonly sideIds: readonly [string, string];
  /** Force ids per side, in order. */
  readonly forces: readonly (readonly string[])[];
  /** Layer ids per side, in document order. */
  readonly layers: readonly (readonly string[])[];
  /** Coverage map keys by layer id (layers whose coverage is a per-element map). */
  readonly coverageKeys: Readonly<Record<string, readonly string[]>>;
  /** Warheads and decoys per side, at the largest value any parameter can take. */
  readonly maxObjects: readonly [number, number];
}

export interface GeneratedScenario {
  readonly doc: JsonObject;
  readonly intent: Intent;
}

export const MAX_OBJECTS_PER_SIDE = 300;
export const MAX_INTERCEPTORS_PER_SIDE = 200;

const BASINGS = ["silo", "mobile", "ssbn", "bomber"] as const;
const KINDS = ["ballistic", "hgv", "cruise"] as const;
const CATEGORIES = ["icbm", "slbm", "heavy-bomber", "intermediate", "other"] as const;
const PHASES = ["boost", "midcourse", "terminal"] as const;

/** Ids a user might pick, including ones that look like YAML numbers or booleans, or like the
 * keys of a parameter object ("value", "source"): each must stay a plain id. */
const ID_WORDS = [
  "us",
  "ru",
  "cn",
  "a",
  "B",
  "x1",
  "icbm",
  "slbm-2",
  "gmd_mid",
  "0",
  "123",
  "1e3",
  "0x1F",
  "true",
  "null",
  "yes",
  "NaN",
  "inf",
  "value",
  "source",
  "note",
  "beta",
  "uniform",
  "normal90",
  "id",
  "name",
  "Z".repeat(80),
] as const;

// --- small pieces ------------------------------------------------------------------------------

/** A fraction in [0, 1]: the ends, a 1/1000 grid, and any double. */
const unit = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0, 1) },
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
);

/** Text for names, titles and notes: plain words mostly, sometimes anything at all. */
const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("United States", "Russia", "Side A", "GMD", "notional") },
  { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 30, unit: "grapheme" }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "a: b",
      "- item",
      "# not a comment",
      "'quoted'",
      '"double"',
      "multi\nline\ntext",
      "tab\there",
      " leading and trailing ",
      "&anchor *alias",
      "{ flow: [map] }",
      "null",
      "123",
      "2024-01-01",
      "~",
      "\u2028\u0085\ufeff",
      "emoji 🚀 — naïve",
    ),
  },
);

type Form = "plain" | "value" | "beta" | "uniform" | "triangular" | "normal90";

/** How one numeric parameter is written; rendered later once its range is known. */
interface ParamDraw {
  readonly form: Form;
  readonly u: readonly [number, number, number];
  /** Index of the source it cites (mod the number of sources), or negative for none. */
  readonly source: number;
  readonly note: boolean;
}

const paramDraw: fc.Arbitrary<ParamDraw> = fc.record({
  form: fc.oneof(
    { weight: 6, arbitrary: fc.constant<Form>("plain") },
    { weight: 2, arbitrary: fc.constant<Form>("value") },
    { weight: 1, arbitrary: fc.constantFrom<Form>("beta", "uniform", "triangular", "normal90") },
  ),
  u: fc.tuple(unit, unit, unit),
  source: fc.integer({ min: -4, max: 7 }),
  note: fc.boolean(),
});

type Domain = "probability" | "share" | "count" | "positiveCount" | "positive" | "nonnegative";

interface Range {
  readonly domain: Domain;
  readonly lo: number;
  readonly hi: number;
}

/** Present half of the time (or with probability 1 - 1/freq). */
const optional = <T>(arb: fc.Arbitrary<T>, freq = 2) => fc.option(arb, { nil: undefined, freq });
/** Present once in `n` draws: edge values. */
const rarely = <T>(arb: fc.Arbitrary<T>, n: number) =>
  fc.oneof({ weight: n - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

// --- the draw: every random choice, before ids and ranges are resolved ------------------------

interface ForceDraw {
  readonly word: number;
  readonly name?: string | undefined;
  readonly basing: (typeof BASINGS)[number];
  readonly kind?: (typeof KINDS)[number] | undefined;
  readonly category?: (typeof CATEGORIES)[number] | undefined;
  readonly launchers: number;
  readonly nonDeployed?: number | undefined;
  readonly warheads: number;
  readonly decoys?: number | undefined;
  readonly p: readonly [ParamDraw, ParamDraw, ParamDraw, ParamDraw, ParamDraw, ParamDraw];
  readonly counterforce?: boolean | undefined;
  readonly heavy?: boolean | undefined;
  readonly alcm?: boolean | undefined;
  readonly source: number;
  readonly notes?: string | undefined;
}

const forceDraw: fc.Arbitrary<ForceDraw> = fc.record(
  {
    word: fc.nat(),
    name: optional(text),
    basing: fc.constantFrom(...BASINGS),
    kind: optional(fc.constantFrom(...KINDS)),
    category: optional(fc.constantFrom(...CATEGORIES)),
    launchers: fc.integer({ min: 0, max: 120 }),
    nonDeployed: optional(fc.integer({ min: 0, max: 30 })),
    warheads: fc.integer({ min: 1, max: 12 }),
    decoys: optional(fc.integer({ min: 0, max: 3 })),
    p: fc.tuple(paramDraw, paramDraw, paramDraw, paramDraw, paramDraw, paramDraw),
    counterforce: optional(fc.boolean()),
    heavy: optional(fc.boolean()),
    alcm: optional(fc.boolean()),
    source: fc.integer({ min: -3, max: 7 }),
    notes: rarely(text, 4),
  },
  { requiredKeys: ["word", "basing", "launchers", "warheads", "p", "source"] },
);

type Doctrine = "default" | "barrage" | "even" | "shoot-look-shoot";

interface LayerDraw {
  readonly word: number;
  readonly name?: string | undefined;
  readonly phase: (typeof PHASES)[number];
  readonly interceptors: number;
  readonly launchers?: number | undefined;
  readonly doctrine: Doctrine;
  readonly shots: readonly [number, number];
  readonly shotsGiven: boolean;
  readonly p: readonly [ParamDraw, ParamDraw, ParamDraw, ParamDraw, ParamDraw, ParamDraw];
  /** Which of tracking, discrimination, reliability, killAssessment are written. */
  readonly given: readonly [boolean, boolean, boolean, boolean];
  readonly coverage: "none" | "scalar" | "map";
  /** For a map: which attacker elements it names (bit i: element i). */
  readonly coverageMask: number;
  readonly coverageParams: readonly ParamDraw[];
  readonly source: number;
}

const layerDraw: fc.Arbitrary<LayerDraw> = fc.record(
  {
    word: fc.nat(),
    name: optional(text),
    phase: fc.constantFrom(...PHASES),
    interceptors: fc.integer({ min: 0, max: 200 }),
    launchers: optional(fc.integer({ min: 0, max: 100 })),
    doctrine: fc.constantFrom<Doctrine>("default", "barrage", "even", "shoot-look-shoot"),
    shots: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })),
    shotsGiven: fc.boolean(),
    p: fc.tuple(paramDraw, paramDraw, paramDraw, paramDraw, paramDraw, paramDraw),
    given: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()),
    coverage: fc.constantFrom("none", "scalar", "map"),
    coverageMask: fc.nat({ max: 15 }),
    coverageParams: fc.array(paramDraw, { minLength: 4, maxLength: 4 }),
    source: fc.integer({ min: -3, max: 7 }),
  },
  {
    requiredKeys: [
      "word",
      "phase",
      "interceptors",
      "doctrine",
      "shots",
      "shotsGiven",
      "p",
      "given",
      "coverage",
      "coverageMask",
      "coverageParams",
      "source",
    ],
  },
);

interface PromptDraw {
  readonly word: number;
  readonly name?: string | undefined;
  readonly weapons: ParamDraw;
  readonly pk: readonly (ParamDraw | undefined)[];
  readonly source: number;
}

const perBasingDraw = fc.tuple(
  optional(paramDraw, 3),
  optional(paramDraw, 3),
  optional(paramDraw, 3),
  optional(paramDraw, 3),
);

const promptDraw: fc.Arbitrary<PromptDraw> = fc.record(
  {
    word: fc.nat(),
    name: optional(text),
    weapons: paramDraw,
    pk: perBasingDraw,
    source: fc.integer({ min: -3, max: 7 }),
  },
  { requiredKeys: ["word", "weapons", "pk", "source"] },
);

interface SideDraw {
  readonly word: number;
  readonly name: string;
  readonly party?: "united-states" | "russia" | "none" | undefined;
  readonly w80: ParamDraw;
  readonly w80Edge?: number | undefined;
  readonly forces: readonly ForceDraw[];
  readonly counterforcePk?: readonly (ParamDraw | undefined)[] | undefined;
  readonly prompt?: readonly PromptDraw[] | undefined;
  readonly layers: readonly LayerDraw[];
  /** Split of the layers into defenses: 1 or 2 (when there are at least 2 layers). */
  readonly defenses: number;
  /** Write `defenses: []` when there are no layers. */
  readonly emptyDefenses: boolean;
  readonly source: number;
  readonly notes?: string | undefined;
}

const sideDraw: fc.Arbitrary<SideDraw> = fc.record(
  {
    word: fc.nat(),
    name: text,
    party: optional(
      fc.constantFrom("united-states", "russia", "none") as fc.Arbitrary<
        "united-states" | "russia" | "none"
      >,
    ),
    w80: paramDraw,
    w80Edge: rarely(fc.constantFrom(1e-6, 0.5, 1e6, 1e9), 8),
    forces: fc.oneof(
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 12, arbitrary: fc.array(forceDraw, { minLength: 1, maxLength: 4 }) },
    ),
    counterforcePk: optional(perBasingDraw, 4),
    prompt: optional(fc.array(promptDraw, { minLength: 0, maxLength: 2 }), 3),
    layers: fc.array(layerDraw, { minLength: 0, maxLength: 3 }),
    defenses: fc.integer({ min: 1, max: 2 }),
    emptyDefenses: fc.boolean(),
    source: fc.integer({ min: -3, max: 7 }),
    notes: rarely(text, 4),
  },
  {
    requiredKeys: [
      "word",
      "name",
      "w80",
      "forces",
      "layers",
      "defenses",
      "emptyDefenses",
      "source",
    ],
  },
);

interface SourceDraw {
  readonly word: number;
  readonly asObject: boolean;
  readonly citation: string;
  readonly url?: string | undefined;
  readonly notional?: boolean | undefined;
  readonly notes?: string | undefined;
}

const sourceDraw: fc.Arbitrary<SourceDraw> = fc.record(
  {
    word: fc.nat(),
    asObject: fc.boolean(),
    citation: text,
    url: optional(fc.webUrl(), 3),
    notional: optional(fc.boolean()),
    notes: rarely(text, 4),
  },
  { requiredKeys: ["word", "asObject", "citation"] },
);

interface AnalysisDraw {
  readonly alpha?: ParamDraw | undefined;
  readonly alphaEdge?: number | undefined;
  readonly costExponent?: ParamDraw | undefined;
  readonly costExponentEdge?: number | undefined;
  readonly strikerReadiness?: ParamDraw | undefined;
  readonly launchUnderAttack?: ParamDraw | undefined;
  readonly thresholds?: readonly [ParamDraw | undefined, ParamDraw | undefined] | undefined;
  readonly source: number;
}

const analysisDraw: fc.Arbitrary<AnalysisDraw> = fc.record(
  {
    alpha: optional(paramDraw),
    alphaEdge: rarely(fc.constantFrom(0, 1e-9, 1e3), 8),
    costExponent: optional(paramDraw),
    costExponentEdge: rarely(fc.constantFrom(1e-6, 0.01, 20), 8),
    strikerReadiness: optional(paramDraw),
    launchUnderAttack: optional(paramDraw),
    thresholds: optional(fc.tuple(optional(paramDraw), optional(paramDraw))),
    source: fc.integer({ min: -3, max: 7 }),
  },
  { requiredKeys: ["source"] },
);

interface ScenarioDraw {
  readonly id?: number | undefined;
  readonly title: string;
  readonly description?: string | undefined;
  readonly asOf: readonly [number, number, number];
  readonly sources: readonly SourceDraw[];
  readonly sides: readonly [SideDraw, SideDraw];
  readonly analysis?: AnalysisDraw | undefined;
  readonly uncertainty?:
    | {
        readonly samples?: number | undefined;
        readonly seed?: number | undefined;
        readonly correlate: readonly [number, number];
        readonly rank: number;
        readonly byIndex: boolean;
        readonly withCorrelation: boolean;
      }
    | undefined;
}

const scenarioDraw: fc.Arbitrary<ScenarioDraw> = fc.record(
  {
    id: optional(fc.nat()),
    title: text,
    description: optional(text),
    asOf: fc.tuple(
      fc.integer({ min: 1945, max: 2100 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 31 }),
    ),
    sources: fc.array(sourceDraw, { minLength: 0, maxLength: 4 }),
    sides: fc.tuple(sideDraw, sideDraw),
    analysis: optional(analysisDraw),
    uncertainty: optional(
      fc.record(
        {
          samples: optional(fc.integer({ min: 2, max: 6 })),
          seed: optional(fc.integer({ min: 0, max: 2 ** 32 - 1 })),
          correlate: fc.tuple(fc.nat(), fc.nat()),
          rank: fc.integer({ min: -95, max: 95 }).map((x) => x / 100),
          byIndex: fc.boolean(),
          withCorrelation: fc.boolean(),
        },
        { requiredKeys: ["correlate", "rank", "byIndex", "withCorrelation"] },
      ),
    ),
  },
  { requiredKeys: ["title", "asOf", "sources", "sides"] },
);

// --- rendering --------------------------------------------------------------------------------

/** Hands out ids: the drawn word when still free in its kind, else the word with a suffix. */
class Ids {
  private readonly used = new Set<string>();
  take(word: number, fallback: string): string {
    const base = ID_WORDS[word % ID_WORDS.length]!;
    for (const candidate of [base, `${base}-${fallback}`, fallback]) {
      if (candidate.length <= 80 && !this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
    throw new Error(`id generator: ${fallback} is taken`);
  }
}

interface RenderContext {
  readonly sourceIds: readonly string[];
  /** Parameters given as distributions: their id path and index path (for correlations). */
  readonly uncertain: { idPath: string; indexPath: string }[];
}

function sourceOf(ctx: RenderContext, index: number): string | undefined {
  if (index < 0 || ctx.sourceIds.length === 0) return undefined;
  return ctx.sourceIds[index % ctx.sourceIds.length];
}

function withSource(ctx: RenderContext, index: number, o: JsonObject): JsonObject {
  const s = sourceOf(ctx, index);
  return s === undefined ? o : { ...o, source: s };
}

const integral = (d: Domain) => d === "count" || d === "positiveCount";

/** Writes one parameter in its drawn form, within [lo, hi] of its domain. */
function renderParam(
  ctx: RenderContext,
  d: ParamDraw,
  r: Range,
  at: { idPath: string; indexPath: string },
  edge?: number,
): Json {
  const span = (t: number) => Math.min(r.hi, r.lo + t * (r.hi - r.lo));
  const plainValue = (t: number) => (integral(r.domain) ? Math.round(span(t)) : span(t));
  const extras = (o: JsonObject): JsonObject => {
    let out = withSource(ctx, d.source, o);
    if (d.note) out = { ...out, note: "drawn by the fuzzer" };
    return out;
  };
  if (edge !== undefined) return d.form === "value" ? extras({ value: edge }) : edge;
  const [u0, u1, u2] = d.u;
  const lo2 = Math.min(u0, u1);
  const hi2 = Math.max(u0, u1);
  let form = d.form;
  if (form === "beta" && r.domain !== "probability" && r.domain !== "share") form = "uniform";
  if ((form === "uniform" || form === "normal90") && !(span(lo2) < span(hi2))) form = "plain";
  const sorted = [u0, u1, u2].sort((x, y) => x - y) as [number, number, number];
  if (form === "triangular" && !(span(sorted[0]) < span(sorted[2]))) form = "plain";
  switch (form) {
    case "plain":
      return plainValue(u0);
    case "value":
      return extras({ value: plainValue(u0) });
    case "beta": {
      const trials = 1 + Math.round(u0 * 49);
      const beta: JsonObject = { successes: Math.round(u1 * trials), trials };
      if (u2 < 0.3) beta["prior"] = "jeffreys";
      else if (u2 < 0.6) beta["prior"] = "uniform";
      ctx.uncertain.push(at);
      return extras({ beta });
    }
    case "uniform":
      ctx.uncertain.push(at);
      return extras({ uniform: [span(lo2), span(hi2)] });
    case "normal90":
      ctx.uncertain.push(at);
      return extras({ normal90: [span(lo2), span(hi2)] });
    case "triangular":
      ctx.uncertain.push(at);
      return extras({ triangular: sorted.map(span) });
    default:
      return form satisfies never;
  }
}

const probability: Range = { domain: "probability", lo: 0, hi: 1 };
const share: Range = { domain: "share", lo: 0, hi: 1 };

/** Scales whole numbers down so that their weighted sum stays within `limit`. */
function fitWithin(values: number[], weights: number[], limit: number): number[] {
  const total = values.reduce((s, v, i) => s + v * weights[i]!, 0);
  if (total <= limit) return values;
  const k = limit / total;
  return values.map((v) => Math.floor(v * k));
}

function isoDate([y, m, d]: readonly [number, number, number]): string {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  const day = Math.min(d, days);
  return `${y}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function perBasing(
  ctx: RenderContext,
  draws: readonly (ParamDraw | undefined)[],
  idPath: string,
  indexPath: string,
): JsonObject {
  const out: JsonObject = {};
  BASINGS.forEach((b, i) => {
    const d = draws[i];
    if (d)
      out[b] = renderParam(ctx, d, probability, {
        idPath: `${idPath}.${b}`,
        indexPath: `${indexPath}.${b}`,
      });
  });
  return out;
}

/** Turns a draw into a valid scenario document and what it is meant to say. */
function render(draw: ScenarioDraw): GeneratedScenario {
  const sourceIdGen = new Ids();
  const sourceIds = draw.sources.map((s, i) => sourceIdGen.take(s.word, `src${i}`));
  const ctx: RenderContext = { sourceIds, uncertain: [] };
  const sources: JsonObject = {};
  draw.sources.forEach((s, i) => {
    if (!s.asObject) {
      sources[sourceIds[i]!] = s.citation;
      return;
    }
    const o: JsonObject = { citation: s.citation };
    if (s.url !== undefined) o["url"] = s.url;
    if (s.notional !== undefined) o["notional"] = s.notional;
    if (s.notes !== undefined) o["notes"] = s.notes;
    sources[sourceIds[i]!] = o;
  });

  const sideIdGen = new Ids();
  const forceIdGen = new Ids();
  const layerIdGen = new Ids();
  const defenseIdGen = new Ids();
  const promptIdGen = new Ids();
  const sideIds = draw.sides.map((s, i) => sideIdGen.take(s.word, `side${i}`)) as [string, string];
  const forceIds = draw.sides.map((s, si) =>
    s.forces.map((f, fi) => forceIdGen.take(f.word, `f${si}-${fi}`)),
  );
  const layerIds: string[][] = [[], []];
  const coverageKeys: Record<string, string[]> = {};
  const maxObjects: [number, number] = [0, 0];

  const sides = draw.sides.map((s, si): JsonObject => {
    const sid = sideIds[si]!;
    const sp = { idPath: `sides.${sid}`, indexPath: `sides[${si}]` };
    const side: JsonObject = { id: sid, name: s.name };
    if (s.party !== undefined) side["party"] = s.party;
    side["w80"] = renderParam(
      ctx,
      s.w80,
      { domain: "positive", lo: 1, hi: 2000 },
      { idPath: `${sp.idPath}.w80`, indexPath: `${sp.indexPath}.w80` },
      s.w80Edge,
    );

    // Sizes: launchers (deployed + not) × warheads × (1 + decoys) within the per-side limit.
    const per = s.forces.map((f) => f.warheads * (1 + (f.decoys ?? 0)));
    const launchers = fitWithin(
      s.forces.map((f) => f.launchers),
      per,
      MAX_OBJECTS_PER_SIDE,
    );
    const used = launchers.reduce((t, l, i) => t + l * per[i]!, 0);
    const nonDeployed = fitWithin(
      s.forces.map((f) => f.nonDeployed ?? 0),
      per,
      MAX_OBJECTS_PER_SIDE - used,
    );
    maxObjects[si] = used + nonDeployed.reduce((t, l, i) => t + l * per[i]!, 0);
    side["forces"] = s.forces.map((f, fi): JsonObject => {
      const fid = forceIds[si]![fi]!;
      const at = (k: string) => ({
        idPath: `${sp.idPath}.forces.${fid}.${k}`,
        indexPath: `${sp.indexPath}.forces[${fi}].${k}`,
      });
      const o: JsonObject = { id: fid };
      if (f.name !== undefined) o["name"] = f.name;
      o["basing"] = f.basing;
      if (f.kind !== undefined) o["kind"] = f.kind;
      if (f.category !== undefined) o["category"] = f.category;
      o["launchers"] = renderParam(
        ctx,
        f.p[0],
        { domain: "count", lo: 0, hi: launchers[fi]! },
        at("launchers"),
      );
      if (f.nonDeployed !== undefined)
        o["nonDeployedLaunchers"] = renderParam(
          ctx,
          f.p[1],
          { domain: "count", lo: 0, hi: nonDeployed[fi]! },
          at("nonDeployedLaunchers"),
        );
      o["warheadsPerLauncher"] = renderParam(
        ctx,
        f.p[2],
        { domain: "positiveCount", lo: 1, hi: f.warheads },
        at("warheadsPerLauncher"),
      );
      if (f.decoys !== undefined)
        o["decoysPerWarhead"] = renderParam(
          ctx,
          f.p[3],
          { domain: "count", lo: 0, hi: f.decoys },
          at("decoysPerWarhead"),
        );
      o["reliability"] = renderParam(ctx, f.p[4], probability, at("reliability"));
      o["survivable"] = renderParam(ctx, f.p[5], share, at("survivable"));
      if (f.counterforce !== undefined) o["counterforce"] = f.counterforce;
      if (f.heavy !== undefined) o["heavy"] = f.heavy;
      // alcm is meant for heavy bombers (else a warning); keep it where it belongs.
      const category = f.category ?? (f.basing === "bomber" ? "heavy-bomber" : undefined);
      if (f.alcm !== undefined && category === "heavy-bomber") o["alcm"] = f.alcm;
      return withNotes(withSource(ctx, f.source, o), f.notes);
    });

    if (s.counterforcePk)
      side["counterforcePk"] = perBasing(
        ctx,
        s.counterforcePk,
        `${sp.idPath}.counterforcePk`,
        `${sp.indexPath}.counterforcePk`,
      );
    if (s.prompt) {
      side["promptStrike"] = s.prompt.map((p, pi): JsonObject => {
        const pid = promptIdGen.take(p.word, `ps${si}-${pi}`);
        const pp = {
          idPath: `${sp.idPath}.promptStrike.${pid}`,
          indexPath: `${sp.indexPath}.promptStrike[${pi}]`,
        };
        const o: JsonObject = { id: pid };
        if (p.name !== undefined) o["name"] = p.name;
        o["weapons"] = renderParam(
          ctx,
          p.weapons,
          { domain: "count", lo: 0, hi: 60 },
          { idPath: `${pp.idPath}.weapons`, indexPath: `${pp.indexPath}.weapons` },
        );
        o["pk"] = perBasing(ctx, p.pk, `${pp.idPath}.pk`, `${pp.indexPath}.pk`);
        return withSource(ctx, p.source, o);
      });
    }

    // Defenses: the layers split into one or two defenses, each in flight order.
    const interceptors = fitWithin(
      s.layers.map((l) => l.interceptors),
      s.layers.map(() => 1),
      MAX_INTERCEPTORS_PER_SIDE,
    );
    const groups: { layer: LayerDraw; interceptors: number }[][] = [];
    const nDef = Math.min(s.defenses, Math.max(1, s.layers.length));
    s.layers.forEach((layer, li) => {
      const g = li % nDef;
      (groups[g] ??= []).push({ layer, interceptors: interceptors[li]! });
    });
    const attackers = forceIds[1 - si]!;
    if (groups.length > 0) {
      side["defenses"] = groups.map((g, di): JsonObject => {
        const did = defenseIdGen.take(g[0]!.layer.word + di, `def${si}-${di}`);
        const sorted = [...g].sort(
          (a, b) => PHASES.indexOf(a.layer.phase) - PHASES.indexOf(b.layer.phase),
        );
        const layers = sorted.map(({ layer: l, interceptors: n }, li): JsonObject => {
          const lid = layerIdGen.take(l.word, `l${si}-${di}-${li}`);
          layerIds[si]!.push(lid);
          const lp = {
            idPath: `${sp.idPath}.defenses.${did}.layers.${lid}`,
            indexPath: `${sp.indexPath}.defenses[${di}].layers[${li}]`,
          };
          const at = (k: string) => ({
            idPath: `${lp.idPath}.${k}`,
            indexPath: `${lp.indexPath}.${k}`,
          });
          const o: JsonObject = { id: lid };
          if (l.name !== undefined) o["name"] = l.name;
          o["phase"] = l.phase;
          o["interceptors"] = renderParam(
            ctx,
            l.p[0],
            { domain: "count", lo: 0, hi: n },
            at("interceptors"),
          );
          if (l.launchers !== undefined) o["launchers"] = l.launchers;
          if (l.doctrine !== "default") o["doctrine"] = l.doctrine;
          if (l.doctrine === "shoot-look-shoot") o["shots"] = [...l.shots];
          else if ((l.doctrine === "barrage" || l.doctrine === "default") && l.shotsGiven)
            o["shots"] = l.shots[0];
          o["sspk"] = renderParam(ctx, l.p[1], probability, at("sspk"));
          const names = ["tracking", "discrimination", "reliability"] as const;
          names.forEach((k, i) => {
            if (l.given[i]) o[k] = renderParam(ctx, l.p[2 + i]!, probability, at(k));
          });
          if (l.doctrine === "shoot-look-shoot" && l.given[3])
            o["killAssessment"] = renderParam(ctx, l.p[5], probability, at("killAssessment"));
          if (l.coverage === "scalar" || (l.coverage === "map" && attackers.length === 0)) {
            const cov = renderParam(ctx, l.coverageParams[0]!, share, at("coverage"));
            // `{value: 0.5}` against a force named "value" is ambiguous: write the plain number.
            const bare =
              typeof cov === "object" && cov !== null && Object.keys(cov).join() === "value";
            o["coverage"] =
              bare && attackers.includes("value") ? (cov as JsonObject)["value"]! : cov;
          } else if (l.coverage === "map") {
            const cov: JsonObject = {};
            attackers.forEach((fid, i) => {
              if (l.coverageMask & (1 << i))
                cov[fid] = renderParam(ctx, l.coverageParams[i]!, share, {
                  idPath: `${lp.idPath}.coverage.${fid}`,
                  // Index paths quote keys that are not identifiers, as pathToText does.
                  indexPath: /^[A-Za-z_][A-Za-z0-9_]*$/.test(fid)
                    ? `${lp.indexPath}.coverage.${fid}`
                    : `${lp.indexPath}.coverage[${JSON.stringify(fid)}]`,
                });
            });
            // `{value: 0.5}` would be one share for every element (ambiguous_coverage): a force
            // named "value" takes the {value: …} form here.
            if (Object.keys(cov).length === 1 && typeof cov["value"] === "number")
              cov["value"] = { value: cov["value"] };
            coverageKeys[lid] = Object.keys(cov);
            o["coverage"] = cov;
          }
          return withSource(ctx, l.source, o);
        });
        return { id: did, layers };
      });
    } else if (s.emptyDefenses) {
      side["defenses"] = [];
    }
    return withNotes(withSource(ctx, s.source, side), s.notes);
  });

  const doc: JsonObject = { schemaVersion: 1 };
  if (draw.id !== undefined) doc["id"] = ID_WORDS[draw.id % ID_WORDS.length]!;
  doc["title"] = draw.title;
  if (draw.description !== undefined) doc["description"] = draw.description;
  doc["asOf"] = isoDate(draw.asOf);
  doc["sources"] = sources;
  doc["sides"] = sides;
  if (draw.analysis) {
    const a = draw.analysis;
    const o: JsonObject = {};
    const at = (k: string) => ({ idPath: `analysis.${k}`, indexPath: `analysis.${k}` });
    if (a.alpha || a.alphaEdge !== undefined)
      o["alpha"] = renderParam(
        ctx,
        a.alpha ?? plainDraw,
        { domain: "nonnegative", lo: 0, hi: 2 },
        at("alpha"),
        a.alphaEdge,
      );
    if (a.costExponent || a.costExponentEdge !== undefined)
      o["costExponent"] = renderParam(
        ctx,
        a.costExponent ?? plainDraw,
        { domain: "positive", lo: 0.1, hi: 3 },
        at("costExponent"),
        a.costExponentEdge,
      );
    if (a.strikerReadiness)
      o["strikerReadiness"] = renderParam(ctx, a.strikerReadiness, probability, at("readiness"));
    if (a.launchUnderAttack)
      o["launchUnderAttack"] = renderParam(ctx, a.launchUnderAttack, probability, at("lua"));
    if (a.thresholds) {
      const t: JsonObject = {};
      a.thresholds.forEach((d, i) => {
        if (d)
          t[sideIds[i]!] = renderParam(
            ctx,
            d,
            { domain: "count", lo: 0, hi: 400 },
            at(`thresholds.${sideIds[i]}`),
          );
      });
      o["thresholds"] = t;
    }
    doc["analysis"] = withSource(ctx, a.source, o);
  }
  if (draw.uncertainty) {
    const u = draw.uncertainty;
    const o: JsonObject = {};
    if (u.samples !== undefined) o["samples"] = u.samples;
    if (u.seed !== undefined) o["seed"] = u.seed;
    // analysis.* paths above are placeholders (not what listParams names); correlate only the
    // parameters of sides.
    const candidates = ctx.uncertain.filter((p) => p.idPath.startsWith("sides."));
    if (u.withCorrelation && candidates.length >= 2) {
      const i = u.correlate[0] % candidates.length;
      let j = u.correlate[1] % (candidates.length - 1);
      if (j >= i) j++;
      const pick = (p: { idPath: string; indexPath: string }) =>
        u.byIndex ? p.indexPath : p.idPath;
      o["correlations"] = [{ between: [pick(candidates[i]!), pick(candidates[j]!)], rank: u.rank }];
    }
    doc["uncertainty"] = o;
  }
  return {
    doc,
    intent: {
      sideIds,
      forces: forceIds,
      layers: layerIds,
      coverageKeys,
      maxObjects,
    },
  };
}

const plainDraw: ParamDraw = { form: "plain", u: [0.5, 0.5, 0.5], source: -1, note: false };

function withNotes(o: JsonObject, notes: string | undefined): JsonObject {
  return notes === undefined ? o : { ...o, notes };
}

/** Valid scenario documents with what each is meant to say. */
export const validScenario: fc.Arbitrary<GeneratedScenario> = scenarioDraw.map(render);

// --- text -------------------------------------------------------------------------------------

export type TextFormat = "yaml" | "yaml-flow" | "json" | "json-compact";

export const textFormat: fc.Arbitrary<TextFormat> = fc.constantFrom(
  "yaml",
  "yaml",
  "yaml-flow",
  "json",
  "json-compact",
);

/** The document as scenario file text in one of the formats a user may write. */
export function toText(doc: Json, format: TextFormat): string {
  switch (format) {
    case "yaml":
      return stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
    case "yaml-flow":
      return stringify(doc, { collectionStyle: "flow", aliasDuplicateObjects: false });
    case "json":
      return JSON.stringify(doc, null, 2) + "\n";
    case "json-compact":
      return JSON.stringify(doc);
    default:
      return format satisfies never;
  }
}
