import { z } from "zod";
import { randomBytes } from "node:crypto";
import {
  link,
  lstat,
  open,
  readFile,
  readdir,
  realpath,
  rename,
  stat,
  unlink,
} from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { stringify } from "csv-stringify/sync";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import type { ColumnSource } from "hyparquet-writer";
import { parquetWriteFile } from "hyparquet-writer";
import type { UsageIssue } from "../io.ts";
import { UsageError } from "../io.ts";
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
 * Checks an output path before any work: a known extension, an existing directory, not one of
 * the input files (a command never writes what it reads: same path, a symlink to it, or another
 * hard link of it), and not an existing file unless `force` (nothing is replaced by accident).
 */
export async function checkOutPath(
  flag: string,
  out: string,
  inputs: readonly string[],
  formats: readonly SweepFormat[],
  force = false,
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
  let isInput = false;
  for (const input of inputs) {
    const source = await realpath(input).catch(() => resolve(input));
    const same =
      source === target ||
      (existing !== undefined &&
        (await stat(input).then(
          (s) => s.ino === existing.ino && s.dev === existing.dev,
          () => false,
        )));
    if (same && !isInput) {
      isInput = true;
      issues.push({
        code: "overwrites_input",
        where: flag,
        message: `${out} is an input file; choose another output file`,
      });
    }
  }
  // lstat: a dangling symlink is an existing entry too.
  if (!isInput && !force && (await lstat(out).catch(() => undefined))) {
    issues.push({
      code: "output_exists",
      where: flag,
      message: `${out} already exists; give --force to replace it (the old file stays until the new one is complete)`,
    });
  }
  return issues;
}

/** Where a write stands: `interrupted` is set by a signal handler while it runs. */
export interface WriteControl {
  interrupted: boolean;
  /** The temporary file being written, if any (so that a handler can report it). */
  temp?: string | undefined;
}

/** Options of an atomic write. */
export interface WriteOptions {
  /** Replace an existing file (--force); otherwise the write fails if the target exists. */
  readonly replace?: boolean;
}

/** Thrown when the target of a write without `replace` exists at the moment of committing it. */
export class OutputExistsError extends Error {
  readonly path: string;
  constructor(path: string) {
    super(`${path} already exists`);
    this.path = path;
  }
}

/**
 * The usage error for a target that appeared while the run was working (checked again when the
 * file is put in place); any other error is returned as it is.
 */
export function outputExistsIssue(err: unknown, flag: string): unknown {
  if (!(err instanceof OutputExistsError)) return err;
  return new UsageError([
    {
      code: "output_exists",
      where: flag,
      message: `${err.path} was created while this run was working; it was left as it is and nothing was written (rerun with --force to replace it)`,
    },
  ]);
}

/**
 * A temporary file of `writeAtomic` for `path`: `.NAME.PID.RANDOM.tmp`, hidden, in the same
 * directory (so that the rename is atomic).
 */
export function tempPathFor(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
}

/** Temporary files older than this (by their last change) are left over from a killed run. */
export const STALE_TEMP_MS = 60 * 60 * 1000;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Removes temporary files of `writeAtomic` for `path` that a run killed outright (SIGKILL, power
 * loss) left behind: only names of our own pattern for this very file, and only when unchanged
 * for `STALE_TEMP_MS` (a live write keeps its file fresh; a run on another machine sharing the
 * directory is never raced). Returns the names removed; failures are ignored.
 */
export async function removeStaleTemps(path: string, now = Date.now()): Promise<string[]> {
  const dir = dirname(path);
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(path))}\\.\\d+\\.[0-9a-f]{8}\\.tmp$`);
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!pattern.test(name)) continue;
    const file = join(dir, name);
    const s = await lstat(file).catch(() => undefined);
    if (!s?.isFile() || now - s.mtimeMs < STALE_TEMP_MS) continue;
    if (
      await unlink(file).then(
        () => true,
        () => false,
      )
    )
      removed.push(name);
  }
  return removed;
}

/** Flushes a file's data to the disk, so that a rename after a power cut never names an empty file. */
async function syncFile(file: string): Promise<void> {
  const fh = await open(file, "r+");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Puts `temp` in place at `path` without replacing an existing file (a hard link fails if it exists). */
async function commitNew(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new OutputExistsError(path);
    // A file system without hard links: check, then rename (a narrow race, but still atomic).
    if (
      await lstat(path).then(
        () => true,
        () => false,
      )
    )
      throw new OutputExistsError(path);
    await rename(temp, path);
    return;
  }
  await unlink(temp);
}

/**
 * Writes a file atomically: into a temporary file in the same directory (see `tempPathFor`),
 * flushed to disk, then renamed over the target (`replace`) or linked into place only if the
 * target still does not exist. If the write fails or is interrupted, the temporary file is
 * removed and the target is untouched: the old file stays byte for byte, or there is none.
 * Stale temporary files of this target from killed runs are removed first. Returns whether the
 * file was written.
 */
export async function writeAtomic(
  path: string,
  write: (temp: string) => Promise<void>,
  control: WriteControl = { interrupted: false },
  options: WriteOptions = {},
): Promise<boolean> {
  await removeStaleTemps(path);
  const temp = tempPathFor(path);
  control.temp = temp;
  try {
    await write(temp);
    if (control.interrupted) {
      await unlink(temp).catch(() => {});
      return false;
    }
    await syncFile(temp);
    if (control.interrupted) {
      await unlink(temp).catch(() => {});
      return false;
    }
    if (options.replace) await rename(temp, path);
    else await commitNew(temp, path);
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
  options?: WriteOptions,
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
      const fh = await open(temp, "wx");
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
    options,
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
  options?: WriteOptions,
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
      const fh = await open(temp, "wx");
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
    options,
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
