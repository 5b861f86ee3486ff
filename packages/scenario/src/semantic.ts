import type { IssuePath } from "./issues.ts";
import { suggest } from "./issues.ts";
import { param } from "./param.ts";
import { checkRace } from "./raceChecks.ts";
import type { RawIssue } from "./zodIssues.ts";

export type CheckedIssue = RawIssue & { readonly severity: "error" | "warning" };

const PHASE_ORDER = { boost: 0, midcourse: 1, terminal: 2 } as const;
/** A coverage written as one share (the schema tries this before a map by element). */
const coverageShare = param("share");

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Warheads plus decoys a side may field for the exact models (dense PMFs over 0..n). */
export const MAX_OBJECTS_PER_SIDE = 1_000_000;
// Names plain JavaScript objects already have ("__proto__", "constructor", "toString", …).
const RESERVED_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Defense layers a side may have in all (a route is a set of layers kept in 31 bits). */
export const MAX_LAYERS_PER_SIDE = 30;

/** The largest value a numeric field as written can take (a number, {value}, or a distribution's upper end); 0 if absent or malformed. */
function upper(v: unknown): number {
  if (typeof v === "number") return Number.isFinite(v) ? Math.max(0, v) : 0;
  const o = obj(v);
  if (!o) return 0;
  if (typeof o["value"] === "number") return Math.max(0, o["value"]);
  for (const k of ["uniform", "triangular", "normal90"]) {
    const arr = o[k];
    if (Array.isArray(arr) && typeof arr.at(-1) === "number")
      return Math.max(0, arr.at(-1) as number);
  }
  return 0;
}

/**
 * Checks that need the whole document: every source id resolves, ids are unique, coverage names
 * the attacker's elements, layers are in flight order, doctrine and shots agree. Works on the
 * document as written and tolerates structural errors, so that they are all reported together.
 */
