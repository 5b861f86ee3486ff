import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monteCarloSummary, stabilityIndex } from "@stratbal/core";
import { parseScenario, toExchangeInput, withParams } from "@stratbal/scenario";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { expectAbsErrorAtMost } from "../../../test-support/expect.ts";
import { fixture, runCli } from "./runCli.ts";

// Tests that use more than one worker run the bundled worker (packages/cli/dist/worker.mjs):
// `npm test` builds it first.

const SMALL = fixture("sweep-small.yaml");
const SSPK = "sides.us.defenses.gmd.layers.gmd-mid.sspk";
const INTERCEPTORS = "sides.us.defenses.gmd.layers.gmd-mid.interceptors";
let dir: string;

/** Rows of a sweep CSV (its fields never need quoting: ids exclude commas and quotes). */
function parseCsv(text: string): string[][] {
  if (text.includes('"')) throw new Error("unexpected quoted CSV field");
  return text
    .trimEnd()
    .split("\n")
    .map((line) => line.split(","));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "stratbal-sweep-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function sweep(args: string[]) {
  const r = await runCli(["sweep", ...args]);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return r;
}

describe("stratbal sweep: grids at nominal values", () => {
  it("evaluates every grid point, the last --vary fastest, as stabilityIndex does", async () => {
    const out = join(dir, "grid.csv");
    await sweep([
      SMALL,
      "--vary",
      `${SSPK}=0.3:0.9:3`,
      "--vary",
      `${INTERCEPTORS}=0,20`,
      "--samples",
      "0",
      "--workers",
      "1",
      "--out",
      out,
    ]);
    const rows = parseCsv(await readFile(out, "utf8"));
    expect(rows[0]).toEqual([
      "point",
      SSPK,
      INTERCEPTORS,
      "samples",
      "seed",
      "firstStrikeStability",
      "withoutDefenses.firstStrikeStability",
    ]);
    const scenario = parseScenario(await readFile(SMALL, "utf8"));
    const expected = [0.3, 0.6, 0.9].flatMap((sspk) =>
      [0, 20].map((n) => {
        const s = withParams(
          scenario,
          new Map([
            [SSPK, sspk],
            [INTERCEPTORS, n],
          ]),
        ).scenario;
        const r = stabilityIndex(toExchangeInput(s));
        return [sspk, n, r.firstStrikeStability, r.withoutDefenses.firstStrikeStability];
      }),
    );
    expect(rows.slice(1).map((r) => [r[1], r[2], r[5], r[6]].map(Number))).toEqual(expected);
    // The seed is in every output file, even at nominal values.
    expect(rows.slice(1).every((r) => r[4] === "2017")).toBe(true);
  });

  it("takes outputs by name and runs the full analysis only for those that need it", async () => {
    const fast = join(dir, "fast.json");
    const full = join(dir, "full.json");
    const args = [SMALL, "--vary", `${SSPK}=0.2:0.8:4`, "--samples", "0", "--workers", "1"];
    await sweep([...args, "--output", "firstStrikeStability,sides.us.ratio", "--out", fast]);
    await sweep([
      ...args,
      "--output",
      "firstStrikeStability,sides.us.ratio,sides.ru.secondStrike.pAdequate",
      "--out",
      full,
    ]);
    const a = JSON.parse(await readFile(fast, "utf8")) as { rows: number[][] };
    const b = JSON.parse(await readFile(full, "utf8")) as { rows: number[][] };
    // stabilityIndex and analyze share the stop rule and costs: equal bit for bit.
    expect(b.rows.map((r) => r.slice(4, 6))).toEqual(a.rows.map((r) => r.slice(4, 6)));
    for (const r of b.rows) expect(r[6]).toBeGreaterThan(0.5);
  });
});

