// Lists whose representation in V8 does not depend on what they hold.
//
// V8 stores an array's elements as small integers, doubles or references, and gives `[]` (and the
// result of mapping an empty array) the small-integer representation until something else goes
// in. An array of objects that happens to be empty, or a list of numbers that happens to hold only
// whole ones, then looks different to compiled code from its siblings, and code compiled for one
// is thrown away and compiled again when it meets the other. A sweep meets every case somewhere on
// its grid, in every worker thread. Lists made here start in the representation they end in.
// (Nothing here changes a value: it only decides how V8 stores the same values.)

/** A placeholder that is never left in a list. */
const SEED = Object.freeze({});

/** An empty, growable list for objects, in V8's representation for object elements. */
export function objectList<T extends object>(): T[] {
  const out = [SEED] as unknown as T[];
  out.pop();
  return out;
}

/** `xs.map(f)` for results that are objects: the same list, with one representation when empty. */
export function mapToObjects<T, U extends object>(
  xs: readonly T[],
  f: (x: T, i: number) => U,
): U[] {
  const out = objectList<U>();
  for (let i = 0; i < xs.length; i++) out.push(f(xs[i]!, i));
  return out;
}

/** An empty, growable list for numbers, in V8's representation for doubles (whole ones too). */
export function numberList(): number[] {
  const out = [0.5];
  out.pop();
  return out;
}
