import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArgvContext, CommandSpec } from "../../../../test-support/fuzz/argv.ts";
import { JUNK_TEXT, NUMBER_TEXT, argvFor } from "../../../../test-support/fuzz/argv.ts";
import {
  CI_SEED,
  fuzzParameters,
  fuzzTimeout,
  reportSlowRuns,
} from "../../../../test-support/fuzz/config.ts";
import { toText, validScenario } from "../../../../test-support/fuzz/scenarios.ts";
import {
  commandSpecs,
  expectNoCrash,
  fingerprint,
  removeDir,
  run,
  show,
  tempDir,
  writeText,
} from "./harness.ts";

// Fuzzing the command line (docs/fuzzing.md): every command with random flags from its real
// flag set (read from its commander definition), junk flags, and values right and wrong
// (numbers, negatives, NaN, huge, empty, text), with valid, broken and missing files. Whatever
// it is given, a run exits 0, 1 or 2 without an internal error or a stack trace, leaves its
// input files as they were, writes only where --out says (inside the temporary directory) and
// never touches Object.prototype.

const tmp = tempDir("argv");
const cwdBefore = readdirSync(process.cwd()).sort();
const specs = new Map(commandSpecs().map((s) => [s.name, s]));

const inputs: string[] = [];
let ctx: ArgvContext;
/** Valid command lines per command, which the fuzzer perturbs. */
let bases: Record<string, string[][]> = {};

beforeAll(async () => {
  // Valid scenarios from the generator (fixed seed: the same files in every run).
  const docs = fc.sample(validScenario, { seed: CI_SEED, numRuns: 3 });
  const valid = docs.map((g, i) =>
    writeText(
      tmp.file(`valid-${i}.${i === 1 ? "json" : "yaml"}`),
      toText(g.doc, i === 1 ? "json" : "yaml"),
    ),
  );
  const bad = writeText(tmp.file("bad.yaml"), "schemaVersion: 1\ntitle: [unclosed\n");
  const empty = writeText(tmp.file("empty.yaml"), "");
  const binary = tmp.file("binary.yaml");
  writeFileSync(binary, Buffer.from([0, 255, 254, 1, 2, 3, 0x1b, 0x5b]));
  mkdirSync(tmp.file("a-directory.yaml"));
  // A scenario with a .json name that sweep and merge might be asked to overwrite.
  const inOut = writeText(tmp.file("in-out.json"), toText(docs[0]!.doc, "json"));

  // Shards of a small sweep, for merge: JSON and parquet, whole and truncated.
  const shards: string[] = [];
  for (const [k, ext] of [
    [0, "json"],
    [1, "json"],
    [0, "parquet"],
  ] as const) {
    const out = tmp.file(`shard-${k}.${ext}`);
    const r = await run([
      "sweep",
      valid[0]!,
      "--vary",
      "sides[0].w80=1:2:3",
      "--shard",
      `${k}/2`,
      "--workers",
      "1",
      "--out",
      out,
    ]);
    expect(r.code, show(r)).toBe(0);
    shards.push(out);
  }
  const truncated = tmp.file("shard-truncated.json");
  const whole = readFileSync(shards[0]!, "utf8");
  writeFileSync(truncated, whole.slice(0, Math.floor(whole.length / 2)));
  shards.push(truncated);

  inputs.push(...valid, bad, empty, binary, inOut, ...shards);
  bases = {
    engage: [
      ["--warheads", "20", "--interceptors", "80", "--sspk", "0.8"],
      ["--warheads", "20", "--interceptors", "80", "--sspk", "0.8", "--sls", "2,2"],
      ["--warheads", "10", "--decoys", "10", "--interceptors", "30", "--sspk", "0.7", "--even"],
    ],
    validate: [[valid[0]!], [valid[1]!, valid[2]!]],
    analyze: [[valid[0]!], [valid[1]!, "--json"]],
    race: [["--richardson", "2,2,5,3,5,5"], ["scenarios/race-gmd-2017.yaml"]],
    treaty: [[valid[0]!], ["scenarios/us-russia-2017.yaml", "--treaty", "New START"]],
    sweep: [
      [valid[0]!, "--out", tmp.file("sweep.csv")],
      [valid[1]!, "--vary", "sides[0].w80=1:2:3", "--out", tmp.file("sweep.json")],
    ],
    merge: [[shards[0]!, shards[1]!, "--out", tmp.file("merged.csv")]],
  };
  const files = [
    ...valid,
    ...valid,
    bad,
    empty,
    binary,
    tmp.file("a-directory.yaml"),
    tmp.file("missing.yaml"),
    inOut,
    "scenarios/us-ussr-1972.yaml",
    "scenarios/race-gmd-2017.yaml",
    ...shards,
  ];
  const probability = ["0", "0.3", "0.9", "1", "1.0001", "-0.1", ".5"];
  ctx = {
    files,
    values: {
      "--warheads": ["0", "1", "10", "120", "500"],
      "--interceptors": ["0", "5", "100", "1000"],
      "--sspk": probability,
      "--shots": ["1", "2", "4", "1000", "1001"],
      "--sls": ["1,1", "2,2", "1000,1000", "0,1", "1", "a,b", "1,2,3", "2,"],
      "--kill-assessment": probability,
      "--decoys": ["0", "5", "100"],
      "--discrimination": probability,
      "--tracking": probability,
      "--reliability": probability,
      "--rounds": ["0", "1", "201"],
      "--moves": ["alternating", "simultaneous", "both"],
      "--cost-exchange": ["ends", "every-round", "never"],
      "--richardson": [
        "2,2,5,3,5,5",
        "2,2,1,1,1,1",
        "0,0,0,0,0,0",
        "1e308,1e308,0,0,1,1",
        "-1,2,3,4,5,6",
        "1,2,3",
        "a,b,c,d,e,f",
      ],
      "--start": ["0,0", "1,2", "-5,1e308", "1", "x,y"],
      "--horizon": ["1", "5", "1e6", "1000001", "0", "-1"],
      "--points": ["2", "101", "100000", "1", "100001"],
      "--only": ["race", "richardson", "both"],
      "--treaty": [
        "New START",
        "START I",
        "SALT I",
        "ABM Treaty",
        "INF Treaty",
        "new start",
        "nope",
      ],
      "--as-of": ["2011-02-05", "2020-02-29", "2021-02-29", "1800-01-01", "2100-12-31", "today"],
      "--country": ["United States", "USSR", "China", "World", "Atlantis", "us"],
      "--from": ["1945", "1990", "2025", "1900", "3000"],
      "--to": ["1945", "1990", "2025", "1900", "3000"],
      "--dataset": ["stockpiles", "new-start", "bmd", "events", "stockpiles,bmd", "bogus", ","],
      "--vary": [
        "sides[0].w80=1:2:3",
        "sides[0].forces[0].launchers=0:10:2",
        "sides[0].w80=1,2",
        "sides[1].w80=5:1:2",
        "sides[0].w80=1:2:0",
        "sides[0].w80=1:2:1e12",
        "sides[0].w80=-1:2:2",
        "nope=1:2:3",
        "=",
        "sides[0].w80",
      ],
      "--output": [
        "firstStrikeStability",
        "withoutDefenses.firstStrikeStability",
        "firstStrikeStability,firstStrikeStability",
        "bogus",
        ",",
      ],
      "--samples": ["0", "2", "3", "1", "10000001"],
      "--seed": ["0", "1", "4294967295", "4294967296", "-1"],
      "--workers": ["1"],
      "--shard": ["0/1", "0/2", "1/2", "2/2", "0/0", "-1/2", "999999/1000000", "0/1000001", "a/b"],
      "--out": [
        tmp.file("out.csv"),
        tmp.file("out.json"),
        tmp.file("out.parquet"),
        tmp.file("out.txt"),
        tmp.file("no-such-dir/out.csv"),
        tmp.file("a-directory.yaml"),
        tmp.dir,
        inOut,
        "",
      ],
      "--sensitivity": ["firstStrikeStability", "withoutDefenses.firstStrikeStability", "bogus"],
    },
  };
});

