import { z } from "zod";
import type { Param } from "./param.ts";
import { fixed, param } from "./param.ts";

/** The scenario format version this package reads and writes. */
export const SCHEMA_VERSION = 1;

// Names that plain JavaScript objects already have ("constructor", "toString", …): ids key maps
// (coverage, thresholds, costs), so they must not collide with them.
const RESERVED_IDS = new Set(Object.getOwnPropertyNames(Object.prototype));

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "expected an id: letters, digits, '_' or '-'")
  .max(80)
  .refine(
    (v) => !RESERVED_IDS.has(v),
    "this id is reserved (a built-in object property); choose another",
  );
const sourceRef = z.string().min(1);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "not a calendar date");

const basing = z.enum(["silo", "mobile", "ssbn", "bomber"]);
const kind = z.enum(["ballistic", "hgv", "cruise"]);
const category = z.enum(["icbm", "slbm", "heavy-bomber", "intermediate", "other"]);

const sourceEntry = z.union([
  z.string().min(1),
  z
    .object({
      citation: z.string().min(1),
      url: z.string().optional(),
      accessed: z.string().optional(),
      notional: z.boolean().optional(),
      notes: z.string().optional(),
    })
    .strict(),
]);

const perBasing = z
  .object({
    silo: param("probability").optional(),
    mobile: param("probability").optional(),
    ssbn: param("probability").optional(),
    bomber: param("probability").optional(),
  })
  .strict();

const forceElement = z
  .object({
    id,
    name: z.string().optional(),
    basing,
    kind: kind
      .optional()
      .describe("ballistic | hgv | cruise; default cruise for bombers, else ballistic"),
    category: category
      .optional()
      .describe(
        "treaty counting class; default icbm (silo, mobile), slbm (ssbn), heavy-bomber (bomber)",
      ),
    launchers: param("count"),
    nonDeployedLaunchers: param("count").optional(),
    warheadsPerLauncher: param("positiveCount"),
    decoysPerWarhead: param("count").optional(),
    reliability: param("probability"),
    survivable: param("share"),
    counterforce: z
      .boolean()
      .optional()
      .describe("may be spent on counterforce; default true except bombers"),
    heavy: z.boolean().optional().describe("a heavy ICBM in the START I sense"),
    alcm: z
      .boolean()
      .optional()
      .describe("a heavy bomber equipped for long-range nuclear ALCMs (START I counting)"),
    source: sourceRef.optional(),
    notes: z.string().optional(),
  })
  .strict();

const promptStrike = z
  .object({
    id,
    name: z.string().optional(),
    weapons: param("count"),
    pk: perBasing,
    source: sourceRef.optional(),
    notes: z.string().optional(),
  })
  .strict();

const coverage = z.union([param("share"), z.record(z.string(), param("share"))]);

const layer = z
  .object({
    id,
    name: z.string().optional(),
    phase: z.enum(["boost", "midcourse", "terminal"]),
    interceptors: param("count"),
    launchers: param("count").optional(),
    doctrine: z.enum(["barrage", "even", "shoot-look-shoot"]).optional(),
    shots: z
      .union([
        z.number().int().min(1).max(1000),
        z.tuple([z.number().int().min(1).max(1000), z.number().int().min(1).max(1000)]),
      ])
      .optional(),
    killAssessment: param("probability").optional(),
    sspk: param("probability"),
    tracking: param("probability").optional(),
    discrimination: param("probability").optional(),
    reliability: param("probability").optional(),
    coverage: coverage.optional(),
    source: sourceRef.optional(),
    notes: z.string().optional(),
  })
  .strict();

const defense = z
  .object({
    id,
    name: z.string().optional(),
    basing: z.enum(["fixed-land", "mobile-land", "sea", "air", "space"]).optional(),
    deploymentArea: z.string().optional(),
    layers: z.array(layer).min(1),
    source: sourceRef.optional(),
    notes: z.string().optional(),
  })
  .strict();