describe("stratbal sweep: listings and the run summary", () => {
  it("lists the parameters --vary can name and the outputs --output can name", async () => {
    const params = await runCli(["sweep", SMALL, "--list-params"]);
    expect(params.code).toBe(0);
    expect(params.stdout).toMatch(
      /^sides\.us\.defenses\.gmd\.layers\.gmd-mid\.sspk +a probability in \[0, 1\] +0\.55 +beta: 10 of 18 \(uniform prior\)$/m,
    );
    expect(params.stdout).toMatch(
      /^sides\.us\.forces\.us-silo\.decoysPerWarhead .* 0 \(default\)/m,
    );
    const outputs = await runCli(["sweep", SMALL, "--list-outputs"]);
    expect(outputs.stdout).toMatch(
      /^firstStrikeStability +stabilityIndex +first-strike stability/m,
    );
    expect(outputs.stdout).toMatch(/^sides\.ru\.secondStrike\.pAdequate +analyze /m);
  });

  it("prints a JSON summary of the run with --json", async () => {
    const r = await sweep([
      SMALL,
      "--samples",
      "8",
      "--workers",
      "1",
      "--json",
      "--out",
      join(dir, "summary.csv"),
    ]);
    const doc = JSON.parse(r.stdout) as {
      seed: number;
      samples: number;
      evaluations: number;
      results: Record<string, { n: number; mean: number; se: number }>;
    };
    expect([doc.seed, doc.samples, doc.evaluations]).toEqual([2017, 8, 8]);
    expect(doc.results["firstStrikeStability"]!.n).toBe(8);
  });
});

describe("stratbal sweep: outer Monte Carlo", () => {
  it("reports mean, sd, MC standard error and percentiles consistent with the per-sample rows", async () => {
    const summary = join(dir, "mc.csv");
    const samples = join(dir, "mc-samples.csv");
    const args = [SMALL, "--vary", `${SSPK}=0.4,0.7`, "--samples", "40", "--workers", "1"];
    await sweep([...args, "--out", summary]);
    await sweep([...args, "--per-sample", "--out", samples]);
    const s = parseCsv(await readFile(summary, "utf8"));
    const p = parseCsv(await readFile(samples, "utf8"));
    const col = (rows: string[][], name: string) => rows[0]!.indexOf(name);
    expect(p).toHaveLength(1 + 2 * 40);
    for (const point of [0, 1]) {
      const values = p
        .slice(1)
        .filter((r) => r[0] === String(point))
        .map((r) => Number(r[col(p, "firstStrikeStability")]));
      const m = monteCarloSummary(values);
      const row = s[1 + point]!;
      for (const stat of ["mean", "sd", "se", "p05", "p50", "p95"] as const) {
        expect(Number(row[col(s, `firstStrikeStability.${stat}`)])).toBe(m[stat]);
      }
      expect(row[col(s, "samples")]).toBe("40");
    }
    // Common random numbers: sample i has the same draws at every grid point.
    const draw = col(p, "sides.us.counterforcePk.silo");
    expect(p[1]![draw]).toBe(p[41]![draw]);
    // A varied parameter is the grid's value, not a draw.
    expect(p[0]!.filter((name) => name === SSPK)).toHaveLength(1);
    expect(p.slice(1, 41).every((r) => r[col(p, SSPK)] === "0.4")).toBe(true);
  });

  it("draws the GMD record's beta posterior for sspk (mean 0.55 within 4 standard errors)", async () => {
    const out = join(dir, "draws.csv");
    await sweep([SMALL, "--samples", "400", "--per-sample", "--workers", "2", "--out", out]);
    const p = parseCsv(await readFile(out, "utf8"));
    const x = p.slice(1).map((r) => Number(r[p[0]!.indexOf(SSPK)]));
    // Beta(11, 9): mean 0.55, sd 0.108562 (scipy; packages/core/test/uncertainty/fixtures).
    expectAbsErrorAtMost(monteCarloSummary(x).mean, 0.55, (4 * 0.108562) / Math.sqrt(400));
  });

  it("gives the same bits for any number of workers, and the same seed the same results", async () => {
    const args = [SMALL, "--vary", `${SSPK}=0.3:0.9:3`, "--samples", "12"];
    const files: Record<string, Buffer> = {};
    for (const ext of ["csv", "json", "parquet"]) {
      for (const workers of ext === "csv" ? ["1", "2", "3"] : ["1", "2"]) {
        const out = join(dir, `w${workers}.${ext}`);
        await sweep([
          ...args,
          "--sensitivity",
          "firstStrikeStability",
          "--workers",
          workers,
          "--out",
          out,
        ]);
        files[`${ext}${workers}`] = await readFile(out);
      }
      expect(files[`${ext}2`]!.equals(files[`${ext}1`]!)).toBe(true);
      if (ext === "csv") expect(files[`${ext}3`]!.equals(files[`${ext}1`]!)).toBe(true);
    }
    const other = join(dir, "seed.csv");
    await sweep([...args, "--sensitivity", "firstStrikeStability", "--seed", "99", "--out", other]);
    const a = parseCsv(files["csv1"]!.toString());
    const b = parseCsv(await readFile(other, "utf8"));
    expect(b[1]![3]).toBe("99");
    expect(b[1]![5]).not.toBe(a[1]![5]);
  });

  it("writes the seed and the sweep's description into Parquet, readable with hyparquet", async () => {
    const out = join(dir, "mc.parquet");
    const csv = join(dir, "mc-same.csv");
    const args = [SMALL, "--vary", `${INTERCEPTORS}=0:40:3`, "--samples", "10", "--workers", "1"];
    await sweep([...args, "--out", out]);
    await sweep([...args, "--out", csv]);
    const file = await asyncBufferFromFile(out);
    const md = await parquetMetadataAsync(file);
    const header = JSON.parse(
      md.key_value_metadata!.find((k) => k.key === "stratbal.sweep")!.value!,
    ) as { seed: number; samples: number; vary: { values: number[] }[] };
    expect(header.seed).toBe(2017);
    expect(header.samples).toBe(10);
    expect(header.vary[0]!.values).toEqual([0, 20, 40]);
    const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
    const c = parseCsv(await readFile(csv, "utf8"));
    expect(rows).toHaveLength(3);
    rows.forEach((row, i) => {
      expect(row["seed"]).toBe(2017n);
      c[0]!.forEach((name, j) => {
        const v = row[name];
        expect(typeof v === "bigint" ? String(v) : String(v)).toBe(c[1 + i]![j]);
      });
    });
  });

  it("prints a tornado table for one grid point", async () => {
    const r = await sweep([
      SMALL,
      "--samples",
      "60",
      "--sensitivity",
      "firstStrikeStability",
      "--workers",
      "1",
      "--out",
      join(dir, "tornado.json"),
    ]);
    expect(r.stdout).toContain("Rank importance for firstStrikeStability (60 samples)");
    const lines = r.stdout.split("\n");
    const head = lines.findIndex((l) => l.startsWith("parameter"));
    // The silo kill probability drives the striker's gain; it heads the table.
    expect(lines[head + 1]).toMatch(/^sides\.us\.counterforcePk\.silo\s+-0\.\d+/);
    expect(r.stdout).toMatch(/\|ρ\| below 0\.2\d is indistinguishable from 0 at the 5% level/);
  });
});

