import { z } from "zod";
import { randomBytes } from "node:crypto";
import { open, readFile, realpath, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { stringify } from "csv-stringify/sync";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import type { ColumnSource } from "hyparquet-writer";
import { parquetWriteFile } from "hyparquet-writer";
import type { UsageIssue } from "../io.ts";
import type { SweepHeader } from "./header.ts";
import type { SweepTable } from "./table.ts";

/** The file formats a sweep writes, by extension. */
export type SweepFormat = "csv" | "json" | "parquet";

/** Key of the parquet key-value metadata that holds the header. */
export const PARQUET_HEADER_KEY = "stratbal.sweep";
export const PARQUET_SHARD_KEY = "stratbal.sweep-shard";

/** The format an output path asks for, from its extension. */
export function formatOf(path: string): SweepFormat | undefined {
  const ext = extname(path).toLowerCase();
  return ext === ".csv"
    ? "csv"
    : ext === ".json"
      ? "json"
      : ext === ".parquet"
        ? "parquet"
        : undefined;
}

/**
 * Checks an output path before any work: a known extension, an existing directory, and not one
 * of the input files (a sweep never overwrites what it reads).
 */
export async function checkOutPath(
  flag: string,
  out: string,
  inputs: readonly string[],
  formats: readonly SweepFormat[],
): Promise<UsageIssue[]> {
  const issues: UsageIssue[] = [];
  const format = formatOf(out);
  if (!format || !formats.includes(format)) {
    issues.push({
      code: "bad_output_format",
      where: flag,
      message: `expected a file ending in ${formats.map((f) => `.${f}`).join(", ")}, got "${out}"`,
    });
  }
  try {
    const d = await stat(dirname(resolve(out)));
    if (!d.isDirectory()) throw new Error("not a directory");
  } catch {
    issues.push({
      code: "no_such_directory",
      where: flag,
      message: `the directory ${dirname(out)} does not exist`,
    });
    return issues;
  }
  const existing = await stat(out).catch(() => undefined);
  if (existing?.isDirectory()) {
    issues.push({
      code: "is_a_directory",
      where: flag,
      message: `${out} is a directory; give a file name`,
    });
    return issues;
  }
  const target = await realpath(out).catch(() => resolve(out));
  for (const input of inputs) {
    const source = await realpath(input).catch(() => resolve(input));
    if (source === target) {
      issues.push({
        code: "overwrites_input",
        where: flag,
        message: `${out} is an input file; choose another output file`,
      });
    }
  }
  return issues;
}

/** Where a write stands: `interrupted` is set by a signal handler while it runs. */
export interface WriteControl {
  interrupted: boolean;
  /** The temporary file being written, if any (so that a handler can report it). */
  temp?: string | undefined;
}

/**
 * Writes a file atomically: into a temporary file in the same directory, then renamed over the
 * target. If the write fails or is interrupted, the temporary file is removed and the target is
 * untouched. Returns whether the file was written.
 */
export async function writeAtomic(
  path: string,
  write: (temp: string) => Promise<void>,
  control: WriteControl = { interrupted: false },
): Promise<boolean> {
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  control.temp = temp;
  try {
    await write(temp);
    if (control.interrupted) {
      await unlink(temp).catch(() => {});
      return false;
    }
    await rename(temp, path);
    return true;
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  } finally {
    control.temp = undefined;
  }
}

const ROWS_PER_CHUNK = 4096;

/** A number as JSON text; non-finite values (never produced by the summaries) become null. */
function jsonNumber(x: number): string {
  return Number.isFinite(x) ? JSON.stringify(x) : "null";
}

/** Writes a sweep's result table in the format its path asks for (atomically). */
export async function writeTable(
  path: string,
  header: SweepHeader,
  table: SweepTable,
  control?: WriteControl,
): Promise<boolean> {
  const format = formatOf(path);
  const cols = table.columns;
  return writeAtomic(
    path,
    async (temp) => {
      if (format === "parquet") {
        parquetWriteFile({
          filename: temp,
          columnData: cols.map(parquetColumn),
          kvMetadata: [{ key: PARQUET_HEADER_KEY, value: JSON.stringify(header) }],
          createdBy: "stratbal sweep",
        });
        return;
      }
      const fh = await open(temp, "w");
      try {
        if (format === "csv") {
          await fh.write(stringify([cols.map((c) => c.name)]));
          for (let r0 = 0; r0 < table.rows; r0 += ROWS_PER_CHUNK) {
            const rows: (string | number)[][] = [];
            for (let r = r0; r < Math.min(table.rows, r0 + ROWS_PER_CHUNK); r++) {
              rows.push(cols.map((c) => (Number.isNaN(c.values[r]!) ? "" : c.values[r]!)));
            }
            await fh.write(stringify(rows));
          }
        } else {
          const head = JSON.stringify(header, null, 2);
          await fh.write(
            head.slice(0, -2) +
              `,\n  "columns": ${JSON.stringify(cols.map((c) => c.name))},\n  "rows": [`,
          );
          for (let r0 = 0; r0 < table.rows; r0 += ROWS_PER_CHUNK) {
            let text = "";
            for (let r = r0; r < Math.min(table.rows, r0 + ROWS_PER_CHUNK); r++) {
              text += `${r === 0 ? "" : ","}\n    [${cols.map((c) => jsonNumber(c.values[r]!)).join(", ")}]`;
            }
            await fh.write(text);
          }
          await fh.write(`${table.rows > 0 ? "\n  " : ""}]\n}\n`);
        }
      } finally {
        await fh.close();
      }
    },
    control,
  );
}

function parquetColumn(c: SweepTable["columns"][number]): ColumnSource {
  if (c.kind === "int") return { name: c.name, data: Int32Array.from(c.values), type: "INT32" };
  if (c.kind === "int64") {
    return { name: c.name, data: BigInt64Array.from(c.values, (v) => BigInt(v)), type: "INT64" };
  }
  if (c.values.some((v) => Number.isNaN(v))) {
    return {
      name: c.name,
      data: Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)),
      type: "DOUBLE",
      nullable: true,
    };
  }
  return { name: c.name, data: c.values, type: "DOUBLE", nullable: false };
}

