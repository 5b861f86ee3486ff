import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./runCli.ts";

// Golden outputs: every shipped scenario through what the CLI runs, numbers normalised to 9
// significant digits, compared with packages/cli/test/golden/. Regenerate only on purpose:
//   UPDATE_GOLDEN=1 npx vitest run packages/cli/test/golden.test.ts

const root = fileURLToPath(new URL("../../../", import.meta.url));
const goldenDir = fileURLToPath(new URL("./golden/", import.meta.url));
const update = process.env["UPDATE_GOLDEN"] === "1";
const scenarios = readdirSync(`${root}scenarios`)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

/** Rounds every number to 9 significant digits, so that the last bits of floating point don't churn goldens. */
export function normalise(value: unknown): unknown {
  if (typeof value === "number")
    return Number.isFinite(value) ? Number(value.toPrecision(9)) : String(value);
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, normalise(v)]),
    );
  }
  return value;
}

/**
 * Deep comparison where numbers may differ by one unit in the 9th significant digit (a value on a
 * rounding boundary can round either way when summation order changes); everything else exactly.
 */
function expectGolden(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === "number" && typeof actual === "number") {
    // One unit in the 9th significant digit of the golden value.
    const tol =
      expected === 0 ? 1e-300 : 1.01 * 10 ** (Math.floor(Math.log10(Math.abs(expected))) - 8);
    if (!(Math.abs(actual - expected) <= tol))
      expect.fail(`${where}: ${actual} differs from golden ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      expect.fail(
        `${where}: expected a list of ${expected.length}, got ${JSON.stringify(actual)?.slice(0, 80)}`,
      );
    }
    expected.forEach((e, i) => expectGolden((actual as unknown[])[i], e, `${where}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") expect.fail(`${where}: expected an object`);
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    expect(Object.keys(a).sort(), `${where}: keys`).toEqual(Object.keys(e).sort());
    for (const k of Object.keys(e)) expectGolden(a[k], e[k], `${where}.${k}`);
    return;
  }
  expect(actual, where).toEqual(expected);
}

/** The commands whose output is pinned for a scenario. */
function commandsFor(file: string): string[][] {
  const text = readFileSync(`${root}scenarios/${file}`, "utf8");
  const cmds = [
    ["analyze", `scenarios/${file}`, "--json"],
    ["treaty", `scenarios/${file}`, "--json"],
  ];
  if (/^race:/m.test(text)) cmds.push(["race", `scenarios/${file}`, "--json"]);
  return cmds;
}

describe("golden outputs of the shipped scenarios", () => {
  it("runs from the repository root, with scenarios to check", () => {
    expect(process.cwd() + "/").toBe(root);
    expect(scenarios.length).toBeGreaterThan(0);
  });
  for (const file of scenarios) {
    for (const args of commandsFor(file)) {
      const name = `${file.replace(/\.ya?ml$/, "")}.${args[0]}.json`;
      it(`${args.join(" ")} matches golden/${name}`, async () => {
        // Paths are relative to the repository root (vitest runs there), so goldens name them alike.
        const r = await runCli(args);
        expect(r.code, r.stderr).toBe(0);
        const actual = normalise(JSON.parse(r.stdout));
        const path = `${goldenDir}${name}`;
        if (update || !existsSync(path)) {
          if (!update)
            throw new Error(`no golden file ${name}; run with UPDATE_GOLDEN=1 to create it`);
          mkdirSync(goldenDir, { recursive: true });
          writeFileSync(path, JSON.stringify(actual, null, 1) + "\n");
          return;
        }
        expectGolden(actual, JSON.parse(readFileSync(path, "utf8")) as unknown, name);
      });
    }
  }
});
