import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./runCli.ts";

// Bad input (DESIGN §4, STYLE "Errors"): every malformed scenario, through `stratbal validate`
// and `stratbal analyze` in process, exits 2 with one line per problem in the house format
// `✖ file:line:col  path  message`, no stack trace, nothing on stdout but the verdict, and the
// input file byte-for-byte unchanged. The fixtures are files of the bad-input corpus in
// packages/scenario/test/bad/ (each file says what is wrong with it; the corpus test runs all of
// them through the bundled CLI); the 50 MB file, the directory and the deep nesting are made in
// a temporary directory here and not committed.

const COMMANDS = ["validate", "analyze"] as const;
const bad = (name: string) =>
  fileURLToPath(new URL(`../../scenario/test/bad/${name}`, import.meta.url));

interface Expected {
  /** 1-based line and column; the text found there must start with `at`. */
  line: number;
  col: number;
  at?: string;
  path: string;
  message: RegExp;
}

interface Issue {
  line: number;
  col: number;
  path: string;
  message: string;
}

/** Parses stderr lines `✖ file:line:col  path  message` (or `✖ file  path  message`). */
function issuesOf(stderr: string, file: string): Issue[] {
  const lines = stderr.split("\n").filter((l) => l !== "");
  return lines.map((l) => {
    expect(l.startsWith(`✖ ${file}`), `issue line names the file: ${l}`).toBe(true);
    const rest = l.slice(`✖ ${file}`.length);
    const m = /^(?::(\d+):(\d+))? {2}(\S+) {2}(.+)$/.exec(rest);
    expect(m, `issue line in the house format: ${l}`).not.toBeNull();
    return {
      line: Number(m![1] ?? 0),
      col: Number(m![2] ?? 0),
      path: m![3]!,
      message: m![4]!,
    };
  });
}

function fingerprint(path: string): string {
  const st = statSync(path);
  const hash = createHash("sha256").update(readFileSync(path)).digest("hex");
  return `${hash}:${st.size}:${st.mtimeMs}`;
}

/** The text of `file` at a 1-based line and column. */
function textAt(file: string, line: number, col: number): string {
  return (readFileSync(file, "utf8").split("\n")[line - 1] ?? "").slice(col - 1);
}

function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(stderr).not.toMatch(/internal error|Error:|node:internal/);
}

/** Runs both commands on `file`; checks the common contract and returns the parsed issues. */
async function runBoth(file: string): Promise<Issue[][]> {
  const out: Issue[][] = [];
  for (const cmd of COMMANDS) {
    const before = fingerprint(file);
    const r = await runCli([cmd, file]);
    expect(r.code, `${cmd} exit code`).toBe(2);
    expect(r.stdout, `${cmd} stdout`).toBe("");
    expectNoStackTrace(r.stderr);
    expect(fingerprint(file), `${cmd} leaves the file unchanged`).toBe(before);
    out.push(issuesOf(r.stderr, file));
  }
  // Both commands report the same problems.
  expect(out[1]).toEqual(out[0]);
  return out;
}

async function expectIssues(name: string, expected: Expected[]): Promise<Issue[]> {
  const file = bad(name);
  const [issues] = await runBoth(file);
  for (const e of expected) {
    const found = issues!.find(
      (i) => i.path === e.path && i.line === e.line && i.col === e.col && e.message.test(i.message),
    );
    expect(
      found,
      `${name}: ${e.line}:${e.col} ${e.path} ${e.message} in\n${JSON.stringify(issues, null, 1)}`,
    ).toBeDefined();
    if (e.at !== undefined)
      expect(textAt(file, e.line, e.col).startsWith(e.at), `text at ${e.line}:${e.col}`).toBe(true);
  }
  for (const i of issues!) {
    expect(i.line, `${i.path} has a line`).toBeGreaterThanOrEqual(1);
    expect(i.col, `${i.path} has a column`).toBeGreaterThanOrEqual(1);
  }
  return issues!;
}

