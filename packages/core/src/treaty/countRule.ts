import type {
  DefenseBasing,
  ForceCategory,
  TreatyDefense,
  TreatyForce,
  TreatySide,
} from "./posture.ts";
import type { CountRule, NotCountableReason, Party } from "./types.ts";

/** What a counting rule found: a number with what went into it, or why it cannot be counted. */
export type Count =
  | {
      readonly kind: "counted";
      readonly value: number;
      /** One line per contribution, for the reader to retrace the count. */
      readonly detail: readonly string[];
    }
  | { readonly kind: "not-countable"; readonly reason: string };

/** Why each kind of limit cannot be counted from a scenario. */
export const NOT_COUNTABLE_REASONS: Readonly<Record<NotCountableReason, string>> = {
  geography: "deployment-area geography is outside this tool's scope (no geography)",
  "test-ranges": "scenarios do not describe test ranges",
  "throw-weight": "throw-weight is a missile characteristic scenarios do not carry",
  verification: "a verification provision (inspections, data exchanges), not a force level",
};

/** START I warheads attributed to each of the first heavy bombers equipped for long-range ALCMs. */
// START I Art. III (nuke.fas.org startcen): US 10 for each of the first 150, USSR 8 for the first 180.
const START1_ALCM_DISCOUNT: Readonly<
  Record<Party, { readonly bombers: number; readonly each: number }>
> = {
  "united-states": { bombers: 150, each: 10 },
  russia: { bombers: 180, each: 8 },
};

const BANNED_ABM_BASING: readonly DefenseBasing[] = ["sea", "air", "space", "mobile-land"];

const counted = (value: number, detail: readonly string[]): Count => ({
  kind: "counted",
  value,
  detail,
});
const notCountable = (reason: string): Count => ({ kind: "not-countable", reason });

const fmt = (n: number) => n.toLocaleString("en-US");
const of = (forces: readonly TreatyForce[], ...cats: ForceCategory[]) =>
  forces.filter((f) => cats.includes(f.category));

/** Sums `term` over forces, with one detail line each. */
function sumForces(
  forces: readonly TreatyForce[],
  term: (f: TreatyForce) => { value: number; text: string },
): Count {
  let total = 0;
  const detail: string[] = [];
  for (const f of forces) {
    const { value, text } = term(f);
    total += value;
    detail.push(`${f.id}: ${text}`);
  }
  return counted(total, detail.length > 0 ? detail : ["no force elements of the counted kinds"]);
}

const deployed = (f: TreatyForce) => ({ value: f.launchers, text: `${fmt(f.launchers)} deployed` });
const deployedAndNot = (f: TreatyForce) => ({
  value: f.launchers + f.nonDeployedLaunchers,
  text: `${fmt(f.launchers)} deployed + ${fmt(f.nonDeployedLaunchers)} non-deployed`,
});
const loaded = (f: TreatyForce) => ({
  value: f.launchers * f.warheadsPerLauncher,
  text: `${fmt(f.launchers)} × ${f.warheadsPerLauncher} warheads`,
});

/** Land-based defenses grouped into ABM deployment areas (fixed land basing; absent = fixed). */
function deploymentAreas(defenses: readonly TreatyDefense[]): Map<string, TreatyDefense[]> {
  const areas = new Map<string, TreatyDefense[]>();
  for (const d of defenses) {
    if (d.basing !== undefined && d.basing !== "fixed-land") continue;
    // A system that names no area is conservatively counted as an area of its own.
    const key = d.deploymentArea ?? `(no area given: ${d.id})`;
    const list = areas.get(key) ?? [];
    list.push(d);
    areas.set(key, list);
  }
  return areas;
}

const interceptorsOf = (d: TreatyDefense) => d.layers.reduce((s, l) => s + l.interceptors, 0);
// ABM launchers: a layer that gives no launcher count is counted one launcher per interceptor.
const launchersOf = (d: TreatyDefense) =>
  d.layers.reduce((s, l) => s + (l.launchers ?? l.interceptors), 0);

function perArea(defenses: readonly TreatyDefense[], what: "launchers" | "interceptors"): Count {
  const areas = deploymentAreas(defenses);
  if (areas.size === 0) return counted(0, ["no fixed land-based defenses"]);
  let worst = 0;
  const detail: string[] = [];
  for (const [area, ds] of areas) {
    const n = ds.reduce(
      (s, d) => s + (what === "launchers" ? launchersOf(d) : interceptorsOf(d)),
      0,
    );
    worst = Math.max(worst, n);
    const note =
      what === "launchers" && ds.some((d) => d.layers.some((l) => l.launchers === undefined))
        ? " (layers without a launcher count: one launcher per interceptor)"
        : "";
    detail.push(`${area}: ${fmt(n)} ${what} in ${ds.map((d) => d.id).join(", ")}${note}`);
  }
  return counted(worst, [`largest area counts; ${areas.size} area(s)`, ...detail]);
}

