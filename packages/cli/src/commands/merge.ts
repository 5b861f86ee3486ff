import { shardEvaluation, shardSize } from "@stratbal/core";
import type { Command } from "commander";
import { toJson } from "../format.ts";
import type { Io, UsageIssue } from "../io.ts";
import { EXIT, UsageError } from "../io.ts";
import type { ShardData } from "../sweep/files.ts";
import { checkOutPath, outputExistsIssue, readShard, writeTable } from "../sweep/files.ts";
import { withStopSignals } from "../sweep/signals.ts";
import { sweepTable } from "../sweep/table.ts";

interface MergeFlags {
  out?: string;
  force?: boolean;
  json?: boolean;
}

export function configureMerge(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command("merge")
    .summary("join the shard files of a sweep into the file the whole sweep would write")
    .description(
      "Joins the outputs of `stratbal sweep … --shard K/N` (K = 0 … N−1) into the file\n" +
        "the unsharded sweep writes, byte for byte. Checks that every file belongs to the\n" +
        "same sweep and that each shard is there exactly once.",
    )
    .argument("<shards...>", "shard files (.json or .parquet)")
    .option("--out <file>", "output file: .csv, .json or .parquet")
    .option("--force", "replace the --out file if it exists (atomically, once it is complete)")
    .option("--json", "print a JSON summary on stdout")
    .addHelpText("after", "\nExample:\n  stratbal merge part-*.parquet --out sweep.csv\n")
    .action(async (files: string[], flags: MergeFlags) => {
      setExit(await mergeCommand(files, flags, io));
    });
}

async function mergeCommand(files: string[], flags: MergeFlags, io: Io): Promise<number> {
  const issues: UsageIssue[] = [];
  if (flags.out === undefined) {
    issues.push({
      code: "missing_flag",
      where: "--out",
      message: "is required (a .csv, .json or .parquet file)",
    });
  } else {
    issues.push(
      ...(await checkOutPath(
        "--out",
        flags.out,
        files,
        ["csv", "json", "parquet"],
        flags.force === true,
      )),
    );
  }
  const shards: { file: string; data: ShardData }[] = [];
  for (const file of files) {
    const r = await readShard(file);
    if (r.ok) shards.push({ file, data: r.data });
    else issues.push({ code: "bad_shard", where: file, message: r.message });
  }
  if (issues.length > 0) throw new UsageError(issues);

  const first = shards[0]!;
  const header = first.data.header;
  const count = first.data.shard.count;
  const byIndex = new Map<number, string>();
  for (const { file, data } of shards) {
    if (
      data.header.sweepId !== header.sweepId ||
      JSON.stringify(data.header) !== JSON.stringify(header)
    ) {
      issues.push({
        code: "different_sweep",
        where: file,
        message: `belongs to sweep ${data.header.sweepId.slice(0, 12)} ("${data.header.scenario.title}"), not ${header.sweepId.slice(0, 12)} like ${first.file}`,
      });
      continue;
    }
    if (data.shard.count !== count) {
      issues.push({
        code: "different_split",
        where: file,
        message: `is shard ${data.shard.index} of ${data.shard.count}, but ${first.file} is one of ${count}`,
      });
      continue;
    }
    const before = byIndex.get(data.shard.index);
    if (before !== undefined) {
      issues.push({
        code: "duplicate_shard",
        where: file,
        message: `is shard ${data.shard.index} of ${count} again (also ${before})`,
      });
      continue;
    }
    const expected = shardSize(header.evaluations, data.shard.index, count) * header.outputs.length;
    if (data.values.length !== expected) {
      issues.push({
        code: "truncated_shard",
        where: file,
        message: `holds ${data.values.length} values; shard ${data.shard.index} of ${count} has ${expected}`,
      });
      continue;
    }
    byIndex.set(data.shard.index, file);
  }
  if (issues.length === 0) {
    const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
    if (missing.length > 0) {
      const list =
        missing.length > 10 ? `${missing.slice(0, 10).join(", ")}, …` : missing.join(", ");
      issues.push({
        code: "missing_shards",
        where: "shards",
        message: `${missing.length} of ${count} shards are missing (${list}); run them with --shard K/${count}`,
      });
    }
  }
  if (issues.length > 0) throw new UsageError(issues);

  // Every evaluation back in its place: shard K holds evaluations K, K + N, K + 2N, …
  const k = header.outputs.length;
  const values = new Float64Array(header.evaluations * k);
  for (const { data } of shards) {
    const n = shardSize(header.evaluations, data.shard.index, count);
    for (let j = 0; j < n; j++) {
      const e = shardEvaluation(data.shard.index, count, j);
      values.set(data.values.subarray(j * k, j * k + k), e * k);
    }
  }
  const out = flags.out!;
  const t = sweepTable(header, values);
  return withStopSignals(async (stop) => {
    const written = await writeTable(out, header, t, stop, { replace: flags.force === true }).catch(
      (err: unknown) => {
        throw outputExistsIssue(err, "--out");
      },
    );
    if (!written) {
      io.stderr(`✖ interrupted by ${stop.signal ?? "a signal"}; no output file was written\n`);
      return stop.signal === "SIGTERM" ? 143 : 130;
    }
    if (flags.json) {
      io.stdout(
        toJson({
          out,
          sweepId: header.sweepId,
          shards: count,
          evaluations: header.evaluations,
          rows: t.rows,
        }),
      );
    } else {
      io.stdout(
        `merged ${count} shard${count === 1 ? "" : "s"} of sweep ${header.sweepId.slice(0, 12)} ("${header.scenario.title}"): ` +
          `${header.evaluations.toLocaleString("en-US")} evaluations\nwrote ${out} (${t.rows.toLocaleString("en-US")} rows)\n`,
      );
    }
    return EXIT.ok;
  });
}
