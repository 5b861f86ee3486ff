import { TREATIES } from "./data/treaties.ts";
import type { Treaty } from "./types.ts";

/** Where a treaty stands on a date. */
export type TreatyStateKind =
  "in-force" | "not-yet-signed" | "signed-not-in-force" | "ended" | "never-in-force";

/** A treaty's state on a date, with a sentence for readers. */
export interface TreatyState {
  readonly kind: TreatyStateKind;
  readonly text: string;
}

/**
 * The state of a treaty on a date (ISO `YYYY-MM-DD`; ISO dates compare as strings). A treaty is
 * in force from its entry-into-force date (inclusive) to its end date (exclusive).
 * @example treatyStateAt(newStart, "2026-02-05").kind // "ended"
 */
export function treatyStateAt(t: Treaty, date: string): TreatyState {
  if (t.enteredIntoForce === undefined) {
    return {
      kind: "never-in-force",
      text: `never entered into force (signed ${t.signed}; ${t.endReason})`,
    };
  }
  if (date < t.signed) {
    return { kind: "not-yet-signed", text: `not yet signed (signed ${t.signed})` };
  }
  if (date < t.enteredIntoForce) {
    return {
      kind: "signed-not-in-force",
      text: `signed ${t.signed}, not yet in force (in force from ${t.enteredIntoForce})`,
    };
  }
  if (t.ended !== undefined && date >= t.ended) {
    return { kind: "ended", text: `no longer in force since ${t.ended} (${t.endReason})` };
  }
  return {
    kind: "in-force",
    text: `in force since ${t.enteredIntoForce}${t.ended ? ` (until ${t.ended})` : ""}`,
  };
}

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Every name a treaty answers to: id, name and aliases. */
export function treatyNames(t: Treaty): string[] {
  return [t.name, t.id, ...t.aliases];
}

/**
 * The treaty a user means by `name`: its id, name or an alias, ignoring case, spaces and
 * punctuation ("new start", "New-START", "nst").
 * @example findTreaty("salt 1")?.id // "salt-1"
 */
export function findTreaty(
  name: string,
  treaties: readonly Treaty[] = TREATIES,
): Treaty | undefined {
  const n = normalise(name);
  if (n === "") return undefined;
  return treaties.find((t) => treatyNames(t).some((a) => normalise(a) === n));
}

/** The treaty with this id (throws for an unknown id: a programmer error). */
export function treatyById(id: string, treaties: readonly Treaty[] = TREATIES): Treaty {
  const t = treaties.find((x) => x.id === id);
  if (!t) throw new Error(`unknown treaty id ${id}`);
  return t;
}
