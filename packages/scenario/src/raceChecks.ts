import type { IssuePath } from "./issues.ts";
import { suggest } from "./issues.ts";

type Obj = Record<string, unknown>;
type Report = (path: IssuePath, code: string, message: string, key?: string) => void;

const obj = (v: unknown): Obj | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
/** The number a parameter holds (plain or {value}); undefined for distributions or bad input. */
const num = (v: unknown): number | undefined =>
  typeof v === "number"
    ? v
    : typeof obj(v)?.["value"] === "number"
      ? (obj(v)!["value"] as number)
      : undefined;

const GOAL_FIELDS: Record<string, readonly string[]> = {
  schedule: ["interceptors"],
  "third-party": ["pNoLeak", "raid", "layers"],
  "damage-limitation": ["warheads", "confidence"],
};
const GOAL_REQUIRED: Record<string, readonly string[]> = {
  schedule: ["interceptors"],
  "third-party": ["pNoLeak", "raid"],
  "damage-limitation": ["warheads", "confidence"],
};

/**
 * Checks of the `race:` section that need the rest of the document (DESIGN §2.4): side ids,
 * force elements and layers named by options and plans exist; every option and plan has the unit
 * costs it needs; a goal carries the fields of its kind; schedules fit the layer's cap.
 * Tolerates structural errors (they are reported by the schema).
 */