describe("stratbal sweep and merge: shards", () => {
  it("joins shards into a file byte-identical to the unsharded run, in every format", async () => {
    const args = [SMALL, "--vary", `${SSPK}=0.2:0.8:3`, "--samples", "7", "--workers", "1"];
    const parts: string[] = [];
    for (let k = 0; k < 4; k++) {
      const part = join(dir, `part${k}.${k % 2 === 0 ? "json" : "parquet"}`);
      await sweep([...args, "--shard", `${k}/4`, "--out", part]);
      parts.push(part);
    }
    for (const ext of ["csv", "json", "parquet"]) {
      const whole = join(dir, `whole.${ext}`);
      const merged = join(dir, `merged.${ext}`);
      await sweep([...args, "--out", whole]);
      const r = await runCli(["merge", ...parts.reverse(), "--out", merged]);
      expect(r.code).toBe(0);
      expect((await readFile(merged)).equals(await readFile(whole))).toBe(true);
    }
    // The per-sample layout too.
    const perSample = [...args, "--per-sample"];
    const rows: string[] = [];
    for (let k = 0; k < 3; k++) {
      rows.push(join(dir, `rows${k}.json`));
      await sweep([...perSample, "--shard", `${k}/3`, "--out", rows[k]!]);
    }
    await sweep([...perSample, "--out", join(dir, "rows.parquet")]);
    expect((await runCli(["merge", ...rows, "--out", join(dir, "rows-merged.parquet")])).code).toBe(
      0,
    );
    expect(
      (await readFile(join(dir, "rows-merged.parquet"))).equals(
        await readFile(join(dir, "rows.parquet")),
      ),
    ).toBe(true);
    // More shards than evaluations: the extra shards are empty and the merge still works.
    const tiny = [SMALL, "--samples", "0", "--workers", "1"];
    const few: string[] = [];
    for (let k = 0; k < 3; k++) {
      few.push(join(dir, `few${k}.json`));
      await sweep([...tiny, "--shard", `${k}/3`, "--out", few[k]!]);
    }
    await sweep([...tiny, "--out", join(dir, "one.csv")]);
    expect((await runCli(["merge", ...few, "--out", join(dir, "few.csv")])).code).toBe(0);
    expect(await readFile(join(dir, "few.csv"), "utf8")).toBe(
      await readFile(join(dir, "one.csv"), "utf8"),
    );
  });

  it("refuses shards of different sweeps, missing or repeated shards, and files that are not shards", async () => {
    const a = (k: number) => join(dir, `a${k}.json`);
    for (let k = 0; k < 3; k++) {
      await sweep([SMALL, "--samples", "4", "--workers", "1", "--shard", `${k}/3`, "--out", a(k)]);
    }
    const other = join(dir, "other.json");
    await sweep([
      SMALL,
      "--samples",
      "4",
      "--seed",
      "5",
      "--workers",
      "1",
      "--shard",
      "2/3",
      "--out",
      other,
    ]);
    const notShard = join(dir, "not-shard.json");
    await writeFile(notShard, "{}");
    const r = await runCli(["merge", a(0), a(0), other, notShard, "--out", join(dir, "m.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      `✖ ${notShard}  is not a stratbal sweep shard (no values)`,
    ]);
    const r2 = await runCli(["merge", a(0), a(0), other, "--out", join(dir, "m.csv")]);
    expect(r2.code).toBe(2);
    const lines = r2.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^✖ .*a0\.json {2}is shard 0 of 3 again \(also .*a0\.json\)$/);
    expect(lines[1]).toMatch(
      /^✖ .*other\.json {2}belongs to sweep [0-9a-f]{12} \("Small uncertain balance"\), not [0-9a-f]{12} like/,
    );
    const r3 = await runCli(["merge", a(0), a(2), "--out", join(dir, "m.csv")]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toBe("✖ shards  1 of 3 shards are missing (1); run them with --shard K/3\n");
    const r4 = await runCli(["merge", a(0), a(1), a(2), "--out", a(1)]);
    expect(r4.code).toBe(2);
    expect(r4.stderr).toContain("is an input file; choose another output file");
  });

  it("refuses hand-edited shard headers with a message instead of crashing", async () => {
    const good = join(dir, "good0.json");
    await sweep([SMALL, "--samples", "2", "--workers", "1", "--shard", "0/2", "--out", good]);
    const doc = JSON.parse(await readFile(good, "utf8")) as Record<string, Record<string, unknown>>;
    const broken = [
      { ...doc, header: { ...doc["header"], vary: undefined } },
      { ...doc, header: { ...doc["header"], sweepId: 42 } },
      { ...doc, shard: { index: 0, count: -5 } },
      { ...doc, shard: { index: 7, count: 2 } },
    ];
    for (const [i, b] of broken.entries()) {
      const file = join(dir, `broken${i}.json`);
      await writeFile(file, JSON.stringify(b));
      const r = await runCli(["merge", file, good, "--out", join(dir, "mb.csv")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /has a malformed shard header at (header\.vary|header\.sweepId|shard\.count|shard)/,
      );
      expect(r.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
    }
  });
});

describe("stratbal sweep: bad input", () => {
  it("reports every bad flag on its own line with exit 2 and writes nothing", async () => {
    const out = join(dir, "never.csv");
    const r = await runCli([
      "sweep",
      SMALL,
      "--vary",
      "sides.us.defenses.gmd.layers.gmd-mid.spk=0:1:5",
      "--vary",
      `${SSPK}=0.9:0.3:5`,
      "--vary",
      "sides.us.forces.us-silo.survivable=0:1:0",
      "--vary",
      "sides.ru.forces.ru-mobile.reliability=0.5:1.2:3",
      "--vary",
      `${INTERCEPTORS}=0:10:21`,
      "--vary",
      "sides.us.w80",
      "--shard",
      "4/4",
      "--output",
      "firstStrikeStabilty,sides.us.secondStrike.pAdequate",
      "--samples",
      "-3",
      "--out",
      out,
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      "✖ --samples  must be at least 0, got -3",
      '✖ --shard  expected K/N with 0 <= K < N <= 1,000,000 (shards count from 0, like $SLURM_ARRAY_TASK_ID with --array=0-(N-1) and Kubernetes\' $JOB_COMPLETION_INDEX), got "4/4"',
      `✖ --vary sides.us.defenses.gmd.layers.gmd-mid.spk  names no parameter of ${SMALL} (did you mean ${SSPK}?)`,
      `✖ --vary ${SSPK}  FROM (0.9) is above TO (0.3)`,
      '✖ --vary sides.us.forces.us-silo.survivable  STEPS must be a whole number of at least 1, got "0"',
      "✖ --vary sides.ru.forces.ru-mobile.reliability  1.2 is outside the parameter's domain (a probability in [0, 1])",
      `✖ --vary ${INTERCEPTORS}  21 steps from 0 to 10 repeat whole numbers; use at most 11 steps`,
      '✖ --vary sides.us.w80  expected PATH=FROM:TO:STEPS or PATH=V1,V2,…, got "sides.us.w80"',
      "✖ --output firstStrikeStabilty  is not an output (did you mean firstStrikeStability?)",
      `✖ --out  a shard file carries its sweep's description, so it is .json or .parquet (got "${out}"); \`stratbal merge\` writes the final .csv`,
    ]);
    await expect(readFile(out)).rejects.toThrow();
  });

  it("reports its bad flags together with a bad scenario file", async () => {
    const badFile = join(dir, "broken.yaml");
    await writeFile(badFile, "schemaVersion: 1\ntitle: [unclosed\n");
    const r = await runCli(["sweep", badFile, "--samples", "-3", "--workers", "0"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "✖ --samples  must be at least 0, got -3",
      "✖ --workers  must be at least 1, got 0",
      "✖ --out  is required (a .csv, .json or .parquet file)",
    ]);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines.slice(3)) expect(l.startsWith(`✖ ${badFile}:`)).toBe(true);
  });

  it("never writes over its input, and shard files must carry their metadata", async () => {
    const r = await runCli(["sweep", SMALL, "--samples", "0", "--out", SMALL]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      `✖ --out  expected a file ending in .csv, .json, .parquet, got "${SMALL}"`,
      `✖ --out  ${SMALL} is an input file; choose another output file`,
    ]);
    const r2 = await runCli(["sweep", SMALL, "--shard", "0/2", "--out", join(dir, "x.csv")]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(
      /^✖ --out {2}a shard file carries its sweep's description, so it is \.json or \.parquet/,
    );
    const r3 = await runCli([
      "sweep",
      SMALL,
      "--samples",
      "1",
      "--out",
      join(dir, "nowhere", "x.csv"),
    ]);
    expect(r3.code).toBe(2);
    expect(r3.stderr.trim().split("\n")).toEqual([
      "✖ --samples  one sample has no spread; give 0 (nominal values) or at least 2",
      `✖ --out  the directory ${join(dir, "nowhere")} does not exist`,
    ]);
  });

  it("asks for samples and a known output before a tornado table", async () => {
    const r = await runCli([
      "sweep",
      SMALL,
      "--samples",
      "0",
      "--sensitivity",
      "sides.us.ratio",
      "--out",
      join(dir, "t.csv"),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "✖ --sensitivity  sides.us.ratio is not among the outputs (firstStrikeStability, withoutDefenses.firstStrikeStability); add it to --output\n",
    );
    const r2 = await runCli([
      "sweep",
      SMALL,
      "--per-sample",
      "--sensitivity",
      "firstStrikeStability",
      "--out",
      join(dir, "t.csv"),
    ]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toBe(
      "✖ --sensitivity --per-sample  the per-sample layout has no summary columns for the tornado; run the two separately\n",
    );
  });

  it("leaves no temporary files behind", async () => {
    const names = await readdir(dir);
    expect(names.filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
});
