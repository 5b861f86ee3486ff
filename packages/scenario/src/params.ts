import type { Basing } from "@stratbal/core";
import { BASINGS } from "@stratbal/core";
import type { IssuePath } from "./issues.ts";
import { pathToText } from "./issues.ts";
import type { Domain, Param } from "./param.ts";
import { toDomainValue } from "./param.ts";
import type { Scenario } from "./schema.ts";
import { ANALYSIS_DEFAULTS } from "./schema.ts";

/** One numeric parameter of a scenario, addressable by a stable path. */
export interface ParamRef {
  /** Stable path by ids: `sides.us.defenses.gmd.layers.gmd-mid.sspk`. */
  readonly path: string;
  /** The same place by position: `sides[0].defenses[0].layers[0].sspk`. */
  readonly indexText: string;
  /** Where the value lives in the document. */
  readonly at: IssuePath;
  readonly domain: Domain;
  readonly param: Param;
  /** True when the file leaves it out and the default applies. */
  readonly defaulted: boolean;
}

/** Layer fields with their defaults, when a file leaves them out. */
export const LAYER_DEFAULTS = {
  tracking: 1,
  discrimination: 0,
  reliability: 1,
  killAssessment: 1,
} as const;

/**
 * Every numeric parameter of a scenario, defaults included, in document order: what sweeps,
 * uncertainty and the web editor can vary.
 */
export function listParams(s: Scenario): ParamRef[] {
  const out: ParamRef[] = [];
  const add = (
    ids: string[],
    at: IssuePath,
    domain: Domain,
    p: Param | undefined,
    fallback?: number,
  ) => {
    if (p === undefined && fallback === undefined) return;
    out.push({
      path: ids.join("."),
      indexText: pathToText(at),
      at,
      domain,
      param: p ?? { value: fallback! },
      defaulted: p === undefined,
    });
  };
  s.sides.forEach((side, si) => {
    const sp: IssuePath = ["sides", si];
    const sid = ["sides", side.id];
    add([...sid, "w80"], [...sp, "w80"], "positive", side.w80);
    side.forces.forEach((f, fi) => {
      const fp: IssuePath = [...sp, "forces", fi];
      const fid = [...sid, "forces", f.id];
      add([...fid, "launchers"], [...fp, "launchers"], "count", f.launchers);
      add(
        [...fid, "nonDeployedLaunchers"],
        [...fp, "nonDeployedLaunchers"],
        "count",
        f.nonDeployedLaunchers,
        0,
      );
      add(
        [...fid, "warheadsPerLauncher"],
        [...fp, "warheadsPerLauncher"],
        "positiveCount",
        f.warheadsPerLauncher,
      );
      add(
        [...fid, "decoysPerWarhead"],
        [...fp, "decoysPerWarhead"],
        "count",
        f.decoysPerWarhead,
        0,
      );
      add([...fid, "reliability"], [...fp, "reliability"], "probability", f.reliability);
      add([...fid, "survivable"], [...fp, "survivable"], "share", f.survivable);
    });
    for (const b of BASINGS) {
      add(
        [...sid, "counterforcePk", b],
        [...sp, "counterforcePk", b],
        "probability",
        side.counterforcePk?.[b],
        0,
      );
    }
    (side.promptStrike ?? []).forEach((ps, pi) => {
      const pp: IssuePath = [...sp, "promptStrike", pi];
      const pid = [...sid, "promptStrike", ps.id];
      add([...pid, "weapons"], [...pp, "weapons"], "count", ps.weapons);
      for (const b of BASINGS) add([...pid, "pk", b], [...pp, "pk", b], "probability", ps.pk[b], 0);
    });
    (side.defenses ?? []).forEach((d, di) => {
      d.layers.forEach((l, li) => {
        const lp: IssuePath = [...sp, "defenses", di, "layers", li];
        const lid = [...sid, "defenses", d.id, "layers", l.id];
        add([...lid, "interceptors"], [...lp, "interceptors"], "count", l.interceptors);
        add([...lid, "sspk"], [...lp, "sspk"], "probability", l.sspk);
        add(
          [...lid, "tracking"],
          [...lp, "tracking"],
          "probability",
          l.tracking,
          LAYER_DEFAULTS.tracking,
        );
        add(
          [...lid, "discrimination"],
          [...lp, "discrimination"],
          "probability",
          l.discrimination,
          LAYER_DEFAULTS.discrimination,
        );
        add(
          [...lid, "reliability"],
          [...lp, "reliability"],
          "probability",
          l.reliability,
          LAYER_DEFAULTS.reliability,
        );
        if (l.doctrine === "shoot-look-shoot") {
          add(
            [...lid, "killAssessment"],
            [...lp, "killAssessment"],
            "probability",
            l.killAssessment,
            LAYER_DEFAULTS.killAssessment,
          );
        }
        const cov = l.coverage;
        if (cov === undefined || isParam(cov)) {
          add([...lid, "coverage"], [...lp, "coverage"], "share", cov, 1);
        } else {
          for (const [fid, c] of Object.entries(cov))
            add([...lid, "coverage", fid], [...lp, "coverage", fid], "share", c);
        }
      });
    });
  });
  const a = s.analysis;
  add(
    ["analysis", "alpha"],
    ["analysis", "alpha"],
    "nonnegative",
    a?.alpha,
    ANALYSIS_DEFAULTS.alpha.value,
  );
  add(
    ["analysis", "costExponent"],
    ["analysis", "costExponent"],
    "positive",
    a?.costExponent,
    ANALYSIS_DEFAULTS.costExponent.value,
  );
  add(
    ["analysis", "strikerReadiness"],
    ["analysis", "strikerReadiness"],
    "probability",
    a?.strikerReadiness,
    ANALYSIS_DEFAULTS.strikerReadiness.value,
  );
  add(
    ["analysis", "launchUnderAttack"],
    ["analysis", "launchUnderAttack"],
    "probability",
    a?.launchUnderAttack,
    ANALYSIS_DEFAULTS.launchUnderAttack.value,
  );
  for (const [sid, t] of Object.entries(a?.thresholds ?? {})) {
    add(["analysis", "thresholds", sid], ["analysis", "thresholds", sid], "count", t);
  }
  return out;
}

