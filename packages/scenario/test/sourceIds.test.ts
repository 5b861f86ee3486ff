import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { safeParseScenario } from "../src/index.ts";

// A `source:` must name an entry of `sources` itself, not a property every object inherits.

const text = readFileSync(new URL("../../../scenarios/default.yaml", import.meta.url), "utf8");

describe("source ids", () => {
  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])(
    "refuses source: %s with a located unknown_source issue",
    (id) => {
      const edited = text.replace(
        "w80: { value: 500, source: n-w80 }",
        `w80: { value: 500, source: ${id} }`,
      );
      expect(edited).not.toBe(text);
      const r = safeParseScenario(edited, { file: "s.yaml" });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const issue = r.issues.find((i) => i.code === "unknown_source");
      expect(issue?.pathText).toBe("sides[0].w80.source");
      expect(issue?.line).toBeGreaterThan(0);
    },
  );
});
