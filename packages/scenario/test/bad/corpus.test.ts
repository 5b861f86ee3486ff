import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The bad-input corpus (DESIGN §4, STYLE "Errors"), run through the real, bundled CLI
// (packages/cli/bin/stratbal.mjs) as a child process, so that time and memory are real. Every
// file of this directory, and every case generated below, must give for both `stratbal validate`
// and `stratbal analyze`: exit code 2; on stderr only lines in the house format
// `✖ file:line:col  path  message` (or `✖ file  (file)  message` where the file has no usable
// position), exactly the problems expected, each at its place; nothing on stdout; no stack
// trace; the file byte-for-byte unchanged; and bounded resources:
// - time: each run is killed after WALL_LIMIT_MS, and must exit within it by its own clock (a
//   hang guard, not a benchmark: most runs take 0.3 s, the cases at the size limit about 1 s).
//   A run over the limit is tried once more with the test's slots to itself before the test
//   fails, and the cases at the size limit run alone from the start;
// - memory: each run has a V8 heap of HEAP_MB (a blow-up aborts the process, which fails the
//   exit-code check), and its peak resident memory must stay under RSS_LIMIT_KB.
// Time and memory are measured inside the child by probe.mjs (preloaded with --import).
// Expectations: a file that can carry a comment says what is wrong with it in its first lines,
// with one `# expect: <path> @ <line>:<col> [`<text there>`] [~ <regex>]` line per problem;
// MANIFEST.json gives every file's category, and the expectations of the files that cannot carry
// them (JSON, other encodings, binary, the files that came from the CLI's tests) and of the cases
// generated here (too big, too deep, a directory, …) that are not committed.
// The bundle must be built and newer than the sources (`npm test` builds it first). With
// STRATBAL_CORPUS_STATS=1 the slowest and largest runs are printed at the end.

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../../../..");
const BIN = join(ROOT, "packages/cli/bin/stratbal.mjs");
const BUNDLE = join(ROOT, "packages/cli/dist/stratbal.mjs");
const PROBE = pathToFileURL(join(HERE, "probe.mjs")).href;
const COMMANDS = ["validate", "analyze"] as const;

const WALL_LIMIT_MS = 2000;
const HEAP_MB = 256;
const RSS_LIMIT_KB = 300 * 1024;
/** Child processes at a time (the test machines have two cores, shared). */
const CONCURRENCY = 2;

interface Expect {
  readonly path: string;
  /** 1-based; absent: the problem has no place in the file (`✖ file  (file)  message`). */
  readonly line?: number;
  readonly col?: number;
  /** The text of the file at line:col starts with this. */
  readonly at?: string;
  /** A regular expression the message must match. */
  readonly message?: string;
}

interface Case {
  readonly category: string;
  readonly what?: string;
  readonly expect?: readonly Expect[];
  /** Generated cases with more problems than listed: the listed ones must be among them. */
  readonly more?: boolean;
}

interface Manifest {
  readonly files: Record<string, Case>;
  readonly generated: Record<string, Case>;
}

const manifest = JSON.parse(readFileSync(join(HERE, "MANIFEST.json"), "utf8")) as Manifest;

/** Files of this directory that are not corpus files. */
const NOT_CORPUS = (name: string) =>
  name === "MANIFEST.json" || name === ".gitattributes" || /\.(ts|mjs)$/.test(name);

// ---------------------------------------------------------------------------------------------
// Expectations written in a file's header comments.

const EXPECT_LINE = /^# expect: (\S+) @ (?:(\d+):(\d+)|-)(?: `([^`]*)`)?(?: ~ (.*))?$/;