/** Whether a coverage value is one parameter for every element rather than a map by element. */
export function isParam(v: unknown): v is Param {
  return (
    v !== null &&
    typeof v === "object" &&
    typeof (v as { value?: unknown }).value === "number" &&
    Object.keys(v).every((k) => k === "value" || k === "dist" || k === "source")
  );
}

/** Finds a parameter by its id path or its index path (`sides[0].w80`). */
export function findParam(s: Scenario, path: string): ParamRef | undefined {
  return listParams(s).find((p) => p.path === path || p.indexText === path);
}

/**
 * A copy of the scenario with the given parameters set to plain values (any distribution on
 * them is dropped; whole-number domains are rounded half up). Keys are id or index paths.
 * Returns the paths that name no parameter in `unknown`.
 */
export function withParams(
  s: Scenario,
  values: ReadonlyMap<string, number>,
): { scenario: Scenario; unknown: string[] } {
  const refs = listParams(s);
  const copy = structuredClone(s) as Scenario;
  const unknown: string[] = [];
  for (const [path, value] of values) {
    const ref = refs.find((r) => r.path === path || r.indexText === path);
    if (!ref) {
      unknown.push(path);
      continue;
    }
    const p = ref.param;
    setAt(copy, ref.at, {
      value: toDomainValue(ref.domain, value),
      ...(p.source !== undefined ? { source: p.source } : {}),
    });
  }
  return { scenario: copy, unknown };
}

function setAt(root: unknown, at: IssuePath, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (let i = 0; i < at.length - 1; i++) {
    const k = at[i]!;
    if (node[k] === undefined || node[k] === null) node[k] = {};
    node = node[k] as Record<string | number, unknown>;
  }
  node[at.at(-1)!] = value;
}

/** The kill probability table of a side with unlisted basings at 0. */
export function perBasing(
  table: { readonly [B in Basing]?: Param | undefined } | undefined,
): Record<Basing, number> {
  const out = {} as Record<Basing, number>;
  for (const b of BASINGS) out[b] = table?.[b]?.value ?? 0;
  return out;
}
