// Nothing lost (issue 8): every file the CLI writes goes to a temporary file in the same directory
// and is renamed into place; an existing output is never replaced without --force; an input is
// never written. Interrupted and killed runs are in shardJobs.test.ts ("stopping a sweep").
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import {
  copyFile,
  link,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WriteControl } from "../src/sweep/files.ts";
import {
  OutputExistsError,
  STALE_TEMP_MS,
  readShard,
  removeStaleTemps,
  writeAtomic,
  writeTable,
} from "../src/sweep/files.ts";
import type { SweepHeader } from "../src/sweep/header.ts";
import type { SweepTable } from "../src/sweep/table.ts";
import { fixture, runCli } from "./runCli.ts";

const SMALL = fixture("sweep-small.yaml");
const RACE = fixture("race-small.yaml");
const TEMP = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;
let dir: string;
/** A real sweep header (from a shard file a sweep wrote), for the writer tests. */
let header: SweepHeader;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "stratbal-outputs-"));
  const shard = join(dir, "header-source.json");
  const r = await runCli([
    "sweep",
    SMALL,
    "--samples",
    "0",
    "--workers",
    "1",
    "--shard",
    "0/1",
    "--out",
    shard,
  ]);
  expect(r.code, r.stderr).toBe(0);
  const read = await readShard(shard);
  if (!read.ok) throw new Error(read.message);
  header = read.data.header;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A fresh directory for one test, so that its listing shows only what that test left. */
async function subdir(name: string): Promise<string> {
  const d = join(dir, name);
  await rm(d, { recursive: true, force: true });
  await mkdir(d);
  return d;
}

async function fingerprint(
  file: string,
): Promise<{ sha256: string; mtimeMs: number; size: number }> {
  const [bytes, s] = await Promise.all([readFile(file), stat(file)]);
  return {
    sha256: createHash("sha256").update(bytes).digest("hex"),
    mtimeMs: s.mtimeMs,
    size: s.size,
  };
}

