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
    expect(csvField("-0.5")).toBe("-0.5");
    expect(csvField("-1e-3")).toBe("-1e-3");
  });

  it("defuses formulas that start like a negative number, and DDE payloads", () => {
    expect(csvField("-1+1")).toBe("'-1+1");
    expect(csvField("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvField("-.5*A1")).toBe("'-.5*A1");
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("\t=1")).toBe("'\t=1");
    expect(csvField("\r=1")).toBe('"\'\r=1"');
    expect(csvField("+cmd|' /C calc'!A0,x")).toBe(`"'+cmd|' /C calc'!A0,x"`);
    // Only the start matters: text with a formula sign inside is left as it is.
    expect(csvField("a=b")).toBe("a=b");
    expect(toCsv({ columns: ["=title"], rows: [["@SUM(A1)"]] })).toBe("'=title\n'@SUM(A1)\n");
  });
});