export function checkRace(doc: Obj, err: Report, warn: Report): void {
  const race = obj(doc["race"]);
  if (!race) return;
  const sides = list(doc["sides"]).map((x) => obj(x) ?? {});
  const sideIds = sides.map((s) => str(s["id"]));
  const raceSides = obj(race["sides"]) ?? {};
  if (race["richardson"] === undefined && Object.keys(raceSides).length === 0) {
    warn(
      ["race"],
      "empty_race",
      "the race section has neither richardson nor sides; add one of them or remove the section",
    );
  }
  for (const [sid, spec] of Object.entries(raceSides)) {
    const rp: IssuePath = ["race", "sides", sid];
    const si = sideIds.indexOf(sid);
    if (si < 0) {
      const hint = suggest(
        sid,
        sideIds.filter((x): x is string => x !== undefined),
      );
      err(
        rp,
        "unknown_side",
        `"${sid}" is not a side id` + (hint ? ` (did you mean "${hint}"?)` : ""),
        sid,
      );
      continue;
    }
    const rs = obj(spec);
    if (!rs) continue;
    const side = sides[si]!;
    const forces = new Map<string, Obj>();
    for (const f of list(side["forces"])) {
      const fo = obj(f);
      const fid = str(fo?.["id"]);
      if (fo && fid) forces.set(fid, fo);
    }
    const layers = new Map<string, Obj>();
    for (const d of list(side["defenses"]))
      for (const l of list(obj(d)?.["layers"])) {
        const lo = obj(l);
        const lid = str(lo?.["id"]);
        if (lo && lid) layers.set(lid, lo);
      }
    const costs = obj(rs["costsMillionUsd"]) ?? {};
    const launcherCosts = obj(costs["launcher"]) ?? {};
    const needCost = (path: IssuePath, key: string, why: string) => {
      if (costs[key] === undefined)
        err(path, "missing_cost", `${why} needs costsMillionUsd.${key} for ${sid}`);
    };
    for (const fid of Object.keys(launcherCosts)) {
      if (!forces.has(fid)) {
        const hint = suggest(fid, forces.keys());
        err(
          [...rp, "costsMillionUsd", "launcher", fid],
          "unknown_element",
          `"${fid}" is not a force of ${sid}` + (hint ? ` (did you mean "${hint}"?)` : ""),
          fid,
        );
      }
    }

    // Offense options.
    const offense = list(rs["offense"]);
    const seen = new Set<string>();
    const limits = obj(rs["limits"]);
    const totals = { warheads: 0, launchers: 0 };
    for (const f of forces.values()) {
      const n = num(f["launchers"]) ?? 0;
      totals.launchers += n;
      // Counted as New START counts: one warhead per deployed heavy bomber.
      totals.warheads += f["basing"] === "bomber" ? n : n * (num(f["warheadsPerLauncher"]) ?? 0);
    }
    offense.forEach((o, oi) => {
      const op: IssuePath = [...rp, "offense", oi];
      const oo = obj(o);
      if (!oo) return;
      const kind = str(oo["kind"]);
      const el = str(oo["element"]);
      if (kind && el) {
        const key = `${kind}:${el}`;
        if (seen.has(key))
          err(op, "duplicate_option", `${kind} on ${el} is already an option of ${sid}`);
        seen.add(key);
      }
      const f = el !== undefined ? forces.get(el) : undefined;
      if (el !== undefined && !f) {
        const hint = suggest(el, forces.keys());
        err(
          [...op, "element"],
          "unknown_element",
          `"${el}" is not a force of ${sid}` + (hint ? ` (did you mean "${hint}"?)` : ""),
        );
      }
      const max = num(oo["max"]);
      if (kind === "launchers") {
        if (el !== undefined && !Object.hasOwn(launcherCosts, el))
          err(
            op,
            "missing_cost",
            `launchers on ${el} needs costsMillionUsd.launcher.${el} (per launcher, without warheads)`,
          );
        needCost(op, "warhead", `launchers on ${el ?? "an element"} (each carries warheads)`);
        if (f && (num(f["decoysPerWarhead"]) ?? 0) > 0)
          needCost(op, "decoy", `launchers on ${el} (each carries decoys)`);
      }
      if (kind === "warheads") {
        needCost(op, "warhead", "a warheads option");
        if (f && (num(f["decoysPerWarhead"]) ?? 0) > 0)
          needCost(op, "decoy", `warheads on ${el} (each new warhead carries decoys)`);
        if (max !== undefined && max < 1)
          err([...op, "max"], "out_of_range", "the most warheads per launcher must be at least 1");
      }
      if (kind === "decoys") needCost(op, "decoy", "a decoys option");
      if (f && max !== undefined && kind) {
        const current = num(
          f[
            kind === "launchers"
              ? "launchers"
              : kind === "warheads"
                ? "warheadsPerLauncher"
                : "decoysPerWarhead"
          ],
        );
        if (current !== undefined && max < current)
          warn(
            [...op, "max"],
            "below_current",
            `the cap ${max} is below ${el}'s current ${current}; the option can buy nothing (raise max or remove it)`,
          );
      }
      if (kind === "warheads" && f && (num(f["launchers"]) ?? 0) === 0)
        warn(op, "no_launchers", `${el} has no launchers; uploading it buys nothing`);
    });
    if (limits) {
      for (const k of ["warheads", "launchers"] as const) {
        const lim = num(limits[k]);
        if (lim !== undefined && totals[k] > lim)
          warn(
            [...rp, "limits", k],
            "over_limit",
            `${sid} already deploys ${totals[k]} ${k}${k === "warheads" ? " (bombers counted as one)" : ""}, above this limit of ${lim}; options that add ${k} can buy nothing`,
          );
      }
    }
    if (offense.length > 0 && rs["requirement"] === undefined)
      warn(
        [...rp, "offense"],
        "unused_field",
        `${sid} has offense options but no requirement; its offense will not react (add requirement)`,
      );
    if (rs["requirement"] !== undefined && offense.length === 0)
      warn(
        [...rp, "requirement"],
        "unused_field",
        `${sid} has a requirement but no offense options; its offense cannot react (add offense)`,
      );

    // Defense plan.
    const defense = obj(rs["defense"]);
    if (defense) {
      const dp: IssuePath = [...rp, "defense"];
      const lid = str(defense["layer"]);
      if (lid !== undefined && !layers.has(lid)) {
        const hint = suggest(lid, layers.keys());
        err(
          [...dp, "layer"],
          "unknown_layer",
          `"${lid}" is not a defense layer of ${sid}` + (hint ? ` (did you mean "${hint}"?)` : ""),
        );
      }
      needCost(dp, "interceptor", "a defense plan");
      const max = num(defense["max"]);
      const current = lid !== undefined ? num(layers.get(lid)?.["interceptors"]) : undefined;
      if (max !== undefined && current !== undefined && max < current)
        err(
          [...dp, "max"],
          "below_current",
          `the most interceptors (${max}) is below the layer's current ${current}`,
        );
      const goal = obj(defense["goal"]);
      const kind = str(goal?.["kind"]);
      if (goal && kind && kind in GOAL_FIELDS) {
        const gp: IssuePath = [...dp, "goal"];
        for (const f of GOAL_REQUIRED[kind]!)
          if (goal[f] === undefined)
            err([...gp, f], "missing_field", `is required for a ${kind} goal`);
        for (const other of Object.values(GOAL_FIELDS).flat())
          if (goal[other] !== undefined && !GOAL_FIELDS[kind]!.includes(other))
            err([...gp, other], "unused_field", `${other} does not apply to a ${kind} goal`, other);
        if (kind === "schedule" && max !== undefined) {
          let prev = -Infinity;
          list(goal["interceptors"]).forEach((n, i) => {
            const v = num(n);
            if (v === undefined) return;
            if (v > max)
              err(
                [...gp, "interceptors", i],
                "out_of_range",
                `the plan (${v}) exceeds the layer's most (${max})`,
              );
            if (v < prev)
              warn(
                [...gp, "interceptors", i],
                "decreasing_plan",
                `the plan falls from ${prev} to ${v}; interceptors are never scrapped, so this round buys nothing`,
              );
            prev = v;
          });
        }
        if (kind === "third-party") {
          list(goal["layers"]).forEach((l, i) => {
            const id = str(l);
            if (id !== undefined && !layers.has(id)) {
              const hint = suggest(id, layers.keys());
              err(
                [...gp, "layers", i],
                "unknown_layer",
                `"${id}" is not a defense layer of ${sid}` +
                  (hint ? ` (did you mean "${hint}"?)` : ""),
              );
            }
          });
          const layerIds = list(goal["layers"]).map(str);
          if (goal["layers"] !== undefined && lid !== undefined && !layerIds.includes(lid))
            warn(
              [...gp, "layers"],
              "unsized_layer",
              `the sized layer ${lid} does not engage the raid; buying it cannot change P(no leak)`,
            );
          const raidIds = new Set<string>();
          list(goal["raid"]).forEach((e, i) => {
            const id = str(obj(e)?.["id"]);
            if (id === undefined) return;
            if (raidIds.has(id))
              err(
                [...gp, "raid", i, "id"],
                "duplicate_id",
                `raid element id "${id}" is already used`,
              );
            raidIds.add(id);
          });
        }
      }
    }
  }
}