export function checkScenario(raw: unknown, requireSources: boolean): CheckedIssue[] {
  const out: CheckedIssue[] = [];
  const err = (path: IssuePath, code: string, message: string, key?: string) =>
    out.push({ severity: "error", path, code, message, ...(key !== undefined ? { key } : {}) });
  const warn = (path: IssuePath, code: string, message: string) =>
    out.push({ severity: "warning", path, code, message });
  const doc = obj(raw) ?? {};
  const sources = obj(doc["sources"]) ?? {};

  // Every `source:` anywhere must name an entry of `sources` (its own entries: "toString" or
  // "constructor" are not sources), and no entry may be named like a built-in object property.
  const sourceIds = Object.keys(sources);
  for (const key of sourceIds) {
    if (RESERVED_KEYS.has(key)) {
      err(
        ["sources", key],
        "reserved_id",
        `"${key}" is reserved (a built-in object property); name the source otherwise`,
        key,
      );
    }
  }
  walk(raw, [], (path, key, value) => {
    if (key !== "source" || path[0] === "sources") return;
    // Own keys only: `"toString" in sources` is true for every object.
    if (typeof value === "string" && !Object.hasOwn(sources, value)) {
      const hint = suggest(value, sourceIds);
      err(
        path,
        "unknown_source",
        `source "${value}" is not in sources` + (hint ? ` (did you mean "${hint}"?)` : ""),
      );
    }
  });

  // Ids: unique per kind across the scenario (coverage and paths refer to them).
  const seen = new Set<string>();
  const unique = (id: unknown, path: IssuePath, what: string) => {
    if (typeof id !== "string") return;
    if (seen.has(`${what}:${id}`))
      err([...path, "id"], "duplicate_id", `${what} id "${id}" is already used`);
    else seen.add(`${what}:${id}`);
  };
  const sides = list(doc["sides"]).map((x) => obj(x) ?? {});
  sides.forEach((side, si) => {
    unique(side["id"], ["sides", si], "side");
    list(side["forces"]).forEach((f, fi) => {
      unique(obj(f)?.["id"], ["sides", si, "forces", fi], "force");
      // Treaty counting flags that only mean something for one class of force.
      const fo = obj(f) ?? {};
      const category = str(fo["category"]) ?? (fo["basing"] === "bomber" ? "heavy-bomber" : "");
      if (fo["alcm"] !== undefined && category !== "heavy-bomber") {
        warn(
          ["sides", si, "forces", fi, "alcm"],
          "ignored_flag",
          "alcm describes heavy bombers (START I counting); remove it or set category: heavy-bomber",
        );
      }
    });
    list(side["defenses"]).forEach((d, di) => {
      unique(obj(d)?.["id"], ["sides", si, "defenses", di], "defense");
      list(obj(d)?.["layers"]).forEach((l, li) =>
        unique(obj(l)?.["id"], ["sides", si, "defenses", di, "layers", li], "layer"),
      );
    });
    list(side["promptStrike"]).forEach((p, pi) =>
      unique(obj(p)?.["id"], ["sides", si, "promptStrike", pi], "promptStrike"),
    );
  });

  if (sides.length === 2) {
    sides.forEach((side, si) => {
      const other = sides[1 - si]!;
      const sideName = str(side["name"]) ?? str(side["id"]) ?? `side ${si + 1}`;
      const otherName = str(other["name"]) ?? str(other["id"]) ?? `side ${2 - si}`;
      const attackers = new Map<string, Obj>();
      for (const f of list(other["forces"])) {
        const fo = obj(f);
        const fid = str(fo?.["id"]);
        if (fo && fid) attackers.set(fid, fo);
      }
      const own = new Set(list(side["forces"]).map((f) => str(obj(f)?.["id"])));
      list(side["defenses"]).forEach((d, di) => {
        const layers = list(obj(d)?.["layers"]).map((l) => obj(l) ?? {});
        layers.forEach((l, li) => {
          const lp: IssuePath = ["sides", si, "defenses", di, "layers", li];
          const phase = str(l["phase"]);
          const prev = li > 0 ? str(layers[li - 1]!["phase"]) : undefined;
          if (phase && prev && phase in PHASE_ORDER && prev in PHASE_ORDER) {
            if (
              PHASE_ORDER[phase as keyof typeof PHASE_ORDER] <
              PHASE_ORDER[prev as keyof typeof PHASE_ORDER]
            ) {
              err(
                [...lp, "phase"],
                "layer_order",
                `layers must be in flight order (boost, midcourse, terminal); "${phase}" comes after "${prev}"`,
              );
            }
          }
          const doctrine = str(l["doctrine"]) ?? "barrage";
          const shots = l["shots"];
          if (doctrine === "shoot-look-shoot" && !Array.isArray(shots)) {
            err([...lp, "shots"], "doctrine_shots", "shoot-look-shoot needs shots: [n1, n2]");
          }
          if (doctrine === "barrage" && Array.isArray(shots)) {
            err(
              [...lp, "shots"],
              "doctrine_shots",
              "barrage takes one number of shots; [n1, n2] is for shoot-look-shoot",
            );
          }
          if (doctrine === "even" && shots !== undefined) {
            err(
              [...lp, "shots"],
              "doctrine_shots",
              "an even spread fires the whole inventory; remove shots",
            );
          }
          if (doctrine !== "shoot-look-shoot" && l["killAssessment"] !== undefined) {
            warn(
              [...lp, "killAssessment"],
              "unused_field",
              "killAssessment is used only by shoot-look-shoot; it is ignored here",
            );
          }
          const cov = obj(l["coverage"]);
          if (!cov) return;
          if (coverageShare.safeParse(cov).success) {
            // `{value: 0.5}` is one share for every element, even when a force is named "value":
            // ambiguous when it also reads as a map of the attacker's elements to shares.
            const keys = Object.keys(cov);
            const asMap = keys.every(
              (k) => attackers.has(k) && coverageShare.safeParse(cov[k]).success,
            );
            const clash = asMap ? keys[0] : undefined;
            if (clash !== undefined) {
              err(
                [...lp, "coverage"],
                "ambiguous_coverage",
                `reads as one share for all of ${otherName}'s elements, but "${clash}" is also one of its force ids; ` +
                  `to cover that element alone write ${clash}: {value: …}, or rename the force`,
              );
            }
            return;
          }
          for (const key of Object.keys(cov)) {
            const cp: IssuePath = [...lp, "coverage", key];
            const f = attackers.get(key);
            if (!f) {
              const hint = suggest(key, attackers.keys());
              err(
                cp,
                "unknown_element",
                own.has(key)
                  ? `"${key}" is a force of ${sideName}, the defending side; coverage lists ${otherName}'s elements`
                  : `"${key}" is not a force of ${otherName}` +
                      (hint ? ` (did you mean "${hint}"?)` : ""),
                key,
              );
              continue;
            }
            const kind = str(f["kind"]) ?? (f["basing"] === "bomber" ? "cruise" : "ballistic");
            if (kind === "cruise" || (kind === "hgv" && phase === "midcourse")) {
              warn(
                cp,
                "not_engageable",
                `${key} (${kind}) cannot be engaged by a ${phase ?? "this"} layer; its coverage is ignored`,
              );
            }
          }
        });
      });
    });
  }

  // Sizes the exact models can hold: objects per side, and layers per side (routes are bit sets).
  sides.forEach((side, si) => {
    let objects = 0;
    list(side["forces"]).forEach((f) => {
      const fo = obj(f) ?? {};
      const launchers = upper(fo["launchers"]) + upper(fo["nonDeployedLaunchers"]);
      objects += launchers * upper(fo["warheadsPerLauncher"]) * (1 + upper(fo["decoysPerWarhead"]));
    });
    if (objects > MAX_OBJECTS_PER_SIDE) {
      err(
        ["sides", si, "forces"],
        "too_large",
        `this side's forces come to ${objects.toLocaleString("en-US")} warheads and decoys (launchers × warheads per launcher × (1 + decoys per warhead)); the exact models hold at most ${MAX_OBJECTS_PER_SIDE.toLocaleString("en-US")} per side`,
      );
    }
    const layers = list(side["defenses"]).reduce<number>(
      (n, d) => n + list(obj(d)?.["layers"]).length,
      0,
    );
    if (layers > MAX_LAYERS_PER_SIDE) {
      err(
        ["sides", si, "defenses"],
        "too_large",
        `${layers} defense layers in all; a side may have at most ${MAX_LAYERS_PER_SIDE}`,
      );
    }
  });

  const sideIds = sides.map((x) => str(x["id"])).filter((x): x is string => x !== undefined);
  for (const key of Object.keys(obj(obj(doc["analysis"])?.["thresholds"]) ?? {})) {
    if (!sideIds.includes(key)) {
      const hint = suggest(key, sideIds);
      err(
        ["analysis", "thresholds", key],
        "unknown_side",
        `"${key}" is not a side id` + (hint ? ` (did you mean "${hint}"?)` : ""),
        key,
      );
    }
  }

  checkRace(doc, err, warn);

  if (requireSources) {
    for (const path of unsourcedNumbers(raw)) {
      warn(
        path,
        "unsourced_number",
        "this number has no source (give it one, or a source on an enclosing element)",
      );
    }
  }
  return out;
}

