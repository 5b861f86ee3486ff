import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fixture, runCli } from "./runCli.ts";

// The worked examples of docs/uncertainty.md, run as written with separate processes standing in
// for Slurm array tasks and Kubernetes pods; only the knobs the scripts expose are set (a small
// scenario and grid). They run the bundled CLI: `npm test` builds it first.

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "packages/cli/bin/stratbal.mjs");
const SMALL = fixture("sweep-small.yaml");
const VARY = "--vary sides.us.defenses.gmd.layers.gmd-mid.sspk=0.3:0.9:3";
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "stratbal-jobs-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(
  command: string,
  args: string[],
  env: Record<string, string>,
  onSpawn?: (kill: (s: NodeJS.Signals) => void) => void,
): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    onSpawn?.((s) => child.kill(s));
  });
}

/** The unsharded run the shards must reproduce, byte for byte. */
async function reference(out: string, samples: string, seed: string): Promise<Buffer> {
  const r = await runCli([
    "sweep",
    SMALL,
    ...VARY.split(" "),
    "--samples",
    samples,
    "--seed",
    seed,
    "--workers",
    "1",
    "--out",
    out,
  ]);
  expect(r.code).toBe(0);
  return readFile(out);
}

describe("docs/examples: shards as a Slurm job array and a Kubernetes Indexed Job", () => {
  it("the Slurm array script, one process per task, then the merge script", async () => {
    const script = await readFile(join(ROOT, "docs/examples/slurm/sweep.sbatch"), "utf8");
    expect(script).toMatch(/^#SBATCH --array=0-15$/m);
    // As if submitted with `sbatch --array=0-3`: Slurm sets the task id and count.
    const tasks = 4;
    const env = {
      STRATBAL: `node ${BIN}`,
      SCENARIO: SMALL,
      VARY,
      SAMPLES: "6",
      SLURM_SUBMIT_DIR: ROOT,
      SLURM_ARRAY_JOB_ID: "4242",
      SLURM_ARRAY_TASK_COUNT: String(tasks),
      SLURM_CPUS_PER_TASK: "1",
      OUT_DIR: join(dir, "slurm"),
    };
    const runs = await Promise.all(
      Array.from({ length: tasks }, (_, k) =>
        run("bash", ["docs/examples/slurm/sweep.sbatch"], {
          ...env,
          SLURM_ARRAY_TASK_ID: String(k),
        }),
      ),
    );
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    // A requeued task replaces its own shard file (the script passes --force).
    const again = await run("bash", ["docs/examples/slurm/sweep.sbatch"], {
      ...env,
      SLURM_ARRAY_TASK_ID: "1",
    });
    expect(again.code, again.stderr).toBe(0);
    const merged = await run("bash", ["docs/examples/slurm/merge.sbatch"], {
      STRATBAL: `node ${BIN}`,
      SLURM_SUBMIT_DIR: ROOT,
      SWEEP_JOB_ID: "4242",
      OUT_DIR: join(dir, "slurm"),
    });
    expect(merged.code, merged.stderr).toBe(0);
    const result = await readFile(join(dir, "slurm", "sweep.csv"));
    expect(result.equals(await reference(join(dir, "slurm-ref.csv"), "6", "2017"))).toBe(true);
  });

  it("the Kubernetes Indexed Job, one process per completion index, then the merge Job", async () => {
    const job = parse(
      await readFile(join(ROOT, "docs/examples/kubernetes/sweep-job.yaml"), "utf8"),
    ) as {
      spec: {
        completionMode: string;
        completions: number;
        template: {
          spec: {
            containers: {
              command: string[];
              args: string[];
              env: { name: string; value: string }[];
            }[];
          };
        };
      };
    };
    expect(job.spec.completionMode).toBe("Indexed");
    const c = job.spec.template.spec.containers[0]!;
    const env = Object.fromEntries(c.env.map((e) => [e.name, e.value]));
    expect(env["SHARDS"]).toBe(String(job.spec.completions));
    // As if applied with completions and SHARDS both set to 4 (keeps the test light on 2 cores).
    const completions = 4;
    const local = {
      ...env,
      SHARDS: String(completions),
      STRATBAL: `node ${BIN}`,
      SCENARIO: SMALL,
      VARY,
      SAMPLES: "5",
      WORKERS: "1",
      OUT_DIR: join(dir, "k8s"),
    };
    await run("mkdir", ["-p", local.OUT_DIR], {});
    const pods = await Promise.all(
      Array.from({ length: completions }, (_, i) =>
        run(c.command[0]!, [...c.command.slice(1), ...c.args], {
          ...local,
          JOB_COMPLETION_INDEX: String(i),
        }),
      ),
    );
    for (const p of pods) expect(p.code, p.stderr).toBe(0);
    const mergeJob = parse(
      await readFile(join(ROOT, "docs/examples/kubernetes/merge-job.yaml"), "utf8"),
    ) as typeof job;
    const m = mergeJob.spec.template.spec.containers[0]!;
    const merged = await run(m.command[0]!, [...m.command.slice(1), ...m.args], {
      STRATBAL: `node ${BIN}`,
      OUT_DIR: local.OUT_DIR,
      RESULT: join(local.OUT_DIR, "sweep.csv"),
    });
    expect(merged.code, merged.stderr).toBe(0);
    const result = await readFile(join(local.OUT_DIR, "sweep.csv"));
    // The manifest's own seed (2017) is the one the shards used.
    expect(result.equals(await reference(join(dir, "k8s-ref.csv"), "5", env["SEED"]!))).toBe(true);
  });
});

describe("stopping a sweep", () => {
  // 401 evaluations: several seconds even on a quiet machine with two workers, so the signal at
  // 2.5 s always arrives mid-run (41 finished first on a quiet machine).
  for (const [signal, workers, code] of [
    ["SIGINT", "1", 130],
    ["SIGTERM", "2", 143],
  ] as const) {
    it(`${signal} with ${workers} worker(s) leaves no partial file and says how far it got`, async () => {
      const out = join(dir, `stopped-${workers}.csv`);
      const r = await run(
        "node",
        [
          BIN,
          "sweep",
          fixture("sweep-2017.yaml"),
          "--vary",
          "sides.us.defenses.gmd.layers.gmd-mid.interceptors=0:400:401",
          "--workers",
          workers,
          "--out",
          out,
        ],
        {},
        (kill) => setTimeout(() => kill(signal), 2500),
      );
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(
        new RegExp(
          `^✖ interrupted by ${signal}: \\d+ of 401 evaluations had finished \\(\\d+\\.\\d%\\); no output file was written\\n$`,
        ),
      );
      const left = (await readdir(dir)).filter((n) => n.includes(`stopped-${workers}`));
      expect(left).toEqual([]);
    });
  }

  const OLD = "an old complete result\n";
  const longSweep = (out: string) => [
    BIN,
    "sweep",
    fixture("sweep-2017.yaml"),
    "--vary",
    "sides.us.defenses.gmd.layers.gmd-mid.interceptors=0:400:401",
    "--workers",
    "1",
    "--force",
    "--out",
    out,
  ];

  it("SIGINT with --force leaves the old output byte for byte", async () => {
    const out = join(dir, "kept-int.csv");
    await writeFile(out, OLD);
    const r = await run("node", longSweep(out), {}, (kill) =>
      setTimeout(() => kill("SIGINT"), 2500),
    );
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/^✖ interrupted by SIGINT: \d+ of 401 evaluations had finished/);
    expect(await readFile(out, "utf8")).toBe(OLD);
    expect((await readdir(dir)).filter((n) => n.includes("kept-int"))).toEqual(["kept-int.csv"]);
  });

  it("SIGKILL (which cannot be caught) mid-run leaves the old output, and no temporary file", async () => {
    const out = join(dir, "kept-kill.csv");
    await writeFile(out, OLD);
    const r = await run("node", longSweep(out), {}, (kill) =>
      setTimeout(() => kill("SIGKILL"), 2500),
    );
    expect(r.signal).toBe("SIGKILL");
    expect(await readFile(out, "utf8")).toBe(OLD);
    expect((await readdir(dir)).filter((n) => n.includes("kept-kill"))).toEqual(["kept-kill.csv"]);
  });

  it("SIGKILL while the output is being written: the old file or the complete new one, never half", async () => {
    const sub = await mkdtemp(join(dir, "kill-write-"));
    const out = join(sub, "out.csv");
    await writeFile(out, OLD);
    // Killed the moment the temporary file appears (the write phase), so a stale one may remain.
    const watcher = watch(sub);
    let r: Exit;
    try {
      r = await run(
        "node",
        [
          BIN,
          "sweep",
          fixture("sweep-2017.yaml"),
          "--vary",
          "sides.us.defenses.gmd.layers.gmd-mid.interceptors=0:400:3",
          "--workers",
          "1",
          "--force",
          "--out",
          out,
        ],
        {},
        (kill) =>
          watcher.on("change", (_e, name) => {
            if (String(name).endsWith(".tmp")) kill("SIGKILL");
          }),
      );
    } finally {
      watcher.close();
    }
    const text = await readFile(out, "utf8");
    expect(r.code === 0 || r.signal === "SIGKILL").toBe(true);
    if (text !== OLD) {
      // Complete (the kill came after the rename): the header and every row, newline-terminated.
      expect(text.split("\n")).toHaveLength(3 + 2);
      expect(text.endsWith("\n")).toBe(true);
    }
    const left = (await readdir(sub)).filter((n) => n !== "out.csv");
    // Anything left is a hidden temporary file of our own naming: .NAME.PID.RANDOM.tmp
    for (const n of left) expect(n).toMatch(/^\.out\.csv\.\d+\.[0-9a-f]{8}\.tmp$/);
    // The next write of the same output removes it once it is an hour old.
    const hourAgo = new Date(Date.now() - 3_600_000 - 60_000);
    await writeFile(join(sub, ".out.csv.99999.0123abcd.tmp"), "half a file");
    for (const n of [...left, ".out.csv.99999.0123abcd.tmp"])
      await utimes(join(sub, n), hourAgo, hourAgo);
    const again = await runCli([
      "sweep",
      fixture("sweep-small.yaml"),
      "--samples",
      "0",
      "--force",
      "--out",
      out,
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(await readdir(sub)).toEqual(["out.csv"]);
  });
});