const side = z
  .object({
    id,
    name: z.string().min(1),
    party: z
      .enum(["united-states", "russia", "none"])
      .optional()
      .describe(
        "treaty party the side stands for (russia includes the USSR); default inferred from id " +
          "and name (US, USA, United States → united-states; Russia, RU, USSR, Soviet → russia)",
      ),
    w80: param("positive"),
    forces: z.array(forceElement),
    counterforcePk: perBasing.optional(),
    promptStrike: z.array(promptStrike).optional(),
    defenses: z.array(defense).optional(),
    source: sourceRef.optional(),
    notes: z.string().optional(),
  })
  .strict();

const analysis = z
  .object({
    alpha: param("nonnegative").optional(),
    costExponent: param("positive").optional(),
    strikerReadiness: param("probability").optional(),
    launchUnderAttack: param("probability").optional(),
    thresholds: z.record(z.string(), param("count")).optional(),
    source: sourceRef.optional(),
  })
  .strict();

const correlation = z
  .object({
    between: z.tuple([z.string().min(1), z.string().min(1)]),
    rank: z.number().gt(-1).lt(1),
    source: sourceRef.optional(),
  })
  .strict();

const uncertainty = z
  .object({
    samples: z.number().int().min(1).max(1_000_000).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
    correlations: z.array(correlation).optional(),
  })
  .strict();

// --- race (DESIGN §2.4): arms-race settings -----------------------------------------------------

/** A signed number (Richardson grievances may be negative), plain or as {value, source}. */
const signedNumber = z
  .union([
    z.number(),
    z
      .object({ value: z.number(), source: sourceRef.optional(), note: z.string().optional() })
      .strict(),
  ])
  .transform((v): Param =>
    typeof v === "number"
      ? { value: v }
      : { value: v.value, ...(v.source !== undefined ? { source: v.source } : {}) },
  );

const richardson = z
  .object({
    k: param("nonnegative").describe(
      "reaction of x to y's armament (Richardson's defense coefficient)",
    ),
    l: param("nonnegative").describe("reaction of y to x's armament"),
    a: param("nonnegative").describe("fatigue/expense coefficient of x"),
    b: param("nonnegative").describe("fatigue/expense coefficient of y"),
    g: signedNumber.describe("grievance of x (negative: goodwill)"),
    h: signedNumber.describe("grievance of y"),
    start: z
      .object({ x: signedNumber, y: signedNumber, source: sourceRef.optional() })
      .strict()
      .optional()
      .describe("armaments at t = 0; default (0, 0)"),
    horizon: z.number().positive().max(1e6).optional().describe("end time; default 10"),
    points: z.number().int().min(2).max(100_000).optional().describe("output times; default 101"),
    unit: z.string().optional().describe("what x and y measure, e.g. billion USD per year"),
    source: sourceRef.optional(),
    notes: z.string().optional(),
  })
  .strict();

const offenseOption = z
  .object({
    kind: z.enum(["launchers", "warheads", "decoys"]),
    element: id.describe("force element of this side that the option grows"),
    max: param("count").describe(
      "cap: most launchers (launchers), warheads per launcher (warheads), decoys per warhead (decoys)",
    ),
    source: sourceRef.optional(),
    notes: z.string().optional(),
  })
  .strict();

const raceCosts = z
  .object({
    interceptor: param("nonnegative").optional(),
    warhead: param("nonnegative").optional(),
    decoy: param("nonnegative").optional(),
    launcher: z
      .record(z.string(), param("nonnegative"))
      .optional()
      .describe("per launcher added, by force element id, without its warheads"),
    source: sourceRef.optional(),
    notes: z.string().optional(),
  })
  .strict();

const thirdPartyElement = z
  .object({
    id,
    name: z.string().optional(),
    missiles: param("count"),
    warheadsPerMissile: param("positiveCount").optional(),
    decoysPerMissile: param("count").optional(),
    reliability: param("probability").optional(),
    growthPerRound: param("count").optional(),
    source: sourceRef.optional(),
    notes: z.string().optional(),
  })
  .strict();