describe("stratbal validate / analyze on bad scenario files", () => {
  it("the control file without the errors validates and analyzes (exit 0)", async () => {
    for (const cmd of COMMANDS) {
      const r = await runCli([cmd, bad("valid.yaml")]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe("");
    }
  });

  it("wrong types: a string for a count or probability, a mapping for a list", async () => {
    await expectIssues("wrong-types.yaml", [
      {
        line: 15,
        col: 20,
        at: "many",
        path: "sides[0].forces[0].launchers",
        message: /whole number.*got "many"/,
      },
      {
        line: 17,
        col: 22,
        at: "high",
        path: "sides[0].forces[0].reliability",
        message: /probability in \[0, 1\].*got "high"/,
      },
      { line: 21, col: 11, at: "42", path: "sides[1].name", message: /expected text, got 42/ },
      {
        line: 23,
        col: 13,
        at: "{ id: red-silo }",
        path: "sides[1].forces",
        message: /expected a list/,
      },
    ]);
  });

  it("missing fields: each required field named at its parent", async () => {
    await expectIssues("missing-fields.yaml", [
      { line: 3, col: 1, at: "schemaVersion", path: "title", message: /is required/ },
      { line: 8, col: 5, at: "id: blue", path: "sides[0].w80", message: /is required/ },
      {
        line: 11,
        col: 9,
        at: "{ id: blue-silo",
        path: "sides[0].forces[0].basing",
        message: /silo, mobile, ssbn, bomber/,
      },
      {
        line: 11,
        col: 9,
        at: "{ id: blue-silo",
        path: "sides[0].forces[0].reliability",
        message: /is required \(a probability in \[0, 1\]\)/,
      },
      {
        line: 15,
        col: 13,
        at: "{ id: blue-mid",
        path: "sides[0].defenses[0].layers[0].sspk",
        message: /is required/,
      },
    ]);
  });

  it("unknown keys: located at the key, with 'did you mean' when one is close", async () => {
    const issues = await expectIssues("unknown-keys.yaml", [
      {
        line: 13,
        col: 56,
        at: "warheadPerLauncher",
        path: "sides[0].forces[0].warheadPerLauncher",
        message: /unknown key "warheadPerLauncher" \(did you mean "warheadsPerLauncher"\?\)/,
      },
      {
        line: 13,
        col: 79,
        at: "realiability",
        path: "sides[0].forces[0].realiability",
        message: /did you mean "reliability"\?/,
      },
      {
        line: 14,
        col: 5,
        at: "counterforcePK",
        path: "sides[0].counterforcePK",
        message: /did you mean "counterforcePk"\?/,
      },
      {
        line: 18,
        col: 65,
        at: "spk",
        path: "sides[0].defenses[0].layers[0].spk",
        message: /did you mean "sspk"\?/,
      },
      {
        line: 21,
        col: 5,
        at: "colour",
        path: "sides[1].colour",
        message: /unknown key "colour" \(expected one of id, name,/,
      },
    ]);
    // Nothing close to "colour": no suggestion is made up.
    expect(issues.find((i) => i.path === "sides[1].colour")!.message).not.toMatch(/did you mean/);
  });

  it("probabilities and shares outside [0, 1], and NaN", async () => {
    await expectIssues("probabilities.yaml", [
      {
        line: 13,
        col: 93,
        at: "1.4",
        path: "sides[0].forces[0].reliability",
        message: /probability in \[0, 1\], got 1.4/,
      },
      {
        line: 13,
        col: 110,
        at: "2",
        path: "sides[0].forces[0].survivable",
        message: /share in \[0, 1\], got 2/,
      },
      { line: 14, col: 29, at: "1.5", path: "sides[0].counterforcePk.silo", message: /got 1.5/ },
      { line: 14, col: 42, at: ".nan", path: "sides[0].counterforcePk.mobile", message: /got NaN/ },
      {
        line: 18,
        col: 71,
        at: "-0.1",
        path: "sides[0].defenses[0].layers[0].sspk",
        message: /got -0.1/,
      },
      {
        line: 18,
        col: 87,
        at: "1.2",
        path: "sides[0].defenses[0].layers[0].coverage",
        message: /expected a share in \[0, 1\], got 1.2/,
      },
      { line: 24, col: 32, at: "-0.5", path: "analysis.launchUnderAttack", message: /got -0.5/ },
    ]);
  });

  it("negative, fractional and absurd counts; a w80 of 0", async () => {
    await expectIssues("negative-counts.yaml", [
      { line: 11, col: 19, at: "0", path: "sides[0].w80.value", message: /above 0, got 0/ },
      {
        line: 13,
        col: 51,
        at: "-5",
        path: "sides[0].forces[0].launchers",
        message: /whole number from 0 to 1,000,000, got -5/,
      },
      {
        line: 13,
        col: 76,
        at: "0",
        path: "sides[0].forces[0].warheadsPerLauncher",
        message: /from 1 to 1,000,000, got 0/,
      },
      {
        line: 13,
        col: 97,
        at: "2.5",
        path: "sides[0].forces[0].decoysPerWarhead",
        message: /whole number.*got 2.5/,
      },
      {
        line: 17,
        col: 61,
        at: "-1",
        path: "sides[0].defenses[0].layers[0].interceptors",
        message: /got -1/,
      },
      {
        line: 22,
        col: 50,
        at: "1e12",
        path: "sides[1].forces[0].launchers",
        message: /got 1000000000000/,
      },
    ]);
  });

  it("unknown source ids, with 'did you mean' when one is close", async () => {
    const issues = await expectIssues("unknown-sources.yaml", [
      {
        line: 14,
        col: 73,
        at: "nst2071",
        path: "sides[0].forces[0].launchers.source",
        message: /source "nst2071" is not in sources \(did you mean "nst2017"\?\)/,
      },
      {
        line: 17,
        col: 32,
        at: "nowhere",
        path: "sides[1].w80.source",
        message: /source "nowhere" is not in sources/,
      },
    ]);
    expect(issues.length).toBe(2);
  });

  it("a JSON scenario with errors is located like YAML", async () => {
    await expectIssues("errors.json", [
      { line: 4, col: 11, at: '"2017-02-30"', path: "asOf", message: /not a calendar date/ },
      { line: 13, col: 26, at: "1.5", path: "sides[0].forces[0].reliability", message: /got 1.5/ },
      {
        line: 13,
        col: 70,
        at: '"yield"',
        path: "sides[0].forces[0].yield",
        message: /unknown key "yield"/,
      },
      {
        line: 19,
        col: 40,
        at: '"notionl"',
        path: "sides[1].w80.source",
        message: /did you mean "notional"\?/,
      },
      {
        line: 21,
        col: 39,
        at: '"cave"',
        path: "sides[1].forces[0].basing",
        message: /silo, mobile, ssbn, bomber; got "cave"/,
      },
    ]);
  });

  it("a YAML syntax error: one located issue, no half-read scenario", async () => {
    const issues = await expectIssues("syntax-error.yaml", []);
    expect(issues.length).toBe(1);
    // The flow mapping is opened on line 11; the parser can only tell at the next entry.
    expect(issues[0]!.line).toBeGreaterThanOrEqual(11);
    expect(issues[0]!.line).toBeLessThanOrEqual(12);
    expect(issues[0]!.path).toBe("(document)");
    expect(issues[0]!.message).toMatch(/flow map/i);
  });

  it("a YAML alias bomb (billion laughs) is refused without expanding it", async () => {
    const issues = await expectIssues("alias-bomb.yaml", []);
    expect(issues.length).toBe(1);
    expect(issues[0]!.message).toMatch(
      /expands YAML aliases more than \d+ times \(an alias bomb\?\)/,
    );
  });

  it("an empty file, a top-level list, duplicate keys, a newer schemaVersion", async () => {
    const one = async (name: string, path: string, message: RegExp) => {
      const issues = await expectIssues(name, []);
      expect(issues.length, name).toBe(1);
      expect(issues[0]!.path, name).toBe(path);
      expect(issues[0]!.message, name).toMatch(message);
    };
    await one("empty.yaml", "(document)", /expected a mapping at the top of the file/);
    await one("top-level-list.yaml", "(document)", /expected a mapping/);
    await one("duplicate-keys.yaml", "(document)", /keys must be unique/i);
    await one("future-version.yaml", "schemaVersion", /needs schemaVersion 99.*upgrade stratbal/);
  });

  it("validate reports every file: a good one passes, a bad one fails the run", async () => {
    const r = await runCli(["validate", bad("valid.yaml"), bad("unknown-sources.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/✔ .*valid\.yaml {2}valid/);
    expect(r.stderr.split("\n").filter((l) => l.startsWith("✖")).length).toBe(2);
  });

  it("validate --json gives the same issues as data, and exit 2", async () => {
    const r = await runCli(["validate", "--json", bad("unknown-sources.yaml")]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as {
      valid: boolean;
      files: {
        ok: boolean;
        issues: { code: string; line: number; col: number; pathText: string }[];
      }[];
    };
    expect(doc.valid).toBe(false);
    expect(doc.files[0]!.ok).toBe(false);
    expect(doc.files[0]!.issues.map((i) => [i.pathText, i.line, i.col])).toEqual([
      ["sides[0].forces[0].launchers.source", 14, 73],
      ["sides[1].w80.source", 17, 32],
    ]);
  });
});

describe("files that cannot be a scenario", () => {
  const dir = mkdtempSync(join(tmpdir(), "stratbal-bad-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** File-level problems have no line: `✖ file  (file)  message`. */
  async function fileLevel(file: string, message: RegExp): Promise<void> {
    for (const cmd of COMMANDS) {
      const r = await runCli([cmd, file]);
      expect(r.code, cmd).toBe(2);
      expect(r.stdout).toBe("");
      expectNoStackTrace(r.stderr);
      const issues = issuesOf(r.stderr, file);
      expect(issues.length).toBe(1);
      expect(issues[0]!.path).toBe("(file)");
      expect(issues[0]!.message).toMatch(message);
    }
  }

  it("a file that does not exist", async () => {
    await fileLevel(join(dir, "no-such-scenario.yaml"), /no such file/);
  });

  it("a directory", async () => {
    await fileLevel(dir, /is not a file/);
  });

  it("a 50 MB file is refused by size, before it is read, and left as it was", async () => {
    const big = join(dir, "big.yaml");
    const header = "schemaVersion: 1\ntitle: Big\n";
    const size = 50 * 1024 * 1024;
    const body = Buffer.alloc(size - header.length, "# padding padding padding padding\n");
    writeFileSync(big, Buffer.concat([Buffer.from(header), body]));
    const before = fingerprint(big);
    await fileLevel(big, /file is 50\.0 MiB; a scenario may be at most 256 KiB/);
    expect(fingerprint(big)).toBe(before);
  });

  let deepRun: Promise<{ file: string; code: number; stdout: string; stderr: string }> | undefined;
  const deepOnce = () =>
    (deepRun ??= (async () => {
      const file = join(dir, "deep.yaml");
      writeFileSync(file, `schemaVersion: 1\ntitle: ${"[".repeat(5000)}${"]".repeat(5000)}\n`);
      const before = fingerprint(file);
      const r = await runCli(["validate", file]);
      expect(fingerprint(file)).toBe(before);
      return { file, ...r };
    })());

  it("a deeply nested document (5,000 levels of flow lists) is refused with exit 2", async () => {
    const r = await deepOnce();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expectNoStackTrace(r.stderr);
    expect(issuesOf(r.stderr, r.file).length).toBeGreaterThanOrEqual(1);
  });

  // The YAML parser recurses once per nesting level; a depth check before parsing refuses such
  // documents with a message that names the problem, instead of a stack overflow.
  it("a deeply nested document is refused with a message about its nesting", async () => {
    expect((await deepOnce()).stderr).toMatch(/nests deeper than 64 levels/);
  });

  // Without the depth check, 15,000 levels parsed twice in one process aborted V8
  // ("RegExpCompiler Allocation failed"), so an in-process host (tests, the web worker) could crash.
  it("15,000 levels of nesting, parsed twice in one process, do not crash", async () => {
    const file = join(dir, "deeper.yaml");
    writeFileSync(file, `schemaVersion: 1\ntitle: ${"[".repeat(15_000)}${"]".repeat(15_000)}\n`);
    for (let i = 0; i < 2; i++) {
      const r = await runCli(["validate", file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/nests deeper/);
    }
  });
});
