import { readdirSync } from "node:fs";
import { safeParseScenario } from "@stratbal/scenario";
import { describe, expect, it } from "vitest";
import { DEFAULT_ENTRY, LIBRARY, defaultEntry, makeLibrary } from "../../src/scenario/library.ts";

const SCENARIOS = new URL("../../../../scenarios/", import.meta.url);

describe("scenario library", () => {
  it("holds every file in scenarios/, each valid, titled as in the file", () => {
    const files = readdirSync(SCENARIOS)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
    expect(LIBRARY.map((e) => e.file.replace("scenarios/", "")).sort()).toEqual(files);
    for (const e of LIBRARY) {
      const r = safeParseScenario(e.text, { file: e.file });
      expect(r.ok, e.file).toBe(true);
      if (r.ok) expect(e.title, e.file).toBe(r.scenario.title);
    }
  });

  it("opens on default.yaml, else the 2017 balance, else the first file", () => {
    expect(DEFAULT_ENTRY.id).toBe("default");
    const lib = makeLibrary({
      "x/b.yaml": "title: B\n",
      "x/us-russia-2017.yaml": "title: '2017'\n",
      "x/a.yml": "",
    });
    expect(lib.map((e) => [e.id, e.title])).toEqual([
      ["a", "a"],
      ["b", "B"],
      ["us-russia-2017", "2017"],
    ]);
    expect(defaultEntry(lib)?.id).toBe("us-russia-2017");
    expect(defaultEntry(lib.filter((e) => e.id !== "us-russia-2017"))?.id).toBe("a");
    expect(defaultEntry([])).toBeUndefined();
  });
});