const defenseGoal = z
  .object({
    kind: z.enum(["schedule", "third-party", "damage-limitation"]),
    interceptors: z
      .array(param("count"))
      .min(1)
      .optional()
      .describe("schedule: the inventory to reach in round 1, 2, …; the last holds"),
    pNoLeak: param("probability").optional().describe("third-party: P(no leak) to reach"),
    raid: z.array(thirdPartyElement).min(1).optional().describe("third-party: the raid"),
    layers: z
      .array(id)
      .min(1)
      .optional()
      .describe("third-party: this side's layers that engage the raid; default the sized layer"),
    warheads: param("count")
      .optional()
      .describe("damage-limitation: most peer warheads delivered after this side's first strike"),
    confidence: param("probability")
      .optional()
      .describe("damage-limitation: with this probability"),
    source: sourceRef.optional(),
    notes: z.string().optional(),
  })
  .strict();

const raceSide = z
  .object({
    requirement: z
      .object({
        warheads: param("count"),
        confidence: param("probability"),
        source: sourceRef.optional(),
        notes: z.string().optional(),
      })
      .strict()
      .optional()
      .describe(
        "deliver at least `warheads` with probability `confidence` after the other's first strike",
      ),
    offense: z.array(offenseOption).optional(),
    defense: z
      .object({
        layer: id.describe("id of this side's layer whose interceptors it buys"),
        max: param("count").describe("most interceptors the layer may hold"),
        goal: defenseGoal,
        source: sourceRef.optional(),
        notes: z.string().optional(),
      })
      .strict()
      .optional(),
    costsMillionUsd: raceCosts.optional(),
    budgetMillionUsd: param("nonnegative").optional().describe("most spent over the whole race"),
    limits: z
      .object({
        warheads: param("count").optional(),
        launchers: param("count").optional(),
        source: sourceRef.optional(),
        notes: z.string().optional(),
      })
      .strict()
      .optional()
      .describe("totals the side keeps within (e.g. New START ceilings)"),
    source: sourceRef.optional(),
    notes: z.string().optional(),
  })
  .strict();

const race = z
  .object({
    rounds: z.number().int().min(0).max(200).optional().describe("rounds to run; default 10"),
    moves: z.enum(["alternating", "simultaneous"]).optional(),
    costExchange: z
      .enum(["ends", "every-round"])
      .optional()
      .describe("when to compute the cost-exchange ratio at the margin; default ends"),
    richardson: richardson.optional(),
    sides: z.record(z.string(), raceSide).optional().describe("race settings by side id"),
    source: sourceRef.optional(),
    notes: z.string().optional(),
  })
  .strict();

/** The scenario file format, version 1 (DESIGN §3). */
export const scenarioSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    id: id.optional(),
    title: z.string().min(1),
    description: z.string().optional(),
    asOf: isoDate,
    sources: z.record(z.string(), sourceEntry),
    sides: z.array(side).length(2),
    analysis: analysis.optional(),
    uncertainty: uncertainty.optional(),
    race: race.optional(),
  })
  .strict();

/** A scenario as written, after structural validation (parameters parsed to `Param`). */
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type SideSpec = Scenario["sides"][number];
export type ForceSpec = SideSpec["forces"][number];
export type DefenseSpec = NonNullable<SideSpec["defenses"]>[number];
export type LayerSpec = DefenseSpec["layers"][number];
export type RaceSpec = NonNullable<Scenario["race"]>;
export type RaceSideSpec = NonNullable<RaceSpec["sides"]>[string];
export type RichardsonSpec = NonNullable<RaceSpec["richardson"]>;

/** Defaults of the analysis options (Kent & Thaler 1989, RAND R-3765-AF). */
export const ANALYSIS_DEFAULTS = {
  alpha: fixed(0.3),
  costExponent: fixed(0.75),
  strikerReadiness: fixed(0.9),
  launchUnderAttack: fixed(0),
} as const;