/** A parameter written as an object ({value}, or a distribution) rather than a coverage map. */
function isParamLike(o: Obj): boolean {
  return ["value", "beta", "uniform", "triangular", "normal90"].some((k) => k in o);
}

/** Calls `visit` for every key/value pair in plain data. */
function walk(
  v: unknown,
  path: IssuePath,
  visit: (path: IssuePath, key: string | number, value: unknown) => void,
): void {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      visit([...path, i], i, x);
      walk(x, [...path, i], visit);
    });
  } else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      visit([...path, k], k, x);
      walk(x, [...path, k], visit);
    }
  }
}

// Numbers that are choices or settings rather than facts about the world: they need no source.
const NO_SOURCE_NEEDED = new Set([
  "schemaVersion",
  "shots",
  "samples",
  "seed",
  "rank",
  "rounds",
  "horizon",
  "points",
]);

/**
 * Paths of numbers that carry no source, neither their own (`{value, source}`) nor one on an
 * enclosing object. Every shipped scenario must have none.
 */
export function unsourcedNumbers(raw: unknown): IssuePath[] {
  const out: IssuePath[] = [];
  const visit = (v: unknown, path: IssuePath, inherited: boolean) => {
    if (typeof v === "number") {
      const last = [...path].reverse().find((p) => typeof p === "string");
      if (!inherited && !NO_SOURCE_NEEDED.has(String(last))) out.push(path);
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, [...path, i], inherited));
      return;
    }
    if (v !== null && typeof v === "object") {
      if (path[0] === "sources") return;
      const has = typeof (v as { source?: unknown }).source === "string";
      if (isParamLike(v as Obj)) {
        // A parameter object ({value}, a distribution) is one number for sourcing purposes.
        if (!inherited && !has) out.push(path);
        return;
      }
      for (const [k, x] of Object.entries(v as Record<string, unknown>))
        visit(x, [...path, k], inherited || has);
    }
  };
  visit(raw, [], false);
  return out;
}
