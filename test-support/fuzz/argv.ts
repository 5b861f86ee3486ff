import fc from "fast-check";

// Random command lines for the fuzz tests (docs/fuzzing.md): a command's real flags (read from
// its commander definition by the caller) in any order, with values that make sense, values at
// and beyond the limits, non-numbers, empty strings and junk, plus flags that do not exist.

/** One option of a command, as commander defines it. */
export interface FlagSpec {
  readonly flag: string;
  readonly takesValue: boolean;
}

/** A command's options and positional arguments. */
export interface CommandSpec {
  readonly name: string;
  readonly flags: readonly FlagSpec[];
  /** Positional arguments: how many at most are worth giving (variadic ones: a few). */
  readonly positionals: number;
}

export interface ArgvContext {
  /** Paths for positional arguments: valid and broken scenario files, shards, directories. */
  readonly files: readonly string[];
  /** Values that make sense for a flag, by flag (e.g. "--treaty": ["New START"]). */
  readonly values: Readonly<Record<string, readonly string[]>>;
}

/** Numbers as a user might type them, right and wrong. */
export const NUMBER_TEXT = [
  "0",
  "1",
  "2",
  "3",
  "-1",
  "-0",
  "0.5",
  "1.5",
  ".5",
  "5.",
  "1e3",
  "1e-400",
  "1e400",
  "1e15",
  "99999999999999999999",
  "NaN",
  "Infinity",
  "-Infinity",
  "0x10",
  "0b11",
  "+2",
  " 3 ",
  "1,2",
  "1_000",
  "٣",
  "１",
  "",
  " ",
  "abc",
  "null",
  "true",
  "-",
  "--",
] as const;

/** Text that is not what any flag wants. */
export const JUNK_TEXT = [
  "",
  " ",
  "-",
  "--json",
  "-h",
  "=",
  "a=b=c",
  "💥",
  "line\nbreak",
  "tab\tseparated",
  "\u001b[2J",
  "%s%n",
  "${HOME}",
  "../../etc/passwd",
  "x".repeat(300),
  "\u0000",
  "constructor",
  "__proto__",
] as const;

const JUNK_FLAGS = [
  "--nope",
  "-x",
  "--",
  "---",
  "--JSON",
  "--json=1",
  "--no-json",
  "-",
  "--help",
  "-h",
  "--version",
  "-V",
  "--warheads=5",
  "--vary",
  "--out",
  "--constructor",
  "--__proto__",
] as const;

function flagTokens(spec: CommandSpec, ctx: ArgvContext): fc.Arbitrary<string[]> {
  const real = spec.flags.map((f) => {
    if (!f.takesValue) return fc.constant<string[]>([f.flag]);
    const good = ctx.values[f.flag] ?? [];
    const value = fc.oneof(
      ...(good.length > 0 ? [{ weight: 12, arbitrary: fc.constantFrom(...good) }] : []),
      { weight: 3, arbitrary: fc.constantFrom(...NUMBER_TEXT) },
      { weight: 1, arbitrary: fc.constantFrom(...JUNK_TEXT) },
      // Never an output file name: a path ending in .csv, .json or .parquet would be written
      // relative to the working directory.
      {
        weight: 1,
        arbitrary: fc.string({ maxLength: 8 }).filter((s) => !/\.(csv|json|parquet)\s*$/i.test(s)),
      },
    );
    return fc.oneof(
      { weight: 12, arbitrary: value.map((v) => [f.flag, v]) },
      { weight: 1, arbitrary: value.map((v) => [`${f.flag}=${v}`]) },
      { weight: 1, arbitrary: fc.constant<string[]>([f.flag]) }, // value missing
    );
  });
  const junk = fc.oneof(
    fc.constantFrom(...JUNK_FLAGS).map((f) => [f]),
    fc
      .tuple(fc.constantFrom(...JUNK_FLAGS), fc.constantFrom(...NUMBER_TEXT))
      .map(([f, v]) => [f, v]),
  );
  return fc.oneof(...(real.length > 0 ? [{ weight: 20, arbitrary: fc.oneof(...real) }] : []), {
    weight: 1,
    arbitrary: junk,
  });
}

/**
 * A command line for one command: its name, then flags and positional arguments in any order.
 * `always` is appended last (e.g. `--workers 1` for sweep, which would otherwise start threads).
 */
export function argvFor(
  spec: CommandSpec,
  ctx: ArgvContext,
  always: fc.Arbitrary<readonly string[]> = fc.constant([]),
  bases: readonly (readonly string[])[] = [],
): fc.Arbitrary<string[]> {
  const positional = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...ctx.files) },
    { weight: 1, arbitrary: fc.constantFrom(...JUNK_TEXT) },
  );
  // Mostly as many positional arguments as the command takes; sometimes none or too many.
  const positionals = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.array(positional, {
        minLength: Math.min(1, spec.positionals),
        maxLength: Math.max(1, spec.positionals),
      }),
    },
    { weight: 1, arbitrary: fc.array(positional, { minLength: 0, maxLength: 4 }) },
  );
  const random = fc
    .tuple(
      positionals,
      fc.array(flagTokens(spec, ctx), { minLength: 0, maxLength: 5 }),
      fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
      always,
    )
    .map(([pos, items, keys, tail]) => {
      // Interleave positional arguments with flag groups, in a drawn order.
      const groups = [...pos.map((p) => [p]), ...items];
      const order = groups.map((g, i) => ({ g, k: keys[i % keys.length]! + i }));
      order.sort((a, b) => a.k - b.k);
      return [spec.name, ...order.flatMap((o) => o.g), ...tail];
    });
  if (bases.length === 0) return random;
  // A valid command line with a few random flags after it (the last value of a flag wins), so
  // that runs get past the required flags into the computation.
  const perturbed = fc
    .tuple(
      fc.constantFrom(...bases),
      fc.array(flagTokens(spec, ctx), { minLength: 0, maxLength: 3 }),
      always,
    )
    .map(([base, flags, tail]) => [spec.name, ...base, ...flags.flat(), ...tail]);
  return fc.oneof({ weight: 2, arbitrary: random }, { weight: 1, arbitrary: perturbed });
}