/** The `# expect:` lines at the top of a corpus file (read as bytes: it may not be UTF-8). */
function headerExpectations(file: string): Expect[] {
  let bytes = readFileSync(file);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  const out: Expect[] = [];
  for (const raw of bytes.toString("latin1").split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (!line.startsWith("#")) break;
    if (!line.startsWith("# expect:")) continue;
    const m = EXPECT_LINE.exec(line);
    expect(m, `${file}: malformed header line: ${line}`).not.toBeNull();
    out.push({
      path: m![1]!,
      ...(m![2] !== undefined ? { line: Number(m![2]), col: Number(m![3]) } : {}),
      ...(m![4] !== undefined ? { at: m![4] } : {}),
      ...(m![5] !== undefined ? { message: m![5] } : {}),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cases generated at run time (too big to commit, or not files at all).

const CONTROL_HEAD = readFileSync(join(HERE, "valid.yaml"), "utf8");
const MiB = 1024 * 1024;
const LIMIT = 256 * 1024;

/** Writes `head` then copies of `line` up to just under `bytes`. */
function fillTo(file: string, head: string, line: string, bytes: number): string {
  const n = Math.floor((bytes - head.length) / line.length);
  writeFileSync(file, head + line.repeat(n));
  return file;
}

const GENERATORS: Record<string, (dir: string) => string> = {
  "big-50mb.yaml": (dir) => {
    const file = join(dir, "big-50mb.yaml");
    const head = Buffer.from("schemaVersion: 1\ntitle: Big\n");
    writeFileSync(file, Buffer.concat([head, Buffer.alloc(50 * MiB - head.length, "# pad\n")]));
    return file;
  },
  "over-limit-by-one-byte.yaml": (dir) => {
    const file = join(dir, "over-limit-by-one-byte.yaml");
    writeFileSync(file, CONTROL_HEAD + "#".repeat(LIMIT + 1 - CONTROL_HEAD.length));
    return file;
  },
  directory: (dir) => {
    const sub = join(dir, "a-directory.yaml");
    mkdirSync(sub);
    return sub;
  },
  "no-such-file.yaml": (dir) => join(dir, "no-such-file.yaml"),
  "/dev/null": () => "/dev/null",
  "deep-lists-10000.yaml": (dir) => {
    const file = join(dir, "deep-lists-10000.yaml");
    writeFileSync(file, `schemaVersion: 1\ntitle: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`);
    return file;
  },
  "deep-maps-10000.yaml": (dir) => {
    const file = join(dir, "deep-maps-10000.yaml");
    writeFileSync(
      file,
      `schemaVersion: 1\nanalysis: ${"{a: ".repeat(10_000)}1${"}".repeat(10_000)}\n`,
    );
    return file;
  },
  "deep-block-lists-10000.yaml": (dir) => {
    const file = join(dir, "deep-block-lists-10000.yaml");
    writeFileSync(file, `schemaVersion: 1\nnotes:\n${"- ".repeat(10_000)}deep\n`);
    return file;
  },
  "deep-objects-10000.json": (dir) => {
    // 10,000 nested JSON objects, one opened per line.
    const file = join(dir, "deep-objects-10000.json");
    writeFileSync(file, `${'{"a":\n'.repeat(10_000)}1${"}".repeat(10_000)}\n`);
    return file;
  },
  "near-limit-bad-forces.yaml": (dir) =>
    fillTo(
      join(dir, "near-limit-bad-forces.yaml"),
      CONTROL_HEAD + "    promptStrike:\n",
      "      - { id: p, weapons: -1, pk: { silo: 1.5 }, source: nowhere }\n",
      LIMIT,
    ),
  "near-limit-unknown-keys.yaml": (dir) => {
    const file = join(dir, "near-limit-unknown-keys.yaml");
    let text = CONTROL_HEAD + "analysis:\n";
    for (let i = 0; text.length < LIMIT - 20; i++) text += `  k${i}: 1\n`;
    writeFileSync(file, text);
    return file;
  },
  "near-limit-repeated-keys.yaml": (dir) =>
    fillTo(
      join(dir, "near-limit-repeated-keys.yaml"),
      CONTROL_HEAD + "analysis:\n",
      "  k: 1\n",
      LIMIT,
    ),
  "near-limit-brackets.yaml": (dir) =>
    fillTo(
      join(dir, "near-limit-brackets.yaml"),
      CONTROL_HEAD + "notes:\n",
      "  - [[[[[[[[[[1]]]]]]]]]]\n",
      LIMIT,
    ),
  "near-limit-aliases.yaml": (dir) =>
    fillTo(
      join(dir, "near-limit-aliases.yaml"),
      CONTROL_HEAD + "notes:\n  - &a x\n",
      "  - *a\n",
      LIMIT,
    ),
};

// ---------------------------------------------------------------------------------------------
// Running the CLI.

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Killed at the time limit (it had not exited: the probe reported nothing). */
  readonly killed: boolean;
  /** What the probe reported from inside the process (absent when it was killed). */
  readonly usage?: Usage;
}

interface Usage {
  readonly wallMs: number;
  readonly rssKb: number;
  readonly cpuMs: number;
}

/** A counting semaphore; `weight` = CONCURRENCY runs alone. */
function semaphore(limit: number) {
  let free = limit;
  const waiting: { weight: number; go: () => void }[] = [];
  const pump = () => {
    while (waiting.length > 0 && waiting[0]!.weight <= free) {
      const w = waiting.shift()!;
      free -= w.weight;
      w.go();
    }
  };
  return async <T>(weight: number, task: () => Promise<T>): Promise<T> => {
    await new Promise<void>((go) => {
      waiting.push({ weight, go });
      pump();
    });
    try {
      return await task();
    } finally {
      free += weight;
      pump();
    }
  };
}
const slots = semaphore(CONCURRENCY);

function spawnOnce(args: readonly string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env["NODE_OPTIONS"]; // run as a user would: no loaders or flags from the test runner
  delete env["STRATBAL_DEBUG"];
  return new Promise((done, fail) => {
    const child: ChildProcess = spawn(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, "--import", PROBE, BIN, ...args],
      { cwd: HERE, env, stdio: ["ignore", "pipe", "pipe", "pipe"] },
    );
    const chunks: Record<"out" | "err" | "probe", Buffer[]> = { out: [], err: [], probe: [] };
    child.stdout!.on("data", (b: Buffer) => chunks.out.push(b));
    child.stderr!.on("data", (b: Buffer) => chunks.err.push(b));
    (child.stdio[3] as NodeJS.ReadableStream).on("data", (b: Buffer) => chunks.probe.push(b));
    const timer = setTimeout(() => child.kill("SIGKILL"), WALL_LIMIT_MS);
    child.on("error", fail);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const probe = Buffer.concat(chunks.probe).toString("utf8");
      done({
        code,
        signal,
        stdout: Buffer.concat(chunks.out).toString("utf8"),
        stderr: Buffer.concat(chunks.err).toString("utf8"),
        killed: probe === "" && signal === "SIGKILL",
        ...(probe ? { usage: JSON.parse(probe) as Usage } : {}),
      });
    });
  });
}

