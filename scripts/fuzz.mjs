// `npm run fuzz`: the long fuzz pass (docs/fuzzing.md). Runs the fuzz tests with many more
// inputs than CI and a random seed, printed first so that a failure can be replayed:
//
//   npm run fuzz                                  random seed, FUZZ_RUNS=200 per property
//   FUZZ_RUNS=1000 npm run fuzz                   more inputs
//   FUZZ_SEED=123 FUZZ_RUNS=1000 npm run fuzz     the same inputs again
//   FUZZ_SEED=123 FUZZ_PATH=41:3 npm run fuzz -- packages/cli/test/fuzz/argv.test.ts
//                                                 exactly the failing case fast-check printed
//
// Arguments after `--` go to vitest (a test file, `-t <name>`). Each command line the CLI fuzzers
// run is appended to tmp/fuzz/trace.txt before it runs (the last line names an input that never
// finishes), and the files read by runs slower than FUZZ_SLOW_MS (default 5000) are copied to
// tmp/fuzz/slow/.
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const seed = process.env.FUZZ_SEED ?? String(randomInt(1, 2 ** 31 - 1));
const runs = process.env.FUZZ_RUNS ?? "200";
if (!/^-?\d+$/.test(seed) || !/^\d+$/.test(runs)) {
  process.stderr.write("✖ FUZZ_SEED and FUZZ_RUNS must be whole numbers\n");
  process.exit(2);
}
const work = join(root, "tmp", "fuzz");
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, "slow"), { recursive: true });
writeFileSync(join(work, "trace.txt"), "");

const targets = process.argv.slice(2);
const files = targets.some((a) => !a.startsWith("-"))
  ? []
  : ["packages/scenario/test/fuzz", "packages/cli/test/fuzz"];
const replay = `FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz`;
process.stdout.write(
  `Fuzzing with FUZZ_SEED=${seed} FUZZ_RUNS=${runs}` +
    (process.env.FUZZ_PATH ? ` FUZZ_PATH=${process.env.FUZZ_PATH}` : "") +
    `\nReplay this pass: ${replay}\n` +
    `Trace of command lines: tmp/fuzz/trace.txt; inputs of slow runs: tmp/fuzz/slow/\n\n`,
);

const vitest = join(
  dirname(createRequire(import.meta.url).resolve("vitest/package.json")),
  "vitest.mjs",
);
const r = spawnSync(process.execPath, [vitest, "run", ...files, ...targets], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    FUZZ_SEED: seed,
    FUZZ_RUNS: runs,
    FUZZ_TRACE: process.env.FUZZ_TRACE ?? join(work, "trace.txt"),
    FUZZ_SLOW_DIR: process.env.FUZZ_SLOW_DIR ?? join(work, "slow"),
  },
});
const status = r.status ?? 1;
process.stdout.write(
  status === 0
    ? `\nFuzz pass clean (FUZZ_SEED=${seed} FUZZ_RUNS=${runs}).\n`
    : `\nFuzz pass FAILED (FUZZ_SEED=${seed} FUZZ_RUNS=${runs}). Replay it with\n  ${replay}\n` +
        `or one case with the seed and path fast-check printed above:\n` +
        `  FUZZ_SEED=<seed> FUZZ_PATH=<path> npm run fuzz -- <test file>\n`,
);
process.exit(status);