/** A shard file's content: its sweep, which slice it is, and the outputs of that slice. */
const shardMetaSchema = z
  .object({
    header: z
      .object({
        stratbal: z.literal("sweep"),
        formatVersion: z.number().int(),
        sweepId: z.string().regex(/^[0-9a-f]{64}$/, "expected a SHA-256 hex digest"),
        scenario: z
          .object({ title: z.string(), asOf: z.string(), sha256: z.string() })
          .passthrough(),
        seed: z.number().int().min(0),
        samples: z.number().int().min(0),
        perSample: z.boolean(),
        sensitivity: z.string().nullable(),
        vary: z.array(z.object({ path: z.string(), values: z.array(z.number()) }).passthrough()),
        outputs: z.array(z.string()).min(1),
        plan: z.object({}).passthrough(),
        evaluations: z.number().int().min(0).max(1e9),
      })
      .passthrough(),
    shard: z
      .object({ index: z.number().int().min(0), count: z.number().int().min(1).max(1_000_000) })
      .refine((x) => x.index < x.count, "index must be below count"),
  })
  .passthrough();

export interface ShardData {
  readonly header: SweepHeader;
  readonly shard: { readonly index: number; readonly count: number };
  /** Outputs position-major (position·outputs + i). */
  readonly values: Float64Array;
}

/** Exact text for any double, non-finite ones included (JSON has no NaN or Infinity). */
function exactNumber(x: number): number | string {
  return Number.isFinite(x) ? x : String(x);
}