const stats: { file: string; cmd: string; wallMs: number; rssKb: number; cpuMs: number }[] = [];

const overTime = (r: Run) => r.killed || (r.usage?.wallMs ?? 0) >= WALL_LIMIT_MS;

/**
 * Runs the CLI; a run over the time limit is tried once more with the test's slots to itself.
 * `alone`: the run takes all the slots from the start (the cases at the size limit).
 */
async function runCli(cmd: string, file: string, alone = false): Promise<Run> {
  let r = await slots(alone ? CONCURRENCY : 1, () => spawnOnce([cmd, file]));
  if (overTime(r)) r = await slots(CONCURRENCY, () => spawnOnce([cmd, file]));
  if (r.usage) stats.push({ file, cmd, ...r.usage });
  return r;
}

function fingerprint(path: string): string {
  if (!existsSync(path)) return "absent";
  const st = statSync(path);
  if (!st.isFile()) return `not a file, mtime ${st.mtimeMs}`;
  return `${createHash("sha256").update(readFileSync(path)).digest("hex")}:${st.size}:${st.mtimeMs}`;
}

// ---------------------------------------------------------------------------------------------
// Checking one run.

interface Issue {
  readonly mark: string;
  readonly path: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

const ISSUE_LINE = /^([✖⚠]) (.+?)(?::(\d+):(\d+))? {2}(\S+) {2}(\S.*)$/;

function parseIssues(stderr: string, file: string): Issue[] {
  return stderr
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => {
      const m = ISSUE_LINE.exec(l);
      expect(m, `not in the house format: ${l}`).not.toBeNull();
      expect(m![2], `names the file: ${l}`).toBe(file);
      return {
        mark: m![1]!,
        path: m![5]!,
        line: Number(m![3] ?? 0),
        col: Number(m![4] ?? 0),
        message: m![6]!,
      };
    });
}