/** A table of `rows` rows whose values throw once row `failAt` is read (a writer failing midway). */
function failingTable(rows: number, failAt: number, onFail?: () => void): SweepTable {
  const values = new Float64Array(rows).map((_, i) => i / 7);
  const failing = new Proxy(values, {
    get(target, prop, receiver) {
      if (typeof prop === "string" && /^\d+$/.test(prop) && Number(prop) >= failAt) {
        onFail?.();
        throw new Error(`injected failure at row ${prop}`);
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return {
    rows,
    columns: [
      { name: "point", kind: "int", values: new Float64Array(rows).map((_, i) => i) },
      { name: "firstStrikeStability", kind: "float", values: failing },
    ],
  };
}

describe("atomic writes", () => {
  it("writes into a hidden temporary file in the same directory, then renames it into place", async () => {
    const d = await subdir("atomic");
    const target = join(d, "out.csv");
    await writeFile(target, "old\n");
    let seen: { temp: string; listing: string[]; target: string } | undefined;
    const ok = await writeAtomic(
      target,
      async (temp) => {
        await writeFile(temp, "new\n");
        seen = { temp, listing: await readdir(d), target: await readFile(target, "utf8") };
      },
      undefined,
      { replace: true },
    );
    expect(ok).toBe(true);
    expect(seen!.temp.startsWith(d + "/")).toBe(true);
    expect(basename(seen!.temp)).toMatch(
      new RegExp(`^\\.out\\.csv\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`),
    );
    // While the new content was being written the target still held the old one.
    expect(seen!.target).toBe("old\n");
    expect(seen!.listing.sort()).toEqual([basename(seen!.temp), "out.csv"].sort());
    expect(await readFile(target, "utf8")).toBe("new\n");
    expect(await readdir(d)).toEqual(["out.csv"]);
  });

  for (const ext of ["csv", "json"]) {
    it(`a ${ext} write that fails midway leaves the old file byte for byte and no temporary file`, async () => {
      const d = await subdir(`fail-${ext}`);
      const target = join(d, `out.${ext}`);
      const old = Buffer.from(`old complete ${ext} file\n`);
      await writeFile(target, old);
      const before = await fingerprint(target);
      const control: WriteControl = { interrupted: false };
      let partial = 0;
      const t = failingTable(10_000, 9_000, () => {
        // How much of the temporary file was on disk when the failure hit.
        partial = control.temp ? statSync(control.temp).size : -1;
      });
      await expect(writeTable(target, header, t, control, { replace: true })).rejects.toThrow(
        "injected failure at row 9000",
      );
      // The first 4,096-row chunks were on disk when it failed: a real midway failure.
      expect(partial).toBeGreaterThan(10_000);
      expect(await fingerprint(target)).toEqual(before);
      expect((await readFile(target)).equals(old)).toBe(true);
      expect(await readdir(d)).toEqual([`out.${ext}`]);
    });
  }

  it("a failure with no old file leaves nothing at all", async () => {
    const d = await subdir("fail-new");
    await expect(
      writeTable(join(d, "out.csv"), header, failingTable(10_000, 5_000)),
    ).rejects.toThrow(/injected failure/);
    expect(await readdir(d)).toEqual([]);
  });

  it("an interrupted write drops its temporary file and reports that nothing was written", async () => {
    const d = await subdir("interrupted");
    const target = join(d, "out.csv");
    await writeFile(target, "old\n");
    const control: WriteControl = { interrupted: false };
    const ok = await writeAtomic(
      target,
      async (temp) => {
        await writeFile(temp, "half");
        control.interrupted = true; // what the SIGINT handler does
      },
      control,
      { replace: true },
    );
    expect(ok).toBe(false);
    expect(await readFile(target, "utf8")).toBe("old\n");
    expect(await readdir(d)).toEqual(["out.csv"]);
  });

  it("without replace, a target that appears during the write is kept and the new file dropped", async () => {
    const d = await subdir("appeared");
    const target = join(d, "out.csv");
    await expect(
      writeAtomic(target, async (temp) => {
        await writeFile(temp, "ours\n");
        await writeFile(target, "someone else's\n");
      }),
    ).rejects.toBeInstanceOf(OutputExistsError);
    expect(await readFile(target, "utf8")).toBe("someone else's\n");
    expect(await readdir(d)).toEqual(["out.csv"]);
  });

  it("removes stale temporary files of the same output only, and only old ones", async () => {
    const d = await subdir("stale");
    const target = join(d, "out.csv");
    const stale = join(d, ".out.csv.4242.0badc0de.tmp");
    const fresh = join(d, ".out.csv.4243.0badc0df.tmp");
    const other = join(d, ".other.csv.4242.0badc0de.tmp");
    const lookalike = join(d, ".out.csv.4242.notmine.tmp");
    for (const f of [stale, fresh, other, lookalike]) await writeFile(f, "partial");
    const old = new Date(Date.now() - STALE_TEMP_MS - 60_000);
    for (const f of [stale, other, lookalike]) await utimes(f, old, old);
    expect(await removeStaleTemps(target)).toEqual([basename(stale)]);
    // And a write does it on its own.
    await utimes(fresh, old, old);
    expect(await writeAtomic(target, (temp) => writeFile(temp, "x"))).toBe(true);
    expect((await readdir(d)).sort()).toEqual(
      [basename(other), basename(lookalike), "out.csv"].sort(),
    );
  });
});

/** Arguments of a quick sweep of the small fixture (two grid points at nominal values). */
const quick = (scenario: string, out: string, ...more: string[]) => [
  "sweep",
  scenario,
  "--vary",
  "sides.us.defenses.gmd.layers.gmd-mid.sspk=0.3:0.9:2",
  "--samples",
  "0",
  "--workers",
  "1",
  "--timing",
  "--out",
  out,
  ...more,
];

const EXISTS = (out: string) =>
  `✖ --out  ${out} already exists; give --force to replace it (the old file stays until the new one is complete)\n`;

describe("an existing output is replaced only with --force", () => {
  it("sweep refuses an existing --out before any work, and replaces it with --force", async () => {
    const d = await subdir("clobber-sweep");
    const fresh = join(d, "fresh.csv");
    expect((await runCli(quick(SMALL, fresh))).code).toBe(0);
    for (const ext of ["csv", "json", "parquet"]) {
      const out = join(d, `existing.${ext}`);
      await writeFile(out, "precious results\n");
      const before = await fingerprint(out);
      const r = await runCli(quick(SMALL, out));
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      // Refused before the sweep ran: no compute time was reported.
      expect(r.stderr).toBe(EXISTS(out));
      expect(await fingerprint(out)).toEqual(before);

      const f = await runCli(quick(SMALL, out, "--force"));
      expect(f.code, f.stderr).toBe(0);
      expect(f.stderr).toMatch(/^compute_ms=/);
      if (ext === "csv") expect(await readFile(out, "utf8")).toBe(await readFile(fresh, "utf8"));
      else expect((await readFile(out)).subarray(0, 4).toString()).toMatch(/^(\{\n|PAR1)/);
    }
    // Shard files too.
    const part = join(d, "part-0.json");
    await writeFile(part, "{}\n");
    const s = await runCli([...quick(SMALL, part), "--shard", "0/2"]);
    expect(s.code).toBe(2);
    expect(s.stderr).toBe(EXISTS(part));
    expect(await readFile(part, "utf8")).toBe("{}\n");
    expect((await runCli([...quick(SMALL, part), "--shard", "0/2", "--force"])).code).toBe(0);
    expect((await readShard(part)).ok).toBe(true);
    expect((await readdir(d)).filter((n) => TEMP.test(n))).toEqual([]);
  });

  it("merge refuses an existing --out and replaces it with --force", async () => {
    const d = await subdir("clobber-merge");
    const parts = [0, 1].map((k) => join(d, `part-${k}.json`));
    for (const [k, p] of parts.entries()) {
      expect((await runCli([...quick(SMALL, p), "--shard", `${k}/2`])).code).toBe(0);
    }
    const whole = join(d, "whole.csv");
    expect((await runCli(quick(SMALL, whole))).code).toBe(0);
    const out = join(d, "merged.csv");
    await writeFile(out, "precious results\n");
    const before = await fingerprint(out);
    const r = await runCli(["merge", ...parts, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(EXISTS(out));
    expect(await fingerprint(out)).toEqual(before);
    const f = await runCli(["merge", ...parts, "--out", out, "--force"]);
    expect(f.code, f.stderr).toBe(0);
    expect(await readFile(out, "utf8")).toBe(await readFile(whole, "utf8"));
  });

  it("a symlink at --out counts as existing; --force replaces the link, never its target", async () => {
    const d = await subdir("clobber-link");
    const target = join(d, "elsewhere.csv");
    await writeFile(target, "someone else's file\n");
    const out = join(d, "out.csv");
    await symlink(target, out);
    const dangling = join(d, "dangling.csv");
    await symlink(join(d, "nothing-here.csv"), dangling);
    for (const o of [out, dangling]) {
      const r = await runCli(quick(SMALL, o));
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(EXISTS(o));
    }
    expect((await runCli(quick(SMALL, out, "--force"))).code).toBe(0);
    expect(await readFile(target, "utf8")).toBe("someone else's file\n");
    expect((await readFile(out, "utf8")).startsWith("point,")).toBe(true);
  });
});

describe("an input is never written", () => {
  it("no command that reads a scenario or shard changes it (content hash, size and mtime)", async () => {
    const d = await subdir("inputs");
    const scenario = join(d, "scenario.yaml");
    const race = join(d, "race.yaml");
    await copyFile(SMALL, scenario);
    await copyFile(RACE, race);
    const parts = [0, 1].map((k) => join(d, `part-${k}.json`));
    for (const [k, p] of parts.entries()) {
      expect((await runCli([...quick(scenario, p), "--shard", `${k}/2`])).code).toBe(0);
    }
    // Make any write visible even within the file system's mtime resolution.
    const past = new Date(Date.now() - 3_600_000);
    for (const f of [scenario, race, ...parts]) await utimes(f, past, past);
    const inputs = [scenario, race, ...parts];
    const before = await Promise.all(inputs.map(fingerprint));
    const runs: string[][] = [
      ["validate", scenario, race],
      ["validate", scenario, "--json"],
      ["analyze", scenario],
      ["analyze", scenario, "--json", "--curves"],
      ["treaty", scenario, "--details"],
      ["race", race, "--rounds", "2"],
      ["race", race, "--csv", "--rounds", "1"],
      ["sweep", scenario, "--list-params"],
      ["sweep", scenario, "--list-outputs"],
      quick(scenario, join(d, "sweep.csv")),
      ["merge", ...parts, "--out", join(d, "merged.json")],
    ];
    for (const args of runs) {
      const r = await runCli(args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
    }
    // --strict fails on the unsourced numbers of the test fixture (exit 2), and writes nothing.
    expect((await runCli(["validate", scenario, race, "--strict"])).code).toBe(2);
    expect(await Promise.all(inputs.map(fingerprint))).toEqual(before);
  });

  it("--out naming an input is refused, by any path to it, even with --force", async () => {
    const d = await subdir("same-file");
    // A JSON scenario, so that the output extension is acceptable and only the clash is reported.
    const { parse } = await import("yaml");
    const scenario = join(d, "scenario.json");
    await writeFile(scenario, JSON.stringify(parse(await readFile(SMALL, "utf8")), null, 2));
    const viaLink = join(d, "link.json");
    await symlink(scenario, viaLink);
    const hardLink = join(d, "hard.json");
    await link(scenario, hardLink);
    const rel = relative(process.cwd(), scenario);
    const variants = [
      scenario,
      `./${rel}`,
      join(d, "..", basename(d), ".", "scenario.json"),
      viaLink,
      hardLink,
    ];
    const before = await fingerprint(scenario);
    for (const out of variants) {
      for (const force of [[], ["--force"]]) {
        const r = await runCli(quick(scenario, out, ...force));
        expect(r.code, `${out} ${force.join(" ")}`).toBe(2);
        expect(r.stderr).toBe(`✖ --out  ${out} is an input file; choose another output file\n`);
      }
    }
    // Shards named as merge's output.
    const parts = [0, 1].map((k) => join(d, `part-${k}.json`));
    for (const [k, p] of parts.entries()) {
      expect((await runCli([...quick(scenario, p), "--shard", `${k}/2`])).code).toBe(0);
    }
    const partBefore = await fingerprint(parts[1]!);
    const r = await runCli([
      "merge",
      ...parts,
      "--out",
      `./${relative(process.cwd(), parts[1]!)}`,
      "--force",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^✖ --out {2}\.\/.+part-1\.json is an input file; choose another output file\n$/,
    );
    expect(await fingerprint(parts[1]!)).toEqual(partBefore);
    expect(await fingerprint(scenario)).toEqual(before);
  });
});
