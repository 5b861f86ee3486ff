import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generateDatasets } from "../../../../scripts/gen-datasets.ts";

const root = fileURLToPath(new URL("../../../../", import.meta.url));

// The typed datasets in core are generated from data/*.csv: the CSVs are the single source.
describe("generated datasets", () => {
  it("match the CSVs in data/ (run `npx tsx scripts/gen-datasets.ts` after editing a CSV)", async () => {
    const generated = await generateDatasets(root);
    expect(generated.size).toBe(5);
    for (const [path, text] of generated) {
      expect(readFileSync(root + path, "utf8"), path).toBe(text);
    }
  });
});