function checkRun(label: string, r: Run): void {
  expect(r.killed, `${label}: killed after ${WALL_LIMIT_MS} ms, twice (a hang?)`).toBe(false);
  expect(r.signal, `${label}: killed by a signal`).toBeNull();
  expect(r.code, `${label}: exit code (stderr: ${r.stderr.slice(0, 400)})`).toBe(2);
  expect(r.stdout, `${label}: stdout`).toBe("");
  expect(r.stderr, `${label}: a stack trace`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(r.stderr, `${label}: an internal error`).not.toMatch(
    /internal error|node:internal|FATAL ERROR|Error:/,
  );
  expect(r.usage, `${label}: the probe reported`).toBeDefined();
  expect(r.usage!.wallMs, `${label}: milliseconds from start to exit, twice`).toBeLessThan(
    WALL_LIMIT_MS,
  );
  expect(r.usage!.rssKb, `${label}: peak resident memory (KiB)`).toBeLessThan(RSS_LIMIT_KB);
}

/** The text of the file at a 1-based line and column (columns in UTF-16 units, as reported). */
function textAt(lines: readonly string[], line: number, col: number): string {
  return (lines[line - 1] ?? "").slice(col - 1);
}

function checkIssues(file: string, shown: string, issues: Issue[], c: Case, exp: Expect[]) {
  const errors = issues.filter((i) => i.mark === "✖");
  expect(errors.length, `${shown}: at least one ✖ line`).toBeGreaterThan(0);
  // The file's lines, read only when a problem has a place in it (not for the 50 MB file).
  const positioned = issues.some((i) => i.line > 0) || exp.some((e) => e.line !== undefined);
  const lines = positioned
    ? readFileSync(file)
        .toString("utf8")
        .replace(/^\uFEFF/, "")
        .split("\n")
        .map((l) => l.replace(/\r$/, ""))
    : [];
  for (const i of issues) {
    if (i.line === 0) {
      expect(i.path, `${shown}: a problem without a position is about the file`).toBe("(file)");
      continue;
    }
    expect(i.col, `${shown}: ${i.path} has a column`).toBeGreaterThanOrEqual(1);
    expect(i.line, `${shown}: ${i.path} is on a line of the file`).toBeLessThanOrEqual(
      Math.max(1, lines.length),
    );
    expect(
      i.col,
      `${shown}: ${i.path} at ${i.line}:${i.col} is within its line (or just after it)`,
    ).toBeLessThanOrEqual((lines[i.line - 1]?.length ?? 0) + 1);
  }
  const unused = [...errors];
  for (const e of exp) {
    const k = unused.findIndex(
      (i) =>
        i.path === e.path &&
        i.line === (e.line ?? 0) &&
        i.col === (e.col ?? 0) &&
        (e.message === undefined || new RegExp(e.message).test(i.message)),
    );
    const where = e.line === undefined ? "(no position)" : `${e.line}:${e.col}`;
    expect(
      k,
      `${shown}: expected ${e.path} @ ${where} ~ ${e.message ?? ""}\nreported:\n` +
        errors.map((i) => `  ${i.path} @ ${i.line}:${i.col}  ${i.message}`).join("\n"),
    ).toBeGreaterThanOrEqual(0);
    unused.splice(k, 1);
    if (e.at !== undefined && e.line !== undefined)
      expect(textAt(lines, e.line, e.col!), `${shown}: text at ${where}`).toMatch(
        new RegExp(`^${e.at.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
      );
  }
  if (!c.more) {
    expect(
      unused.map((i) => `${i.path} @ ${i.line}:${i.col}  ${i.message}`),
      `${shown}: problems reported but not expected`,
    ).toEqual([]);
  }
}

/** Runs both commands on `file` and checks everything; `shown` is how the CLI names it. */
async function checkCase(file: string, shown: string, c: Case, exp: Expect[]): Promise<void> {
  const before = fingerprint(file);
  const runs = [];
  for (const cmd of COMMANDS) {
    const r = await runCli(cmd, shown, c.category === "near-limit");
    checkRun(`${cmd} ${shown}`, r);
    checkIssues(file, shown, parseIssues(r.stderr, shown), c, exp);
    runs.push(r);
  }
  expect(runs[1]!.stderr, `${shown}: analyze reports what validate reports`).toBe(runs[0]!.stderr);
  expect(fingerprint(file), `${shown}: the file is unchanged`).toBe(before);
}

// ---------------------------------------------------------------------------------------------

/** The newest source file the bundle is built from, and its modification time. */
function newestSource(): { file: string; mtimeMs: number } {
  let newest = { file: "", mtimeMs: 0 };
  const visit = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) visit(path);
      else if (e.name.endsWith(".ts")) {
        const mtimeMs = statSync(path).mtimeMs;
        if (mtimeMs > newest.mtimeMs) newest = { file: path, mtimeMs };
      }
    }
  };
  for (const pkg of ["core", "scenario", "cli"]) visit(join(ROOT, "packages", pkg, "src"));
  return newest;
}

// The corpus tests the CLI as shipped: a missing or stale bundle is a failure, not a skip.
const REBUILD = "run `npm run build` (node scripts/build-cli.mjs) before the tests";
const bundleProblem = ((): string | undefined => {
  if (!existsSync(BUNDLE)) return `${relative(ROOT, BUNDLE)} is missing: ${REBUILD}`;
  const src = newestSource();
  if (src.mtimeMs > statSync(BUNDLE).mtimeMs)
    return `${relative(ROOT, BUNDLE)} is older than ${relative(ROOT, src.file)}: ${REBUILD}`;
  return undefined;
})();

describe("the bad-input corpus through the bundled CLI", () => {
  let dir = "";
  const generated = new Map<string, string>();
  beforeAll(() => {
    if (bundleProblem) throw new Error(bundleProblem);
    dir = mkdtempSync(join(tmpdir(), "stratbal-corpus-"));
    for (const [name, make] of Object.entries(GENERATORS)) generated.set(name, make(dir));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (process.env["STRATBAL_CORPUS_STATS"] && stats.length > 0) {
      const top = (k: "wallMs" | "rssKb" | "cpuMs") =>
        stats.reduce((a, b) => (b[k] > a[k] ? b : a));
      const fmt = (s: (typeof stats)[number]) =>
        `${s.cmd} ${s.file}: ${s.wallMs.toFixed(0)} ms wall, ${s.cpuMs.toFixed(0)} ms CPU, ${(s.rssKb / 1024).toFixed(1)} MiB peak RSS`;
      const walls = stats.map((s) => s.wallMs).sort((a, b) => a - b);
      const q = (p: number) => walls[Math.min(walls.length - 1, Math.floor(p * walls.length))]!;
      console.log(
        `${stats.length} runs; wall median ${q(0.5).toFixed(0)} ms, 95th percentile ${q(0.95).toFixed(0)} ms; ` +
          `CPU ${(stats.reduce((a, s) => a + s.cpuMs, 0) / 1000).toFixed(0)} s in all\n` +
          `slowest: ${fmt(top("wallMs"))}\nmost CPU: ${fmt(top("cpuMs"))}\nmost memory: ${fmt(top("rssKb"))}`,
      );
    }
  });

  it("the bundled CLI is built", () => {
    expect(bundleProblem).toBeUndefined();
  });

  it("the manifest lists every file of the corpus, and every file says what it expects", () => {
    const files = readdirSync(HERE).filter((n) => !NOT_CORPUS(n));
    expect(Object.keys(manifest.files).sort()).toEqual(files.sort());
    expect(Object.keys(manifest.generated).sort()).toEqual(Object.keys(GENERATORS).sort());
    for (const [name, c] of Object.entries(manifest.files)) {
      if (c.category === "control") continue;
      // Says what is wrong with it: in a first comment line, or in the manifest.
      const start = readFileSync(join(HERE, name))
        .toString("latin1")
        .replace(/^\xEF\xBB\xBF/, "");
      expect(start.startsWith("# Bad input: ") || c.what !== undefined, name).toBe(true);
      const header = headerExpectations(join(HERE, name));
      // Exactly one place holds a file's expectations: its header or the manifest.
      expect(
        header.length > 0 !== (c.expect !== undefined),
        `${name}: expectations in its header or in MANIFEST.json, not both or neither`,
      ).toBe(true);
    }
    const bad = Object.values(manifest.files).filter((c) => c.category !== "control");
    expect(bad.length + Object.keys(manifest.generated).length).toBeGreaterThanOrEqual(60);
  });

  it("the control file validates and analyzes through the same harness (exit 0)", async () => {
    for (const cmd of COMMANDS) {
      const r = await runCli(cmd, "valid.yaml");
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout).not.toBe("");
      expect(r.killed).toBe(false);
    }
  });

  for (const [name, c] of Object.entries(manifest.files)) {
    if (c.category === "control") continue;
    it.concurrent(`${c.category}: ${name}`, async () => {
      if (bundleProblem) throw new Error(bundleProblem);
      const file = join(HERE, name);
      const exp = c.expect ? [...c.expect] : headerExpectations(file);
      await checkCase(file, name, c, exp);
    });
  }

  for (const [name, c] of Object.entries(manifest.generated)) {
    it.concurrent(`${c.category}: ${name} (generated)`, async (ctx) => {
      if (bundleProblem) throw new Error(bundleProblem);
      const file = generated.get(name)!;
      if (name === "/dev/null" && !existsSync(file)) ctx.skip();
      await checkCase(file, file, c, [...(c.expect ?? [])]);
    });
  }
});