afterAll(() => {
  removeDir(tmp.dir);
  reportSlowRuns("cli argv");
  // Nothing was written into the working directory.
  expect(readdirSync(process.cwd()).sort()).toEqual(cwdBefore);
});

/** Files this command line reads (positional arguments that exist). */
function inputsOf(args: readonly string[]): string[] {
  return inputs.filter((f) => args.includes(f));
}

async function check(args: string[]): Promise<void> {
  const read = inputsOf(args);
  // Only files the run reads and does not name as its --out must stay as they were.
  const out = args.flatMap((a, i) =>
    a === "--out" ? [args[i + 1] ?? ""] : a.startsWith("--out=") ? [a.slice(6)] : [],
  );
  const watched = read.filter((f) => !out.includes(f) || args.filter((a) => a === f).length > 1);
  const before = watched.map(fingerprint);
  const r = await run(args);
  expectNoCrash(r);
  expect(watched.map(fingerprint), `inputs unchanged: ${show(r)}`).toEqual(before);
  expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
}

// Sweep would start worker threads for more than one evaluation; the last --workers wins.
const sweepTail = fc.oneof(
  { weight: 5, arbitrary: fc.constant(["--workers", "1"]) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...NUMBER_TEXT, ...JUNK_TEXT)
      .filter((v) => !/^\s*\+?\d/.test(v) || v.trim() === "1")
      .map((v) => ["--workers", v]),
  },
);
// A race of the default 10 rounds takes seconds; keep it to at most one round.
const raceTail = fc.constantFrom(["--rounds", "0"], ["--rounds", "1"], ["--rounds", "x"]);

const RUNS: Record<string, number> = {
  engage: 40,
  validate: 30,
  analyze: 25,
  schema: 10,
  race: 20,
  treaty: 25,
  history: 30,
  sweep: 30,
  merge: 25,
};

describe("fuzz: command lines", () => {
  it("knows every command", () => {
    expect([...specs.keys()].sort()).toEqual(Object.keys(RUNS).sort());
  });

  for (const [name, runs] of Object.entries(RUNS)) {
    it(
      `${name}: any flags and values exit 0, 1 or 2 without a crash`,
      async () => {
        const spec = specs.get(name) as CommandSpec;
        const tail = name === "sweep" ? sweepTail : name === "race" ? raceTail : undefined;
        await fc.assert(
          fc.asyncProperty(argvFor(spec, ctx, tail, bases[name] ?? []), (args) => check(args)),
          fuzzParameters(runs),
        );
      },
      fuzzTimeout(40_000),
    );
  }

  it(
    "any first word: unknown commands, global flags and junk",
    async () => {
      const word = fc.oneof(
        fc.constantFrom(...specs.keys()),
        fc.constantFrom("help", "--help", "-h", "--version", "-V", "ANALYZE", "", "-", "--"),
        fc.constantFrom(...JUNK_TEXT),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(word, { minLength: 0, maxLength: 4 }), (args) =>
          check(args.filter((a) => a !== "sweep" && a !== "race")),
        ),
        fuzzParameters(30),
      );
    },
    fuzzTimeout(30_000),
  );
});