function start1Accountable(side: TreatySide): Count {
  const bombers = of(side.forces, "heavy-bomber");
  const unknown = bombers.filter((f) => f.alcm === undefined && f.launchers > 0);
  if (unknown.length > 0) {
    return notCountable(
      `START I attributes warheads to heavy bombers by whether they carry long-range ALCMs; set ` +
        `alcm: true or false on ${unknown.map((f) => f.id).join(", ")}`,
    );
  }
  if (bombers.some((f) => f.alcm) && side.party === null) {
    return notCountable("the START I ALCM bomber discount differs by party; this side is no party");
  }
  const ballistic = sumForces(of(side.forces, "icbm", "slbm"), loaded);
  if (ballistic.kind !== "counted") return ballistic;
  let total = ballistic.value;
  const detail = [...ballistic.detail];
  let discounted = 0;
  const discount = side.party ? START1_ALCM_DISCOUNT[side.party] : { bombers: 0, each: 0 };
  for (const f of bombers) {
    if (!f.alcm) {
      total += f.launchers;
      detail.push(`${f.id}: ${fmt(f.launchers)} bombers without long-range ALCMs × 1`);
      continue;
    }
    const atDiscount = Math.min(f.launchers, Math.max(0, discount.bombers - discounted));
    discounted += atDiscount;
    const rest = f.launchers - atDiscount;
    total += atDiscount * discount.each + rest * f.warheadsPerLauncher;
    detail.push(
      `${f.id}: ${fmt(atDiscount)} ALCM bombers × ${discount.each} attributed` +
        (rest > 0
          ? ` + ${fmt(rest)} × ${f.warheadsPerLauncher} (beyond the first ${discount.bombers})`
          : ""),
    );
  }
  return counted(total, detail);
}

/**
 * Counts what a limit's rule counts in one side's posture. Every rule is documented in
 * docs/treaties.md; the rules follow the treaties' own counting where a scenario carries the
 * information and say why otherwise.
 * @example countRule("nst-deployed-warheads", side) // ICBM and SLBM warheads + 1 per bomber
 */
export function countRule(rule: CountRule, side: TreatySide): Count {
  const forces = side.forces;
  switch (rule) {
    case "nst-deployed-delivery-vehicles":
    case "start1-sndv":
      return sumForces(of(forces, "icbm", "slbm", "heavy-bomber"), deployed);
    case "nst-deployed-warheads":
      // New START Art. III.2(c): each deployed heavy bomber counts as one warhead.
      return sumForces(of(forces, "icbm", "slbm", "heavy-bomber"), (f) =>
        f.category === "heavy-bomber"
          ? {
              value: f.launchers,
              text: `${fmt(f.launchers)} deployed heavy bombers × 1 (loaded ${f.warheadsPerLauncher} each; New START counts one per bomber)`,
            }
          : loaded(f),
      );
    case "nst-launchers":
      return sumForces(of(forces, "icbm", "slbm", "heavy-bomber"), deployedAndNot);
    case "salt1-icbm-launchers": {
      const c = sumForces(
        of(forces, "icbm").filter((f) => f.basing === "silo"),
        deployedAndNot,
      );
      const mobile = of(forces, "icbm").filter((f) => f.basing !== "silo");
      return c.kind === "counted" && mobile.length > 0
        ? counted(c.value, [
            ...c.detail,
            `not counted (the freeze covers fixed launchers): ${mobile.map((f) => f.id).join(", ")}`,
          ])
        : c;
    }
    case "salt1-slbm-launchers":
      return sumForces(of(forces, "slbm"), deployedAndNot);
    case "start1-accountable-warheads":
      return start1Accountable(side);
    case "start1-ballistic-warheads":
      return sumForces(of(forces, "icbm", "slbm"), loaded);
    case "start1-mobile-icbm-warheads":
      return sumForces(
        of(forces, "icbm").filter((f) => f.basing === "mobile"),
        loaded,
      );
    case "start1-heavy-icbm-warheads":
      return sumForces(
        of(forces, "icbm").filter((f) => f.heavy),
        loaded,
      );
    case "loaded-strategic-warheads":
      // SORT and START II: bombers count the weapons they are loaded (equipped) with.
      return sumForces(of(forces, "icbm", "slbm", "heavy-bomber"), loaded);
    case "mirved-icbm-launchers":
      return sumForces(
        of(forces, "icbm").filter((f) => f.warheadsPerLauncher > 1),
        deployed,
      );
    case "inf-ground-launched":
      // Ground-launched only: sea- and air-launched missiles were outside the INF Treaty.
      return sumForces(
        of(forces, "intermediate").filter((f) => f.basing === "silo" || f.basing === "mobile"),
        deployedAndNot,
      );
    case "abm-deployment-areas": {
      const areas = deploymentAreas(side.defenses);
      return counted(
        areas.size,
        areas.size === 0
          ? ["no fixed land-based defenses"]
          : [...areas].map(([a, ds]) => `${a}: ${ds.map((d) => d.id).join(", ")}`),
      );
    }
    case "abm-launchers-per-area":
      return perArea(side.defenses, "launchers");
    case "abm-interceptors-per-area":
      return perArea(side.defenses, "interceptors");
    case "abm-interceptors-total": {
      const land = [...deploymentAreas(side.defenses).values()].flat();
      return counted(
        land.reduce((s, d) => s + interceptorsOf(d), 0),
        land.length === 0
          ? ["no fixed land-based defenses"]
          : land.map((d) => `${d.id}: ${fmt(interceptorsOf(d))} interceptors`),
      );
    }
    case "abm-banned-basing": {
      const banned = side.defenses.filter(
        (d) => d.basing !== undefined && BANNED_ABM_BASING.includes(d.basing),
      );
      return counted(
        banned.length,
        banned.length === 0
          ? ["no sea-, air-, space-based or mobile land-based defenses"]
          : banned.map(
              (d) =>
                `${d.id}: ${d.basing}-based, ${d.layers.length} layer(s), ${fmt(interceptorsOf(d))} interceptors`,
            ),
      );
    }
    case "not-countable:geography":
    case "not-countable:test-ranges":
    case "not-countable:throw-weight":
    case "not-countable:verification":
      return notCountable(
        NOT_COUNTABLE_REASONS[rule.slice("not-countable:".length) as NotCountableReason],
      );
    default:
      return rule satisfies never;
  }
}
