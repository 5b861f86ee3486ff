// Lists whose representation in V8 does not depend on what they hold.
//
// V8 stores an array's elements as small integers, doubles or references, packed or with holes,
// and code compiled for one representation is thrown away and compiled again when it meets
// another. `[]` (and the result of mapping an empty array) starts as small integers until
// something else goes in, so an empty list of objects, or a list of numbers that happens to hold
// only whole ones, looks different from its siblings; and `Array.prototype.map` returns a packed
// list while its caller is interpreted but a holey one once the caller is compiled, so the lists
// a hot function makes change representation half-way through a sweep. A sweep meets every case
// somewhere on its grid, in every worker thread, and each costs a round of recompilation there.
// Lists made here have one representation from the start. (Nothing here changes a value: it only
// decides how V8 stores the same values.)

/** A placeholder that is never left in a list. */
const SEED = Object.freeze({});

/** An empty, growable list for objects (or strings), packed, in V8's representation for references. */
export function objectList<T>(): T[] {
  const out = [SEED] as unknown as T[];
  out.pop();
  return out;
}

/**
 * `xs.map(f)` for results that are not numbers: the same list, packed and in the representation
 * for references whether empty or not and whether the caller is compiled or not.
 */
export function mapList<T, U>(xs: readonly T[], f: (x: T, i: number) => U): U[] {
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