/** Writes one shard's raw outputs with the sweep header, as JSON or Parquet (atomically). */
export async function writeShard(
  path: string,
  data: ShardData,
  control?: WriteControl,
): Promise<boolean> {
  const k = data.header.outputs.length;
  const n = k === 0 ? 0 : data.values.length / k;
  const meta = { stratbal: "sweep-shard", header: data.header, shard: data.shard, positions: n };
  return writeAtomic(
    path,
    async (temp) => {
      if (formatOf(path) === "parquet") {
        parquetWriteFile({
          filename: temp,
          columnData: data.header.outputs.map((name, i) => ({
            name,
            data: Float64Array.from({ length: n }, (_, r) => data.values[r * k + i]!),
            type: "DOUBLE",
            nullable: false,
          })),
          kvMetadata: [{ key: PARQUET_SHARD_KEY, value: JSON.stringify(meta) }],
          createdBy: "stratbal sweep",
        });
        return;
      }
      const fh = await open(temp, "w");
      try {
        await fh.write(JSON.stringify(meta).slice(0, -1) + ',"values":[');
        for (let r0 = 0; r0 < n; r0 += ROWS_PER_CHUNK) {
          const rows: string[] = [];
          for (let r = r0; r < Math.min(n, r0 + ROWS_PER_CHUNK); r++) {
            rows.push(
              JSON.stringify(Array.from(data.values.subarray(r * k, r * k + k), exactNumber)),
            );
          }
          await fh.write((r0 === 0 ? "\n" : ",\n") + rows.join(",\n"));
        }
        await fh.write("\n]}\n");
      } finally {
        await fh.close();
      }
    },
    control,
  );
}

/** Reads a shard file, or says why it is not one. */
export async function readShard(
  path: string,
): Promise<{ ok: true; data: ShardData } | { ok: false; message: string }> {
  const format = formatOf(path);
  if (format !== "json" && format !== "parquet") {
    return { ok: false, message: "a shard file is .json or .parquet" };
  }
  try {
    let meta: unknown;
    let values: Float64Array;
    if (format === "json") {
      const doc = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
      meta = doc;
      const rows = doc["values"];
      if (!Array.isArray(rows))
        return { ok: false, message: "is not a stratbal sweep shard (no values)" };
      const k = (rows[0] as unknown[] | undefined)?.length ?? 0;
      values = new Float64Array(rows.length * k);
      rows.forEach((row: unknown, r) => {
        if (!Array.isArray(row) || row.length !== k)
          throw new SyntaxError(`row ${r} has the wrong length`);
        row.forEach(
          (v: unknown, i) =>
            (values[r * k + i] = typeof v === "string" ? Number(v) : (v as number)),
        );
      });
    } else {
      const file = await asyncBufferFromFile(path);
      const md = await parquetMetadataAsync(file);
      const kv = md.key_value_metadata?.find((e) => e.key === PARQUET_SHARD_KEY);
      if (!kv?.value)
        return {
          ok: false,
          message: "is not a stratbal sweep shard (no stratbal.sweep-shard metadata)",
        };
      meta = JSON.parse(kv.value);
      const rows = (await parquetReadObjects({ file, metadata: md })) as Record<string, number>[];
      const names = ((meta as { header?: SweepHeader }).header?.outputs ?? []) as string[];
      values = new Float64Array(rows.length * names.length);
      rows.forEach((row, r) =>
        names.forEach((name, i) => (values[r * names.length + i] = Number(row[name]))),
      );
    }
    const m = meta as { stratbal?: unknown };
    if (m.stratbal !== "sweep-shard")
      return { ok: false, message: "is not a stratbal sweep shard" };
    // Everything merge relies on, checked before it is used (a hand-edited file must not crash).
    const parsed = shardMetaSchema.safeParse(meta);
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      return {
        ok: false,
        message: `has a malformed shard header at ${first.path.join(".") || "(top)"}: ${first.message}`,
      };
    }
    const { header, shard } = parsed.data;
    return { ok: true, data: { header: header as unknown as SweepHeader, shard, values } };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { ok: false, message: "no such file" };
    return { ok: false, message: `cannot be read as a shard file (${(err as Error).message})` };
  }
}
