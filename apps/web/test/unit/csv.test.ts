import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "../../src/charts/csv.ts";

describe("CSV export", () => {
  it("writes a header and rows with LF line ends", () => {
    expect(
      toCsv({
        columns: ["side", "mean", "p05"],
        rows: [
          ["Russia", 384.25, 348],
          ["United States", 623, null],
        ],
      }),
    ).toBe("side,mean,p05\nRussia,384.25,348\nUnited States,623,\n");
  });

  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvField("1,700–2,200")).toBe('"1,700–2,200"');
  });

  it("writes numbers in full precision and non-finite numbers as empty", () => {
    expect(csvField(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(csvField(1e-17)).toBe("1e-17");
    expect(csvField(-3)).toBe("-3");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(true)).toBe("true");
  });

  it("defuses text a spreadsheet would run as a formula, but not negative numbers as text", () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("@cmd")).toBe("'@cmd");
    expect(csvField("-cmd")).toBe("'-cmd");
    expect(csvField("-240")).toBe("-240");
    expect(csvField("−240")).toBe("−240");
  });
});
