// `npm run bench`: every benchmark, each reported against a baseline measured in the same run.
// Timings are medians of repeated runs after warm-up; results go to stdout and bench/results/.
import { mkdirSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import type { BenchResult } from "./types.ts";

const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv.slice(2);
const results: BenchResult[] = [];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort()) {
  if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
  const mod = (await import(new URL(file, import.meta.url).href)) as Record<string, unknown>;
  for (const [key, fn] of Object.entries(mod)) {
    if (!key.startsWith("bench") || typeof fn !== "function") continue;
    process.stderr.write(`running ${file}:${key}…\n`);
    const out = (await (fn as () => BenchResult[] | Promise<BenchResult[]>)()) ?? [];
    for (const r of out) {
      results.push(r);
      printRow(r);
    }
  }
}

function fmt(x: number | undefined, digits = 3): string {
  return x === undefined || Number.isNaN(x) ? "–" : x.toPrecision(digits);
}

function printRow(r: BenchResult): void {
  const parts = [`${r.name}: ${fmt(r.ms)} ms`];
  if (r.baselineMs !== undefined) parts.push(`${r.baseline ?? "baseline"} ${fmt(r.baselineMs)} ms`);
  if (r.ratio !== undefined) parts.push(`ratio ${fmt(r.ratio)}x`);
  if (r.agreement !== undefined) parts.push(`max |diff| ${r.agreement.toExponential(1)}`);
  if (r.notes) parts.push(r.notes);
  process.stdout.write(parts.join("  |  ") + "\n");
}

const outDir = fileURLToPath(new URL("./results/", import.meta.url));
mkdirSync(outDir, { recursive: true });
const doc = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, results };
writeFileSync(`${outDir}latest.json.tmp`, JSON.stringify(doc, null, 2) + "\n");
renameSync(`${outDir}latest.json.tmp`, `${outDir}latest.json`);
